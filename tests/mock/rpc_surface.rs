//! The RPC surface and authentication, as real clients meet them.

use super::common::{account, body, call, client, code, control, eligible, mock, mock_with};
use dts_conformance::client::{
    CallOptions, Client, Config as ClientConfig, Credentials, Method, Placement, SignatureVersion,
};
use dts_conformance::mock::{Config, timestamp_text, unix_now};
use dts_conformance::wire::Format;
use std::time::Duration;

const CREATE: &str = "CreateReverseDtsJob";
const DESCRIBE: &str = "DescribeDtsJobs";

fn configured(handle: &dts_conformance::mock::Handle, credentials: &Credentials) -> ClientConfig {
    ClientConfig::new(handle.url(), credentials.clone())
}

#[tokio::test]
async fn every_method_placement_and_signature_the_sdks_use_is_accepted() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let shapes = [
        (SignatureVersion::V1, Method::Get, Placement::Query),
        (SignatureVersion::V1, Method::Post, Placement::Query),
        (SignatureVersion::V1, Method::Post, Placement::Form),
        (SignatureVersion::V3, Method::Post, Placement::Query),
        (SignatureVersion::V3, Method::Get, Placement::Query),
    ];
    for (signature, method, placement) in shapes {
        let mut config = configured(&handle, &credentials);
        config.signature = signature;
        config.method = method;
        config.placement = placement;
        let exchange = call(
            &Client::new(config).expect("client"),
            DESCRIBE,
            &[("JobType", "SYNC")],
        )
        .await;
        assert_eq!(
            exchange.response.status, 200,
            "{signature:?} {method:?} {placement:?}\n{exchange}"
        );
    }
}

#[tokio::test]
async fn the_legacy_sdk_shape_with_region_and_empty_signature_type_is_accepted() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    for method in [Method::Get, Method::Post] {
        let mut config = configured(&handle, &credentials);
        config.method = method;
        config.region = Some("cn-hangzhou".into());
        config.send_signature_type = true;
        let exchange = call(&Client::new(config).expect("client"), DESCRIBE, &[]).await;
        assert_eq!(exchange.response.status, 200, "{exchange}");
    }
}

#[tokio::test]
async fn format_is_case_insensitive_and_json_is_the_default() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    for (value, root) in [
        ("xml", Some("DescribeDtsJobsResponse")),
        ("Json", None),
        ("XML", Some("DescribeDtsJobsResponse")),
    ] {
        let exchange = call(&client, DESCRIBE, &[("Format", value)]).await;
        assert_eq!(exchange.response.status, 200, "{exchange}");
        assert_eq!(body(&exchange).root.as_deref(), root, "Format={value}");
    }
    let mut config = configured(&handle, &credentials);
    config.format = None;
    let exchange = call(&Client::new(config).expect("client"), DESCRIBE, &[]).await;
    assert!(exchange.response.body.starts_with(b"{"), "{exchange}");
    let exchange = call(&client, DESCRIBE, &[("Format", "yaml")]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (400, "InvalidParameter.Format")
    );
}

#[tokio::test]
async fn unknown_actions_and_versions_get_their_documented_errors() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Xml);
    let exchange = call(&client, "DescribeRegions", &[]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (404, "InvalidApi.NotFound")
    );
    assert_eq!(
        exchange.response_header("content-type"),
        Some("text/xml;charset=utf-8")
    );
    let exchange = call(&client, DESCRIBE, &[("Version", "2019-09-01")]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (400, "InvalidVersion")
    );
}

#[tokio::test]
async fn every_missing_common_parameter_is_named() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let client = client(&handle, &credentials, Format::Json);
    for name in [
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
        "Signature",
    ] {
        let mut request = client.prepare(DESCRIBE, &[], &CallOptions::default());
        request.url = remove_param(&request.url, name);
        let exchange = client.execute(request).await.expect("answer");
        assert_eq!(exchange.response.status, 400, "{name}: {exchange}");
        assert_eq!(code(&exchange), format!("Missing{name}"));
    }
}

fn remove_param(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').expect("a query");
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.starts_with(&format!("{name}=")))
        .collect();
    format!("{base}?{}", kept.join("&"))
}

