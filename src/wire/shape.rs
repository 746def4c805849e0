//! Response shapes: what a body is made of, without its values.
//!
//! A [`Shape`] keeps a body's field names, their nesting and order, and the kind of each value:
//! for JSON the type (`string`, `integer`, `number`, `boolean`, `null`, `array`, `object`), for
//! XML the element tree in document order, the attributes, and the kind of each leaf text.
//! Strings and texts also keep a coarse [`Class`] (`empty`, `boolean-like`, `digits`,
//! `timestamp`, `id`, `text`), because `"200"` and `"true"` are part of what the contract
//! promises while the value of a request id is not.
//!
//! # Decisions
//!
//! - **Volatile values are redacted by name.** The fields in [`VOLATILE_FIELDS`] (request,
//!   job and instance ids) are classed `id` whatever their value (`empty` when empty), so an
//!   id that happens to be all digits never reads as a number. Timestamps are recognised by
//!   their form (`2024-01-02T03:04:05Z`) and classed `timestamp`.
//! - **`digits` is one or more ASCII digits, `boolean-like` is exactly `true` or `false`.**
//!   Anything else that is not empty is `text`.
//! - **XML formatting is not shape.** The prolog, comments and whitespace-only text between
//!   elements (pretty-printing) are ignored; a leaf's text is classed as it is, untrimmed.
//!   Attribute order is not shape; element order is.
//! - **Repeated things are merged.** The items of a JSON array, and same-named sibling
//!   elements in XML, become one node: the union of their fields, marked optional (`?`) when
//!   some items lack them, with every kind seen. The first item gives the order; a field it
//!   lacks is placed after the field it follows in the item that has it.
//!   How many items there were is not shape. An XML node whose repeated elements do not keep
//!   one child order is marked `(unordered)`.
//! - **JSON key order is not shape** (JSON objects are unordered); XML element order is.
//!
//! [`Shape`]'s `Display` is the stable text form used by the snapshots and by recorded
//! reference files: one line per node, `path: kinds`, e.g.
//! `$.DtsJobList[].Checkpoint?: string(digits)` or
//! `<CreateReverseDtsJobResponse>/<Success>: text(boolean-like)`.

#[path = "shape_diff.rs"]
mod diff;
#[path = "shape_reference.rs"]
mod reference;
#[path = "shape_text.rs"]
mod text;

#[cfg(test)]
#[path = "shape_tests.rs"]
mod tests;

pub use diff::{Drift, FieldGap, diff, explain, same_fields};
pub use reference::{Outcome, Recorder, Reference, ShapeError, ShapeKey, classify};
pub use text::ParseError;

use super::{Document, Element, Format, Value};

/// Fields whose values change from one response to the next; their strings are classed `id`.
pub const VOLATILE_FIELDS: &[&str] = &["RequestId", "DtsJobId", "DtsInstanceId", "DtsInstanceID"];

/// The class of a string or text value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// The empty string.
    Empty,
    /// Exactly `true` or `false`.
    BooleanLike,
    /// One or more ASCII digits.
    Digits,
    /// An ISO 8601 date and time, e.g. `2024-01-02T03:04:05Z`.
    Timestamp,
    /// A non-empty value of a [volatile](VOLATILE_FIELDS) field, redacted.
    Id,
    /// Any other text.
    Text,
}

/// What a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// JSON `null`.
    Null,
    /// A JSON boolean.
    Boolean,
    /// A JSON integer.
    Integer,
    /// A JSON number that is not an integer.
    Number,
    /// A JSON string.
    String(Class),
    /// An XML element with child elements.
    Element,
    /// An XML element with child elements and non-blank text of its own.
    Mixed(Class),
    /// An XML leaf element's text, or an attribute's value.
    Text(Class),
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// The top of a JSON body, `$`.
    Root,
    /// A JSON object key.
    Key(String),
    /// The (merged) items of a JSON array, `[]`.
    Item,
    /// An XML element, `<name>`.
    Element(String),
    /// An XML attribute, `@name`.
    Attribute(String),
}

