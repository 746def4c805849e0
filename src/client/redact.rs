//! Keeping secrets out of everything the client prints.
//!
//! Two layers: by structure (the `SecurityToken` parameter and the `x-acs-security-token`
//! header always print as `[redacted]`, however they were encoded), and by text (every
//! occurrence of the AccessKey secret or the STS token, raw or in the encodings a request or
//! an echoing server may use, is replaced).
//!
//! # Limitations
//!
//! Text redaction skips secrets shorter than [`MIN_TEXT_SECRET_LEN`] bytes: replacing `tok`
//! everywhere would mangle `x-acs-security-token` in every transcript. Real AccessKey secrets
//! (30 characters) and STS tokens (hundreds) are far longer; a short test secret is still
//! redacted wherever it travels by structure, but an echo of it in a response body is not.

use std::sync::Arc;

use super::Credentials;
use crate::signing::encode::{Space, decode_form, encode_pairs, percent_encode};

/// What a redacted value prints as.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are redacted by structure only, not wherever they appear.
pub const MIN_TEXT_SECRET_LEN: usize = 8;

/// Parameters whose values are secret.
const SECRET_PARAMETERS: &[&str] = &["SecurityToken"];
/// Headers whose values are secret (compared case-insensitively).
const SECRET_HEADERS: &[&str] = &["x-acs-security-token"];

/// Replaces every occurrence of each non-empty secret in `text` with `[redacted]`.
///
/// Longer secrets are replaced first, so a secret that contains another is redacted whole.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut ordered: Vec<&str> = secrets.iter().copied().filter(|s| !s.is_empty()).collect();
    ordered.sort_by_key(|secret| std::cmp::Reverse(secret.len()));

    let mut out = text.to_owned();
    for secret in ordered {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out
}

/// The secrets of one set of credentials, in every spelling they may take on the wire.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    secrets: Arc<[String]>,
}

impl Redactor {
    /// The AccessKey secret and the STS token, raw, percent-encoded (with `%20` or `+` for a
    /// space), percent-encoded twice (as in a V1 string to sign), and escaped for XML and
    /// JSON.
    pub(crate) fn new(credentials: &Credentials) -> Redactor {
        let mut secrets = Vec::new();
        let raw = std::iter::once(&credentials.access_key_secret)
            .chain(credentials.security_token.as_ref())
            .map(|secret| secret.expose())
            .filter(|secret| secret.len() >= MIN_TEXT_SECRET_LEN);
        for secret in raw {
            secrets.extend(spellings(secret));
        }
        secrets.sort();
        secrets.dedup();
        Redactor {
            secrets: secrets.into(),
        }
    }

    /// `text` with every secret replaced.
    pub(crate) fn text(&self, text: &str) -> String {
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        redact(text, &secrets)
    }

    /// A URL with secret query parameters and every secret replaced.
    pub(crate) fn url(&self, url: &str) -> String {
        match url.split_once('?') {
            Some((base, query)) => self.text(&format!("{base}?{}", form(query))),
            None => self.text(url),
        }
    }

    /// A form body with secret parameters and every secret replaced.
    pub(crate) fn form(&self, body: &str) -> String {
        self.text(&form(body))
    }

    /// A header value, `[redacted]` for a secret header.
    pub(crate) fn header(&self, name: &str, value: &str) -> String {
        if SECRET_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)) {
            return REDACTED.to_owned();
        }
        self.text(value)
    }
}

/// `Redactor` never shows what it holds.
impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} spellings)", self.secrets.len())
    }
}

fn spellings(secret: &str) -> Vec<String> {
    let pair = [(String::new(), secret.to_owned())];
    let plus = encode_pairs(&pair, Space::Plus);
    let json = serde_json::Value::String(secret.to_owned()).to_string();
    vec![
        secret.to_owned(),
        percent_encode(secret),
        plus.trim_start_matches('=').to_owned(),
        percent_encode(&percent_encode(secret)),
        crate::wire::escape_text(secret),
        json.trim_matches('"').to_owned(),
    ]
}

/// A form-encoded string with the values of secret parameters replaced, the rest untouched.
fn form(raw: &str) -> String {
    let segments: Vec<String> = raw
        .split('&')
        .map(|segment| {
            let (raw_name, _) = segment.split_once('=').unwrap_or((segment, ""));
            let decoded = decode_form(raw_name)
                .ok()
                .and_then(|pairs| pairs.into_iter().next());
            match decoded {
                Some((name, _)) if SECRET_PARAMETERS.contains(&name.as_str()) => {
                    format!("{raw_name}={REDACTED}")
                }
                _ => segment.to_owned(),
            }
        })
        .collect();
    segments.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        Redactor::new(&Credentials::new("id", "s3cr3t/+ key").with_security_token("CAIS+token/x"))
    }

    #[test]
    fn redact_replaces_every_occurrence_and_the_longest_secret_first() {
        let text = "a abc b abc";
        assert_eq!(
            redact(text, &["ab", "abc", ""]),
            "a [redacted] b [redacted]"
        );
    }

    #[test]
    fn the_security_token_parameter_is_redacted_however_it_is_encoded() {
        let url = "http://h/?A=1&Security%54oken=x%2By&SecurityToken=zz&B=2";
        assert_eq!(
            redactor().url(url),
            "http://h/?A=1&Security%54oken=[redacted]&SecurityToken=[redacted]&B=2"
        );
    }

    #[test]
    fn secrets_are_redacted_in_their_wire_spellings() {
        let r = redactor();
        for text in [
            "s3cr3t/+ key",
            "s3cr3t%2F%2B%20key",
            "s3cr3t%2F%2B+key",
            "CAIS%252Btoken%252Fx",
            "CAIS%2Btoken%2Fx",
        ] {
            assert_eq!(r.text(&format!("<{text}>")), "<[redacted]>", "{text}");
        }
    }

    #[test]
    fn the_security_token_header_is_redacted_in_any_case() {
        assert_eq!(
            redactor().header("X-Acs-Security-Token", "anything"),
            REDACTED
        );
        assert_eq!(redactor().header("x-acs-date", "2024"), "2024");
    }

    #[test]
    fn a_short_secret_is_redacted_by_structure_only() {
        let r = Redactor::new(&Credentials::new("id", "secret12").with_security_token("tok"));
        assert_eq!(
            r.url("http://h/?SecurityToken=tok"),
            "http://h/?SecurityToken=[redacted]"
        );
        assert_eq!(r.text("x-acs-security-token"), "x-acs-security-token");
        assert_eq!(r.text("secret12"), REDACTED);
    }

    #[test]
    fn the_redactor_debug_shows_no_secret() {
        let debug = format!("{:?}", redactor());
        assert!(
            !debug.contains("s3cr3t") && !debug.contains("CAIS"),
            "{debug}"
        );
    }
}
