use super::*;
use crate::wire::{Format, decode};

fn json(text: &str) -> Shape {
    Shape::of(&decode(Format::Json, text.as_bytes()).expect("valid JSON"))
}

fn xml(text: &str) -> Shape {
    Shape::of(&decode(Format::Xml, text.as_bytes()).expect("well-formed XML"))
}

#[test]
fn a_json_body_renders_one_line_per_field_with_its_type_and_class() {
    let shape = json(
        r#"{"HttpStatusCode":"200","RequestId":"0A1B","Success":true,"Count":3,"Rate":1.5,
            "Nothing":null,"When":"2024-01-02T03:04:05Z","Message":"ok","Empty":""}"#,
    );
    let expected = "\
$: object
$.HttpStatusCode: string(digits)
$.RequestId: string(id)
$.Success: boolean
$.Count: integer
$.Rate: number
$.Nothing: null
$.When: string(timestamp)
$.Message: string(text)
$.Empty: string(empty)
";
    assert_eq!(shape.to_string(), expected);
}

#[test]
fn an_id_is_classed_id_even_when_it_looks_like_a_number() {
    assert_eq!(class_of(Some("DtsJobId"), "123456789012345"), Class::Id);
    assert_eq!(class_of(Some("DtsJobId"), ""), Class::Empty);
    assert_eq!(class_of(Some("HttpStatusCode"), "200"), Class::Digits);
    assert_eq!(class_of(None, "True"), Class::Text);
    assert_eq!(class_of(None, "-1"), Class::Text);
}

#[test]
fn timestamps_are_recognised_by_their_form_only() {
    for text in [
        "2024-01-02T03:04:05Z",
        "2024-01-02T03:04Z",
        "2024-01-02T03:04:05.123+08:00",
    ] {
        assert_eq!(class_of(None, text), Class::Timestamp, "{text}");
    }
    for text in [
        "2024-01-02",
        "2024-01-02T03:04:5Z",
        "2024-01-02T03:04:05Zed",
        "é024-01-02T03:04",
    ] {
        assert_ne!(class_of(None, text), Class::Timestamp, "{text}");
    }
}