/// One node of a shape: what is found at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The last step of its path.
    pub segment: Segment,
    /// Every kind seen here, sorted, without duplicates; never empty.
    pub kinds: Vec<Kind>,
    /// Whether some of the merged items lacked it.
    pub optional: bool,
    /// Whether merged XML elements disagreed on the order of their children.
    pub unordered: bool,
    /// Object keys, array items, attributes and child elements, in order.
    pub children: Vec<Node>,
}

/// The shape of one response body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The body's format.
    pub format: Format,
    /// The top node: `$` for JSON, the root element for XML.
    pub root: Node,
}

impl Shape {
    /// The shape of a decoded body. An XML document built without its element tree is shaped
    /// from its value, encoded as the mock would encode it.
    pub fn of(document: &Document) -> Shape {
        match (document.format, &document.element) {
            (Format::Xml, Some(element)) => Shape::of_xml(element),
            (Format::Xml, None) => {
                let root = document.root.as_deref().unwrap_or("Response");
                let text = super::encode(Format::Xml, root, &document.value);
                match super::decode(Format::Xml, text.as_bytes()) {
                    Ok(Document {
                        element: Some(element),
                        ..
                    }) => Shape::of_xml(&element),
                    _ => Shape::of_json(&document.value),
                }
            }
            (Format::Json, _) => Shape::of_json(&document.value),
        }
    }

    /// The shape of a JSON body.
    pub fn of_json(value: &Value) -> Shape {
        Shape {
            format: Format::Json,
            root: json_node(Segment::Root, None, value),
        }
    }

    /// The shape of an XML body, from its root element.
    pub fn of_xml(element: &Element) -> Shape {
        Shape {
            format: Format::Xml,
            root: xml_node(element),
        }
    }

    /// The union of two shapes of the same response kind, as a recording that saw both keeps
    /// it: fields missing from either become optional, and every kind seen is kept.
    #[must_use]
    pub fn merge(&self, other: &Shape) -> Shape {
        Shape {
            format: self.format,
            root: merge(&self.root, &other.root),
        }
    }

    /// Parse the text form that `Display` writes. Blank lines and lines starting with `#`
    /// are ignored.
    ///
    /// # Errors
    ///
    /// [`ParseError`] naming the first line that is not `path: kinds`, whose path does not
    /// continue an earlier line, or that repeats a path.
    pub fn parse(text: &str) -> Result<Shape, ParseError> {
        text::parse(text)
    }
}

impl std::str::FromStr for Shape {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Shape::parse(text)
    }
}

impl Node {
    fn leaf(segment: Segment, kind: Kind) -> Node {
        Node {
            segment,
            kinds: vec![kind],
            optional: false,
            unordered: false,
            children: Vec::new(),
        }
    }

    /// The child at `segment`, if any.
    pub fn child(&self, segment: &Segment) -> Option<&Node> {
        self.children.iter().find(|c| c.segment == *segment)
    }
}

/// The class of a value found under the field or element `name`.
pub fn class_of(name: Option<&str>, text: &str) -> Class {
    if text.is_empty() {
        Class::Empty
    } else if name.is_some_and(|n| VOLATILE_FIELDS.contains(&n)) {
        Class::Id
    } else if text == "true" || text == "false" {
        Class::BooleanLike
    } else if text.bytes().all(|b| b.is_ascii_digit()) {
        Class::Digits
    } else if is_timestamp(text) {
        Class::Timestamp
    } else {
        Class::Text
    }
}

