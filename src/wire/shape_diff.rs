//! Comparing shapes: drift against a reference, and JSON against XML.

use super::text::{join, kinds_text, node_text};
use super::{Class, Kind, Node, Segment, Shape, ShapeKey};
use crate::wire::Format;
use std::collections::BTreeMap;
use std::fmt;

/// How a response's shape departs from its reference. Every drift names the path and both
/// shapes, `absent` standing for a side that has nothing there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// A field the reference does not have.
    Added {
        /// Its path.
        path: String,
        /// Its shape in the response.
        actual: String,
    },
    /// A required field of the reference that the response lacks.
    Removed {
        /// Its path.
        path: String,
        /// Its shape in the reference.
        reference: String,
    },
    /// A field whose kind the reference does not allow.
    Retyped {
        /// Its path.
        path: String,
        /// Its shape in the reference.
        reference: String,
        /// Its shape in the response.
        actual: String,
    },
    /// XML child elements in another order than the reference's.
    Reordered {
        /// The parent's path.
        path: String,
        /// The shared children in the reference's order.
        reference: Vec<String>,
        /// The shared children in the response's order.
        actual: Vec<String>,
    },
    /// The reference holds no shape for this kind of response.
    Unreferenced {
        /// The response kind, e.g. `CreateReverseDtsJob.success.json`.
        key: String,
    },
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Added { path, actual } => {
                write!(f, "added {path}: reference absent, actual {actual}")
            }
            Drift::Removed { path, reference } => {
                write!(f, "removed {path}: reference {reference}, actual absent")
            }
            Drift::Retyped {
                path,
                reference,
                actual,
            } => {
                write!(f, "retyped {path}: reference {reference}, actual {actual}")
            }
            Drift::Reordered {
                path,
                reference,
                actual,
            } => write!(
                f,
                "reordered children of {path}: reference {}, actual {}",
                reference.join(", "),
                actual.join(", ")
            ),
            Drift::Unreferenced { key } => write!(
                f,
                "unreferenced {key}: the reference has no {key}.shape, so this kind of \
                 response was never recorded"
            ),
        }
    }
}

/// Where `actual` departs from `reference`.
///
/// A reference may be the merge of several responses, so `actual` conforms when each of its
/// kinds is one the reference allows and every required field of the reference is present;
/// an optional reference field may be absent. Child order is compared for XML only, and not
/// under a reference node marked `(unordered)`. Below an added or removed node nothing more
/// is reported.
pub fn diff(reference: &Shape, actual: &Shape) -> Vec<Drift> {
    let mut drifts = Vec::new();
    let reference_path = join("", &reference.root.segment);
    if reference.root.segment != actual.root.segment {
        drifts.push(Drift::Removed {
            path: reference_path,
            reference: node_text(&reference.root),
        });
        drifts.push(Drift::Added {
            path: join("", &actual.root.segment),
            actual: node_text(&actual.root),
        });
        return drifts;
    }
    let ordered = reference.format == Format::Xml && actual.format == Format::Xml;
    compare(
        &reference.root,
        &actual.root,
        &reference_path,
        ordered,
        &mut drifts,
    );
    drifts
}

fn compare(reference: &Node, actual: &Node, path: &str, ordered: bool, out: &mut Vec<Drift>) {
    let kinds_allowed = actual.kinds.iter().all(|k| reference.kinds.contains(k));
    if !kinds_allowed || (actual.optional && !reference.optional) {
        out.push(Drift::Retyped {
            path: path.to_string(),
            reference: node_text(reference),
            actual: node_text(actual),
        });
    }
    if ordered && !reference.unordered {
        reordered(reference, actual, path, out);
    }
    for child in &actual.children {
        let child_path = join(path, &child.segment);
        match reference.child(&child.segment) {
            Some(expected) => compare(expected, child, &child_path, ordered, out),
            None => out.push(Drift::Added {
                path: child_path,
                actual: node_text(child),
            }),
        }
    }
    for expected in &reference.children {
        if !expected.optional && actual.child(&expected.segment).is_none() {
            let reference = node_text(expected);
            out.push(Drift::Removed {
                path: join(path, &expected.segment),
                reference,
            });
        }
    }
}

fn reordered(reference: &Node, actual: &Node, path: &str, out: &mut Vec<Drift>) {
    let shared = |from: &Node, other: &Node| -> Vec<String> {
        from.children
            .iter()
            .filter(|c| matches!(c.segment, Segment::Element(_)))
            .filter(|c| other.child(&c.segment).is_some())
            .map(|c| join("", &c.segment))
            .collect()
    };
    let (expected, found) = (shared(reference, actual), shared(actual, reference));
    if expected != found {
        out.push(Drift::Reordered {
            path: path.to_string(),
            reference: expected,
            actual: found,
        });
    }
}

/// A failure message for the drifts of one response: which kind drifted, then one drift a
/// line, then what to do about it.
pub fn explain(key: &ShapeKey, drifts: &[Drift]) -> String {
    let mut text = format!("the {key} response does not match its recorded shape:\n");
    for drift in drifts {
        text.push_str(&format!("  {drift}\n"));
    }
    text.push_str(
        "if the change is intended, record the shapes again (--record-shapes DIR), review the \
         diff against the reference, and check against DIR from then on (--shapes DIR)",
    );
    text
}

