//! The published V1 vectors (reference §7.2), each checked in both directions.

use super::*;
use crate::signing::encode::decode_form;

mod dts;

/// What a reference vector publishes for one request.
struct Published {
    canonical: Option<&'static str>,
    string_to_sign: &'static str,
    signature: &'static str,
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn with_signature(params: &[(String, String)], signature: &str) -> Vec<(String, String)> {
    let mut signed = params.to_vec();
    signed.push((SIGNATURE_PARAMETER.to_owned(), signature.to_owned()));
    signed
}

fn without_signature(params: &[(String, String)]) -> Vec<(String, String)> {
    params
        .iter()
        .filter(|(name, _)| name != SIGNATURE_PARAMETER)
        .cloned()
        .collect()
}

/// A different signature of the same shape: the first character replaced.
fn changed(signature: &str) -> String {
    let replacement = if signature.starts_with('A') { "B" } else { "A" };
    format!("{replacement}{}", &signature[1..])
}

/// Computes the published strings and signature, then verifies the published signature
/// and rejects a changed one.
fn assert_both_directions(method: &str, params: &[(String, String)], secret: &str, p: &Published) {
    if let Some(canonical) = p.canonical {
        assert_eq!(canonical_query(params), canonical, "canonical query");
    }
    assert_eq!(
        string_to_sign(method, params),
        p.string_to_sign,
        "string to sign"
    );
    assert_eq!(sign(secret, p.string_to_sign), p.signature, "signature");
    assert_eq!(
        sign_request(method, params, secret),
        p.signature,
        "sign_request"
    );

    assert_eq!(
        verify(method, &with_signature(params, p.signature), secret),
        Ok(())
    );

    let tampered = changed(p.signature);
    let error = verify(method, &with_signature(params, &tampered), secret)
        .expect_err("a changed signature must not verify");
    let SignatureError::Mismatch {
        string_to_sign,
        received,
        ..
    } = error
    else {
        panic!("expected a mismatch, got {error:?}");
    };
    assert_eq!(string_to_sign, p.string_to_sign);
    assert_eq!(received, tampered);
}

/// The method and decoded parameters of a request line as it appears on the wire.
fn request_line(line: &str) -> (String, Vec<(String, String)>) {
    let mut words = line.split_whitespace();
    let method = words.next().expect("a request line starts with a method");
    let target = words.next().expect("a request line has a target");
    let (_, query) = target.split_once('?').expect("the target has a query");
    let params = decode_form(query).expect("the captured query decodes");
    (method.to_owned(), params)
}

const V1_A_UNSIGNED_QUERY: &str = "Timestamp=2016-02-23T12:46:24Z&Format=XML&AccessKeyId=testid\
    &Action=DescribeRegions&SignatureMethod=HMAC-SHA1\
    &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Version=2014-05-26&SignatureVersion=1.0";

const V1_A: Published = Published {
    canonical: Some(
        "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1\
        &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
        &Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
    ),
    string_to_sign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
        %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
        %26Version%3D2014-05-26",
    signature: "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
};

#[test]
fn v1_a_official_describe_regions_get_signs_and_verifies() {
    let params = decode_form(V1_A_UNSIGNED_QUERY).expect("the unsigned URL decodes");

    assert_both_directions("GET", &params, "testsecret", &V1_A);
}

#[test]
fn v1_a_signature_verifies_when_sent_percent_encoded_on_the_wire() {
    let wire = format!("{V1_A_UNSIGNED_QUERY}&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D");
    let params = decode_form(&wire).expect("the signed URL decodes");

    assert_eq!(verify("GET", &params, "testsecret"), Ok(()));
}

const V1_B: Published = Published {
    canonical: None,
    string_to_sign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
        %26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z\
        %26Version%3D2014-05-26",
    signature: "CT9X0VtwR86fNWSnsc6v8YGOjuE=",
};

#[test]
fn v1_b_legacy_timestamp_spelling_takes_part_in_the_signature() {
    let query = V1_A_UNSIGNED_QUERY.replace("Timestamp=", "TimeStamp=");
    let params = decode_form(&query).expect("the unsigned URL decodes");

    assert_both_directions("GET", &params, "testsecret", &V1_B);
}

const V1_C: Published = Published {
    canonical: Some("test=ok"),
    string_to_sign: "&%2F&test%3Dok",
    signature: "jHx/oHoHNrbVfhncHEvPdHXZwHU=",
};

#[test]
fn v1_c_empty_method_is_signed_as_given() {
    assert_both_directions("", &pairs(&[("test", "ok")]), "accessKeySecret", &V1_C);
}

fn legacy_go_sdk_params() -> Vec<(String, String)> {
    pairs(&[
        ("Version", ""),
        ("Action", ""),
        ("Format", "JSON"),
        ("RegionId", "regionId"),
        ("Timestamp", "mock date"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureType", ""),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", "MOCK_UUID"),
        ("AccessKeyId", "accessKeyId"),
    ])
}

const V1_D: Published = Published {
    canonical: Some(
        "AccessKeyId=accessKeyId&Action=&Format=JSON&RegionId=regionId\
        &SignatureMethod=HMAC-SHA1&SignatureNonce=MOCK_UUID&SignatureType=\
        &SignatureVersion=1.0&Timestamp=mock%20date&Version=",
    ),
    string_to_sign: "GET&%2F&AccessKeyId%3DaccessKeyId%26Action%3D%26Format%3DJSON\
        %26RegionId%3DregionId%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3DMOCK_UUID\
        %26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3Dmock%2520date%26Version%3D",
    signature: "7loPmFjvDnzOVnQeQNj85S6nFGY=",
};

#[test]
fn v1_d_empty_values_are_signed_and_a_space_becomes_percent_20() {
    assert_both_directions("GET", &legacy_go_sdk_params(), "accessKeySecret", &V1_D);
}

const V1_E: Published = Published {
    canonical: Some(
        "AccessKeyId=accessKeyId&Action=&Format=JSON&RegionId=regionId\
        &SecurityToken=accessKeyStsToken&SignatureMethod=HMAC-SHA1\
        &SignatureNonce=MOCK_UUID&SignatureType=&SignatureVersion=1.0\
        &Timestamp=mock%20date&Version=",
    ),
    string_to_sign: "GET&%2F&AccessKeyId%3DaccessKeyId%26Action%3D%26Format%3DJSON\
        %26RegionId%3DregionId%26SecurityToken%3DaccessKeyStsToken\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3DMOCK_UUID%26SignatureType%3D\
        %26SignatureVersion%3D1.0%26Timestamp%3Dmock%2520date%26Version%3D",
    signature: "5Nxdcler+ihqWqv0Hr2On4PsBf4=",
};

#[test]
fn v1_e_sts_security_token_is_signed_like_any_parameter() {
    let mut params = legacy_go_sdk_params();
    params.push(("SecurityToken".to_owned(), "accessKeyStsToken".to_owned()));

    assert_both_directions("GET", &params, "accessKeySecret", &V1_E);
}

const V1_F: Published = Published {
    canonical: Some(
        "AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001\
        &RegionId=cn-hangzhou\
        &SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD\
        %E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8\
        &SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466\
        &SignatureVersion=1.0&TemplateCode=SMS_71390007\
        &TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z\
        &Version=2017-05-25",
    ),
    string_to_sign: "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML\
        %26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou\
        %26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD\
        %25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8\
        %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466\
        %26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007\
        %26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D\
        %26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25",
    signature: "zJDF+Lrzhj/ThnlvIToysFRq6t4=",
};

#[test]
fn v1_f_multibyte_utf8_and_json_values_are_encoded_per_byte() {
    let params = pairs(&[
        ("PhoneNumbers", "15300000001"),
        ("SignName", "阿里云短信测试专用"),
        ("TemplateCode", "SMS_71390007"),
        ("TemplateParam", "{\"customer\":\"test\"}"),
        ("OutId", "123"),
        ("Action", "SendSms"),
        ("Version", "2017-05-25"),
        ("RegionId", "cn-hangzhou"),
        ("AccessKeyId", "testId"),
        ("Format", "XML"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
        ("Timestamp", "2017-07-12T02:42:19Z"),
    ]);

    assert_both_directions("GET", &params, "testSecret", &V1_F);
}

#[test]
fn verify_refuses_a_request_without_a_signature() {
    let params = pairs(&[("test", "ok")]);

    assert_eq!(
        verify("GET", &params, "secret"),
        Err(SignatureError::MissingSignature)
    );
}

#[test]
fn verify_refuses_a_request_with_two_signatures() {
    let params = pairs(&[("Signature", "a"), ("test", "ok"), ("Signature", "b")]);

    let error = verify("GET", &params, "secret").expect_err("two signatures are ambiguous");

    assert_eq!(error, SignatureError::DuplicateSignature { count: 2 });
}

#[test]
fn a_mismatch_message_shows_the_server_string_to_sign_but_not_the_expected_signature() {
    let params = pairs(&[("test", "ok"), ("Signature", "wrong=")]);

    let message = verify("", &params, "accessKeySecret")
        .expect_err("wrong")
        .to_string();

    assert!(message.starts_with("signature does not match; server string to sign is: "));
    assert!(message.contains("&%2F&test%3Dok"), "{message}");
    assert!(message.contains("wrong="), "{message}");
    assert!(!message.contains(V1_C.signature), "{message}");
    assert!(!message.contains("accessKeySecret"), "{message}");
}
