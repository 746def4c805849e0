//! The load's requests: correctly signed V1 GETs, each with a fresh nonce and the current
//! timestamp, written into one reused buffer.
//!
//! The parameter set is fixed, so the canonical query is written directly in sorted order
//! instead of being collected, encoded and sorted per request; the string to sign and the
//! signature come from [`crate::signing::v1`]. A test checks every request against the general
//! verifier, so the figures are those of requests a real client could send.

use crate::contract::{API_VERSION, Action, SIGNATURE_METHOD, SIGNATURE_VERSION};
use crate::mock::{Account, timestamp_text, unix_now};
use crate::signing::encode::{Space, encode_into};
use crate::signing::v1;
use std::fmt::Write as _;

/// Builds the requests of one connection, signed for the mock's default test account.
pub struct Requests {
    account: Account,
    job: String,
    connection: usize,
    sent: u64,
    second: i64,
    timestamp: String,
    nonce: String,
    canonical: String,
}

impl Requests {
    /// Requests for connection number `connection`, creating reverse tasks for `job`.
    pub fn new(job: &str, connection: usize) -> Requests {
        Requests {
            account: Account::default_test_account(),
            job: job.to_string(),
            connection,
            sent: 0,
            second: i64::MIN,
            timestamp: String::new(),
            nonce: String::new(),
            canonical: String::with_capacity(512),
        }
    }

    /// Append the next request to `out`: DescribeDtsJobs and CreateReverseDtsJob in turn.
    pub fn next_into(&mut self, out: &mut String) {
        self.sent += 1;
        let now = unix_now();
        if now != self.second {
            self.second = now;
            self.timestamp = timestamp_text(now);
        }
        self.nonce.clear();
        let _ = write!(self.nonce, "{:08x}{:024x}", self.connection, self.sent);
        let (action, business) = if self.sent.is_multiple_of(2) {
            (Action::CreateReverseDtsJob, ("DtsJobId", self.job.as_str()))
        } else {
            (Action::DescribeDtsJobs, ("JobType", "SYNC"))
        };
        let mut params = [
            ("AccessKeyId", self.account.access_key_id.as_str()),
            ("Action", action.name()),
            ("Format", "JSON"),
            ("SignatureMethod", SIGNATURE_METHOD),
            ("SignatureNonce", self.nonce.as_str()),
            ("SignatureVersion", SIGNATURE_VERSION),
            ("Timestamp", self.timestamp.as_str()),
            ("Version", API_VERSION),
            business,
        ];
        // Every name here is unreserved, so sorting the names sorts their encodings.
        params.sort_unstable();

        self.canonical.clear();
        for (index, (name, value)) in params.iter().enumerate() {
            if index > 0 {
                self.canonical.push('&');
            }
            self.canonical.push_str(name);
            self.canonical.push('=');
            encode_into(&mut self.canonical, value, Space::Percent20);
        }
        let string_to_sign = v1::string_to_sign_of_canonical("GET", &self.canonical);
        let signature = v1::sign(&self.account.access_key_secret, &string_to_sign);

        out.push_str("GET /?");
        out.push_str(&self.canonical);
        out.push('&');
        out.push_str(v1::SIGNATURE_PARAMETER);
        out.push('=');
        encode_into(out, &signature, Space::Percent20);
        out.push_str(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::encode::decode_form;

    /// The decoded query parameters of a request, checking the rest of its text.
    fn params_of(text: &str) -> Vec<(String, String)> {
        assert!(
            text.ends_with(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            "{text}"
        );
        let query = text
            .strip_prefix("GET /?")
            .and_then(|rest| rest.split_once(' '))
            .map(|(query, _)| query)
            .expect("a request line");
        decode_form(query).expect("a well-formed query")
    }

    #[test]
    fn every_request_verifies_with_the_general_v1_verifier_and_has_a_fresh_nonce() {
        let mut requests = Requests::new("dtsjob123", 7);
        let mut nonces = std::collections::HashSet::new();
        let mut actions = std::collections::HashSet::new();
        for _ in 0..6 {
            let mut text = String::new();
            requests.next_into(&mut text);
            let params = params_of(&text);
            let secret = Account::default_test_account().access_key_secret;
            assert_eq!(v1::verify("GET", &params, &secret), Ok(()), "{text}");
            let get = |name: &str| {
                params
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            assert!(nonces.insert(get("SignatureNonce")), "{text}");
            actions.insert(get("Action"));
            assert_eq!(
                get("AccessKeyId"),
                Account::default_test_account().access_key_id
            );
        }
        assert_eq!(actions.len(), 2, "{actions:?}");
    }

    #[test]
    fn a_wrong_secret_does_not_verify() {
        let mut text = String::new();
        Requests::new("dtsjob123", 0).next_into(&mut text);
        assert!(v1::verify("GET", &params_of(&text), "another secret").is_err());
    }
}
