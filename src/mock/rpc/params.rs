//! Reading an RPC request: query and form body decoded with form semantics, merged, checked
//! for encoding, duplicates and size.

use super::super::Limits;
use super::super::rejection::Rejection;
use crate::signing::encode::decode_form;
use axum::http::{HeaderMap, Method, header};

/// A decoded RPC request.
#[derive(Debug)]
pub struct Incoming {
    /// The HTTP method.
    pub method: Method,
    /// Query and form-body parameters together, in arrival order: the query's first.
    pub params: Vec<(String, String)>,
    /// How many of `params` came from the query.
    pub query_len: usize,
    /// The headers as they arrived.
    pub headers: HeaderMap,
    /// The raw body.
    pub body: Vec<u8>,
}

impl Incoming {
    /// The value of a parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The decoded query parameters, in arrival order.
    pub fn query(&self) -> &[(String, String)] {
        &self.params[..self.query_len]
    }

    /// The value of a header, if it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every header as a lower-cased name and its text (non-UTF-8 values read lossily), for
    /// the V3 canonical request.
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), value)
            })
            .collect()
    }

    /// A parameter, or the header that carries it under V3.
    pub fn param_or_header(&self, name: &str, header: &str) -> Option<&str> {
        self.param(name).or_else(|| self.header(header))
    }
}

/// Decode the request. Also returns the raw `Format` value found, if decoding got that far,
/// so that even an encoding error is answered in the requested format.
pub fn read(
    method: Method,
    raw_query: Option<&str>,
    headers: HeaderMap,
    body: Vec<u8>,
    limits: &Limits,
) -> Result<Incoming, Rejection> {
    let header_bytes: usize = headers
        .iter()
        .map(|(n, v)| n.as_str().len() + v.len())
        .sum();
    if headers.len() > limits.max_headers || header_bytes > limits.max_header_bytes {
        return Err(Rejection::gateway("gw.RequestTooLarge", ""));
    }
    let raw_query = raw_query.unwrap_or("");
    if raw_query.len() > limits.max_query_bytes {
        return Err(Rejection::gateway("gw.RequestTooLarge", ""));
    }
    let mut params = decode_form(raw_query)
        .map_err(|e| Rejection::gateway("gw.InvalidParameter.Encoding", &e.to_string()))?;
    let query_len = params.len();
    if !body.is_empty() && is_form(&headers) {
        let text = std::str::from_utf8(&body)
            .map_err(|_| Rejection::gateway("gw.InvalidParameter.Encoding", "body"))?;
        let form = decode_form(text)
            .map_err(|e| Rejection::gateway("gw.InvalidParameter.Encoding", &e.to_string()))?;
        params.extend(form);
    }
    check_params(&params, limits)?;
    Ok(Incoming {
        method,
        params,
        query_len,
        headers,
        body,
    })
}

fn is_form(headers: &HeaderMap) -> bool {
    match headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        None => true,
        Some(content_type) => content_type
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded"),
    }
}

fn check_params(params: &[(String, String)], limits: &Limits) -> Result<(), Rejection> {
    // Sorting the dozen names a request carries is cheaper than hashing them; only when there
    // is a repeat does the scan below hash, to name the first one in arrival order.
    let mut names: Vec<&str> = params.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    let repeated = names.windows(2).any(|pair| pair[0] == pair[1]);
    let mut seen = std::collections::HashSet::new();
    for (name, value) in params {
        if value.len() > limits.max_value_bytes || name.len() > limits.max_value_bytes {
            return Err(Rejection::gateway("gw.RequestTooLarge", ""));
        }
        if repeated && !seen.insert(name.as_str()) {
            return Err(Rejection::gateway("gw.InvalidParameter.Duplicate", name));
        }
    }
    Ok(())
}

/// Pick the `Format` value out of a raw query or body without failing on bad encoding
/// elsewhere, so that an encoding error can still be answered in the requested format.
pub fn sniff_format(raw: &str) -> Option<String> {
    raw.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name == "Format").then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(names: &[&str]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|name| ((*name).to_string(), "v".to_string()))
            .collect()
    }

    fn refusal(params: &[(String, String)]) -> Option<(String, String)> {
        check_params(params, &Limits::default())
            .err()
            .map(|r| (r.code, r.message))
    }

    #[test]
    fn distinct_names_pass() {
        assert_eq!(refusal(&pairs(&["Action", "Version", "Format"])), None);
    }

    #[test]
    fn the_first_name_repeated_in_arrival_order_is_the_one_named() {
        let (code, message) =
            refusal(&pairs(&["Zeta", "Alpha", "Zeta", "Alpha"])).expect("refused");
        assert_eq!(code, "InvalidParameter.Duplicate");
        assert!(message.contains("Zeta"), "{message}");
    }

    #[test]
    fn an_oversized_value_before_a_repeat_is_refused_as_too_large() {
        let mut params = pairs(&["Action", "Action"]);
        params.insert(0, ("Big".to_string(), "x".repeat(5000)));
        let (code, _) = refusal(&params).expect("refused");
        assert_eq!(code, "RequestTooLarge");
    }
}
