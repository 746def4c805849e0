use super::*;
use crate::client::{
    CreateReverseDtsJobResponse, DescribeDtsJobsResponse, StartReverseWriterResponse,
};

/// The document's sample success response, JSON form, as printed.
const CREATE_JSON: &str = r#"{
"HttpStatusCode" : "200",
"RequestId" : "621BB4F8-3016-4FAA-8D5A-5D3163CC****",
"DtsJobId" : "n99m9jx822k****",
"DtsInstanceId" : "dtsor1f9kr822l****",
"Success" : "true"
}"#;

/// The document's sample success response, XML form (no prolog), as printed.
const CREATE_XML: &str = "<CreateReverseDtsJobResponse>
<HttpStatusCode>200</HttpStatusCode>
<RequestId>621BB4F8-3016-4FAA-8D5A-5D3163CC****</RequestId>
<DtsJobId>n99m9jx822k****</DtsJobId>
<DtsInstanceId>dtsor1f9kr822l****</DtsInstanceId>
<Success>true</Success>
</CreateReverseDtsJobResponse>";

const DESCRIBE_JSON: &str = r#"{"RequestId":"R-2","Success":true,"HttpStatusCode":200,
"DtsJobList":[{"DtsJobId":"i03e3zty16i****","DtsInstanceID":"dtsi03e3zty16i****",
"JobType":"SYNC","Status":"Synchronizing","DtsJobDirection":"Forward",
"PrecheckStatus":{"Status":"Finished"},"DataSynchronizationStatus":{"Status":"Catched"},
"ReverseJob":{"DtsJobId":"l3m1213ye7l****","DtsInstanceID":"dtsl3m1213ye7l****",
"DtsJobDirection":"Reverse","Status":"Suspending","PrecheckStatus":{"Status":"Finished"}}}]}"#;

const DESCRIBE_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeDtsJobsResponse>\
<RequestId>R-2</RequestId><Success>true</Success><HttpStatusCode>200</HttpStatusCode>\
<DtsJobList><DtsJobId>i03e3zty16i****</DtsJobId><DtsInstanceID>dtsi03e3zty16i****</DtsInstanceID>\
<JobType>SYNC</JobType><Status>Synchronizing</Status><DtsJobDirection>Forward</DtsJobDirection>\
<PrecheckStatus><Status>Finished</Status></PrecheckStatus>\
<DataSynchronizationStatus><Status>Catched</Status></DataSynchronizationStatus>\
<ReverseJob><DtsJobId>l3m1213ye7l****</DtsJobId><DtsInstanceID>dtsl3m1213ye7l****</DtsInstanceID>\
<DtsJobDirection>Reverse</DtsJobDirection><Status>Suspending</Status>\
<PrecheckStatus><Status>Finished</Status></PrecheckStatus></ReverseJob></DtsJobList>\
</DescribeDtsJobsResponse>";

const POP_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
   <RequestId>8906582E-6722-409A-A6C4-0E7863B733A5</RequestId>
   <HostId>dts.aliyuncs.com</HostId>
   <Code>UnsupportedOperation</Code>
   <Message>The specified action is not supported.</Message>
</Error>"#;

const POP_XML_CDATA: &str = "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>B3311876-XXXXX\
</RequestId><HostId>openapi-mcp.cn-hangzhou.aliyuncs.com</HostId><Code>InvalidAction.NotFound\
</Code><Message>Specified api is not found, please check your url and method.</Message>\
<Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=InvalidAction.NotFound&product=\
OpenAPIExplorer&requestId=B3311876-XXX]]></Recommend></Error>";

/// A real DTS 403 body, as quoted in the reference (JSON escapes `&` as `\u0026`).
const POP_JSON: &str = concat!(
    r#"{"Code":"LXBuyError","HostId":"dts.aliyuncs.com","#,
    r#""Message":"Buy instance error.ARREARAGE","#,
    r#""Recommend":"https://error-center.aliyun.com/status/search?Keyword=LXBuyError"#,
    r#"\u0026source=PopGw","RequestId":"F24B990A-69C7-5109-96B4-AC951C9E7E9F"}"#
);

fn expected_create() -> CreateReverseDtsJobResponse {
    CreateReverseDtsJobResponse {
        http_status_code: Some("200".into()),
        request_id: Some("621BB4F8-3016-4FAA-8D5A-5D3163CC****".into()),
        dts_job_id: Some("n99m9jx822k****".into()),
        dts_instance_id: Some("dtsor1f9kr822l****".into()),
        success: Some("true".into()),
        err_code: None,
        err_message: None,
    }
}

