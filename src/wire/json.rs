//! JSON encoding and decoding of [`Value`].

use super::{DecodeError, Value};

/// Compact JSON, keys in order, as the service sends it (no line breaks or indentation).
pub(super) fn encode(value: &Value) -> String {
    // Serialising a `Value` cannot fail: every map key is a string.
    serde_json::to_string(value).unwrap_or_default()
}

/// Written straight to the output, without an intermediate `serde_json::Value` tree: the mock
/// encodes every response through here. Object keys are written as they are, so an object
/// built with a repeated key would show it twice; no response is built that way.
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(i) => serializer.serialize_i64(*i),
            // serde_json writes a non-finite float as `null`.
            Value::Float(f) => serializer.serialize_f64(*f),
            Value::Str(s) => serializer.serialize_str(s),
            Value::List(items) => serializer.collect_seq(items),
            Value::Obj(fields) => serializer.collect_map(fields.iter().map(|(k, v)| (k, v))),
        }
    }
}

/// Decode a JSON object.
pub(super) fn decode(text: &str) -> Result<Value, DecodeError> {
    let parsed: serde_json::Value = serde_json::from_str(text).map_err(|e| DecodeError::Json {
        reason: e.to_string(),
    })?;
    match parsed {
        serde_json::Value::Object(_) => Ok(from_serde(parsed)),
        other => Err(DecodeError::NotAnObject {
            found: from_serde(other).kind(),
        }),
    }
}

fn from_serde(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::Str(s),
        serde_json::Value::Array(items) => Value::List(items.into_iter().map(from_serde).collect()),
        serde_json::Value::Object(map) => {
            Value::Obj(map.into_iter().map(|(k, v)| (k, from_serde(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_compactly_in_key_order_with_escapes_and_json_types() {
        let value = Value::Obj(vec![
            ("Zed".into(), Value::str("a\"b\\c\n\u{1}é<")),
            ("Alpha".into(), Value::Bool(true)),
            ("N".into(), Value::Int(-7)),
            ("F".into(), Value::Float(1.5)),
            ("Whole".into(), Value::Float(2.0)),
            ("NaN".into(), Value::Float(f64::NAN)),
            ("Nothing".into(), Value::Null),
            (
                "List".into(),
                Value::List(vec![Value::Obj(vec![]), Value::List(vec![])]),
            ),
        ]);
        assert_eq!(
            encode(&value),
            r#"{"Zed":"a\"b\\c\n\u0001é<","Alpha":true,"N":-7,"F":1.5,"Whole":2.0,"NaN":null,"Nothing":null,"List":[{},[]]}"#
        );
    }

    #[test]
    fn what_it_encodes_decodes_to_the_same_value() {
        let value = Value::Obj(vec![
            ("RequestId".into(), Value::str("0A1B")),
            ("Success".into(), Value::Bool(false)),
            (
                "Items".into(),
                Value::List(vec![Value::Int(1), Value::Int(2)]),
            ),
        ]);
        assert_eq!(decode(&encode(&value)), Ok(value));
    }
}
