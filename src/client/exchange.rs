//! Sending a request and keeping what went over the wire, for reports and for decoding.

use std::time::{Duration, Instant};

use bytes::Bytes;
use tracing::Instrument as _;

use super::error::reason_of;
use super::redact::Redactor;
use super::{CallOptions, Client, ClientError, Method, PreparedRequest};
use crate::wire::Format;

/// One request and the response it got, exactly as they went over the wire.
///
/// `Display` renders an HTTP-like transcript with secrets redacted and bodies cut at the
/// body limit; `Debug` redacts too.
#[derive(Clone)]
pub struct Exchange {
    /// The action called.
    pub action: String,
    /// The `Format` the request asked for; `None` when it sent none.
    pub format: Option<Format>,
    /// The request as sent.
    pub request: SentRequest,
    /// The response as received.
    pub response: ReceivedResponse,
}

/// A request as it was sent.
#[derive(Clone)]
pub struct SentRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL, query string included.
    pub url: String,
    /// The headers the client set, in order.
    pub headers: Vec<(String, String)>,
    /// The body (form-encoded text, or empty).
    pub body: String,
    pub(super) redactor: Redactor,
}

/// A response as it was received.
#[derive(Clone)]
pub struct ReceivedResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The headers, names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Bytes,
    /// From sending the request to receiving the whole body.
    pub elapsed: Duration,
    pub(super) redactor: Redactor,
}

impl Client {
    /// Sends a prepared request and records the exchange, whatever the HTTP status.
    ///
    /// # Errors
    ///
    /// [`ClientError::InvalidHeader`] for a header HTTP cannot carry, and
    /// [`ClientError::Connect`], [`ClientError::Timeout`] or [`ClientError::Transport`] when
    /// no complete answer arrives.
    pub async fn execute(&self, request: PreparedRequest) -> Result<Exchange, ClientError> {
        let span = tracing::debug_span!(
            "exchange",
            action = %request.action,
            method = %request.method,
            status = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let exchange = match self.send(request).instrument(span.clone()).await {
            Ok(exchange) => exchange,
            Err(error) => {
                span.in_scope(|| tracing::debug!(%error, "no answer"));
                return Err(error);
            }
        };
        span.record("status", exchange.response.status);
        span.record("elapsed_ms", exchange.response.elapsed.as_millis());
        span.in_scope(|| tracing::debug!(body_bytes = exchange.response.body.len(), "answered"));
        Ok(exchange)
    }

    /// Prepares `action` with `params` and default options, sends it, and records the
    /// exchange.
    ///
    /// # Errors
    ///
    /// As [`Client::execute`].
    pub async fn call(
        &self,
        action: &str,
        params: &[(String, String)],
    ) -> Result<Exchange, ClientError> {
        let request = self.prepare(action, params, &CallOptions::default());
        self.execute(request).await
    }

    async fn send(&self, request: PreparedRequest) -> Result<Exchange, ClientError> {
        let http_request = self.build(&request)?;
        let started = Instant::now();
        let response = self
            .http
            .execute(http_request)
            .await
            .map_err(|e| self.transport_error(e))?;

        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(e))?;
        let elapsed = started.elapsed();

        let redactor = request.redactor.clone();
        Ok(Exchange {
            action: request.action,
            format: request.format,
            request: SentRequest {
                method: request.method,
                url: request.url,
                headers: request.headers,
                body: String::from_utf8_lossy(&request.body).into_owned(),
                redactor: redactor.clone(),
            },
            response: ReceivedResponse {
                status,
                headers,
                body,
                elapsed,
                redactor,
            },
        })
    }

    fn build(&self, request: &PreparedRequest) -> Result<reqwest::Request, ClientError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let url = reqwest::Url::parse(&request.url).map_err(|e| ClientError::InvalidEndpoint {
            endpoint: request.redactor.url(&request.url),
            reason: e.to_string(),
        })?;

        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in &request.headers {
            let invalid = |reason: String| ClientError::InvalidHeader {
                name: name.clone(),
                reason,
            };
            let header_name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| invalid(e.to_string()))?;
            let header_value = reqwest::header::HeaderValue::from_str(value)
                .map_err(|e| invalid(e.to_string()))?;
            headers.append(header_name, header_value);
        }

        let mut http_request = reqwest::Request::new(method, url);
        *http_request.headers_mut() = headers;
        if !request.body.is_empty() {
            *http_request.body_mut() = Some(request.body.clone().into());
        }
        Ok(http_request)
    }

    fn transport_error(&self, error: reqwest::Error) -> ClientError {
        let endpoint = self.config.endpoint.clone();
        if error.is_timeout() {
            return ClientError::Timeout {
                endpoint,
                timeout: self.config.timeout,
            };
        }
        let is_connect = error.is_connect();
        let redactor = Redactor::new(&self.config.credentials);
        let reason = redactor.text(&reason_of(error));
        if is_connect {
            ClientError::Connect { endpoint, reason }
        } else {
            ClientError::Transport { endpoint, reason }
        }
    }
}

impl Exchange {
    /// The request URL with secret parameters redacted.
    pub fn redacted_request_url(&self) -> String {
        self.request.redacted_url()
    }

    /// The value of the first response header with this name, compared case-insensitively.
    pub fn response_header(&self, name: &str) -> Option<&str> {
        self.response.header(name)
    }

    /// `text` with the secrets of this exchange's credentials redacted, for messages that
    /// quote parts of it.
    pub fn redact(&self, text: &str) -> String {
        self.request.redactor.text(text)
    }
}

impl SentRequest {
    /// The URL with secret parameters redacted.
    pub fn redacted_url(&self) -> String {
        self.redactor.url(&self.url)
    }

    /// The headers with secret values redacted.
    pub fn redacted_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| (name.clone(), self.redactor.header(name, value)))
            .collect()
    }

    /// The body with secret parameters redacted.
    pub fn redacted_body(&self) -> String {
        self.redactor.form(&self.body)
    }
}

impl ReceivedResponse {
    /// The value of the first header with this name, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (invalid UTF-8 replaced), with any echoed secret redacted.
    pub fn redacted_body(&self) -> String {
        self.redactor.text(&String::from_utf8_lossy(&self.body))
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