#[test]
fn the_documents_create_samples_decode_alike_in_json_and_xml() {
    let json: CreateReverseDtsJobResponse =
        decode_body(Format::Json, CREATE_JSON.as_bytes()).expect("JSON sample");
    let xml: CreateReverseDtsJobResponse =
        decode_body(Format::Xml, CREATE_XML.as_bytes()).expect("XML sample");
    assert_eq!(json, expected_create());
    assert_eq!(xml, expected_create());
    assert!(json.succeeded());
}

#[test]
fn a_failed_create_body_carries_its_error_fields() {
    let body = r#"{"RequestId":"R","Success":"false","ErrCode":"InvalidParameter",
        "ErrMessage":"The Value of Input Parameter %s is not valid.","HttpStatusCode":"403"}"#;
    let reply: Reply<CreateReverseDtsJobResponse> = Source {
        format: Format::Json,
        body: body.as_bytes(),
        redactor: None,
    }
    .decode_reply()
    .expect("decodes");
    let Reply::Operation(response) = reply else {
        panic!("not a gateway error: {reply:?}")
    };
    assert!(!response.succeeded());
    assert_eq!(response.err_code.as_deref(), Some("InvalidParameter"));
}

#[test]
fn a_boolean_success_in_a_create_body_is_a_type_error_naming_the_field() {
    let body = r#"{"RequestId":"R","Success":true}"#;
    let error = decode_body::<CreateReverseDtsJobResponse>(Format::Json, body.as_bytes())
        .expect_err("Success must be a string");
    let DecodeError::Field {
        field,
        expected,
        found,
        body: shown,
        ..
    } = &error
    else {
        panic!("{error}")
    };
    assert_eq!(
        (field.as_str(), *expected, found.as_str()),
        ("Success", "a string", "boolean true")
    );
    assert_eq!(shown, body);
    assert!(
        error
            .to_string()
            .contains("expected a string, found boolean true"),
        "{error}"
    );
}

#[test]
fn start_reverse_writer_decodes_without_http_status_code() {
    let body = r#"{"RequestId":"R-1","Success":"true"}"#;
    let response: StartReverseWriterResponse =
        decode_body(Format::Json, body.as_bytes()).expect("decodes");
    assert!(response.succeeded());
    assert_eq!(response.request_id.as_deref(), Some("R-1"));

    let xml = "<StartReverseWriterResponse><RequestId>R-1</RequestId><Success>false</Success>\
               <ErrCode>InvalidParameter</ErrCode></StartReverseWriterResponse>";
    let response: StartReverseWriterResponse =
        decode_body(Format::Xml, xml.as_bytes()).expect("xml");
    assert!(!response.succeeded());
    assert_eq!(response.err_code.as_deref(), Some("InvalidParameter"));
}

#[test]
fn describe_dts_jobs_reads_typed_fields_and_the_capital_id_in_both_formats() {
    for (format, body) in [(Format::Json, DESCRIBE_JSON), (Format::Xml, DESCRIBE_XML)] {
        let response: DescribeDtsJobsResponse =
            decode_body(format, body.as_bytes()).expect("decodes");
        assert_eq!(response.success, Some(true), "{format}");
        assert_eq!(response.http_status_code, Some(200), "{format}");
        let [job] = response.jobs.as_slice() else {
            panic!("{format}: {response:?}")
        };
        assert_eq!(job.dts_instance_id.as_deref(), Some("dtsi03e3zty16i****"));
        assert_eq!(job.job_type.as_deref(), Some("SYNC"));
        assert_eq!(job.precheck_status.as_deref(), Some("Finished"));
        assert_eq!(job.data_synchronization_status.as_deref(), Some("Catched"));
        let reverse = job.reverse_job.as_deref().expect("reverse job");
        assert_eq!(reverse.dts_job_id.as_deref(), Some("l3m1213ye7l****"));
        assert_eq!(reverse.direction.as_deref(), Some("Reverse"));
        assert_eq!(reverse.status.as_deref(), Some("Suspending"));
        assert_eq!(reverse.job_type, None);
    }
}

#[test]
fn describe_dts_jobs_spelled_dts_instance_id_leaves_the_id_unread() {
    let body = r#"{"Success":true,"DtsJobList":[{"DtsJobId":"j","DtsInstanceId":"dtsj"}]}"#;
    let response: DescribeDtsJobsResponse = decode_body(Format::Json, body.as_bytes()).expect("ok");
    assert_eq!(response.jobs[0].dts_instance_id, None);
}