/// `yyyy-MM-ddTHH:mm`, optional seconds and fraction, optional `Z` or `±hh[:]mm`.
fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let pattern = b"dddd-dd-ddTdd:dd";
    if bytes.len() < pattern.len() {
        return false;
    }
    let head_ok = pattern.iter().zip(bytes).all(|(p, b)| match p {
        b'd' => b.is_ascii_digit(),
        p => p == b,
    });
    if !head_ok {
        return false;
    }
    let mut rest = &text[pattern.len()..];
    if let Some(seconds) = rest.strip_prefix(':') {
        let digits = seconds.bytes().take_while(u8::is_ascii_digit).count();
        rest = &seconds[digits.min(2)..];
        if digits < 2 {
            return false;
        }
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            rest = &fraction[digits..];
        }
    }
    match rest.as_bytes() {
        [] | [b'Z'] => true,
        [b'+' | b'-', zone @ ..] => {
            let digits: Vec<u8> = zone.iter().copied().filter(|b| *b != b':').collect();
            digits.len() == 4 && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

fn json_node(segment: Segment, name: Option<&str>, value: &Value) -> Node {
    match value {
        Value::Obj(fields) => Node {
            children: fields
                .iter()
                .map(|(key, v)| json_node(Segment::Key(key.clone()), Some(key), v))
                .collect(),
            ..Node::leaf(segment, Kind::Object)
        },
        Value::List(items) => {
            let merged = items
                .iter()
                .map(|item| json_node(Segment::Item, name, item))
                .reduce(|a, b| merge(&a, &b));
            Node {
                children: merged.into_iter().collect(),
                ..Node::leaf(segment, Kind::Array)
            }
        }
        Value::Null => Node::leaf(segment, Kind::Null),
        Value::Bool(_) => Node::leaf(segment, Kind::Boolean),
        Value::Int(_) => Node::leaf(segment, Kind::Integer),
        Value::Float(_) => Node::leaf(segment, Kind::Number),
        Value::Str(s) => Node::leaf(segment, Kind::String(class_of(name, s))),
    }
}

fn xml_node(element: &Element) -> Node {
    let name = element.name.as_str();
    let kind = if element.children.is_empty() {
        Kind::Text(class_of(Some(name), &element.text))
    } else if element.text.trim().is_empty() {
        Kind::Element
    } else {
        Kind::Mixed(class_of(Some(name), element.text.trim()))
    };
    let mut children: Vec<Node> = element
        .attributes
        .iter()
        .map(|(key, value)| {
            Node::leaf(
                Segment::Attribute(key.clone()),
                Kind::Text(class_of(Some(key), value)),
            )
        })
        .collect();
    for child in &element.children {
        let node = xml_node(child);
        match children.iter_mut().find(|c| c.segment == node.segment) {
            Some(existing) => *existing = merge(existing, &node),
            None => children.push(node),
        }
    }
    Node {
        children,
        ..Node::leaf(Segment::Element(name.to_string()), kind)
    }
}

/// The union of two nodes at the same path.
fn merge(a: &Node, b: &Node) -> Node {
    let mut kinds = a.kinds.clone();
    kinds.extend(b.kinds.iter().copied());
    kinds.sort();
    kinds.dedup();
    let is_element = matches!(a.segment, Segment::Element(_));
    let unordered =
        is_element && (a.unordered || b.unordered || !same_order(&a.children, &b.children));
    Node {
        segment: a.segment.clone(),
        kinds,
        optional: a.optional || b.optional,
        unordered,
        children: merge_children(&a.children, &b.children),
    }
}

/// `a`'s children merged with `b`'s: shared ones merged in place, the others optional, each
/// of `b`'s own inserted after the sibling it follows in `b`.
fn merge_children(a: &[Node], b: &[Node]) -> Vec<Node> {
    let mut merged: Vec<Node> = a
        .iter()
        .map(|child| {
            let optional = child.optional || !b.iter().any(|o| o.segment == child.segment);
            Node {
                optional,
                ..child.clone()
            }
        })
        .collect();
    let mut cursor: Option<usize> = None;
    for child in b {
        match merged.iter().position(|m| m.segment == child.segment) {
            Some(at) => {
                merged[at] = merge(&merged[at], child);
                cursor = Some(at);
            }
            None => {
                let at = cursor.map_or(0, |c| c + 1);
                merged.insert(
                    at,
                    Node {
                        optional: true,
                        ..child.clone()
                    },
                );
                cursor = Some(at);
            }
        }
    }
    merged
}

/// Whether the child elements both lists share appear in the same relative order.
fn same_order(a: &[Node], b: &[Node]) -> bool {
    let shared = |x: &[Node], y: &[Node]| -> Vec<Segment> {
        x.iter()
            .filter(|n| matches!(n.segment, Segment::Element(_)))
            .filter(|n| y.iter().any(|o| o.segment == n.segment))
            .map(|n| n.segment.clone())
            .collect()
    };
    shared(a, b) == shared(b, a)
}
