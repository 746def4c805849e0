//! The text form of a shape: one line per node, `path[?]: kind | kind [(unordered)]`.
//!
//! JSON paths start at `$`, name keys with `.Key` (or `["odd key"]` when the key holds
//! anything but letters, digits, `_` and `-`) and array items with `[]`. XML paths name
//! elements `<Name>` and attributes `@name`, joined by `/`. `?` marks an optional node.

use super::{Class, Kind, Node, Segment, Shape};
use crate::wire::Format;
use std::fmt;

/// Why a shape's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ParseError {
    /// The 1-based line number (0 when the text as a whole is at fault).
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

const UNORDERED: &str = " (unordered)";

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Empty => "empty",
            Class::BooleanLike => "boolean-like",
            Class::Digits => "digits",
            Class::Timestamp => "timestamp",
            Class::Id => "id",
            Class::Text => "text",
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Object => f.write_str("object"),
            Kind::Array => f.write_str("array"),
            Kind::Null => f.write_str("null"),
            Kind::Boolean => f.write_str("boolean"),
            Kind::Integer => f.write_str("integer"),
            Kind::Number => f.write_str("number"),
            Kind::Element => f.write_str("element"),
            Kind::String(class) => write!(f, "string({class})"),
            Kind::Mixed(class) => write!(f, "mixed({class})"),
            Kind::Text(class) => write!(f, "text({class})"),
        }
    }
}

impl fmt::Display for Shape {
    /// One line per node, parents before children, children in order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_node(f, &join("", &self.root.segment), &self.root)
    }
}

fn write_node(f: &mut fmt::Formatter<'_>, path: &str, node: &Node) -> fmt::Result {
    let optional = if node.optional { "?" } else { "" };
    writeln!(f, "{path}{optional}: {}", kinds_text(node))?;
    for child in &node.children {
        write_node(f, &join(path, &child.segment), child)?;
    }
    Ok(())
}

/// A node's kinds as a line shows them, e.g. `string(digits) | string(empty)`.
pub(super) fn kinds_text(node: &Node) -> String {
    let kinds: Vec<String> = node.kinds.iter().map(Kind::to_string).collect();
    let unordered = if node.unordered { UNORDERED } else { "" };
    format!("{}{unordered}", kinds.join(" | "))
}

/// A node's shape as a message names it: its kinds, `optional` first when it is.
pub(super) fn node_text(node: &Node) -> String {
    let optional = if node.optional { "optional " } else { "" };
    format!("{optional}{}", kinds_text(node))
}

/// The path of `segment` under `parent` (`""` for a root).
pub(super) fn join(parent: &str, segment: &Segment) -> String {
    match segment {
        Segment::Root => "$".to_string(),
        Segment::Key(key) if is_bare(key) => format!("{parent}.{key}"),
        Segment::Key(key) => {
            let quoted = serde_json::to_string(key).unwrap_or_else(|_| format!("{key:?}"));
            format!("{parent}[{quoted}]")
        }
        Segment::Item => format!("{parent}[]"),
        Segment::Element(name) if parent.is_empty() => format!("<{name}>"),
        Segment::Element(name) => format!("{parent}/<{name}>"),
        Segment::Attribute(name) => format!("{parent}/@{name}"),
    }
}

fn is_bare(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Read the text form back.
pub(super) fn parse(text: &str) -> Result<Shape, ParseError> {
    let mut shape: Option<Shape> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim_start().is_empty() || line.starts_with('#') {
            continue;
        }
        let failed = |reason: String| ParseError {
            line: index + 1,
            reason,
        };
        let (segments, node) = parse_line(line).map_err(failed)?;
        insert(&mut shape, &segments, node).map_err(failed)?;
    }
    shape.ok_or_else(|| ParseError {
        line: 0,
        reason: "there is no shape line".to_string(),
    })
}

