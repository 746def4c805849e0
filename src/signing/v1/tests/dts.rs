//! The DTS vectors of the reference (CreateReverseDtsJob as GET, as POST, with an STS token)
//! and the request lines captured from the official SDKs, each checked in both directions.

use super::*;

fn create_reverse_dts_job_params() -> Vec<(String, String)> {
    pairs(&[
        ("Action", "CreateReverseDtsJob"),
        ("Version", "2020-01-01"),
        ("DtsJobId", "n99m9jx822k****"),
        ("Format", "JSON"),
        ("AccessKeyId", "testid"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("Timestamp", "2016-02-23T12:46:24Z"),
    ])
}

const D1: Published = Published {
    canonical: Some(
        "AccessKeyId=testid&Action=CreateReverseDtsJob\
        &DtsJobId=n99m9jx822k%2A%2A%2A%2A&Format=JSON&SignatureMethod=HMAC-SHA1\
        &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
        &Timestamp=2016-02-23T12%3A46%3A24Z&Version=2020-01-01",
    ),
    string_to_sign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateReverseDtsJob\
        %26DtsJobId%3Dn99m9jx822k%252A%252A%252A%252A%26Format%3DJSON\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
        %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
        %26Version%3D2020-01-01",
    signature: "3qrHXVCnKz7BglKyYmxPHG3MkVA=",
};

#[test]
fn d1_masked_job_id_asterisks_become_percent_2a() {
    assert_both_directions("GET", &create_reverse_dts_job_params(), "testsecret", &D1);
}

const D2: Published = Published {
    canonical: D1.canonical,
    string_to_sign: "POST&%2F&AccessKeyId%3Dtestid%26Action%3DCreateReverseDtsJob\
        %26DtsJobId%3Dn99m9jx822k%252A%252A%252A%252A%26Format%3DJSON\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
        %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
        %26Version%3D2020-01-01",
    signature: "8OwyBJ4F7tWZ14o73rVkoMN3n8Y=",
};

#[test]
fn d2_the_same_request_sent_as_post_has_another_signature() {
    assert_both_directions("POST", &create_reverse_dts_job_params(), "testsecret", &D2);
}

const D3: Published = Published {
    canonical: Some(
        "AccessKeyId=testid&Action=CreateReverseDtsJob&DtsJobId=n99m9jx822k%2A%2A%2A%2A\
        &Format=JSON&SecurityToken=CAIS%2Btoken%2Fwith~chars%2Aand%20space\
        &SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
        &SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2020-01-01",
    ),
    string_to_sign: "POST&%2F&AccessKeyId%3Dtestid%26Action%3DCreateReverseDtsJob\
        %26DtsJobId%3Dn99m9jx822k%252A%252A%252A%252A%26Format%3DJSON\
        %26SecurityToken%3DCAIS%252Btoken%252Fwith~chars%252Aand%2520space\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
        %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
        %26Version%3D2020-01-01",
    signature: "s3lPX8dQ74uRxM4yFpW+ty1LrcM=",
};

#[test]
fn d3_sts_token_with_plus_slash_tilde_asterisk_and_space_is_encoded_per_rule() {
    let mut params = create_reverse_dts_job_params();
    params.push((
        "SecurityToken".to_owned(),
        "CAIS+token/with~chars*and space".to_owned(),
    ));

    assert_both_directions("POST", &params, "testsecret", &D3);
}

const C1_REQUEST_LINE: &str = "POST /?DtsJobId=n99m9jx822k0000&Version=2020-01-01\
    &Action=CreateReverseDtsJob&Format=JSON&RegionId=cn-hangzhou\
    &Timestamp=2024-01-01T12%3A00%3A00Z&SignatureMethod=HMAC-SHA1&SignatureType=\
    &SignatureVersion=1.0&SignatureNonce=6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b&AccessKeyId=testid\
    &Signature=E%2BPhpA00gE4TBn9WrIsvLQxP%2Fzc%3D HTTP/1.1";

const C1: Published = Published {
    canonical: Some(
        "AccessKeyId=testid&Action=CreateReverseDtsJob&DtsJobId=n99m9jx822k0000\
        &Format=JSON&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1\
        &SignatureNonce=6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b&SignatureType=\
        &SignatureVersion=1.0&Timestamp=2024-01-01T12%3A00%3A00Z&Version=2020-01-01",
    ),
    string_to_sign: "POST&%2F&AccessKeyId%3Dtestid%26Action%3DCreateReverseDtsJob\
        %26DtsJobId%3Dn99m9jx822k0000%26Format%3DJSON%26RegionId%3Dcn-hangzhou\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b\
        %26SignatureType%3D%26SignatureVersion%3D1.0\
        %26Timestamp%3D2024-01-01T12%253A00%253A00Z%26Version%3D2020-01-01",
    signature: "E+PhpA00gE4TBn9WrIsvLQxP/zc=",
};

#[test]
fn c1_old_core_sdk_request_line_verifies_as_captured() {
    let (method, params) = request_line(C1_REQUEST_LINE);

    assert_eq!(verify(&method, &params, "testsecret"), Ok(()));
    assert_both_directions(&method, &without_signature(&params), "testsecret", &C1);
}

const C2_REQUEST_LINE: &str = "POST /?Action=CreateReverseDtsJob&Format=json&Version=2020-01-01\
    &Timestamp=2024-01-01T12%3A00%3A00Z&SignatureNonce=6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b\
    &DtsJobId=n99m9jx822k0000&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0\
    &AccessKeyId=testid&Signature=69kWtvmPjwuOWJYN98DmCmoIWJw%3D HTTP/1.1";

const C2: Published = Published {
    canonical: Some(
        "AccessKeyId=testid&Action=CreateReverseDtsJob&DtsJobId=n99m9jx822k0000\
        &Format=json&SignatureMethod=HMAC-SHA1\
        &SignatureNonce=6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b&SignatureVersion=1.0\
        &Timestamp=2024-01-01T12%3A00%3A00Z&Version=2020-01-01",
    ),
    string_to_sign: "POST&%2F&AccessKeyId%3Dtestid%26Action%3DCreateReverseDtsJob\
        %26DtsJobId%3Dn99m9jx822k0000%26Format%3Djson\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D6a1f0c8e2b7d4e5f9a3c1b2d4e6f8a0b\
        %26SignatureVersion%3D1.0\
        %26Timestamp%3D2024-01-01T12%253A00%253A00Z%26Version%3D2020-01-01",
    signature: "69kWtvmPjwuOWJYN98DmCmoIWJw=",
};

#[test]
fn c2_tea_sdk_v2_request_line_verifies_as_captured() {
    let (method, params) = request_line(C2_REQUEST_LINE);

    assert_eq!(verify(&method, &params, "testsecret"), Ok(()));
    assert_both_directions(&method, &without_signature(&params), "testsecret", &C2);
}
