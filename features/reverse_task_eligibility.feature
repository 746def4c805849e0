@mock-only @mutating
Feature: which tasks can take a reverse task
  The document accepts a data synchronization or migration task. A task that is not one, that
  has not replicated yet, or that already has a reverse task gets a distinct answer.

  @req.DtsJobId
  Scenario: a change tracking task cannot take a reverse task
    Given a change tracking task
    When the caller calls CreateReverseDtsJob for that task
    Then the call fails with HTTP 403 and error code "DTS.Msg.OperationDenied.JobType"
    And no reverse task is created

  @req.DtsJobId
  Scenario: a task that has not started cannot take a reverse task
    Given a data synchronization task in status "NotStarted"
    When the caller calls CreateReverseDtsJob for that task
    Then the call fails with HTTP 403 and error code "DTS.Msg.OperationDenied.JobStatus"
    And no reverse task is created

  @req.DtsJobId
  Scenario: a task gets one reverse task, and a second call is refused
    Given a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    Then the call succeeds with HTTP 200
    When the caller calls CreateReverseDtsJob for that task
    Then the call fails with HTTP 403 and error code "DTS.Msg.OperationDenied.ReverseJobExists"
    And exactly one reverse task exists for that task

  @req.DtsJobId
  Scenario: concurrent calls for one task create exactly one reverse task
    Given a data synchronization task that can take a reverse task
    When 8 callers call CreateReverseDtsJob for that task at the same time
    Then exactly one of the calls succeeds
    And the others fail with HTTP 403 and error code "DTS.Msg.OperationDenied.ReverseJobExists"
    And exactly one reverse task exists for that task