#[tokio::test]
async fn bad_keys_signatures_timestamps_and_replays_are_refused() {
    let handle = mock_with(Config {
        timestamp_skew: Duration::from_secs(300),
        ..Config::default()
    })
    .await;
    let credentials = account(&handle).await;

    let stranger = Credentials::new("LTAInobody", "x");
    let exchange = call(&client(&handle, &stranger, Format::Json), DESCRIBE, &[]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (404, "InvalidAccessKeyId.NotFound")
    );

    let wrong = Credentials::new(credentials.access_key_id.clone(), "wrong");
    let exchange = call(&client(&handle, &wrong, Format::Json), DESCRIBE, &[]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (400, "SignatureDoesNotMatch")
    );
    let message = body(&exchange)
        .value
        .get_str("Message")
        .unwrap_or_default()
        .to_string();
    assert!(message.starts_with("Specified signature is not matched with our calculation. server string to sign is:POST&%2F&"), "{message}");

    let client = client(&handle, &credentials, Format::Json);
    let stale = CallOptions {
        timestamp: Some(timestamp_text(unix_now() - 301)),
        ..CallOptions::default()
    };
    let exchange = client
        .execute(client.prepare(DESCRIBE, &[], &stale))
        .await
        .expect("answer");
    assert_eq!(code(&exchange), "InvalidTimeStamp.Expired");
    let garbled = CallOptions {
        timestamp: Some("yesterday".into()),
        ..CallOptions::default()
    };
    let exchange = client
        .execute(client.prepare(DESCRIBE, &[], &garbled))
        .await
        .expect("answer");
    assert_eq!(code(&exchange), "InvalidTimeStamp.Format");

    let request = client.prepare(DESCRIBE, &[], &CallOptions::default());
    let first = client.execute(request.clone()).await.expect("answer");
    let second = client.execute(request).await.expect("answer");
    assert_eq!(first.response.status, 200);
    assert_eq!(
        (second.response.status, code(&second).as_str()),
        (400, "SignatureNonceUsed")
    );
}

#[tokio::test]
async fn sts_tokens_are_checked_for_issue_owner_and_expiry() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    let other = account(&handle).await;
    let control = control(&handle);
    let token = control
        .issue_token(&credentials.access_key_id, 60)
        .await
        .expect("token");

    let with_token = credentials.clone().with_security_token(token.clone());
    let exchange = call(&client(&handle, &with_token, Format::Json), DESCRIBE, &[]).await;
    assert_eq!(exchange.response.status, 200, "{exchange}");

    let foreign = other.clone().with_security_token(token.clone());
    let exchange = call(&client(&handle, &foreign, Format::Json), DESCRIBE, &[]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (403, "InvalidSecurityToken.MismatchWithAccessKey")
    );

    let forged = credentials.clone().with_security_token("CAISforged");
    let exchange = call(&client(&handle, &forged, Format::Json), DESCRIBE, &[]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (403, "InvalidSecurityToken.Malformed")
    );

    control
        .advance_clock(&credentials.access_key_id, 61)
        .await
        .expect("clock");
    let mut config = ClientConfig::new(handle.url(), with_token);
    config.signature = SignatureVersion::V3;
    let exchange = call(&Client::new(config).expect("client"), DESCRIBE, &[]).await;
    assert_eq!(
        (exchange.response.status, code(&exchange).as_str()),
        (403, "InvalidSecurityToken.Expired")
    );
    assert!(
        !exchange.to_string().contains(&token),
        "the token is redacted in transcripts"
    );
}

#[tokio::test]
async fn error_bodies_give_sdk_parsers_code_message_and_request_id() {
    let handle = mock().await;
    let credentials = account(&handle).await;
    for format in Format::ALL {
        let exchange = call(
            &client(&handle, &credentials, format),
            CREATE,
            &[("DtsJobId", "BAD")],
        )
        .await;
        let document = body(&exchange);
        assert_eq!(exchange.response.status, 403);
        for field in [
            "RequestId",
            "HostId",
            "Code",
            "Message",
            "ErrCode",
            "ErrMessage",
            "Success",
            "HttpStatusCode",
        ] {
            assert!(
                document.value.get_str(field).is_some(),
                "{format}: {field} in {exchange}"
            );
        }
        assert_eq!(
            exchange.response_header("x-acs-request-id"),
            document.value.get_str("RequestId")
        );
    }
    let job = eligible(&handle, &credentials).await;
    let exchange = call(
        &client(&handle, &credentials, Format::Json),
        CREATE,
        &[("DtsJobId", &job)],
    )
    .await;
    let document = body(&exchange);
    for field in [
        "HttpStatusCode",
        "RequestId",
        "DtsJobId",
        "DtsInstanceId",
        "Success",
    ] {
        assert!(
            document.value.get_str(field).is_some(),
            "{field} is a string in {exchange}"
        );
    }
}
