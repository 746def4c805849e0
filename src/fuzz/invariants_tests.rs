//! The properties on hand-made answers: each breaks exactly when it should.

use super::*;
use crate::client::{Method, Space};
use crate::fuzz::case::{Family, Shape};

fn case(format: Format, placement: Placement, route: Route) -> Case {
    let method = if placement == Placement::Form {
        Method::Post
    } else {
        Method::Get
    };
    Case {
        family: Family::Markup,
        job_id: "<x>".into(),
        shape: Shape {
            format,
            method,
            placement,
            signature: SignatureVersion::V1,
            space: Space::Percent20,
            route,
        },
    }
}

fn json_case() -> Case {
    case(Format::Json, Placement::Query, Route::Main)
}

fn fields(pairs: &[(&str, &str)]) -> Value {
    Value::Obj(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::str(*v)))
            .collect(),
    )
}

/// A gateway error body for `code`.
fn error(code: &str) -> Value {
    fields(&[
        ("RequestId", "R-1"),
        ("HostId", "dts.aliyuncs.com"),
        ("Code", code),
        ("Message", "m"),
    ])
}

/// The properties broken by `body` answered with `status` to `case`.
fn broken(case: &Case, status: u16, body: &str) -> Vec<Property> {
    let answer = Answer {
        status,
        content_type: None,
        body: body.as_bytes(),
    };
    let checked = check_response(case, &answer, JobTarget::NoJob, &[]);
    checked.violations.iter().map(|v| v.property).collect()
}

fn json(value: &Value) -> String {
    wire::encode(Format::Json, "", value)
}

fn xml(root: &str, value: &Value) -> String {
    wire::encode(Format::Xml, root, value)
}

#[test]
fn a_documented_error_at_its_documented_status_breaks_nothing() {
    assert_eq!(
        broken(&json_case(), 403, &json(&error("InvalidParameter"))),
        []
    );
    assert_eq!(
        broken(&json_case(), 400, &json(&error("MissingDtsJobId"))),
        []
    );
    let xml_case = case(Format::Xml, Placement::Query, Route::Main);
    assert_eq!(
        broken(
            &xml_case,
            403,
            &xml("Error", &error("Forbidden.InstanceNotFound"))
        ),
        []
    );
}

#[test]
fn a_code_at_another_status_breaks_status_for_code() {
    assert_eq!(
        broken(&json_case(), 400, &json(&error("InvalidParameter"))),
        [Property::StatusForCode]
    );
}

#[test]
fn a_code_no_table_knows_breaks_known_code() {
    assert_eq!(
        broken(&json_case(), 403, &json(&error("Nope.Unknown"))),
        [Property::KnownCode]
    );
}

#[test]
fn a_body_without_request_id_breaks_request_id() {
    let body = fields(&[("Code", "InvalidParameter"), ("Message", "m")]);
    assert_eq!(
        broken(&json_case(), 403, &json(&body)),
        [Property::RequestId]
    );
}

#[test]
fn success_fields_that_contradict_the_status_break_success_agrees() {
    let mut body = error("InvalidParameter");
    if let Value::Obj(fields) = &mut body {
        fields.push(("Success".into(), Value::str("true")));
        fields.push(("HttpStatusCode".into(), Value::str("200")));
    }
    let broken = broken(&json_case(), 403, &json(&body));
    assert_eq!(broken, [Property::SuccessAgrees, Property::SuccessAgrees]);
}

#[test]
fn a_body_that_is_not_the_requested_format_breaks_body_parses_or_xml_intact() {
    assert_eq!(
        broken(&json_case(), 403, "<Error/>"),
        [Property::BodyParses]
    );
    let xml_case = case(Format::Xml, Placement::Query, Route::Main);
    assert_eq!(
        broken(&xml_case, 403, "{\"Code\":\"x\"}"),
        [Property::XmlIntact]
    );
}