/// A field that the JSON and the XML shape of one response do not carry alike. Fields are
/// named format-neutrally: `DtsJobList.DtsJobId`, no root, no `[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldGap {
    /// In the JSON shape only.
    OnlyInJson {
        /// The field.
        field: String,
        /// Its JSON shape.
        json: String,
    },
    /// In the XML shape only.
    OnlyInXml {
        /// The field.
        field: String,
        /// Its XML shape.
        xml: String,
    },
    /// In both, with values no encoding of one value gives (e.g. `string(digits)` and
    /// `text(boolean-like)`).
    Differs {
        /// The field.
        field: String,
        /// Its JSON shape.
        json: String,
        /// Its XML shape.
        xml: String,
    },
}

impl fmt::Display for FieldGap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldGap::OnlyInJson { field, json } => write!(f, "{field}: JSON {json}, XML absent"),
            FieldGap::OnlyInXml { field, xml } => write!(f, "{field}: JSON absent, XML {xml}"),
            FieldGap::Differs { field, json, xml } => write!(f, "{field}: JSON {json}, XML {xml}"),
        }
    }
}

/// What a value can be in either format: `Some(class)` for a scalar, `None` for a structure.
type Neutral = Option<Class>;

/// A field as both formats can carry it: its neutral kinds and its shape text.
struct Field {
    neutral: Vec<Neutral>,
    text: String,
}

/// Whether the JSON and the XML shape of one response carry the same fields, each with a
/// value both encodings agree on (a JSON integer and XML digits agree; so do a boolean and
/// `boolean-like` text, `null` and empty text, an object and an element).
///
/// An empty JSON array has no XML counterpart (XML writes one element per item), so it is
/// not required in XML.
///
/// # Errors
///
/// Every [`FieldGap`], in JSON order then XML order.
pub fn same_fields(json: &Shape, xml: &Shape) -> Result<(), Vec<FieldGap>> {
    let (json_fields, xml_fields) = (fields(&json.root), fields(&xml.root));
    let mut gaps = Vec::new();
    for (field, j) in &json_fields {
        match xml_fields.get(field) {
            None if j.neutral.is_empty() => {}
            None => gaps.push(FieldGap::OnlyInJson {
                field: field.clone(),
                json: j.text.clone(),
            }),
            Some(x) if x.neutral != j.neutral => gaps.push(FieldGap::Differs {
                field: field.clone(),
                json: j.text.clone(),
                xml: x.text.clone(),
            }),
            Some(_) => {}
        }
    }
    for (field, x) in &xml_fields {
        if !json_fields.contains_key(field) {
            gaps.push(FieldGap::OnlyInXml {
                field: field.clone(),
                xml: x.text.clone(),
            });
        }
    }
    if gaps.is_empty() { Ok(()) } else { Err(gaps) }
}

/// Every field below a root, named format-neutrally.
fn fields(root: &Node) -> BTreeMap<String, Field> {
    let mut out = BTreeMap::new();
    for child in &root.children {
        collect(child, "", &mut out);
    }
    out
}

fn collect(node: &Node, parent: &str, out: &mut BTreeMap<String, Field>) {
    let name = match &node.segment {
        Segment::Key(name) | Segment::Element(name) => name.clone(),
        Segment::Attribute(name) => format!("@{name}"),
        Segment::Root | Segment::Item => String::new(),
    };
    let field = if parent.is_empty() {
        name
    } else {
        format!("{parent}.{name}")
    };
    out.insert(
        field.clone(),
        Field {
            neutral: neutral_kinds(node),
            text: kinds_text(node),
        },
    );
    for child in field_children(node) {
        collect(child, &field, out);
    }
}

/// A node's neutral kinds; an array stands for its items' kinds, and an empty array has none.
fn neutral_kinds(node: &Node) -> Vec<Neutral> {
    let mut kinds = Vec::new();
    for kind in &node.kinds {
        match (kind, node.child(&Segment::Item)) {
            (Kind::Array, Some(item)) => kinds.extend(neutral_kinds(item)),
            (Kind::Array, None) => {}
            (kind, _) => kinds.push(neutral(*kind)),
        }
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The nodes that hold a node's fields: its children, an array's items' children in place of
/// the items, so that `[]` never appears in a field name.
fn field_children(node: &Node) -> Vec<&Node> {
    let mut children = Vec::new();
    for child in &node.children {
        if child.segment == Segment::Item {
            children.extend(field_children(child));
        } else {
            children.push(child);
        }
    }
    children
}

fn neutral(kind: Kind) -> Neutral {
    match kind {
        Kind::Object | Kind::Element | Kind::Array => None,
        Kind::Null => Some(Class::Empty),
        Kind::Boolean => Some(Class::BooleanLike),
        Kind::Integer => Some(Class::Digits),
        Kind::Number => Some(Class::Text),
        Kind::String(class) | Kind::Text(class) | Kind::Mixed(class) => Some(class),
    }
}
