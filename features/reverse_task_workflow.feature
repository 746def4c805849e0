@mock-only @mutating
Feature: the reverse task's lifecycle
  After a reverse task is created, DTS performs a precheck. The incremental data collection
  starts after the task passes the precheck. The Incremental Write module is not started. To
  start the Incremental Write module, call the StartReverseWriter operation.

  @beh.1
  Scenario Outline: a reverse task is created for a <kind> task
    Given a data <kind> task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    Then the call succeeds with HTTP 200
    And DescribeDtsJobs shows the task with a ReverseJob block for the new reverse task
    And the reverse task runs in the Reverse direction

    Examples:
      | kind            |
      | synchronization |
      | migration       |

  @beh.2 @beh.3
  Scenario: the precheck runs first, and incremental data collection waits for it
    Given a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    Then the reverse task's precheck is running
    And incremental data collection has not started
    When the precheck has had time to finish
    Then the reverse task's precheck has passed
    And incremental data collection is running

  @beh.4
  Scenario: the incremental writer is not started after the precheck passes
    Given a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    And the precheck has had time to finish
    Then the incremental writer is not started
    And the reverse task's status is "Suspending"

  @beh.5
  Scenario Outline: StartReverseWriter starts the incremental writer in <format>
    Given the caller asks for <format> responses
    And a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    And the precheck has had time to finish
    And the caller calls StartReverseWriter for the reverse task
    Then the call succeeds with HTTP 200
    And "Success" is the string "true"
    And the incremental writer is running
    And the reverse task's status is "Synchronizing"

    Examples:
      | format |
      | JSON   |
      | XML    |

  @beh.5
  Scenario: StartReverseWriter honours the CheckPoint it is given
    Given a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    And the precheck has had time to finish
    And the caller calls StartReverseWriter for the reverse task from checkpoint "1695613785"
    Then the call succeeds with HTTP 200
    And the reverse task's checkpoint is "1695613785"

  @beh.5
  Scenario: StartReverseWriter cannot start the writer while the precheck runs
    Given a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    And the caller calls StartReverseWriter for the reverse task
    Then the call fails with HTTP 403 and error code "DTS.Msg.OperationDenied.JobStatus"
    And the incremental writer is not started

  @beh.6
  Scenario: when the precheck fails, nothing starts and the writer cannot be started
    Given a data synchronization task whose reverse task will fail its precheck
    When the caller calls CreateReverseDtsJob for that task
    And the precheck has had time to finish
    Then the reverse task's precheck has failed
    And incremental data collection has not started
    And the reverse task's status is "PrecheckFailed"
    When the caller calls StartReverseWriter for the reverse task
    Then the call fails with HTTP 403 and error code "DTS.Msg.OperationDenied.JobStatus"
    And the incremental writer is not started
