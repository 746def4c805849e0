//! The one failure formatter. Every failed check in the suite is a [`Failure`]; the runner
//! frames it with [`frame`] (scenario, feature file line, failing step, next step to take).
//!
//! A failure always says which row of which table it checks, expected against actual field by
//! field, and the exchange that produced it, secrets redacted and bodies cut at a limit the
//! text names.

use crate::contract;
use std::fmt;

/// One field that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMismatch {
    /// The field (a key path, `HTTP status`, `XML root`, ...).
    pub field: String,
    /// What the contract expects.
    pub expected: String,
    /// What arrived.
    pub actual: String,
}

impl FieldMismatch {
    /// A mismatch of one field.
    pub fn new(
        field: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> FieldMismatch {
        FieldMismatch {
            field: field.into(),
            expected: expected.into(),
            actual: actual.into(),
        }
    }
}

/// A check that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The contract row the check verifies, if it verifies one.
    pub row: Option<String>,
    /// What was checked, in a sentence.
    pub check: String,
    /// The fields that did not hold.
    pub fields: Vec<FieldMismatch>,
    /// The transcript of the exchange that produced it (already redacted and cut).
    pub exchange: Option<String>,
    /// For `SignatureDoesNotMatch`: both strings to sign.
    pub signature: Option<SignatureDetail>,
}

/// Both sides of a signature mismatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureDetail {
    /// What the client signed.
    pub client_string_to_sign: String,
    /// What the server says it signed.
    pub server_string_to_sign: String,
}

impl Failure {
    /// A failure of `check` against `row`.
    pub fn new(row: Option<&str>, check: impl Into<String>) -> Failure {
        Failure {
            row: row.map(str::to_string),
            check: check.into(),
            fields: Vec::new(),
            exchange: None,
            signature: None,
        }
    }

    /// Add a mismatching field.
    pub fn field(mut self, mismatch: FieldMismatch) -> Failure {
        self.fields.push(mismatch);
        self
    }

    /// Attach the exchange transcript.
    pub fn exchange(mut self, transcript: impl Into<String>) -> Failure {
        self.exchange = Some(transcript.into());
        self
    }
}

impl std::error::Error for Failure {}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row.as_deref().and_then(contract::find_row) {
            Some(row) => writeln!(
                f,
                "contract row {} ({}: {})",
                row.id,
                row.table.title(),
                row.title
            )?,
            None => {
                if let Some(row) = &self.row {
                    writeln!(f, "contract row {row}")?;
                }
            }
        }
        writeln!(f, "check: {}", self.check)?;
        write_fields(f, &self.fields)?;
        if let Some(signature) = &self.signature {
            writeln!(
                f,
                "client string to sign: {}",
                signature.client_string_to_sign
            )?;
            writeln!(
                f,
                "server string to sign: {}",
                signature.server_string_to_sign
            )?;
        }
        if let Some(exchange) = &self.exchange {
            writeln!(f, "exchange:")?;
            for line in exchange.lines() {
                writeln!(f, "  {line}")?;
            }
        }
        Ok(())
    }
}

fn write_fields(f: &mut fmt::Formatter<'_>, fields: &[FieldMismatch]) -> fmt::Result {
    if fields.is_empty() {
        return Ok(());
    }
    let width = fields
        .iter()
        .map(|m| m.field.len())
        .max()
        .unwrap_or(0)
        .max(5);
    let expected_width = fields
        .iter()
        .map(|m| m.expected.len())
        .max()
        .unwrap_or(0)
        .clamp(8, 48);
    writeln!(
        f,
        "  {:width$}  {:expected_width$}  actual",
        "field", "expected"
    )?;
    for mismatch in fields {
        writeln!(
            f,
            "  {:width$}  {:expected_width$}  {}",
            mismatch.field, mismatch.expected, mismatch.actual
        )?;
    }
    Ok(())
}

/// Where a failure happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place<'a> {
    /// The scenario's name.
    pub scenario: &'a str,
    /// The feature file.
    pub feature_file: &'a str,
    /// The failing step's keyword and text.
    pub step: &'a str,
    /// The failing step's line.
    pub line: usize,
}

/// Frame a step's failure message with where it happened and what to do next.
pub fn frame(place: &Place<'_>, message: &str) -> String {
    let mut out = format!(
        "Scenario: {}\n  at {}:{}\n  step: {}\n",
        place.scenario, place.feature_file, place.line, place.step
    );
    for line in message.trim_end().lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    let name = regex_escape(place.scenario);
    out.push_str(&format!(
        "  next: dts-conformance run --name '^{name}$'  (RUST_LOG=debug shows every exchange)\n"
    ));
    out
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(name: &str, text: &str) {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(name, text));
    }

    fn sample() -> Failure {
        Failure::new(Some("resp.Success"), "\"Success\" is the string \"true\"")
            .field(FieldMismatch::new(
                "Success",
                "\"true\" (string)",
                "true (boolean)",
            ))
            .field(FieldMismatch::new("HTTP status", "200", "200"))
            .exchange(
                "> POST http://127.0.0.1:8080/?Action=CreateReverseDtsJob\n\
                 < HTTP 200 OK (1 ms)\n<\n< {\"Success\":true}",
            )
    }

    #[test]
    fn a_failure_names_its_row_expected_and_actual_and_the_exchange() {
        snapshot(
            "failure_with_row_fields_and_exchange",
            &sample().to_string(),
        );
    }

    #[test]
    fn a_framed_failure_says_where_it_happened_and_what_to_run_next() {
        let place = Place {
            scenario: "a successful call answers in JSON (it's \"quoted\")",
            feature_file: "features/response_fields.feature",
            step: "And \"Success\" is the string \"true\"",
            line: 14,
        };
        snapshot("failure_framed", &frame(&place, &sample().to_string()));
    }

    #[test]
    fn a_signature_mismatch_shows_both_strings_to_sign() {
        let mut failure = Failure::new(
            Some("gw.SignatureDoesNotMatch"),
            "the call succeeds with HTTP 200",
        );
        failure.signature = Some(SignatureDetail {
            client_string_to_sign: "POST&%2F&AccessKeyId%3Dtestid".into(),
            server_string_to_sign: "GET&%2F&AccessKeyId%3Dtestid".into(),
        });
        let text = failure.to_string();
        assert!(
            text.contains("client string to sign: POST&%2F&AccessKeyId%3Dtestid"),
            "{text}"
        );
        assert!(
            text.contains("server string to sign: GET&%2F&AccessKeyId%3Dtestid"),
            "{text}"
        );
        let heading = "contract row gw.SignatureDoesNotMatch \
                       (Common request rules: SignatureDoesNotMatch)";
        assert!(text.starts_with(heading), "{text}");
    }
}
