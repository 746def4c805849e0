//! The `xml-intact` property's structural half: which elements an XML response can hold.
//! An element or attribute from anywhere else means input reached the document unescaped.

use std::collections::BTreeSet;

use super::property::{Property, Violation};
use crate::contract::{self, Action};
use crate::wire::{Document, Element};

/// The fields of a gateway (POP) error body (reference §3.2); the document's own response
/// fields come from `contract::RESPONSE_FIELDS`.
const GATEWAY_ERROR_FIELDS: &[&str] = &["RequestId", "HostId", "Code", "Message", "Recommend"];

/// The root of an error body in XML.
const ERROR_ROOT: &str = "Error";

/// The element names a response can hold under its root.
fn allowed_children(root: &str) -> Option<BTreeSet<&'static str>> {
    let fields = contract::RESPONSE_FIELDS.iter().map(|field| field.name);
    if root == ERROR_ROOT {
        Some(fields.chain(GATEWAY_ERROR_FIELDS.iter().copied()).collect())
    } else if root == Action::CreateReverseDtsJob.xml_root() {
        Some(fields.collect())
    } else {
        None
    }
}

/// What in an XML document no response can hold; `None` for JSON or a sound document.
pub fn xml_structure(document: &Document) -> Option<Violation> {
    let element = document.element.as_ref()?;
    let Some(allowed) = allowed_children(&element.name) else {
        let expected = format!("{ERROR_ROOT} or {}", Action::CreateReverseDtsJob.xml_root());
        return Some(
            Violation::new(
                Property::XmlIntact,
                "the XML root is not one the response can have",
            )
            .field("XML root", expected, element.name.clone()),
        );
    };
    let mut unexpected: Vec<String> = Vec::new();
    for child in &element.children {
        if !allowed.contains(child.name.as_str()) {
            unexpected.push(format!("<{}>", child.name));
        }
        unexpected.extend(nested_names(child));
    }
    unexpected.extend(
        element
            .attributes
            .iter()
            .map(|(name, _)| format!("attribute {name}")),
    );
    if unexpected.is_empty() {
        return None;
    }
    let expected: Vec<&str> = allowed.into_iter().collect();
    Some(
        Violation::new(
            Property::XmlIntact,
            "the document holds markup the response cannot hold: input reached it unescaped",
        )
        .field(
            format!("elements of <{}>", element.name),
            expected.join(", "),
            unexpected.join(", "),
        ),
    )
}

/// Elements and attributes inside a field, which is always a leaf.
fn nested_names(field: &Element) -> Vec<String> {
    let mut names: Vec<String> = field
        .attributes
        .iter()
        .map(|(name, _)| format!("attribute {name} of <{}>", field.name))
        .collect();
    for child in &field.children {
        names.push(format!("<{}> inside <{}>", child.name, field.name));
        names.extend(nested_names(child));
    }
    names
}
