Feature: CreateReverseDtsJob error codes
  The document's error table: each code with its HTTP status and message, provoked the way a
  real caller meets it. Error bodies carry Code, Message and RequestId, which the official
  SDKs read.

  @mock-only @err.InvalidSecurityToken.Expired
  Scenario Outline: a call with an expired STS token is refused in <format>
    Given the caller asks for <format> responses
    And the caller uses an STS token that has expired
    When the caller calls CreateReverseDtsJob with DtsJobId "n99m9jx822k0000"
    Then the call fails with HTTP 403 and error code "InvalidSecurityToken.Expired"
    And the error message is "Specified SecurityToken is expired."
    And the error body carries the code, the message and the request ID

    Examples:
      | format |
      | JSON   |
      | XML    |

  @err.InvalidParameter
  Scenario Outline: a bad DtsJobId is refused with InvalidParameter in <format>
    Given the caller asks for <format> responses
    When the caller calls CreateReverseDtsJob with DtsJobId "bad id with spaces"
    Then the call fails with HTTP 403 and error code "InvalidParameter"
    And the error message is the document's InvalidParameter message for "DtsJobId"
    And the error body carries the code, the message and the request ID

    Examples:
      | format |
      | JSON   |
      | XML    |

  @mock-only @err.Throttling.User
  Scenario Outline: a burst over the account's rate is throttled in <format>
    Given the caller asks for <format> responses
    And the account may send 3 requests at once
    When the caller sends 6 CreateReverseDtsJob calls at once
    Then at least one call fails with HTTP 400 and error code "Throttling.User"
    And the throttled answer's message is "Request was denied due to user flow control."
    And the throttled answer says when to retry

    Examples:
      | format |
      | JSON   |
      | XML    |

  @mock-only @mutating @err.ServiceUnavailable
  Scenario Outline: a temporary service failure answers ServiceUnavailable in <format>
    Given the caller asks for <format> responses
    And a data synchronization task that can take a reverse task
    And the service fails the next CreateReverseDtsJob call
    When the caller calls CreateReverseDtsJob for that task
    Then the call fails with HTTP 500 and error code "ServiceUnavailable"
    And the error message is "The request has failed due to a temporary failure of the server."
    And the error body carries the code, the message and the request ID
    And no reverse task is created
    When the caller calls CreateReverseDtsJob for that task
    Then the call succeeds with HTTP 200

    Examples:
      | format |
      | JSON   |
      | XML    |
