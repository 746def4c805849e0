//! The two body formats and their content types.

use std::fmt;

/// A response body format, as `Format=` asks for it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Format {
    /// `Format=JSON`.
    Json,
    /// `Format=XML`.
    Xml,
}

impl Format {
    /// Both formats, JSON first.
    pub const ALL: [Format; 2] = [Format::Json, Format::Xml];

    /// The format named by a `Format` value, case-insensitively (`json`, `JSON`, `Xml`).
    pub fn parse(value: &str) -> Option<Format> {
        if value.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else if value.eq_ignore_ascii_case("xml") {
            Some(Format::Xml)
        } else {
            None
        }
    }

    /// The upper-case wire value, `JSON` or `XML`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        }
    }

    /// The content type of a successful response, as the document's samples show it.
    pub fn success_content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Xml => "application/xml;charset=utf-8",
        }
    }

    /// The content type of an error response. XML errors use `text/xml;charset=utf-8`, the
    /// only XML type the official Tea SDK reads error fields from.
    pub fn error_content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Xml => "text/xml;charset=utf-8",
        }
    }

    /// The format a `Content-Type` header names, if it names one.
    pub fn from_content_type(content_type: &str) -> Option<Format> {
        let essence = content_type.split(';').next().unwrap_or("").trim();
        match essence.to_ascii_lowercase().as_str() {
            "application/json" | "text/json" => Some(Format::Json),
            "application/xml" | "text/xml" => Some(Format::Xml),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::parse(s).ok_or_else(|| format!("unknown format {s:?}: expected json or xml"))
    }
}
