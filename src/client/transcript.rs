//! How exchanges print: an HTTP-like transcript, secrets redacted, bodies cut at a limit.
//!
//! ```text
//! > POST http://127.0.0.1:8080/?AccessKeyId=testid&Action=CreateReverseDtsJob&...
//! > host: 127.0.0.1:8080
//! > x-acs-action: CreateReverseDtsJob
//! < HTTP 200 OK (3 ms)
//! < content-type: application/json;charset=utf-8
//! <
//! < {"RequestId":"...","Success":"true"}
//! ```

use std::fmt;

use super::{Exchange, ReceivedResponse, SentRequest};

/// How many bytes of a body a transcript shows, unless [`BODY_LIMIT_VAR`] says otherwise.
pub const DEFAULT_BODY_LIMIT: usize = 4096;
/// The variable that raises (or lowers) the body limit of transcripts.
pub const BODY_LIMIT_VAR: &str = "DTS_CONFORMANCE_BODY_LIMIT";

/// The body limit in force: [`BODY_LIMIT_VAR`] if it holds a number, else
/// [`DEFAULT_BODY_LIMIT`].
pub fn body_limit() -> usize {
    std::env::var(BODY_LIMIT_VAR)
        .ok()
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(DEFAULT_BODY_LIMIT)
}

/// `body` cut to at most `limit` bytes at a character boundary, followed by a line that says
/// how much was cut and how to see it.
pub(crate) fn cut_body(body: &str, limit: usize) -> String {
    if body.len() <= limit {
        return body.to_owned();
    }
    let mut end = limit;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}\n[... {} more bytes cut; set {BODY_LIMIT_VAR} to a larger number to see them]",
        &body[..end],
        body.len() - end
    )
}

fn write_body(f: &mut fmt::Formatter<'_>, prefix: &str, body: &str) -> fmt::Result {
    if body.is_empty() {
        return Ok(());
    }
    writeln!(f, "{prefix}")?;
    for line in cut_body(body, body_limit()).lines() {
        writeln!(f, "{prefix} {line}")?;
    }
    Ok(())
}

impl fmt::Display for SentRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "> {} {}", self.method, self.redacted_url())?;
        for (name, value) in self.redacted_headers() {
            writeln!(f, "> {name}: {value}")?;
        }
        write_body(f, ">", &self.redacted_body())
    }
}

impl fmt::Display for ReceivedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|status| status.canonical_reason())
            .unwrap_or("");
        let elapsed = self.elapsed.as_millis();
        writeln!(f, "< HTTP {} {reason} ({elapsed} ms)", self.status)?;
        for (name, value) in &self.headers {
            writeln!(f, "< {name}: {}", self.redactor.text(value))?;
        }
        write_body(f, "<", &self.redacted_body())
    }
}

impl fmt::Display for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.request, self.response)
    }
}

impl fmt::Debug for SentRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SentRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &self.redacted_headers())
            .field("body", &cut_body(&self.redacted_body(), body_limit()))
            .finish()
    }
}

impl fmt::Debug for ReceivedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), self.redactor.text(value)))
            .collect();
        f.debug_struct("ReceivedResponse")
            .field("status", &self.status)
            .field("headers", &headers)
            .field("body", &cut_body(&self.redacted_body(), body_limit()))
            .field("elapsed", &self.elapsed)
            .finish()
    }
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("action", &self.action)
            .field("format", &self.format)
            .field("request", &self.request)
            .field("response", &self.response)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::redact::Redactor;
    use crate::client::{Credentials, Method};
    use std::time::Duration;

    fn exchange(response_body: &str) -> Exchange {
        let credentials = Credentials::new("id", "the-secret").with_security_token("the token");
        let redactor = Redactor::new(&credentials);
        Exchange {
            action: "CreateReverseDtsJob".into(),
            format: None,
            request: SentRequest {
                method: Method::Post,
                url: "http://h:1/?Action=CreateReverseDtsJob&SecurityToken=the%20token".into(),
                headers: vec![("x-acs-security-token".into(), "the token".into())],
                body: String::new(),
                redactor: redactor.clone(),
            },
            response: ReceivedResponse {
                status: 400,
                headers: vec![("content-type".into(), "application/json".into())],
                body: response_body.to_owned().into(),
                elapsed: Duration::from_millis(7),
                redactor,
            },
        }
    }

    #[test]
    fn the_transcript_shows_request_line_headers_status_and_body() {
        let text = exchange(r#"{"Code":"X"}"#).to_string();
        assert_eq!(
            text,
            "> POST http://h:1/?Action=CreateReverseDtsJob&SecurityToken=[redacted]\n\
             > x-acs-security-token: [redacted]\n\
             < HTTP 400 Bad Request (7 ms)\n\
             < content-type: application/json\n\
             <\n\
             < {\"Code\":\"X\"}\n"
        );
    }

    #[test]
    fn an_echoed_secret_in_the_response_body_is_redacted() {
        let echo = "string to sign: SecurityToken%3Dthe%2520token and the-secret";
        let text = format!("{0} {0:?}", exchange(echo));
        assert!(
            !text.contains("the-secret") && !text.contains("the%2520token"),
            "{text}"
        );
    }

    #[test]
    fn a_long_body_is_cut_with_a_line_that_names_the_variable() {
        let cut = cut_body(&"é".repeat(10), 5);
        assert_eq!(
            cut,
            "éé\n[... 16 more bytes cut; set DTS_CONFORMANCE_BODY_LIMIT to a larger number \
             to see them]"
        );
        assert_eq!(cut_body("short", 5), "short");
    }
}
