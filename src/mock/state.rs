//! The mock's shared state: accounts (each with its own clock, nonces, bucket, faults and
//! jobs), issued security tokens, and the journal.

use super::clock::VirtualClock;
use super::faults::FaultSpec;
use super::jobs::Jobs;
use super::journal::Journal;
use super::nonce::NonceStore;
use super::throttle::Bucket;
use super::{Account, Config, Defect};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

/// Everything one account owns. Scenarios use one account each, so they never see each
/// other's throttling, faults, clock or jobs.
#[derive(Debug)]
pub struct AccountState {
    /// The AccessKey secret.
    pub secret: String,
    /// The account's virtual clock.
    pub clock: VirtualClock,
    /// Nonces seen.
    pub nonces: NonceStore,
    /// The flow-control bucket.
    pub bucket: Bucket,
    /// Faults to inject.
    pub faults: Vec<FaultSpec>,
    /// Jobs and reverse tasks.
    pub jobs: Jobs,
}

/// An issued STS token.
#[derive(Debug, Clone)]
pub struct Token {
    /// The AccessKeyId it was issued for.
    pub access_key_id: String,
    /// When it expires, on that account's virtual clock.
    pub expires_at: i64,
}

/// The state behind every request.
#[derive(Debug)]
pub struct State {
    /// The configuration the server started with.
    pub config: Config,
    accounts: RwLock<HashMap<String, Arc<Mutex<AccountState>>>>,
    tokens: Mutex<HashMap<String, Token>>,
    journal: Mutex<Journal>,
}

/// Lock a mutex, recovering the data if a holder panicked: one failed request must not take
/// the server down.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl State {
    /// State with the configured accounts.
    pub fn new(config: Config) -> State {
        let state = State {
            journal: Mutex::new(Journal::new(config.journal_capacity)),
            accounts: RwLock::new(HashMap::new()),
            tokens: Mutex::new(HashMap::new()),
            config,
        };
        for account in state.config.accounts.clone() {
            state.add_account(&account);
        }
        state
    }

    /// Create the seed file's accounts and jobs.
    ///
    /// # Errors
    ///
    /// The position (from 1) and reason of the first job that cannot be created.
    pub fn apply_seed(&self) -> Result<(), (usize, String)> {
        for account in &self.config.seed.accounts {
            self.add_account(account);
        }
        for (index, seed) in self.config.seed.jobs.iter().enumerate() {
            let id = seed
                .access_key_id
                .clone()
                .unwrap_or_else(|| "testid".to_string());
            let account = self
                .account(&id)
                .ok_or_else(|| (index + 1, format!("no account {id:?}")))?;
            let mut account = lock(&account);
            let now = account.clock.now();
            account
                .jobs
                .seed(seed.job.clone(), now)
                .map_err(|reason| (index + 1, reason))?;
        }
        Ok(())
    }

    /// Whether a defect is switched on.
    pub fn has(&self, defect: Defect) -> bool {
        self.config.defects.contains(&defect)
    }

    /// Add (or replace) an account, with a fresh state.
    pub fn add_account(&self, account: &Account) {
        let fresh = AccountState {
            secret: account.access_key_secret.clone(),
            clock: VirtualClock::default(),
            nonces: NonceStore::default(),
            bucket: Bucket::new(self.config.throttle),
            faults: Vec::new(),
            jobs: Jobs::default(),
        };
        let mut accounts = self
            .accounts
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        accounts.insert(account.access_key_id.clone(), Arc::new(Mutex::new(fresh)));
    }

    /// The account with this AccessKeyId.
    pub fn account(&self, access_key_id: &str) -> Option<Arc<Mutex<AccountState>>> {
        let accounts = self
            .accounts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        accounts.get(access_key_id).cloned()
    }

    /// AccessKeyIds of every account.
    pub fn account_ids(&self) -> Vec<String> {
        let accounts = self
            .accounts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut ids: Vec<String> = accounts.keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Record an issued token.
    pub fn issue_token(&self, token: String, record: Token) {
        lock(&self.tokens).insert(token, record);
    }

    /// The record of a token, if it was issued.
    pub fn token(&self, token: &str) -> Option<Token> {
        lock(&self.tokens).get(token).cloned()
    }

    /// The journal.
    pub fn journal(&self) -> MutexGuard<'_, Journal> {
        lock(&self.journal)
    }

    /// Counts of what the state holds, to show that memory stays bounded under load.
    pub fn stats(&self) -> (usize, usize, usize) {
        let accounts = self
            .accounts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let nonces = accounts.values().map(|a| lock(a).nonces.len()).sum();
        (accounts.len(), nonces, self.journal().len())
    }

    /// Forget every account, token and journal entry, and restore the configured accounts.
    pub fn reset(&self) {
        self.accounts
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        lock(&self.tokens).clear();
        self.journal().clear();
        for account in self.config.accounts.clone() {
            self.add_account(&account);
        }
        if let Err((index, reason)) = self.apply_seed() {
            tracing::warn!(index, reason, "re-seeding after reset failed");
        }
    }
}
