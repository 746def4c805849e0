//! `dts-conformance call`: one signed request, and the exchange printed.

use std::time::Duration;

use anyhow::Context as _;

use super::{EXIT_OK, output};
use crate::client::{
    ACCESS_KEY_ID_VAR, CallOptions, Client, Config, Credentials, Method, Placement,
    SignatureVersion, Space,
};
use crate::wire::Format;

const AFTER_HELP: &str = "\
The transcript goes to stdout: the request line, headers and body as sent, then the status,
headers and body received. SecurityToken values print as [redacted]; the AccessKey secret
never travels. Bodies are cut at DTS_CONFORMANCE_BODY_LIMIT bytes (default 4096).

Exit status: 0 when an HTTP answer arrived, whatever its status (read the status in the
transcript); 2 when the call could not be made (bad flags, missing credentials, invalid or
unreachable endpoint, timeout), with one line on stderr saying why.

Examples:
  dts-conformance call --endpoint http://127.0.0.1:8080 --param DtsJobId=n99m9jx822k0000
  dts-conformance call --endpoint http://127.0.0.1:8080 --signature v3 --format xml \\
      --action DescribeDtsJobs --param JobType=SYNC";

/// Flags of `call`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The endpoint: scheme, host and port, e.g. http://127.0.0.1:8080.
    #[arg(long, env = "DTS_CONFORMANCE_ENDPOINT", value_name = "URL")]
    endpoint: String,

    /// The action to call (case-sensitive).
    #[arg(long, default_value = "CreateReverseDtsJob", value_name = "NAME")]
    action: String,

    /// A business parameter; repeat for more. A common parameter named here (Format,
    /// Timestamp, ...) replaces the client's value and is still signed.
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    params: Vec<(String, String)>,

    /// The Format to ask for [default: json under v1, none under v3, as the SDKs do].
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<FormatArg>,

    /// Send no Format parameter at all.
    #[arg(long, conflicts_with = "format")]
    no_format: bool,

    /// The HTTP method.
    #[arg(long, value_enum, default_value_t = MethodArg::Post)]
    method: MethodArg,

    /// Where the parameters go: the query string, or a form-encoded body.
    #[arg(long, value_enum, default_value_t = PlacementArg::Query)]
    placement: PlacementArg,

    /// The signature version: v1 (HMAC-SHA1 parameters) or v3 (ACS3-HMAC-SHA256 header).
    #[arg(long, value_enum, default_value_t = SignatureArg::V1)]
    signature: SignatureArg,

    /// How a space is written on the wire: percent20 (old SDK, CLI) or plus (Tea SDK).
    #[arg(long, value_enum, default_value_t = SpaceArg::Percent20)]
    space: SpaceArg,

    /// The region, sent as RegionId.
    #[arg(long, env = "ALIBABA_CLOUD_REGION_ID", value_name = "REGION")]
    region: Option<String>,

    /// The AccessKey ID; the secret is read only from ALIBABA_CLOUD_ACCESS_KEY_SECRET.
    #[arg(long, env = ACCESS_KEY_ID_VAR, value_name = "ID", hide_env_values = true)]
    access_key_id: Option<String>,

    /// Send an empty, signed SignatureType= as the old SDKs and the aliyun CLI do (v1).
    #[arg(long)]
    signature_type: bool,

    /// An extra header; repeat for more. Signed under v3; replaces a header of that name.
    #[arg(long = "header", value_name = "NAME:VALUE", value_parser = parse_header)]
    headers: Vec<(String, String)>,

    /// Timestamp / x-acs-date to send instead of now, e.g. 2024-01-01T12:00:00Z.
    #[arg(long, value_name = "TIME")]
    timestamp: Option<String>,

    /// SignatureNonce / x-acs-signature-nonce to send instead of a fresh one.
    #[arg(long, value_name = "NONCE")]
    nonce: Option<String>,

    /// Seconds to wait for the whole answer.
    #[arg(long, default_value = "30", value_name = "SECONDS", value_parser = parse_seconds)]
    timeout: Duration,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Json,
    Xml,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum MethodArg {
    Get,
    Post,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum PlacementArg {
    Query,
    Form,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SignatureArg {
    V1,
    V3,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SpaceArg {
    Percent20,
    Plus,
}

/// Sends the call and prints the exchange.
///
/// # Errors
///
/// Missing credentials, an invalid or unreachable endpoint, a timeout.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let client = Client::new(args.config(credentials(args)?))?;
    let options = CallOptions {
        timestamp: args.timestamp.clone(),
        nonce: args.nonce.clone(),
        extra_headers: args.headers.clone(),
    };
    let request = client.prepare(&args.action, &args.params, &options);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let exchange = runtime.block_on(client.execute(request))?;
    output::stdout(&exchange);
    Ok(EXIT_OK)
}

/// The credentials from the environment, with `--access-key-id` taking the ID's place.
fn credentials(args: &Args) -> anyhow::Result<Credentials> {
    let lookup = |name: &str| {
        if name == ACCESS_KEY_ID_VAR {
            args.access_key_id.clone()
        } else {
            std::env::var(name).ok()
        }
    };
    Ok(Credentials::from_lookup(lookup)?)
}

impl Args {
    fn config(&self, credentials: Credentials) -> Config {
        let mut config = Config::new(&self.endpoint, credentials);
        config.signature = match self.signature {
            SignatureArg::V1 => SignatureVersion::V1,
            SignatureArg::V3 => SignatureVersion::V3,
        };
        config.format = match (self.format, self.no_format, config.signature) {
            (_, true, _) | (None, false, SignatureVersion::V3) => None,
            (Some(FormatArg::Xml), false, _) => Some(Format::Xml),
            (Some(FormatArg::Json), false, _) | (None, false, SignatureVersion::V1) => {
                Some(Format::Json)
            }
        };
        config.method = match self.method {
            MethodArg::Get => Method::Get,
            MethodArg::Post => Method::Post,
        };
        config.placement = match self.placement {
            PlacementArg::Query => Placement::Query,
            PlacementArg::Form => Placement::Form,
        };
        config.space = match self.space {
            SpaceArg::Percent20 => Space::Percent20,
            SpaceArg::Plus => Space::Plus,
        };
        config.region.clone_from(&self.region);
        config.timeout = self.timeout;
        config.send_signature_type = self.signature_type;
        config
    }
}

fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some(("", _)) => Err("the parameter name is empty".to_owned()),
        Some((name, value)) => Ok((name.to_owned(), value.to_owned())),
        None => Err("expected NAME=VALUE (an empty value is NAME=)".to_owned()),
    }
}

fn parse_header(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        }
        _ => Err("expected NAME:VALUE".to_owned()),
    }
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds > 0.0 => Ok(Duration::from_secs_f64(seconds)),
        _ => Err("expected a positive number of seconds".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_split_at_the_first_equals_sign_and_keep_empty_values() {
        assert_eq!(parse_param("A=b=c"), Ok(("A".into(), "b=c".into())));
        assert_eq!(
            parse_param("SignatureType="),
            Ok(("SignatureType".into(), String::new()))
        );
        assert!(parse_param("novalue").is_err());
        assert!(parse_param("=x").is_err());
    }

    #[test]
    fn headers_are_lower_cased_and_trimmed() {
        assert_eq!(
            parse_header("X-Test: a:b "),
            Ok(("x-test".into(), "a:b".into()))
        );
        assert!(parse_header("nocolon").is_err());
    }

    #[test]
    fn timeouts_are_positive_seconds() {
        assert_eq!(parse_seconds("1.5"), Ok(Duration::from_millis(1500)));
        for bad in ["0", "-1", "x", "inf"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
    }
}
