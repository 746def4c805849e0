//! A real HTTP client for DTS RPC calls that keeps every exchange.
//!
//! [`Client::prepare`] builds a fully signed request (V1 or V3, GET or POST, query or form
//! body) whose fields stay public, so a test can tamper with it after signing;
//! [`Client::execute`] sends it and returns an [`Exchange`]: the request as sent and the
//! response as received, raw. [`Exchange::decode`] turns the body into a typed response.
//!
//! Secrets never appear in the `Debug` or `Display` output of any type here, nor in logs:
//! the `SecurityToken` parameter and the `x-acs-security-token` header print as
//! `[redacted]`, and so does any echo of the AccessKey secret or the STS token in a body.
//!
//! # Limitations
//!
//! The endpoint's path must be `/`, as it is for every RPC endpoint; headers the HTTP stack
//! adds on its own (`content-length`) are sent but not recorded in [`SentRequest`].

mod config;
mod decode;
mod error;
mod exchange;
mod fields;
mod redact;
mod request;
mod responses;
mod transcript;

pub use config::{
    ACCESS_KEY_ID_VAR, ACCESS_KEY_SECRET_VAR, Config, Credentials, DEFAULT_TIMEOUT, Method,
    Placement, SECURITY_TOKEN_VAR, Secret, SignatureVersion, Space,
};
pub use decode::{DecodeError, Reply, ResponseBody, decode_body};
pub use error::ClientError;
pub use exchange::{Exchange, ReceivedResponse, SentRequest};
pub use fields::Fields;
pub use redact::{MIN_TEXT_SECRET_LEN, REDACTED, redact};
pub use request::{CallOptions, PreparedRequest};
pub use responses::{
    CreateReverseDtsJobResponse, DescribeDtsJobsResponse, ErrorBody, JobSummary,
    StartReverseWriterResponse,
};
pub use transcript::{BODY_LIMIT_VAR, DEFAULT_BODY_LIMIT, body_limit};

use reqwest::Url;

/// Signs and sends calls to one endpoint with one configuration.
#[derive(Debug, Clone)]
pub struct Client {
    config: Config,
    endpoint: Url,
    http: reqwest::Client,
}

impl Client {
    /// A client for `config.endpoint`.
    ///
    /// # Errors
    ///
    /// [`ClientError::InvalidEndpoint`] unless the endpoint is an `http` or `https` URL with a
    /// host, the root path and no query; [`ClientError::Setup`] if the HTTP client cannot be
    /// built.
    pub fn new(config: Config) -> Result<Client, ClientError> {
        let endpoint = parse_endpoint(&config.endpoint)?;
        let mut builder = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none());
        if is_loopback(&endpoint) {
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| ClientError::Setup {
            reason: error::reason_of(e),
        })?;
        Ok(Client {
            config,
            endpoint,
            http,
        })
    }

    /// A client for `config.endpoint` that sends through an existing connection pool, so
    /// that many clients (one per scenario) share connections.
    ///
    /// # Errors
    ///
    /// [`ClientError::InvalidEndpoint`] as for [`Client::new`].
    pub fn with_http(config: Config, http: reqwest::Client) -> Result<Client, ClientError> {
        let endpoint = parse_endpoint(&config.endpoint)?;
        Ok(Client {
            config,
            endpoint,
            http,
        })
    }

    /// The configuration the client was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }
}

fn parse_endpoint(endpoint: &str) -> Result<Url, ClientError> {
    let invalid = |reason: &str| ClientError::InvalidEndpoint {
        endpoint: endpoint.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(endpoint).map_err(|e| {
        invalid(&format!(
            "{e}; expected a URL such as http://127.0.0.1:8080"
        ))
    })?;

    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("there is no host"));
    }
    if url.path() != "/" {
        return Err(invalid("RPC endpoints have the path /; leave the path out"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "leave out the query and fragment; parameters go in --param",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("credentials do not belong in the URL"));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(endpoint: &str) -> Config {
        Config::new(endpoint, Credentials::new("id", "secret"))
    }

    #[test]
    fn an_http_endpoint_with_a_port_is_accepted() {
        for endpoint in [
            "http://127.0.0.1:8080",
            "https://dts.aliyuncs.com/",
            "http://[::1]:9",
        ] {
            assert!(Client::new(config(endpoint)).is_ok(), "{endpoint}");
        }
    }

    #[test]
    fn endpoints_that_are_not_rpc_roots_are_rejected_with_a_reason() {
        for (endpoint, reason) in [
            ("127.0.0.1:8080", "such as http://"),
            ("localhost:8080", "scheme"),
            ("ftp://host", "scheme"),
            ("http://host/api", "path"),
            ("http://host/?Action=x", "query"),
            ("not a url", "such as"),
            ("http://user:pw@host", "credentials"),
        ] {
            let error = Client::new(config(endpoint)).expect_err(endpoint);
            assert!(
                matches!(error, ClientError::InvalidEndpoint { .. }),
                "{endpoint}: {error}"
            );
            assert!(error.to_string().contains(reason), "{endpoint}: {error}");
        }
    }
}
