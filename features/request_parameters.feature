Feature: CreateReverseDtsJob request parameters
  The document's request table has two rows: Action, which must be CreateReverseDtsJob, and
  DtsJobId, the ID of the data synchronization or migration task, which is required.

  @req.Action @req.DtsJobId @mutating
  Scenario: Action CreateReverseDtsJob with the DtsJobId of a synchronization task is accepted
    Given a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    Then the call succeeds with HTTP 200

  @req.Action @gw.InvalidApi.NotFound
  Scenario: the Action value is case-sensitive
    When the caller calls the action "createreversedtsjob"
    Then the call fails with HTTP 404 and error code "InvalidApi.NotFound"

  @req.DtsJobId @gw.MissingParameter
  Scenario: a request without DtsJobId is refused as missing a mandatory parameter
    When the caller calls CreateReverseDtsJob without a DtsJobId
    Then the call fails with HTTP 400 and error code "MissingDtsJobId"
    And no reverse task is created

  @req.DtsJobId @err.InvalidParameter
  Scenario Outline: a malformed DtsJobId (<case>) is refused as an invalid parameter
    When the caller calls CreateReverseDtsJob with DtsJobId "<value>"
    Then the call fails with HTTP 403 and error code "InvalidParameter"
    And the error message is the document's InvalidParameter message for "DtsJobId"
    And no reverse task is created

    Examples:
      | case              | value              |
      | masked document id | n99m9jx822k****   |
      | upper case        | N99M9JX822K0000    |
      | markup            | </DtsJobId>        |

  @req.DtsJobId
  Scenario: a well-formed DtsJobId that names no task is refused and creates nothing
    Given a DtsJobId that names no task
    When the caller calls CreateReverseDtsJob for that task
    Then the call is refused with HTTP 403 as an invalid or unknown DtsJobId
    And no reverse task is created
