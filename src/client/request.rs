//! Building a signed request: the V1 parameter set or the V3 headers, then the signature.

use std::fmt;

use time::OffsetDateTime;

use super::redact::Redactor;
use super::{Client, Method, Placement, SignatureVersion};
use crate::contract::{API_VERSION, SIGNATURE_METHOD, SIGNATURE_VERSION};
use crate::signing::encode::encode_pairs;
use crate::signing::{v1, v3};
use crate::wire::Format;

/// The content type of a form body.
const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Per-call overrides of what the client would otherwise choose.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// `Timestamp` (V1) or `x-acs-date` (V3) instead of the current UTC time.
    pub timestamp: Option<String>,
    /// `SignatureNonce` (V1) or `x-acs-signature-nonce` (V3) instead of a fresh one.
    pub nonce: Option<String>,
    /// Headers to add; one named like a header the client sets replaces it. Under V3 they
    /// are signed.
    pub extra_headers: Vec<(String, String)>,
}

/// A fully signed request, not yet sent. Its fields are public so a test can tamper with
/// it after signing; `Debug` redacts secrets.
#[derive(Clone)]
pub struct PreparedRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL, query string included.
    pub url: String,
    /// The headers, names lower-cased, in the order they are sent.
    pub headers: Vec<(String, String)>,
    /// The body: empty, or form-encoded parameters.
    pub body: Vec<u8>,
    /// The action called.
    pub action: String,
    /// The `Format` the request asks for; `None` when it sends none.
    pub format: Option<Format>,
    pub(super) redactor: Redactor,
}

impl PreparedRequest {
    /// The value of the first header with this name, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), self.redactor.header(n, v)))
            .collect();
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &self.redactor.url(&self.url))
            .field("headers", &headers)
            .field(
                "body",
                &self.redactor.form(&String::from_utf8_lossy(&self.body)),
            )
            .field("action", &self.action)
            .field("format", &self.format)
            .finish()
    }
}

/// The time and nonce of one request.
struct Stamp {
    timestamp: String,
    nonce: String,
}

impl Stamp {
    fn new(options: &CallOptions) -> Stamp {
        Stamp {
            timestamp: options
                .timestamp
                .clone()
                .unwrap_or_else(|| timestamp(OffsetDateTime::now_utc())),
            nonce: options
                .nonce
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()),
        }
    }
}