#[test]
fn array_items_are_merged_and_fields_some_items_lack_are_optional() {
    // C follows A in the item that has it, so it is placed right after A.
    let shape = json(r#"{"List":[{"A":"1","B":"x"},{"A":"","C":true}],"None":[]}"#);
    let expected = "\
$: object
$.List: array
$.List[]: object
$.List[].A: string(empty) | string(digits)
$.List[].C?: boolean
$.List[].B?: string(text)
$.None: array
";
    assert_eq!(shape.to_string(), expected);
}

#[test]
fn xml_keeps_element_order_and_attributes_and_ignores_formatting() {
    let pretty =
        "<R a=\"1\">\n  <B>true</B>\n  <A></A>\n  <L><X>t</X></L>\n  <L><X>u</X><Y/></L>\n</R>";
    let compact = "<?xml version=\"1.0\"?><R a=\"7\"><B>false</B><A/><L><X>v</X></L>\
                   <L><X>w</X><Y></Y></L></R>";
    let expected = "\
<R>: element
<R>/@a: text(digits)
<R>/<B>: text(boolean-like)
<R>/<A>: text(empty)
<R>/<L>: element
<R>/<L>/<X>: text(text)
<R>/<L>/<Y>?: text(empty)
";
    assert_eq!(xml(pretty).to_string(), expected);
    assert_eq!(xml(compact), xml(pretty));
}

#[test]
fn repeated_elements_that_disagree_on_order_are_marked_unordered() {
    let shape = xml("<R><L><A>1</A><B>2</B></L><L><B>2</B><A>1</A></L></R>");
    assert!(
        shape.to_string().contains("<R>/<L>: element (unordered)\n"),
        "{shape}"
    );
}

#[test]
fn the_text_form_reads_back_to_the_same_shape() {
    let shapes = [
        json(r#"{"a b":{"c.d":[["x"]]},"List":[{"A":"1"},{"B":2}],"Id":null}"#),
        xml("<R x=\"1\"><L><A>1</A><B>2</B></L><L><B>2</B><A>1</A></L><M>t<N/></M></R>"),
    ];
    for shape in shapes {
        let text = shape.to_string();
        assert_eq!(Shape::parse(&text), Ok(shape.clone()), "{text}");
        let commented = format!("# a comment\n\n{text}");
        assert_eq!(commented.parse::<Shape>(), Ok(shape));
    }
}

#[test]
fn malformed_text_is_refused_with_the_line_at_fault() {
    let cases = [
        ("$: object\n$.A: strung(id)\n", 2),
        ("$: object\n$.A.B: string(id)\n", 2),
        ("$: object\n$.A: string(id)\n$.A: integer\n", 3),
        ("$.A: object\n", 1),
        ("<R>: element\n<R>/B: text(id)\n", 2),
        ("no separator\n", 1),
        ("# nothing\n", 0),
    ];
    for (text, line) in cases {
        let error = Shape::parse(text).expect_err(text);
        assert_eq!(error.line, line, "{text}: {error}");
    }
}

#[test]
fn diff_names_each_drift_with_its_path_and_both_shapes() {
    let reference = json(r#"{"HttpStatusCode":"200","DtsInstanceId":"x","Success":"true"}"#);
    let actual = json(r#"{"HttpStatusCode":200,"DtsInstanceID":"x","Success":"true"}"#);
    let drifts: Vec<String> = diff(&reference, &actual)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        drifts,
        [
            "retyped $.HttpStatusCode: reference string(digits), actual integer",
            "added $.DtsInstanceID: reference absent, actual string(id)",
            "removed $.DtsInstanceId: reference string(id), actual absent",
        ]
    );
}

#[test]
fn xml_children_in_another_order_are_reported_as_reordered() {
    let drifts = diff(
        &xml("<R><A>1</A><B>2</B></R>"),
        &xml("<R><B>2</B><A>1</A></R>"),
    );
    assert_eq!(
        drifts,
        [Drift::Reordered {
            path: "<R>".into(),
            reference: vec!["<A>".into(), "<B>".into()],
            actual: vec!["<B>".into(), "<A>".into()],
        }]
    );
    let json_drifts = diff(&json(r#"{"A":"1","B":"2"}"#), &json(r#"{"B":"2","A":"1"}"#));
    assert_eq!(json_drifts, [], "JSON key order is not shape");
}

#[test]
fn a_merged_reference_accepts_each_response_it_was_made_from() {
    let first = json(r#"{"List":[{"A":"1"}],"Code":"x"}"#);
    let second = json(r#"{"List":[{"A":"","B":true}]}"#);
    let reference = first.merge(&second);
    assert_eq!(diff(&reference, &first), []);
    assert_eq!(diff(&reference, &second), []);
    let drifts = diff(&reference, &json(r#"{"List":[{"A":1}]}"#));
    assert_eq!(drifts.len(), 1, "{drifts:?}");
    assert!(
        drifts[0]
            .to_string()
            .starts_with("retyped $.List[].A: reference"),
        "{drifts:?}"
    );
}

#[test]
fn a_renamed_root_is_one_removal_and_one_addition() {
    let drifts = diff(&xml("<CreateReverseDtsJobResponse/>"), &xml("<Response/>"));
    let text: Vec<String> = drifts.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "removed <CreateReverseDtsJobResponse>: reference text(empty), actual absent",
            "added <Response>: reference absent, actual text(empty)",
        ]
    );
}

#[test]
fn json_and_xml_of_one_response_carry_the_same_fields() {
    let json_shape = json(r#"{"Code":"200","Ok":true,"N":3,"L":[{"A":"1"}],"E":[],"Z":null}"#);
    let xml_shape = xml("<R><Code>200</Code><Ok>true</Ok><N>3</N><L><A>1</A></L><Z/></R>");
    assert_eq!(same_fields(&json_shape, &xml_shape), Ok(()));

    let xml_shape = xml("<R><Code>OK</Code><Ok>true</Ok><N>3</N><L><A>1</A></L><Extra/></R>");
    let gaps: Vec<String> = same_fields(&json_shape, &xml_shape)
        .expect_err("the shapes differ")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        gaps,
        [
            "Code: JSON string(digits), XML text(text)",
            "Z: JSON null, XML absent",
            "Extra: JSON absent, XML text(empty)",
        ]
    );
}

#[test]
fn a_response_is_keyed_by_action_outcome_and_format() {
    let cases = [
        (
            r#"{"Success":"true"}"#,
            200,
            "CreateReverseDtsJob.success.json",
        ),
        (
            r#"{"Code":"Throttling.User"}"#,
            400,
            "CreateReverseDtsJob.Throttling.User.json",
        ),
        (
            r#"{"ErrCode":"InvalidParameter","Code":""}"#,
            403,
            "CreateReverseDtsJob.InvalidParameter.json",
        ),
        (
            r#"{"Message":"?"}"#,
            502,
            "CreateReverseDtsJob.http-502.json",
        ),
    ];
    for (body, status, expected) in cases {
        let document = decode(Format::Json, body.as_bytes()).expect("valid JSON");
        let key = classify("CreateReverseDtsJob", status, &document);
        assert_eq!(key.to_string(), expected);
        assert_eq!(ShapeKey::from_file_name(&key.file_name()), Some(key));
    }
    let odd = ShapeKey::new("Create/../x", Outcome::Error("a b".into()), Format::Xml);
    assert_eq!(odd.file_name(), "Create____x.a_b.xml.shape");
    assert_eq!(ShapeKey::from_file_name("Create.success.yaml.shape"), None);
    assert_eq!(ShapeKey::from_file_name("Create..json.shape"), None);
}
