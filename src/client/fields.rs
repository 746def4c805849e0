//! Reading typed fields out of a decoded body, JSON or XML alike.

use super::DecodeError;
use crate::wire::{Format, Value};

/// Typed access to the fields of one object in a decoded body. Errors name the field's
/// path, what the contract expects, what arrived, and show the body.
///
/// A missing field, or a JSON `null`, reads as `None`: which fields must be present is the
/// contract's business, not the decoder's.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    value: &'a Value,
    path: String,
    format: Format,
    response: &'static str,
    body: &'a str,
}

impl<'a> Fields<'a> {
    /// The fields of a body's root object.
    pub(super) fn root(
        value: &'a Value,
        format: Format,
        response: &'static str,
        body: &'a str,
    ) -> Fields<'a> {
        Fields {
            value,
            path: String::new(),
            format,
            response,
            body,
        }
    }

    /// The format the body was decoded from.
    pub fn format(&self) -> Format {
        self.format
    }

    /// A string field.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Field`] when the value is not a string.
    pub fn string(&self, key: &str) -> Result<Option<String>, DecodeError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.mismatch(key, "a string", other)),
        }
    }

    /// A boolean field: a JSON boolean, or the XML text `true` or `false`.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Field`] when the value is not a boolean in the body's format.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, DecodeError> {
        match (self.get(key), self.format) {
            (None, _) => Ok(None),
            (Some(Value::Bool(b)), Format::Json) => Ok(Some(*b)),
            (Some(Value::Str(s)), Format::Xml) if s == "true" => Ok(Some(true)),
            (Some(Value::Str(s)), Format::Xml) if s == "false" => Ok(Some(false)),
            (Some(other), Format::Json) => Err(self.mismatch(key, "a JSON boolean", other)),
            (Some(other), Format::Xml) => Err(self.mismatch(key, "the text true or false", other)),
        }
    }

    /// An integer field: a JSON integer, or XML text that reads as one.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Field`] when the value is not an integer in the body's format.
    pub fn integer(&self, key: &str) -> Result<Option<i64>, DecodeError> {
        match (self.get(key), self.format) {
            (None, _) => Ok(None),
            (Some(Value::Int(i)), Format::Json) => Ok(Some(*i)),
            (Some(Value::Str(s)), Format::Xml) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| self.mismatch(key, "integer text", &Value::Str(s.clone()))),
            (Some(other), Format::Json) => Err(self.mismatch(key, "a JSON integer", other)),
            (Some(other), Format::Xml) => Err(self.mismatch(key, "integer text", other)),
        }
    }

    /// A nested object. In XML an empty element reads as an object with no fields.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Field`] when the value is not an object.
    pub fn object(&self, key: &str) -> Result<Option<Fields<'a>>, DecodeError> {
        match self.get(key) {
            None => Ok(None),
            Some(value @ Value::Obj(_)) => Ok(Some(self.child(value, self.join(key)))),
            Some(value @ Value::Str(s)) if self.format == Format::Xml && s.trim().is_empty() => {
                Ok(Some(self.child(value, self.join(key))))
            }
            Some(other) => Err(self.mismatch(key, "an object", other)),
        }
    }

    /// A list of objects. In XML, repeated elements form the list, a single element is a
    /// list of one, and an empty element is an empty list.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Field`] when the value is not a list of objects.
    pub fn list(&self, key: &str) -> Result<Vec<Fields<'a>>, DecodeError> {
        let items: Vec<&'a Value> = match (self.get(key), self.format) {
            (None, _) => Vec::new(),
            (Some(Value::List(items)), _) => items.iter().collect(),
            (Some(value @ Value::Obj(_)), Format::Xml) => vec![value],
            (Some(Value::Str(s)), Format::Xml) if s.trim().is_empty() => Vec::new(),
            (Some(other), _) => return Err(self.mismatch(key, "a list of objects", other)),
        };
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let path = format!("{}[{index}]", self.join(key));
                match item {
                    Value::Obj(_) => Ok(self.child(item, path)),
                    other => Err(self.error(path, "an object", other)),
                }
            })
            .collect()
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        match self.value.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => Some(value),
        }
    }

    fn join(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn child(&self, value: &'a Value, path: String) -> Fields<'a> {
        Fields {
            value,
            path,
            format: self.format,
            response: self.response,
            body: self.body,
        }
    }

    fn mismatch(&self, key: &str, expected: &'static str, found: &Value) -> DecodeError {
        self.error(self.join(key), expected, found)
    }

    fn error(&self, field: String, expected: &'static str, found: &Value) -> DecodeError {
        DecodeError::Field {
            response: self.response,
            field,
            expected,
            found: format!("{} {}", found.kind(), found.brief()),
            body: self.body.to_owned(),
        }
    }
}
