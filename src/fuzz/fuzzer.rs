//! A fuzzer bound to one target: its clients, accounts and seeded jobs, and the check that
//! sends one case and judges the answer.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use proptest::strategy::SBoxedStrategy;
use proptest::test_runner::{TestCaseError, TestCaseResult};

use super::case::{Case, Route, Shape};
use super::deviation::Deviation;
use super::invariants::{self, Answer, JobTarget};
use super::options::FuzzError;
use super::property::{Property, Violation};
use super::setup;
use super::state::ReverseTasks;
use super::strategies::{self, Mix, Pool};
use crate::client::{CallOptions, Client, Credentials, Exchange, SignatureVersion};
use crate::conformance::Control;
use crate::contract::Action;
use crate::mock::Limits;

/// How a fuzzer reaches its target and what it may send.
#[derive(Debug, Clone)]
pub struct Arrangement {
    /// The endpoint, e.g. `http://127.0.0.1:8080`.
    pub endpoint: String,
    /// Whether the endpoint serves the mock's control API.
    pub control: bool,
    /// Credentials for an endpoint without one (the `ALIBABA_CLOUD_*` variables if `None`).
    pub credentials: Option<Credentials>,
    /// Whether cases that could create a reverse task may be sent without a control API.
    pub allow_mutations: bool,
    /// The signature versions wanted.
    pub signatures: Vec<SignatureVersion>,
    /// Check every case for reverse tasks it created (two control reads per case). Off, only
    /// cases for eligible jobs and successes are checked, and [`Fuzzer::audit`] checks the
    /// rest once.
    pub audit_each_case: bool,
    /// The size limits long values are generated around.
    pub limits: Limits,
    /// How long one request may take.
    pub timeout: Duration,
    /// Known deviations to accept (each counted in the report).
    pub tolerate: Vec<Deviation>,
    /// Idle keep-alive connections kept per host.
    pub connections: usize,
}

impl Arrangement {
    /// The embedded mock or another dts-conformance mock at `endpoint`: control API on,
    /// V1 and V3, every case checked for the reverse tasks it created.
    pub fn mock(endpoint: impl Into<String>) -> Arrangement {
        Arrangement {
            endpoint: endpoint.into(),
            control: true,
            credentials: None,
            allow_mutations: false,
            signatures: vec![SignatureVersion::V1, SignatureVersion::V3],
            audit_each_case: true,
            limits: Limits::default(),
            timeout: Duration::from_secs(10),
            connections: 16,
            tolerate: Vec::new(),
        }
    }
}

/// What one case showed.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Every property held, possibly through an accepted known deviation.
    Held {
        /// The known deviation accepted, if one was.
        tolerated: Option<Deviation>,
    },
    /// At least one property broke.
    Broken(Box<Finding>),
}

/// A case that broke properties, with the exchange that showed it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The case.
    pub case: Case,
    /// The properties it broke, most specific first; never empty.
    pub violations: Vec<Violation>,
    /// The exchange; `None` when no answer came.
    pub exchange: Option<Exchange>,
    /// The request as prepared, redacted, when no answer came.
    pub unanswered: Option<String>,
}

impl Verdict {
    /// The verdict as a proptest test-case result, for a `TestRunner`: a broken property
    /// fails the case with its first violation.
    pub fn into_test_result(self) -> TestCaseResult {
        match self {
            Verdict::Held { .. } => Ok(()),
            Verdict::Broken(finding) => Err(TestCaseError::fail(
                finding
                    .violations
                    .first()
                    .map_or_else(String::new, Violation::to_string),
            )),
        }
    }
}

impl Finding {
    /// The first (most specific) property broken.
    pub fn property(&self) -> Property {
        self.violations
            .first()
            .map_or(Property::Answered, |v| v.property)
    }
}

/// A fuzzer bound to one target.
#[derive(Debug)]
pub struct Fuzzer {
    clients: Vec<(Shape, Client)>,
    control: Option<Control>,
    main_key: String,
    pool: Pool,
    eligible: HashSet<String>,
    ineligible: HashSet<String>,
    mix: Mix,
    audit_each_case: bool,
    tolerate: Vec<Deviation>,
    notes: Vec<String>,
    confirmed: Mutex<HashSet<String>>,
}

