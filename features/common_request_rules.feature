Feature: the common request rules every call meets
  Every RPC call is signed (V1 HMAC-SHA1 in the parameters, or V3 ACS3-HMAC-SHA256 in the
  Authorization header), carries a timestamp within the accepted window and a nonce used only
  once, and names a known AccessKey, action and version.

  Scenario Outline: a <signature> request sent with <method> is accepted
    Given the caller signs with <signature> and sends <method> requests
    When the caller lists its synchronization tasks
    Then the call succeeds with HTTP 200

    Examples:
      | signature | method          |
      | V1        | GET             |
      | V1        | POST            |
      | V1        | POST form body  |
      | V3        | POST            |
      | V3        | GET             |

  @gw.SignatureDoesNotMatch
  Scenario Outline: a request signed with the wrong secret is refused with the server's string to sign (<signature>)
    Given the caller signs with <signature> and sends POST requests
    And the caller signs with a wrong AccessKey secret
    When the caller lists its synchronization tasks
    Then the call fails with HTTP 400 and error code "SignatureDoesNotMatch"
    And the error message shows the server's string to sign

    Examples:
      | signature |
      | V1        |
      | V3        |

  @gw.SignatureNonceUsed
  Scenario: a replayed request is refused
    When the caller sends the same signed request twice
    Then the first call succeeds with HTTP 200
    And the second call fails with HTTP 400 and error code "SignatureNonceUsed"

  @gw.InvalidTimeStamp.Expired
  Scenario: a request whose timestamp is 20 minutes old is refused
    Given the caller's clock is 20 minutes behind
    When the caller lists its synchronization tasks
    Then the call fails with HTTP 400 and error code "InvalidTimeStamp.Expired"

  @gw.InvalidAccessKeyId.NotFound
  Scenario: an unknown AccessKey ID is refused
    Given the caller uses an AccessKey ID the service does not know
    When the caller lists its synchronization tasks
    Then the call fails with HTTP 404 and error code "InvalidAccessKeyId.NotFound"

  @gw.InvalidApi.NotFound
  Scenario: an action the service does not have is refused
    When the caller calls the action "CreateReverseDtsJobs"
    Then the call fails with HTTP 404 and error code "InvalidApi.NotFound"

  @gw.InvalidVersion
  Scenario: an API version other than 2020-01-01 is refused
    Given the caller asks for API version "2020-01-02"
    When the caller lists its synchronization tasks
    Then the call fails with HTTP 400 and error code "InvalidVersion"

  @mock-only @gw.InvalidSecurityToken.Malformed
  Scenario: an STS token the service never issued is refused
    Given the caller uses an STS token the service never issued
    When the caller lists its synchronization tasks
    Then the call fails with HTTP 403 and error code "InvalidSecurityToken.Malformed"
