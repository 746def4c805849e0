//! Turning a body into an HTTP response.

use super::rejection::Rejection;
use crate::contract::Action;
use crate::wire::{self, Format, Value};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A fresh request id in the service's format: an upper-case version-4 UUID.
///
/// The random bits come from the thread's fast generator rather than the operating system:
/// ids must be unique, not unpredictable, and every response needs one.
pub fn new_request_id() -> String {
    let bytes = fastrand::u128(..).to_le_bytes();
    let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    uuid.hyphenated().encode_upper(&mut text).to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_distinct_upper_case_version_4_uuids() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_request_id()).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            let parsed = uuid::Uuid::parse_str(id).map(|u| u.get_version_num());
            assert_eq!(parsed, Ok(4), "{id}");
            assert_eq!(id.len(), 36, "{id}");
            assert!(!id.chars().any(|c| c.is_ascii_lowercase()), "{id}");
        }
    }
}
