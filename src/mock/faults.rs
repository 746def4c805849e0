//! Fault injection: `ServiceUnavailable` for the next N requests or a fraction of them, and
//! added latency.

use crate::contract::Action;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A fault to inject for one account, as the control API takes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// Only requests for this action (wire name); all actions when absent.
    #[serde(default)]
    pub action: Option<String>,
    /// Fail the next `count` matching requests.
    #[serde(default)]
    pub count: Option<u32>,
    /// Fail this fraction (0 to 1) of matching requests.
    #[serde(default)]
    pub fraction: Option<f64>,
    /// Delay every matching request by this many milliseconds.
    #[serde(default)]
    pub latency_ms: Option<u64>,
}

/// What a fault does to one request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effect {
    /// Answer `ServiceUnavailable`.
    pub fail: bool,
    /// Wait this long first.
    pub latency: Duration,
}

impl FaultSpec {
    /// Whether the spec is well-formed; the reason when not.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(action) = self
            .action
            .as_ref()
            .filter(|a| Action::from_name(a).is_none())
        {
            return Err(format!("unknown action {action:?}"));
        }
        if let Some(fraction) = self.fraction.filter(|f| !(0.0..=1.0).contains(f)) {
            return Err(format!("fraction {fraction} is outside 0..=1"));
        }
        Ok(())
    }

    /// Apply the fault to a request for `action`, consuming one of `count`.
    pub fn apply(&mut self, action: Action) -> Effect {
        if self.action.as_deref().is_some_and(|a| a != action.name()) {
            return Effect::default();
        }
        let latency = Duration::from_millis(self.latency_ms.unwrap_or(0));
        let by_count = match &mut self.count {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        };
        let by_fraction = self.fraction.is_some_and(|f| fastrand::f64() < f);
        Effect {
            fail: by_count || by_fraction,
            latency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_fault_fails_exactly_the_next_n_matching_requests() {
        let mut fault = FaultSpec {
            action: Some("CreateReverseDtsJob".into()),
            count: Some(2),
            ..FaultSpec::default()
        };
        assert!(!fault.apply(Action::DescribeDtsJobs).fail);
        assert!(fault.apply(Action::CreateReverseDtsJob).fail);
        assert!(fault.apply(Action::CreateReverseDtsJob).fail);
        assert!(!fault.apply(Action::CreateReverseDtsJob).fail);
    }

    #[test]
    fn bad_specs_are_refused_with_a_reason() {
        let bad = FaultSpec {
            fraction: Some(2.0),
            ..FaultSpec::default()
        };
        assert!(bad.validate().is_err());
        let bad = FaultSpec {
            action: Some("Nope".into()),
            ..FaultSpec::default()
        };
        assert!(bad.validate().is_err());
    }
}
