//! What a client needs to know: where to send, who signs, and how the request is shaped.

use std::fmt;
use std::time::Duration;

use super::ClientError;
use crate::wire::Format;

pub use crate::signing::encode::Space;

/// The variable that holds the AccessKey ID.
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// The variable that holds the AccessKey secret.
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// The variable that holds an STS token, when the credentials are temporary.
pub const SECURITY_TOKEN_VAR: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// How long a call may take, connection included, unless the config says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A secret string: its `Debug` and `Display` print `[redacted]`; read it with
/// [`Secret::expose`].
#[derive(Clone, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret value itself. Never log or print it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(super::REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(super::REDACTED)
    }
}

/// An AccessKey pair, and an STS token when the key is temporary.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The AccessKey ID; not a secret, it travels in every request.
    pub access_key_id: String,
    /// The AccessKey secret; it signs requests and never travels.
    pub access_key_secret: Secret,
    /// The STS token, sent as `SecurityToken` (V1) or `x-acs-security-token` (V3).
    pub security_token: Option<Secret>,
}

impl Credentials {
    /// A permanent AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// The same credentials with an STS token.
    #[must_use]
    pub fn with_security_token(mut self, token: impl Into<Secret>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, if set,
    /// `ALIBABA_CLOUD_SECURITY_TOKEN` from the environment.
    ///
    /// # Errors
    ///
    /// [`ClientError::MissingCredential`] naming the first required variable that is unset
    /// or empty.
    pub fn from_env() -> Result<Credentials, ClientError> {
        Credentials::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Credentials::from_env`], but reads each variable through `lookup`.
    ///
    /// # Errors
    ///
    /// [`ClientError::MissingCredential`] naming the first required variable for which
    /// `lookup` gives nothing or an empty value.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Credentials, ClientError> {
        let read = |name: &'static str| lookup(name).filter(|value| !value.is_empty());
        let missing = |variable| ClientError::MissingCredential { variable };

        let access_key_id = read(ACCESS_KEY_ID_VAR).ok_or_else(|| missing(ACCESS_KEY_ID_VAR))?;
        let secret = read(ACCESS_KEY_SECRET_VAR).ok_or_else(|| missing(ACCESS_KEY_SECRET_VAR))?;
        Ok(Credentials {
            access_key_id,
            access_key_secret: Secret(secret),
            security_token: read(SECURITY_TOKEN_VAR).map(Secret),
        })
    }
}

/// The HTTP method of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`, as the old core SDK's `CommonRequest` sends by default.
    Get,
    /// `POST`, as every generated SDK sends.
    Post,
}

impl Method {
    /// The method as it appears on the wire and in the V1 string to sign.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// In the query string, with an empty body, as every SDK sends them.
    Query,
    /// In an `application/x-www-form-urlencoded` body. Under V1 the common parameters go
    /// there too; under V3 only the business parameters do (the rest are headers).
    Form,
}

/// The signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureVersion {
    /// HMAC-SHA1 over the parameters, `SignatureVersion=1.0`.
    V1,
    /// `ACS3-HMAC-SHA256` in the `Authorization` header.
    V3,
}

/// Everything a [`Client`](super::Client) needs to build and send calls.
#[derive(Debug, Clone)]
pub struct Config {
    /// Scheme, host and port, e.g. `http://127.0.0.1:8080`; the path is always `/`.
    pub endpoint: String,
    /// Who signs.
    pub credentials: Credentials,
    /// Sent as `RegionId` when set.
    pub region: Option<String>,
    /// Sent as `Format` when set; `None` sends no `Format` at all.
    pub format: Option<Format>,
    /// `GET` or `POST`.
    pub method: Method,
    /// Query string or form body.
    pub placement: Placement,
    /// V1 or V3.
    pub signature: SignatureVersion,
    /// How a space is written on the wire: `+` (Tea SDK) or `%20` (old SDK, CLI).
    pub space: Space,
    /// How long a call may take, connection included.
    pub timeout: Duration,
    /// Send an empty, signed `SignatureType=` as the old SDKs and the CLI do (V1 only).
    pub send_signature_type: bool,
}

impl Config {
    /// V1, `POST`, parameters in the query, `Format=JSON`, spaces as `%20`, no region, a
    /// 30-second timeout.
    pub fn new(endpoint: impl Into<String>, credentials: Credentials) -> Config {
        Config {
            endpoint: endpoint.into(),
            credentials,
            region: None,
            format: Some(Format::Json),
            method: Method::Post,
            placement: Placement::Query,
            signature: SignatureVersion::V1,
            space: Space::Percent20,
            timeout: DEFAULT_TIMEOUT,
            send_signature_type: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn a_secret_prints_as_redacted_in_debug_and_display() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn credentials_debug_shows_the_key_id_but_not_the_secret_or_token() {
        let credentials = Credentials::new("my-id", "my-secret").with_security_token("my-token");
        let debug = format!("{credentials:?}");
        assert!(debug.contains("my-id"));
        assert!(
            !debug.contains("my-secret") && !debug.contains("my-token"),
            "{debug}"
        );
    }

    #[test]
    fn credentials_come_from_the_alibaba_cloud_variables() {
        let vars = [
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "secret"),
            (SECURITY_TOKEN_VAR, "token"),
        ];
        let credentials = Credentials::from_lookup(lookup(&vars)).expect("complete");
        assert_eq!(credentials.access_key_id, "id");
        assert_eq!(credentials.access_key_secret.expose(), "secret");
        assert_eq!(
            credentials.security_token.as_ref().map(Secret::expose),
            Some("token")
        );
    }

    #[test]
    fn a_missing_or_empty_variable_is_named_in_the_error() {
        let error =
            Credentials::from_lookup(lookup(&[(ACCESS_KEY_ID_VAR, "id")])).expect_err("no secret");
        assert!(error.to_string().contains(ACCESS_KEY_SECRET_VAR), "{error}");

        let vars = [(ACCESS_KEY_ID_VAR, ""), (ACCESS_KEY_SECRET_VAR, "s")];
        let error = Credentials::from_lookup(lookup(&vars)).expect_err("empty id");
        assert!(error.to_string().contains(ACCESS_KEY_ID_VAR), "{error}");
    }

    #[test]
    fn an_empty_security_token_means_none() {
        let vars = [
            (ACCESS_KEY_ID_VAR, "id"),
            (ACCESS_KEY_SECRET_VAR, "secret"),
            (SECURITY_TOKEN_VAR, ""),
        ];
        let credentials = Credentials::from_lookup(lookup(&vars)).expect("complete");
        assert!(credentials.security_token.is_none());
    }
}
