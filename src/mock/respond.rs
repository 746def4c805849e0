//! Turning a body into an HTTP response.

use super::rejection::Rejection;
use crate::contract::Action;
use crate::wire::{self, Format, Value};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A fresh request id in the service's format: an upper-case UUID.
pub fn new_request_id() -> String {
    uuid::Uuid::new_v4()
        .hyphenated()
        .to_string()
        .to_ascii_uppercase()
}

/// A success response: `value` under `<{Action}Response>` in XML.
pub fn success(format: Format, root: &str, request_id: &str, value: &Value) -> Response {
    let body = wire::encode(format, root, value);
    build(
        StatusCode::OK,
        format.success_content_type(),
        request_id,
        body,
    )
}

/// An error response for `rejection`, in the requested format.
pub fn failure(
    format: Format,
    request_id: &str,
    action: Option<Action>,
    rejection: &Rejection,
) -> Response {
    let body = wire::encode(format, "Error", &rejection.body(request_id, action));
    let status =
        StatusCode::from_u16(rejection.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = build(status, format.error_content_type(), request_id, body);
    if let Some(denied) = rejection.throttled {
        let headers = response.headers_mut();
        let reset = super::clock::real_now() + (denied.retry_after_ms / 1000) as i64 + 1;
        let ratelimit = format!(
            "Limit:{},Remain:0,TimeLeft:{},Reset:{reset}",
            denied.limit, denied.retry_after_ms
        );
        if let Ok(value) = HeaderValue::from_str(&ratelimit) {
            headers.insert("x-ratelimit-user-api", value.clone());
            headers.insert("x-ratelimit-user", value);
        }
        let seconds = denied.retry_after_ms.div_ceil(1000).max(1);
        headers.insert("x-acs-retry-after", HeaderValue::from(seconds));
    }
    response
}

fn build(
    status: StatusCode,
    content_type: &'static str,
    request_id: &str,
    body: String,
) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert("x-acs-request-id", value);
    }
    response
}
