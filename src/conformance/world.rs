//! The World: one scenario's caller, its settings, and every exchange it made.

use super::target::Target;
use crate::client::{
    CallOptions, Client, Config, Credentials, Exchange, Method, Placement, SignatureVersion,
};
use crate::report::Failure;
use crate::wire::Format;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

/// How the caller signs and sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transport {
    /// V1 or V3.
    pub signature: SignatureVersion,
    /// GET or POST.
    pub method: Method,
    /// Query or form body.
    pub placement: Placement,
}

impl Default for Transport {
    fn default() -> Self {
        Transport {
            signature: SignatureVersion::V1,
            method: Method::Post,
            placement: Placement::Query,
        }
    }
}

/// One scenario's state. A fresh World per scenario; its account is its own.
#[derive(Default, cucumber::World)]
pub struct World {
    /// The target, set by the runner's before hook.
    pub target: Option<Arc<Target>>,
    /// The scenario's account.
    pub credentials: Option<Credentials>,
    /// The format the caller asks for (`None`: whatever the client defaults to).
    pub format: Option<Format>,
    /// How the caller signs and sends.
    pub transport: Transport,
    /// `Version` to send instead of 2020-01-01.
    pub version: Option<String>,
    /// How far behind the caller's clock is, in seconds.
    pub clock_behind: i64,
    /// The forward job the scenario works on.
    pub forward_job: Option<String>,
    /// The reverse task CreateReverseDtsJob returned.
    pub reverse_job: Option<String>,
    /// Every exchange, in order.
    pub exchanges: Vec<Exchange>,
    /// Indexes of the exchanges of the last batch of calls (one for a single call).
    pub last: Vec<usize>,
    /// Formats the scenario's requests asked for.
    pub formats: BTreeSet<Format>,
    /// Why the scenario could not be set up, if it could not.
    pub setup_error: Option<String>,
}

impl fmt::Debug for World {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("World")
            .field(
                "access_key_id",
                &self.credentials.as_ref().map(|c| &c.access_key_id),
            )
            .field("format", &self.format)
            .field("transport", &self.transport)
            .field("forward_job", &self.forward_job)
            .field("reverse_job", &self.reverse_job)
            .field("exchanges", &self.exchanges.len())
            .finish()
    }
}

/// A step's result: a [`Failure`] explains itself.
pub type StepResult = Result<(), Failure>;

impl World {
    /// The target; a missing one is a defect of the runner.
    pub fn target(&self) -> Result<&Arc<Target>, Failure> {
        self.target
            .as_ref()
            .ok_or_else(|| Failure::new(None, "the runner set no target"))
    }

    /// The account id, for the control API.
    pub fn access_key_id(&self) -> Result<String, Failure> {
        if let Some(error) = &self.setup_error {
            return Err(Failure::new(None, error.clone()));
        }
        self.credentials
            .as_ref()
            .map(|c| c.access_key_id.clone())
            .ok_or_else(|| Failure::new(None, "the scenario has no account"))
    }

    /// A client with the scenario's credentials and transport.
    pub fn client(&self) -> Result<Client, Failure> {
        if let Some(error) = &self.setup_error {
            return Err(Failure::new(None, error.clone()));
        }
        let target = self.target()?;
        let credentials = self
            .credentials
            .clone()
            .ok_or_else(|| Failure::new(None, "the scenario has no account"))?;
        let mut config = Config::new(target.endpoint.clone(), credentials);
        config.format = self.format.or(Some(Format::Json));
        if self.transport.signature == SignatureVersion::V3 && self.format.is_none() {
            config.format = None;
        }
        config.signature = self.transport.signature;
        config.method = self.transport.method;
        config.placement = self.transport.placement;
        config.region.clone_from(&target.region);
        Client::with_http(config, target.http.clone())
            .map_err(|e| Failure::new(None, format!("cannot build the client: {e}")))
    }

    /// Options for the next call: the caller's clock.
    pub fn options(&self) -> CallOptions {
        let mut options = CallOptions::default();
        if self.clock_behind != 0 {
            let at = crate::mock::timestamp_text(crate::mock::unix_now() - self.clock_behind);
            options.timestamp = Some(at);
        }
        options
    }

    /// The business parameters plus the scenario's `Version` override.
    pub fn params(&self, params: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        if let Some(version) = &self.version {
            all.push(("Version".into(), version.clone()));
        }
        all
    }

    /// As [`World::params`], from owned pairs.
    pub fn params_owned(&self, params: &[(String, String)]) -> Vec<(String, String)> {
        let borrowed: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.params(&borrowed)
    }

    /// Send one call and record it as the last.
    pub async fn call(&mut self, action: &str, params: &[(&str, &str)]) -> StepResult {
        let client = self.client()?;
        let request = client.prepare(action, &self.params(params), &self.options());
        let exchange = client
            .execute(request)
            .await
            .map_err(|e| Failure::new(None, format!("the {action} call got no answer: {e}")))?;
        self.record(vec![exchange]);
        Ok(())
    }

    /// Record a batch of exchanges as the last.
    pub fn record(&mut self, exchanges: Vec<Exchange>) {
        self.last.clear();
        for exchange in exchanges {
            if let Some(format) = exchange.format {
                self.formats.insert(format);
            } else {
                self.formats.insert(Format::Json);
            }
            self.last.push(self.exchanges.len());
            self.exchanges.push(exchange);
        }
    }

    /// Record an exchange made to inspect state, without making it the last call.
    pub fn record_aside(&mut self, exchange: Exchange) {
        self.exchanges.push(exchange);
    }

    /// The last exchange.
    pub fn last(&self) -> Result<&Exchange, Failure> {
        self.last
            .last()
            .and_then(|i| self.exchanges.get(*i))
            .ok_or_else(|| Failure::new(None, "no call was made before this step"))
    }

    /// The exchanges of the last batch.
    pub fn last_batch(&self) -> Vec<&Exchange> {
        self.last
            .iter()
            .filter_map(|i| self.exchanges.get(*i))
            .collect()
    }
}