impl Fuzzer {
    /// Connects to the target and arranges it: with a control API, fresh accounts (one with
    /// an injected fault) and seeded jobs; without one, the given credentials.
    ///
    /// # Errors
    ///
    /// [`FuzzError::Endpoint`] for an unusable endpoint, [`FuzzError::Control`] when the
    /// control API fails, [`FuzzError::Credentials`] when none are available.
    pub async fn arrange(arrangement: &Arrangement) -> Result<Fuzzer, FuzzError> {
        let endpoint = arrangement.endpoint.clone();
        let http = setup::http_client(arrangement)?;
        let (control, accounts, pool) = if arrangement.control {
            let control = Control::new(&endpoint, http.clone());
            let failed = |source| FuzzError::Control {
                endpoint: endpoint.clone(),
                source,
            };
            control.health().await.map_err(failed)?;
            let accounts = setup::accounts(&control, true).await.map_err(failed)?;
            let pool = setup::jobs(&control, &accounts.main.access_key_id)
                .await
                .map_err(failed)?;
            (Some(control), accounts, pool)
        } else {
            let accounts = setup::Accounts {
                main: setup::credentials(arrangement)?,
                faulty: None,
            };
            (None, accounts, Pool::default())
        };

        let (signatures, notes) = setup::usable_signatures(arrangement, &accounts.main)?;
        let mix = Mix {
            mutations: arrangement.control || arrangement.allow_mutations,
            injected_faults: accounts.faulty.is_some(),
            signatures,
            limits: arrangement.limits,
        };
        let clients = setup::clients(arrangement, &http, &accounts, &mix)?;
        Ok(Fuzzer {
            clients,
            control,
            main_key: accounts.main.access_key_id,
            eligible: pool.eligible.iter().cloned().collect(),
            ineligible: pool.ineligible.iter().cloned().collect(),
            pool,
            mix,
            audit_each_case: arrangement.audit_each_case,
            tolerate: arrangement.tolerate.clone(),
            notes,
            confirmed: Mutex::new(HashSet::new()),
        })
    }

    /// The strategy of every case this target can take.
    pub fn strategy(&self) -> SBoxedStrategy<Case> {
        strategies::cases(&self.pool, &self.mix)
    }

    /// The seeded jobs.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// What the generated cases may contain.
    pub fn mix(&self) -> &Mix {
        &self.mix
    }

    /// Whether state is checked through a control API.
    pub fn checks_state(&self) -> bool {
        self.control.is_some()
    }

    /// What the arrangement left out, and why (e.g. a signature version not available).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Sends one case and checks every property on the answer.
    ///
    /// # Errors
    ///
    /// [`FuzzError::Shape`] for a shape this fuzzer has no client for, and
    /// [`FuzzError::Control`] when the state cannot be read. A broken property is not an
    /// error: it is a [`Verdict::Broken`].
    pub async fn check(&self, case: &Case) -> Result<Verdict, FuzzError> {
        let client = self.client(&case.shape)?;
        let params = [("DtsJobId".to_string(), case.job_id.clone())];
        let request = client.prepare(
            Action::CreateReverseDtsJob.name(),
            &params,
            &CallOptions::default(),
        );
        let sent = request.clone();
        let before = match &self.control {
            Some(control) if self.audit_each_case && case.shape.route == Route::Main => {
                Some(self.read_tasks(control).await?)
            }
            _ => None,
        };
        let exchange = match client.execute(request).await {
            Ok(exchange) => exchange,
            Err(error) => {
                let violation = Violation::new(Property::Answered, error.to_string());
                return Ok(Verdict::Broken(Box::new(Finding {
                    case: case.clone(),
                    violations: vec![violation],
                    exchange: None,
                    unanswered: Some(format!("{sent:?}")),
                })));
            }
        };

        let target = self.target_of(case);
        let answer = Answer::of(&exchange);
        let checked = invariants::check_response(case, &answer, target, &self.tolerate);
        let mut violations = checked.violations;
        invariants::attach_signature_detail(&mut violations, case, &exchange);
        let state = self
            .state_after(case, target, &exchange, before.as_ref())
            .await?;
        violations.extend(state);
        violations.sort_by_key(|v| v.property);
        if violations.is_empty() {
            return Ok(Verdict::Held {
                tolerated: checked.tolerated,
            });
        }
        let exchange = Some(exchange);
        let case = case.clone();
        Ok(Verdict::Broken(Box::new(Finding {
            case,
            violations,
            exchange,
            unanswered: None,
        })))
    }

