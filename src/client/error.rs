//! Why a call could not be made.

use std::time::Duration;

/// A call that produced no HTTP answer, or a client that could not be set up.
///
/// Every message is one line and names what it was about; none carries a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// A credentials variable is unset or empty.
    #[error("missing credentials: the environment variable {variable} is not set")]
    MissingCredential {
        /// The variable that is missing.
        variable: &'static str,
    },

    /// The endpoint is not an `http://` or `https://` URL with a host and the root path.
    #[error("invalid endpoint {endpoint:?}: {reason}")]
    InvalidEndpoint {
        /// The endpoint as given.
        endpoint: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A header name or value that HTTP cannot carry.
    #[error("invalid header {name:?}: {reason}")]
    InvalidHeader {
        /// The header name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The HTTP client could not be built (for example, no TLS backend).
    #[error("cannot set up the HTTP client: {reason}")]
    Setup {
        /// The underlying reason.
        reason: String,
    },

    /// No connection could be made: nothing listens there, the name does not resolve, TLS
    /// failed.
    #[error("cannot connect to {endpoint}: {reason}")]
    Connect {
        /// The endpoint the client tried.
        endpoint: String,
        /// The underlying reason.
        reason: String,
    },

    /// No complete answer arrived within the configured timeout.
    #[error("no answer from {endpoint} within {} ms", timeout.as_millis())]
    Timeout {
        /// The endpoint the client tried.
        endpoint: String,
        /// The configured timeout.
        timeout: Duration,
    },

    /// The connection broke, or the answer was not valid HTTP.
    #[error("the exchange with {endpoint} failed: {reason}")]
    Transport {
        /// The endpoint the client talked to.
        endpoint: String,
        /// The underlying reason.
        reason: String,
    },
}

/// The reason behind a reqwest error, as one line: its source chain without the URL.
pub(super) fn reason_of(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    one_line(&parts.join(": "))
}

/// Collapses line breaks so a message stays on one line.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_one_line() {
        let errors = [
            ClientError::MissingCredential {
                variable: "ALIBABA_CLOUD_ACCESS_KEY_ID",
            },
            ClientError::Timeout {
                endpoint: "http://127.0.0.1:9".into(),
                timeout: Duration::from_millis(1500),
            },
            ClientError::Connect {
                endpoint: "http://127.0.0.1:1".into(),
                reason: one_line("connection\nrefused"),
            },
        ];
        for error in errors {
            assert!(!error.to_string().contains('\n'), "{error}");
        }
    }

    #[test]
    fn a_timeout_says_how_long_it_waited() {
        let error = ClientError::Timeout {
            endpoint: "http://127.0.0.1:9".into(),
            timeout: Duration::from_millis(1500),
        };
        assert_eq!(
            error.to_string(),
            "no answer from http://127.0.0.1:9 within 1500 ms"
        );
    }
}
