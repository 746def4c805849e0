//! A client for the mock's control API, so that an external mock process is arranged exactly
//! like the embedded one.

use crate::mock::CONTROL_PREFIX;
use serde_json::{Value, json};

/// Why a control request failed.
#[derive(Debug, thiserror::Error)]
#[error("control API {method} {path} failed: {reason}")]
pub struct ControlError {
    /// The method.
    pub method: &'static str,
    /// The path under the control prefix.
    pub path: String,
    /// What went wrong (transport error, or status and body).
    pub reason: String,
}

/// The control API of a mock at a base URL.
#[derive(Debug, Clone)]
pub struct Control {
    base: String,
    http: reqwest::Client,
}

impl Control {
    /// The control API of the mock at `endpoint` (e.g. `http://127.0.0.1:8080`).
    pub fn new(endpoint: &str, http: reqwest::Client) -> Control {
        Control {
            base: format!("{}{CONTROL_PREFIX}", endpoint.trim_end_matches('/')),
            http,
        }
    }

    async fn send(
        &self,
        method: &'static str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, ControlError> {
        let url = format!("{}{path}", self.base);
        let failed = |reason: String| ControlError {
            method,
            path: path.to_string(),
            reason,
        };
        let mut request = match method {
            "GET" => self.http.get(&url),
            "PUT" => self.http.put(&url),
            "DELETE" => self.http.delete(&url),
            _ => self.http.post(&url),
        };
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.map_err(|e| failed(e.to_string()))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| failed(e.to_string()))?;
        if !status.is_success() {
            return Err(failed(format!("HTTP {status}: {text}")));
        }
        serde_json::from_str(&text).map_err(|e| failed(format!("non-JSON answer ({e}): {text}")))
    }

    /// Whether the control API answers.
    pub async fn health(&self) -> Result<(), ControlError> {
        self.send("GET", "/health", None).await.map(|_| ())
    }

    /// Add an account.
    pub async fn add_account(&self, access_key_id: &str, secret: &str) -> Result<(), ControlError> {
        let body = json!({ "access_key_id": access_key_id, "access_key_secret": secret });
        self.send("POST", "/accounts", Some(body)).await.map(|_| ())
    }

    /// Seed a job (a `JobSeed` as JSON); returns the job's id.
    pub async fn seed_job(&self, access_key_id: &str, seed: Value) -> Result<String, ControlError> {
        let path = format!("/accounts/{access_key_id}/jobs");
        let job = self.send("POST", &path, Some(seed)).await?;
        job["id"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| ControlError {
                method: "POST",
                path,
                reason: format!("no id in {job}"),
            })
    }

    /// The account's jobs and reverse tasks, with each reverse task's phase.
    pub async fn jobs(&self, access_key_id: &str) -> Result<Value, ControlError> {
        self.send("GET", &format!("/accounts/{access_key_id}/jobs"), None)
            .await
    }

    /// Issue an STS token valid for `ttl_seconds` of the account's virtual time.
    pub async fn issue_token(
        &self,
        access_key_id: &str,
        ttl_seconds: i64,
    ) -> Result<String, ControlError> {
        let path = format!("/accounts/{access_key_id}/tokens");
        let answer = self
            .send("POST", &path, Some(json!({ "ttl_seconds": ttl_seconds })))
            .await?;
        answer["security_token"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| ControlError {
                method: "POST",
                path,
                reason: format!("no security_token in {answer}"),
            })
    }

    /// Inject a fault (a `FaultSpec` as JSON).
    pub async fn add_fault(&self, access_key_id: &str, fault: Value) -> Result<(), ControlError> {
        let path = format!("/accounts/{access_key_id}/faults");
        self.send("POST", &path, Some(fault)).await.map(|_| ())
    }

    /// Set the account's token bucket.
    pub async fn set_throttle(
        &self,
        access_key_id: &str,
        capacity: u32,
        refill_per_second: f64,
    ) -> Result<(), ControlError> {
        let path = format!("/accounts/{access_key_id}/throttle");
        let body = json!({ "capacity": capacity, "refill_per_second": refill_per_second });
        self.send("PUT", &path, Some(body)).await.map(|_| ())
    }

    /// The mock's counts, resident memory and CPU time (`GET /_mock/stats`).
    pub async fn stats(&self) -> Result<Value, ControlError> {
        self.send("GET", "/stats", None).await
    }

    /// Advance the account's virtual clock.
    pub async fn advance_clock(
        &self,
        access_key_id: &str,
        seconds: u64,
    ) -> Result<(), ControlError> {
        let path = format!("/accounts/{access_key_id}/clock");
        self.send("POST", &path, Some(json!({ "advance_seconds": seconds })))
            .await
            .map(|_| ())
    }
}