#[test]
fn describe_dts_jobs_rejects_a_string_success_in_json_and_junk_in_xml() {
    let error = decode_body::<DescribeDtsJobsResponse>(Format::Json, br#"{"Success":"true"}"#)
        .expect_err("Success must be a boolean");
    assert!(
        error
            .to_string()
            .contains("expected a JSON boolean, found string \"true\""),
        "{error}"
    );

    let xml =
        b"<DescribeDtsJobsResponse><HttpStatusCode>OK</HttpStatusCode></DescribeDtsJobsResponse>";
    let error = decode_body::<DescribeDtsJobsResponse>(Format::Xml, xml).expect_err("not an int");
    assert!(
        error.to_string().contains("field HttpStatusCode"),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("expected integer text, found string \"OK\""),
        "{error}"
    );
}

#[test]
fn an_empty_job_list_decodes_in_both_formats() {
    let json: DescribeDtsJobsResponse =
        decode_body(Format::Json, br#"{"DtsJobList":[]}"#).expect("json");
    let xml: DescribeDtsJobsResponse = decode_body(
        Format::Xml,
        b"<DescribeDtsJobsResponse><DtsJobList></DtsJobList></DescribeDtsJobsResponse>",
    )
    .expect("xml");
    assert!(json.jobs.is_empty() && xml.jobs.is_empty());
}

#[test]
fn gateway_error_bodies_decode_from_json_and_xml() {
    let xml: ErrorBody = decode_body(Format::Xml, POP_XML.as_bytes()).expect("xml");
    assert_eq!(xml.code.as_deref(), Some("UnsupportedOperation"));
    assert_eq!(xml.host_id.as_deref(), Some("dts.aliyuncs.com"));
    assert_eq!(
        xml.request_id.as_deref(),
        Some("8906582E-6722-409A-A6C4-0E7863B733A5")
    );

    let cdata: ErrorBody = decode_body(Format::Xml, POP_XML_CDATA.as_bytes()).expect("cdata");
    assert!(
        cdata
            .recommend
            .as_deref()
            .is_some_and(|r| r.contains("&product="))
    );

    let json: ErrorBody = decode_body(Format::Json, POP_JSON.as_bytes()).expect("json");
    assert_eq!(json.code.as_deref(), Some("LXBuyError"));
    assert_eq!(
        json.recommend.as_deref(),
        Some("https://error-center.aliyun.com/status/search?Keyword=LXBuyError&source=PopGw")
    );
}

#[test]
fn a_reply_tells_a_gateway_error_from_the_operations_body() {
    for (format, body) in [(Format::Xml, POP_XML), (Format::Json, POP_JSON)] {
        let source = Source {
            format,
            body: body.as_bytes(),
            redactor: None,
        };
        let reply = source
            .decode_reply::<CreateReverseDtsJobResponse>()
            .expect("decodes");
        assert!(matches!(reply, Reply::Gateway(_)), "{format}: {reply:?}");
    }
    let source = Source {
        format: Format::Xml,
        body: CREATE_XML.as_bytes(),
        redactor: None,
    };
    let reply = source
        .decode_reply::<CreateReverseDtsJobResponse>()
        .expect("decodes");
    assert_eq!(reply, Reply::Operation(expected_create()));
}

#[test]
fn an_xml_body_with_another_root_names_both_roots() {
    let error = decode_body::<CreateReverseDtsJobResponse>(Format::Xml, POP_XML.as_bytes())
        .expect_err("wrong root");
    assert!(
        error
            .to_string()
            .contains("expected XML root <CreateReverseDtsJobResponse>, found <Error>"),
        "{error}"
    );
}

#[test]
fn a_body_in_the_wrong_format_says_what_was_expected_and_shows_the_body() {
    let error = decode_body::<CreateReverseDtsJobResponse>(Format::Json, POP_XML.as_bytes())
        .expect_err("XML is not JSON");
    let text = error.to_string();
    assert!(
        text.contains("cannot decode the CreateReverseDtsJob response as JSON"),
        "{text}"
    );
    assert!(text.contains("expected a JSON object"), "{text}");
    assert!(text.contains("<Code>UnsupportedOperation</Code>"), "{text}");

    let error =
        decode_body::<CreateReverseDtsJobResponse>(Format::Json, b"[1]").expect_err("array");
    assert!(error.to_string().contains("found array"), "{error}");
}

#[test]
fn a_long_body_in_an_error_is_cut() {
    let body = format!("{{\"Success\":1,\"Pad\":\"{}\"}}", "x".repeat(10_000));
    let error = decode_body::<CreateReverseDtsJobResponse>(Format::Json, body.as_bytes())
        .expect_err("Success is a number");
    let text = error.to_string();
    assert!(text.len() < 5_000, "{} bytes", text.len());
    assert!(text.contains("DTS_CONFORMANCE_BODY_LIMIT"), "{text}");
}
