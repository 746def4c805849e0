Feature: CreateReverseDtsJob response fields
  The document's response table: HttpStatusCode, RequestId, ErrCode, DtsJobId, DtsInstanceId,
  Success and ErrMessage, every one of type String, in XML and in JSON.

  @mutating @resp.HttpStatusCode @resp.RequestId @resp.DtsJobId @resp.DtsInstanceId @resp.Success
  Scenario Outline: a successful call answers with every success field of the table in <format>
    Given the caller asks for <format> responses
    And a data synchronization task that can take a reverse task
    When the caller calls CreateReverseDtsJob for that task
    Then the call succeeds with HTTP 200
    And the body is <format> with the root element "CreateReverseDtsJobResponse"
    And the response carries every success field of the document's response table as a string
    And "HttpStatusCode" is the string "200"
    And "Success" is the string "true"
    And "RequestId" has the form of a request ID
    And "DtsJobId" names a new task, not the one given
    And "DtsInstanceId" names a DTS instance

    Examples:
      | format |
      | JSON   |
      | XML    |

  @resp.RequestId @resp.ErrCode @resp.ErrMessage @resp.Success @resp.HttpStatusCode @err.InvalidParameter
  Scenario Outline: a failed call carries ErrCode and ErrMessage in <format>
    Given the caller asks for <format> responses
    When the caller calls CreateReverseDtsJob with DtsJobId "not-a-job-id"
    Then the call fails with HTTP 403 and error code "InvalidParameter"
    And the response carries every failure field of the document's response table as a string
    And "Success" is the string "false"
    And "HttpStatusCode" is the string "403"
    And "ErrCode" is the string "InvalidParameter"
    And "ErrMessage" is the document's InvalidParameter message for "DtsJobId"

    Examples:
      | format |
      | JSON   |
      | XML    |
