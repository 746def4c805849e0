//! The published V3 vectors (reference §8.2), each checked in both directions.

use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn names(list: &str) -> Vec<String> {
    list.split(';').map(str::to_owned).collect()
}

fn with_authorization(headers: &[(String, String)], value: &str) -> Vec<(String, String)> {
    let mut all = headers.to_vec();
    all.push(("Authorization".to_owned(), value.to_owned()));
    all
}

/// A different signature of the same shape: the last hex digit replaced.
fn changed(authorization: &str) -> String {
    let replacement = if authorization.ends_with('0') {
        "1"
    } else {
        "0"
    };
    format!("{}{replacement}", &authorization[..authorization.len() - 1])
}

fn assert_mismatch(result: Result<Authorization, SignatureError>, expected_string_to_sign: &str) {
    match result {
        Err(SignatureError::Mismatch { string_to_sign, .. }) => {
            assert_eq!(string_to_sign, expected_string_to_sign);
        }
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

const EMPTY_BODY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const V3_A_PAYLOAD_HASH: &str = "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23";

const V3_A_CANONICAL_REQUEST: &str = "
/
empty=&test=ok
x-acs-test:http,https

x-acs-test
55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23";

const V3_A_AUTHORIZATION: &str = "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,\
    Signature=4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3";

fn v3_a_query() -> Vec<(String, String)> {
    pairs(&[("test", "ok"), ("empty", "")])
}

/// Two spellings of one header name: their values are joined in arrival order.
fn v3_a_headers() -> Vec<(String, String)> {
    pairs(&[("x-acs-test", "http"), ("x-acs-TEST", "https")])
}

#[test]
fn v3_a_sdk_vector_joins_repeated_header_values_and_signs_an_empty_method() {
    let (query, headers) = (v3_a_query(), v3_a_headers());
    let signed = names("x-acs-test");

    let canonical = canonical_request("", &query, &headers, &signed, V3_A_PAYLOAD_HASH);
    let authorization = Authorization {
        access_key_id: "acesskey".to_owned(),
        signed_headers: signed,
        signature: sign("secret", &string_to_sign(&canonical)),
    };

    assert_eq!(canonical, V3_A_CANONICAL_REQUEST);
    assert_eq!(authorization.to_header_value(), V3_A_AUTHORIZATION);
}

#[test]
fn v3_a_published_authorization_verifies_and_a_changed_one_does_not() {
    let (query, headers) = (v3_a_query(), v3_a_headers());
    let string_to_sign = string_to_sign(V3_A_CANONICAL_REQUEST);

    let accepted = verify_hashed(
        "",
        &query,
        &with_authorization(&headers, V3_A_AUTHORIZATION),
        V3_A_PAYLOAD_HASH,
        "secret",
    );
    let refused = verify_hashed(
        "",
        &query,
        &with_authorization(&headers, &changed(V3_A_AUTHORIZATION)),
        V3_A_PAYLOAD_HASH,
        "secret",
    );

    assert_eq!(accepted, Authorization::parse(V3_A_AUTHORIZATION));
    assert_mismatch(refused, &string_to_sign);
}

/// The Tea SDK's headers for CreateReverseDtsJob in arrival order (reference §2.3), with
/// the date and nonce pinned.
fn tea_sdk_headers(host: &str) -> Vec<(String, String)> {
    pairs(&[
        ("Accept-Encoding", "identity"),
        ("host", host),
        ("x-acs-version", "2020-01-01"),
        ("x-acs-action", "CreateReverseDtsJob"),
        (
            "user-agent",
            "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2",
        ),
        ("x-acs-date", "2024-01-01T12:00:00Z"),
        ("x-acs-signature-nonce", "6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b"),
        ("accept", "application/json"),
        ("x-acs-content-sha256", EMPTY_BODY_SHA256),
        ("x-acs-credentials-provider", "static_ak"),
        ("Content-Length", "0"),
    ])
}

fn dts_job_query() -> Vec<(String, String)> {
    pairs(&[("DtsJobId", "n99m9jx822k0000")])
}

const V3_B_SIGNED_HEADERS: &str = "accept;host;user-agent;x-acs-action;x-acs-content-sha256;\
    x-acs-date;x-acs-signature-nonce;x-acs-version";

const V3_B_CANONICAL_REQUEST: &str = "POST
/
DtsJobId=n99m9jx822k0000
accept:application/json
host:dts.aliyuncs.com
user-agent:AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2
x-acs-action:CreateReverseDtsJob
x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-acs-date:2024-01-01T12:00:00Z
x-acs-signature-nonce:6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b
x-acs-version:2020-01-01

accept;host;user-agent;x-acs-action;x-acs-content-sha256;\
x-acs-date;x-acs-signature-nonce;x-acs-version
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const V3_B_STRING_TO_SIGN: &str =
    "ACS3-HMAC-SHA256\ndb8e47d825d1e03d98bb97a6f27d47d55003106ebe051e39eb24cea1da380f59";

const V3_B_SIGNATURE: &str = "490f5b065c52fb802961391b9da7aa65ab7cb9a613baad1be11cf345e0ef1515";

const V3_B_AUTHORIZATION: &str = "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=accept;host;\
    user-agent;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
    Signature=490f5b065c52fb802961391b9da7aa65ab7cb9a613baad1be11cf345e0ef1515";

#[test]
fn v3_b_create_reverse_dts_job_signs_exactly_the_listed_headers() {
    let headers = tea_sdk_headers("dts.aliyuncs.com");
    let signed = names(V3_B_SIGNED_HEADERS);

    let canonical = canonical_request(
        "POST",
        &dts_job_query(),
        &headers,
        &signed,
        EMPTY_BODY_SHA256,
    );

    assert_eq!(hashed_payload(b""), EMPTY_BODY_SHA256);
    assert_eq!(canonical, V3_B_CANONICAL_REQUEST);
    assert_eq!(string_to_sign(&canonical), V3_B_STRING_TO_SIGN);
    assert_eq!(sign("testsecret", V3_B_STRING_TO_SIGN), V3_B_SIGNATURE);
    let authorization = Authorization {
        access_key_id: "testid".to_owned(),
        signed_headers: signed,
        signature: V3_B_SIGNATURE.to_owned(),
    };
    assert_eq!(authorization.to_header_value(), V3_B_AUTHORIZATION);
}

#[test]
fn v3_b_verifies_with_an_unsigned_extra_header_and_refuses_a_changed_signature() {
    let headers = tea_sdk_headers("dts.aliyuncs.com");

    let accepted = verify(
        "POST",
        &dts_job_query(),
        &with_authorization(&headers, V3_B_AUTHORIZATION),
        b"",
        "testsecret",
    );
    let refused = verify(
        "POST",
        &dts_job_query(),
        &with_authorization(&headers, &changed(V3_B_AUTHORIZATION)),
        b"",
        "testsecret",
    );

    assert_eq!(accepted, Authorization::parse(V3_B_AUTHORIZATION));
    assert_mismatch(refused, V3_B_STRING_TO_SIGN);
}

const V3_C_SIGNED_HEADERS: &str = "accept;host;user-agent;x-acs-action;x-acs-content-sha256;\
    x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version";

const V3_C_STRING_TO_SIGN: &str =
    "ACS3-HMAC-SHA256\nbef2357920d4e615cf6701b2181e8a474aa85a32d627fb45a9acec2a6e28bcbb";

const V3_C_SIGNATURE: &str = "160d7a23be52dfda23de55509c735ae0418c647c1032f080676d13f25919d65c";

fn v3_c_authorization(signature: &str) -> String {
    format!(
        "{ALGORITHM} Credential=testid,SignedHeaders={V3_C_SIGNED_HEADERS},Signature={signature}"
    )
}

#[test]
fn v3_c_tea_sdk_call_to_a_local_port_signs_the_credentials_provider_too() {
    let headers = tea_sdk_headers("127.0.0.1:40121");
    let signed = names(V3_C_SIGNED_HEADERS);

    let canonical = canonical_request(
        "POST",
        &dts_job_query(),
        &headers,
        &signed,
        EMPTY_BODY_SHA256,
    );

    assert_eq!(string_to_sign(&canonical), V3_C_STRING_TO_SIGN);
    assert_eq!(sign("testsecret", V3_C_STRING_TO_SIGN), V3_C_SIGNATURE);
}

#[test]
fn v3_c_captured_signature_verifies_and_a_changed_one_does_not() {
    let headers = tea_sdk_headers("127.0.0.1:40121");
    let query = dts_job_query();
    let tampered = changed(V3_C_SIGNATURE);

    let accepted = verify(
        "POST",
        &query,
        &with_authorization(&headers, &v3_c_authorization(V3_C_SIGNATURE)),
        b"",
        "testsecret",
    );
    let refused = verify(
        "POST",
        &query,
        &with_authorization(&headers, &v3_c_authorization(&tampered)),
        b"",
        "testsecret",
    );

    let accepted = accepted.expect("the captured signature verifies");
    assert_eq!(accepted.signed_headers, names(V3_C_SIGNED_HEADERS));
    assert_eq!(accepted.signature, V3_C_SIGNATURE);
    assert_mismatch(refused, V3_C_STRING_TO_SIGN);
}

#[test]
fn sign_request_signs_host_content_type_and_x_acs_headers_only() {
    let mut headers = tea_sdk_headers("127.0.0.1:40121");
    headers.push((
        "Content-Type".to_owned(),
        "application/x-www-form-urlencoded".to_owned(),
    ));

    let authorization = sign_request(
        "POST",
        &dts_job_query(),
        &headers,
        b"",
        "testid",
        "testsecret",
    );

    assert_eq!(
        authorization.signed_headers,
        names(
            "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;\
             x-acs-date;x-acs-signature-nonce;x-acs-version"
        )
    );
    let headers = with_authorization(&headers, &authorization.to_header_value());
    let verified = verify("POST", &dts_job_query(), &headers, b"", "testsecret");
    assert_eq!(verified, Ok(authorization));
}

#[test]
fn verify_refuses_a_request_without_authorization() {
    let headers = tea_sdk_headers("dts.aliyuncs.com");

    let result = verify("POST", &dts_job_query(), &headers, b"", "testsecret");

    assert_eq!(result, Err(SignatureError::MissingAuthorization));
}

#[test]
fn verify_refuses_two_authorization_headers() {
    let headers = tea_sdk_headers("dts.aliyuncs.com");
    let twice = with_authorization(&with_authorization(&headers, V3_B_AUTHORIZATION), "x");

    let result = verify("POST", &dts_job_query(), &twice, b"", "testsecret");

    assert!(
        matches!(result, Err(SignatureError::MalformedAuthorization { ref reason })
            if reason.contains("2 Authorization headers")),
        "{result:?}"
    );
}

#[test]
fn verify_names_a_signed_header_missing_from_the_request() {
    let headers: Vec<_> = tea_sdk_headers("dts.aliyuncs.com")
        .into_iter()
        .filter(|(name, _)| name != "user-agent")
        .collect();

    let result = verify(
        "POST",
        &dts_job_query(),
        &with_authorization(&headers, V3_B_AUTHORIZATION),
        b"",
        "testsecret",
    );

    assert_eq!(
        result,
        Err(SignatureError::MissingSignedHeader {
            name: "user-agent".to_owned()
        })
    );
}

#[test]
fn verify_refuses_a_content_hash_that_is_not_the_body_hash() {
    let headers = with_authorization(&tea_sdk_headers("dts.aliyuncs.com"), V3_B_AUTHORIZATION);

    let result = verify(
        "POST",
        &dts_job_query(),
        &headers,
        b"DtsJobId=x",
        "testsecret",
    );

    assert_eq!(
        result,
        Err(SignatureError::ContentHashMismatch {
            expected: hashed_payload(b"DtsJobId=x"),
            actual: EMPTY_BODY_SHA256.to_owned(),
        })
    );
}

#[test]
fn a_mismatch_message_shows_the_canonical_request_but_not_the_expected_signature() {
    let headers = with_authorization(&tea_sdk_headers("dts.aliyuncs.com"), V3_B_AUTHORIZATION);

    let error = verify("GET", &dts_job_query(), &headers, b"", "testsecret")
        .expect_err("the vector was signed for POST");
    let message = error.to_string();

    assert!(message.starts_with("signature does not match; server string to sign is: "));
    assert!(
        message.contains("GET\\n/\\nDtsJobId=n99m9jx822k0000\\n"),
        "{message}"
    );
    assert!(
        message.contains(V3_B_SIGNATURE),
        "the received signature is shown: {message}"
    );
    assert!(!message.contains("testsecret"), "{message}");
}