/// UTC `yyyy-MM-ddTHH:mm:ssZ`, the form both signature versions use.
fn timestamp(now: OffsetDateTime) -> String {
    let now = now.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

fn pair(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

/// `generated` without the entries `overrides` names (case-insensitively if asked), then
/// `overrides` in order: the caller's values win, and the caller's duplicates survive.
fn merge(
    generated: Vec<(String, String)>,
    overrides: &[(String, String)],
    ignore_case: bool,
) -> Vec<(String, String)> {
    let same = |a: &str, b: &str| {
        if ignore_case {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let mut merged: Vec<(String, String)> = generated
        .into_iter()
        .filter(|(name, _)| !overrides.iter().any(|(o, _)| same(o, name)))
        .collect();
    merged.extend(overrides.iter().cloned());
    merged
}

impl Client {
    /// Builds the signed request for `action` with business parameters `params`.
    ///
    /// A parameter in `params` named like a common parameter the client adds (`Format`,
    /// `Timestamp`, `Version`, even `Signature`) replaces it, so a test can send a wrong
    /// value that is still correctly signed.
    pub fn prepare(
        &self,
        action: &str,
        params: &[(String, String)],
        options: &CallOptions,
    ) -> PreparedRequest {
        let stamp = Stamp::new(options);
        match self.config.signature {
            SignatureVersion::V1 => self.prepare_v1(action, params, options, &stamp),
            SignatureVersion::V3 => self.prepare_v3(action, params, options, &stamp),
        }
    }

    fn prepare_v1(
        &self,
        action: &str,
        params: &[(String, String)],
        options: &CallOptions,
        stamp: &Stamp,
    ) -> PreparedRequest {
        let mut all = merge(self.common_v1(action, stamp), params, false);
        if !all.iter().any(|(name, _)| name == v1::SIGNATURE_PARAMETER) {
            let secret = self.config.credentials.access_key_secret.expose();
            let signature = v1::sign_request(self.config.method.as_str(), &all, secret);
            all.push(pair(v1::SIGNATURE_PARAMETER, &signature));
        }

        let (query, body) = self.place(all);
        let mut headers = vec![
            pair("host", &self.host()),
            pair("x-acs-action", action),
            pair("x-acs-version", API_VERSION),
        ];
        headers.extend(self.content_headers());
        self.finish(
            action,
            &query,
            merge(headers, &options.extra_headers, true),
            body,
        )
    }

    /// The V1 common parameters, in the order the CLI's dry run lists them.
    fn common_v1(&self, action: &str, stamp: &Stamp) -> Vec<(String, String)> {
        let config = &self.config;
        let mut common = vec![pair("Action", action), pair("Version", API_VERSION)];
        if let Some(format) = config.format {
            common.push(pair("Format", format.as_str()));
        }
        common.extend([
            pair("AccessKeyId", &config.credentials.access_key_id),
            pair("SignatureMethod", SIGNATURE_METHOD),
            pair("SignatureVersion", SIGNATURE_VERSION),
            pair("SignatureNonce", &stamp.nonce),
            pair("Timestamp", &stamp.timestamp),
        ]);
        if let Some(token) = &config.credentials.security_token {
            common.push(pair("SecurityToken", token.expose()));
        }
        if let Some(region) = &config.region {
            common.push(pair("RegionId", region));
        }
        if config.send_signature_type {
            common.push(pair("SignatureType", ""));
        }
        common
    }

    fn prepare_v3(
        &self,
        action: &str,
        params: &[(String, String)],
        options: &CallOptions,
        stamp: &Stamp,
    ) -> PreparedRequest {
        let mut generated = Vec::new();
        if let Some(format) = self.config.format {
            generated.push(pair("Format", format.as_str()));
        }
        if let Some(region) = &self.config.region {
            generated.push(pair("RegionId", region));
        }
        let (query, body) = self.place(merge(generated, params, false));

        let mut headers = vec![
            pair("host", &self.host()),
            pair("x-acs-action", action),
            pair("x-acs-version", API_VERSION),
            pair("x-acs-date", &stamp.timestamp),
            pair("x-acs-signature-nonce", &stamp.nonce),
            pair("x-acs-content-sha256", &v3::hashed_payload(&body)),
        ];
        if let Some(token) = &self.config.credentials.security_token {
            headers.push(pair("x-acs-security-token", token.expose()));
        }
        headers.extend(self.content_headers());
        let mut headers = merge(headers, &options.extra_headers, true);

        let credentials = &self.config.credentials;
        let authorization = v3::sign_request(
            self.config.method.as_str(),
            &query,
            &headers,
            &body,
            &credentials.access_key_id,
            credentials.access_key_secret.expose(),
        );
        headers.push(pair("authorization", &authorization.to_header_value()));
        self.finish(action, &query, headers, body)
    }

    /// Splits parameters into query and body as the placement says.
    fn place(&self, params: Vec<(String, String)>) -> (Vec<(String, String)>, Vec<u8>) {
        match self.config.placement {
            Placement::Query => (params, Vec::new()),
            Placement::Form => {
                let body = encode_pairs(&params, self.config.space).into_bytes();
                (Vec::new(), body)
            }
        }
    }

    /// `accept`, `user-agent`, and `content-type` when the body is a form.
    fn content_headers(&self) -> Vec<(String, String)> {
        let accept = match self.config.format {
            Some(Format::Xml) => "application/xml",
            _ => "application/json",
        };
        let mut headers = vec![
            pair("accept", accept),
            pair(
                "user-agent",
                concat!("dts-conformance/", env!("CARGO_PKG_VERSION")),
            ),
        ];
        if self.config.placement == Placement::Form {
            headers.push(pair("content-type", FORM_CONTENT_TYPE));
        }
        headers
    }

    /// The `host` header value: the endpoint's host, and its port unless it is the default.
    fn host(&self) -> String {
        let host = self.endpoint.host_str().unwrap_or_default();
        match self.endpoint.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    fn finish(
        &self,
        action: &str,
        query: &[(String, String)],
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> PreparedRequest {
        let mut url = self.endpoint.to_string();
        if !query.is_empty() {
            url.push('?');
            url.push_str(&encode_pairs(query, self.config.space));
        }
        PreparedRequest {
            method: self.config.method,
            url,
            headers,
            body,
            action: action.to_owned(),
            format: self.config.format,
            redactor: Redactor::new(&self.config.credentials),
        }
    }
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
