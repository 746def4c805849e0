//! JSON encoding and decoding of [`Value`].

use super::{DecodeError, Value};

/// Compact JSON, keys in order, as the service sends it (no line breaks or indentation).
pub(super) fn encode(value: &Value) -> String {
    to_serde(value).to_string()
}

fn to_serde(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Float(f) => serde_json::Value::from(*f),
        Value::Str(s) => serde_json::Value::String(s.clone()),
        Value::List(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Obj(fields) => serde_json::Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
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