#[test]
fn markup_echoed_into_xml_breaks_xml_intact() {
    let xml_case = case(Format::Xml, Placement::Query, Route::Main);
    let ill_formed = "<Error><RequestId>R</RequestId><Code>InvalidParameter</Code>\
                      <Message>id (<) is invalid</Message></Error>";
    assert_eq!(broken(&xml_case, 403, ill_formed), [Property::XmlIntact]);
    let restructured = "<Error><RequestId>R</RequestId><Code>InvalidParameter</Code>\
                        <Message>id (<b/>) is invalid</Message></Error>";
    assert_eq!(broken(&xml_case, 403, restructured), [Property::XmlIntact]);
}

#[test]
fn a_5xx_breaks_no_5xx_unless_a_fault_was_injected_and_named() {
    let internal = json(&error("InternalError"));
    assert_eq!(broken(&json_case(), 500, &internal), [Property::No5xx]);
    let faulty = case(Format::Json, Placement::Query, Route::InjectedFault);
    assert_eq!(
        broken(&faulty, 500, &json(&error("ServiceUnavailable"))),
        []
    );
    assert_eq!(broken(&faulty, 500, &internal), [Property::No5xx]);
}

#[test]
fn a_refused_signature_breaks_signature_accepted() {
    let body = json(&error("SignatureDoesNotMatch"));
    assert_eq!(
        broken(&json_case(), 400, &body),
        [Property::SignatureAccepted]
    );
}

#[test]
fn a_success_for_an_id_that_names_no_eligible_job_breaks_state_sane() {
    let body = json(&fields(&[
        ("RequestId", "R"),
        ("DtsJobId", "r"),
        ("Success", "true"),
    ]));
    let answer = Answer {
        status: 200,
        content_type: None,
        body: body.as_bytes(),
    };
    for target in [JobTarget::NoJob, JobTarget::Ineligible] {
        let checked = check_response(&json_case(), &answer, target, &[]);
        let properties: Vec<Property> = checked.violations.iter().map(|v| v.property).collect();
        assert_eq!(properties, [Property::StateSane], "{target:?}");
    }
    let checked = check_response(&json_case(), &answer, JobTarget::Eligible, &[]);
    assert_eq!(checked.violations, []);
}

#[test]
fn an_early_refusal_in_the_default_format_is_tolerated_only_for_form_bodies_when_asked() {
    let body = json(&error("RequestTooLarge"));
    let answer = Answer {
        status: 413,
        content_type: Some("application/json;charset=utf-8"),
        body: body.as_bytes(),
    };
    let form = case(Format::Xml, Placement::Form, Route::Main);
    let tolerate = [Deviation::EarlyRefusalInDefaultFormat];

    let tolerated = check_response(&form, &answer, JobTarget::NoJob, &tolerate);
    assert_eq!(tolerated.violations, []);
    assert_eq!(
        tolerated.tolerated,
        Some(Deviation::EarlyRefusalInDefaultFormat)
    );

    let strict = check_response(&form, &answer, JobTarget::NoJob, &[]);
    assert_eq!(
        strict.violations.first().map(|v| v.property),
        Some(Property::XmlIntact)
    );
    let query = case(Format::Xml, Placement::Query, Route::Main);
    let in_query = check_response(&query, &answer, JobTarget::NoJob, &tolerate);
    assert_eq!(
        in_query.violations.first().map(|v| v.property),
        Some(Property::XmlIntact)
    );
}

#[test]
fn every_code_the_mock_can_answer_with_has_a_status_in_the_tables() {
    for row in contract::GATEWAY_ERRORS {
        let code = row.code_for("DtsJobId");
        assert!(
            statuses_for(&code).is_some_and(|(s, _)| s.contains(&row.http_status)),
            "{code}"
        );
    }
    for business in contract::BUSINESS_ERRORS {
        assert!(statuses_for(business.code).is_some(), "{}", business.code);
    }
}
