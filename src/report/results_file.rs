//! Writing and reading `results.json`, refusing any schema version but
//! [`SCHEMA_VERSION`].

use super::error::ReportError;
use super::results::{RunResults, SCHEMA_VERSION};
use std::path::{Path, PathBuf};

/// The results as pretty-printed JSON, the text `results.json` holds.
///
/// # Errors
///
/// [`ReportError::Serialise`] if serde cannot serialise them (it can for every value the
/// runner builds).
pub fn to_json(results: &RunResults) -> Result<String, ReportError> {
    let mut text = serde_json::to_string_pretty(results).map_err(|e| ReportError::Serialise {
        report: "results.json",
        reason: e.to_string(),
    })?;
    text.push('\n');
    Ok(text)
}

/// Read results from `results.json` text. `source` names where the text came from, for
/// error messages.
///
/// The schema version is checked before anything else, so a file from another version
/// gets a [`ReportError::Schema`] naming both versions rather than a field-level parse
/// error.
///
/// # Errors
///
/// [`ReportError::Parse`] for text that is not JSON or not a results record;
/// [`ReportError::Schema`] for another or a missing schema version.
pub fn from_json(text: &str, source: &Path) -> Result<RunResults, ReportError> {
    let parse_error = |reason: String| ReportError::Parse {
        path: source.to_path_buf(),
        reason,
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| parse_error(e.to_string()))?;
    let found = value.get("schema");
    if found.and_then(serde_json::Value::as_u64) != Some(u64::from(SCHEMA_VERSION)) {
        return Err(ReportError::Schema {
            path: source.to_path_buf(),
            expected: SCHEMA_VERSION,
            found: found.map_or_else(|| "missing".to_string(), ToString::to_string),
        });
    }
    serde_json::from_value(value).map_err(|e| parse_error(e.to_string()))
}

/// Read a stored `results.json`.
///
/// # Errors
///
/// [`ReportError::Read`] when the file cannot be read, and the errors of [`from_json`].
pub fn read(path: &Path) -> Result<RunResults, ReportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ReportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    from_json(&text, path)
}

/// Write `results.json` to `path`.
///
/// # Errors
///
/// [`ReportError::Write`] when the file cannot be written, and the errors of [`to_json`].
pub fn write(results: &RunResults, path: &Path) -> Result<(), ReportError> {
    let text = to_json(results)?;
    std::fs::write(path, text).map_err(|source| ReportError::Write {
        path: PathBuf::from(path),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn results_survive_a_round_trip_through_json() {
        let results = fixture::run();
        let text = to_json(&results).expect("serialises");
        let back = from_json(&text, Path::new("<memory>")).expect("reads back");
        assert_eq!(back, results);
    }

    #[test]
    fn another_schema_version_is_refused_naming_both_versions() {
        let mut value = serde_json::to_value(fixture::run()).expect("serialises");
        value["schema"] = serde_json::json!(2);
        let error = from_json(&value.to_string(), Path::new("old/results.json"))
            .expect_err("schema 2 is refused");
        let text = error.to_string();
        assert!(
            matches!(error, ReportError::Schema { expected: 1, .. }),
            "{text}"
        );
        assert!(
            text.contains("old/results.json has results schema 2"),
            "{text}"
        );
        assert!(text.contains("reads schema 1 only"), "{text}");
    }

    #[test]
    fn a_file_without_a_schema_version_is_refused() {
        let error = from_json(r#"{"scenarios": []}"#, Path::new("x.json")).expect_err("refused");
        assert!(
            error.to_string().contains("has results schema missing"),
            "{error}"
        );
    }

    #[test]
    fn text_that_is_not_json_is_a_parse_error() {
        let error = from_json("<xml/>", Path::new("x.json")).expect_err("refused");
        assert!(matches!(error, ReportError::Parse { .. }), "{error}");
    }
}