fn parse_line(line: &str) -> Result<(Vec<Segment>, Node), String> {
    let (path, kinds) = line
        .rsplit_once(": ")
        .ok_or_else(|| format!("expected `path: kinds`, found {line:?}"))?;
    let (path, optional) = match path.strip_suffix('?') {
        Some(path) => (path, true),
        None => (path, false),
    };
    let (kinds, unordered) = match kinds.strip_suffix(UNORDERED) {
        Some(kinds) => (kinds, true),
        None => (kinds, false),
    };
    let mut kinds = kinds
        .split(" | ")
        .map(parse_kind)
        .collect::<Result<Vec<Kind>, String>>()?;
    kinds.sort();
    kinds.dedup();
    let mut segments = parse_path(path)?;
    let segment = segments
        .pop()
        .ok_or_else(|| format!("empty path in {line:?}"))?;
    segments.push(segment.clone());
    Ok((
        segments,
        Node {
            segment,
            kinds,
            optional,
            unordered,
            children: Vec::new(),
        },
    ))
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    let plain = match text {
        "object" => Some(Kind::Object),
        "array" => Some(Kind::Array),
        "null" => Some(Kind::Null),
        "boolean" => Some(Kind::Boolean),
        "integer" => Some(Kind::Integer),
        "number" => Some(Kind::Number),
        "element" => Some(Kind::Element),
        _ => None,
    };
    if let Some(kind) = plain {
        return Ok(kind);
    }
    let unknown = || format!("unknown kind {text:?}");
    let (name, class) = text
        .strip_suffix(')')
        .and_then(|t| t.split_once('('))
        .ok_or_else(unknown)?;
    let class = match class {
        "empty" => Class::Empty,
        "boolean-like" => Class::BooleanLike,
        "digits" => Class::Digits,
        "timestamp" => Class::Timestamp,
        "id" => Class::Id,
        "text" => Class::Text,
        _ => return Err(unknown()),
    };
    match name {
        "string" => Ok(Kind::String(class)),
        "text" => Ok(Kind::Text(class)),
        "mixed" => Ok(Kind::Mixed(class)),
        _ => Err(unknown()),
    }
}

fn parse_path(path: &str) -> Result<Vec<Segment>, String> {
    if path.starts_with('$') {
        parse_json_path(path)
    } else if path.starts_with('<') {
        path.split('/')
            .enumerate()
            .map(|(i, step)| parse_xml_step(i, step))
            .collect()
    } else {
        Err(format!(
            "a path starts with `$` (JSON) or `<` (XML), found {path:?}"
        ))
    }
}

fn parse_json_path(path: &str) -> Result<Vec<Segment>, String> {
    let mut rest = path.strip_prefix('$').unwrap_or(path);
    let mut segments = vec![Segment::Root];
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[]") {
            segments.push(Segment::Item);
            rest = after;
        } else if let Some(after) = rest.strip_prefix('[') {
            let mut stream = serde_json::Deserializer::from_str(after).into_iter::<String>();
            let key = match stream.next() {
                Some(Ok(key)) => key,
                _ => return Err(format!("expected a quoted key after `[` in {path:?}")),
            };
            let used = stream.byte_offset();
            rest = after[used..]
                .strip_prefix(']')
                .ok_or_else(|| format!("no `]` in {path:?}"))?;
            segments.push(Segment::Key(key));
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return Err(format!("an empty key in {path:?}"));
            }
            segments.push(Segment::Key(after[..end].to_string()));
            rest = &after[end..];
        } else {
            return Err(format!(
                "expected `.key`, `[\"key\"]` or `[]` at {rest:?} in {path:?}"
            ));
        }
    }
    Ok(segments)
}

fn parse_xml_step(index: usize, step: &str) -> Result<Segment, String> {
    if let Some(name) = step.strip_prefix('<').and_then(|s| s.strip_suffix('>'))
        && !name.is_empty()
    {
        return Ok(Segment::Element(name.to_string()));
    }
    match step.strip_prefix('@') {
        Some(name) if index > 0 && !name.is_empty() => Ok(Segment::Attribute(name.to_string())),
        _ => Err(format!(
            "expected `<element>` or `@attribute`, found {step:?}"
        )),
    }
}

/// Add a parsed line's node under its parent, which an earlier line must have given.
fn insert(shape: &mut Option<Shape>, segments: &[Segment], node: Node) -> Result<(), String> {
    let Some((_, between)) = segments.split_first() else {
        return Err("empty path".to_string());
    };
    let Some(shape) = shape else {
        if !between.is_empty() {
            return Err("the first line must be the root (`$` or `<Root>`)".to_string());
        }
        let format = if node.segment == Segment::Root {
            Format::Json
        } else {
            Format::Xml
        };
        *shape = Some(Shape { format, root: node });
        return Ok(());
    };
    if segments[0] != shape.root.segment || between.is_empty() {
        return Err("every line after the first continues the root's path".to_string());
    }
    let mut parent = &mut shape.root;
    for segment in &between[..between.len() - 1] {
        parent = parent
            .children
            .iter_mut()
            .find(|c| c.segment == *segment)
            .ok_or_else(|| "no earlier line gives this path's parent".to_string())?;
    }
    if parent.child(&node.segment).is_some() {
        return Err("this path was given already".to_string());
    }
    parent.children.push(node);
    Ok(())
}