    /// What the reverse tasks say after `case`. Read when the case succeeded, when it named
    /// an eligible job not yet seen with exactly one task, and in every case when auditing
    /// each case (with `before`, the tasks before it).
    async fn state_after(
        &self,
        case: &Case,
        target: JobTarget,
        exchange: &Exchange,
        before: Option<&ReverseTasks>,
    ) -> Result<Vec<Violation>, FuzzError> {
        let Some(control) = self.control.as_ref() else {
            return Ok(Vec::new());
        };
        let ok = exchange.response.is_success();
        let eligible = target == JobTarget::Eligible;
        let unconfirmed = eligible && !self.confirmed(&case.job_id);
        if case.shape.route != Route::Main || !(ok || unconfirmed || before.is_some()) {
            return Ok(Vec::new());
        }
        let after = self.read_tasks(control).await?;
        let created = if ok { created_id(case, exchange) } else { None };
        let mut found = after.after(case, target, created.as_deref());
        if let Some(before) = before {
            found.extend(after.created_since(before, case, &self.eligible));
        }
        if eligible && found.is_empty() {
            lock(&self.confirmed).insert(case.job_id.clone());
        }
        Ok(found)
    }

    /// Whether `job_id` was already seen with exactly one reverse task. Later refusals for
    /// it are not re-read; the end-of-run [`Fuzzer::audit`] still counts its tasks.
    fn confirmed(&self, job_id: &str) -> bool {
        lock(&self.confirmed).contains(job_id)
    }

    /// Checks every reverse task of the fuzz account at once: none for an id that names no
    /// eligible job, at most one per job. Empty without a control API.
    ///
    /// # Errors
    ///
    /// [`FuzzError::Control`] when the state cannot be read.
    pub async fn audit(&self) -> Result<Vec<Violation>, FuzzError> {
        match &self.control {
            Some(control) => Ok(self.read_tasks(control).await?.audit(&self.eligible)),
            None => Ok(Vec::new()),
        }
    }

    fn client(&self, shape: &Shape) -> Result<&Client, FuzzError> {
        self.clients
            .iter()
            .find(|(s, _)| s == shape)
            .map(|(_, client)| client)
            .ok_or_else(|| FuzzError::Shape {
                shape: shape.to_string(),
            })
    }

    fn target_of(&self, case: &Case) -> JobTarget {
        if case.shape.route != Route::Main {
            JobTarget::NoJob
        } else if self.eligible.contains(&case.job_id) {
            JobTarget::Eligible
        } else if self.ineligible.contains(&case.job_id) {
            JobTarget::Ineligible
        } else {
            JobTarget::NoJob
        }
    }

    async fn read_tasks(&self, control: &Control) -> Result<ReverseTasks, FuzzError> {
        ReverseTasks::read(control, &self.main_key)
            .await
            .map_err(|source| FuzzError::Control {
                endpoint: self
                    .clients
                    .first()
                    .map(|(_, c)| c.config().endpoint.clone())
                    .unwrap_or_default(),
                source,
            })
    }
}

/// The `DtsJobId` a successful answer names.
fn created_id(case: &Case, exchange: &Exchange) -> Option<String> {
    let document = crate::wire::decode(case.shape.format, &exchange.response.body).ok()?;
    document.value.get_str("DtsJobId").map(str::to_string)
}

/// Locks a mutex, recovering the data if a holder panicked.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
