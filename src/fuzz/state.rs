//! State checks through the mock's control API: which reverse tasks exist, and for which
//! forward jobs.

use std::collections::{BTreeMap, HashSet};

use super::case::Case;
use super::invariants::JobTarget;
use super::property::{Property, Violation};
use crate::conformance::Control;
use crate::conformance::control::ControlError;

/// The reverse tasks of an account, as the control API lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReverseTasks {
    /// Reverse task ids by the forward job they reverse.
    by_forward: BTreeMap<String, Vec<String>>,
}

impl ReverseTasks {
    /// Reads them through the control API.
    ///
    /// # Errors
    ///
    /// [`ControlError`] when the control API does not answer, or answers without a
    /// `reverse` list.
    pub async fn read(
        control: &Control,
        access_key_id: &str,
    ) -> Result<ReverseTasks, ControlError> {
        let jobs = control.jobs(access_key_id).await?;
        let Some(list) = jobs["reverse"].as_array() else {
            return Err(ControlError {
                method: "GET",
                path: format!("/accounts/{access_key_id}/jobs"),
                reason: format!("no \"reverse\" list in {jobs}"),
            });
        };
        Ok(ReverseTasks::from_tasks(list.iter().map(|task| {
            let forward = task["forward_id"].as_str().unwrap_or_default().to_string();
            (forward, task["id"].as_str().unwrap_or_default().to_string())
        })))
    }

    /// Tasks given as (forward job id, reverse task id) pairs.
    pub fn from_tasks(tasks: impl IntoIterator<Item = (String, String)>) -> ReverseTasks {
        let mut by_forward: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (forward, id) in tasks {
            by_forward.entry(forward).or_default().push(id);
        }
        ReverseTasks { by_forward }
    }

    /// How many reverse tasks `forward_id` has.
    pub fn count(&self, forward_id: &str) -> usize {
        self.by_forward.get(forward_id).map_or(0, Vec::len)
    }

    /// Whether a reverse task with this id exists.
    pub fn holds(&self, reverse_id: &str) -> bool {
        self.by_forward
            .values()
            .flatten()
            .any(|id| id == reverse_id)
    }

    /// What is wrong with the tasks as a whole: a task for a forward id that is not an
    /// eligible job, or more than one task for a job.
    pub fn audit(&self, eligible: &HashSet<String>) -> Vec<Violation> {
        let mut found = Vec::new();
        for (forward, tasks) in &self.by_forward {
            if !eligible.contains(forward) {
                let message = format!(
                    "reverse task {} exists for DtsJobId {forward:?}, which names no eligible job",
                    tasks.join(", ")
                );
                found.push(Violation::new(Property::StateSane, message).field(
                    "reverse tasks",
                    "0",
                    tasks.len().to_string(),
                ));
            } else if tasks.len() > 1 {
                let message = format!("job {forward} has {} reverse tasks", tasks.len());
                found.push(Violation::new(Property::StateSane, message).field(
                    "reverse tasks",
                    "1",
                    tasks.len().to_string(),
                ));
            }
        }
        found
    }

    /// What is wrong after `case`: an eligible job without exactly one reverse task, or a
    /// success whose `DtsJobId` is no reverse task.
    pub fn after(&self, case: &Case, target: JobTarget, created: Option<&str>) -> Vec<Violation> {
        let mut found = Vec::new();
        let count = self.count(&case.job_id);
        if target == JobTarget::Eligible && count != 1 {
            let message =
                format!("after CreateReverseDtsJob the eligible job has {count} reverse tasks");
            found.push(Violation::new(Property::StateSane, message).field(
                "reverse tasks",
                "1",
                count.to_string(),
            ));
        }
        if let Some(created) = created.filter(|id| !self.holds(id)) {
            let message =
                format!("the answer names reverse task {created:?}, which does not exist");
            found.push(
                Violation::new(Property::StateSane, message)
                    .row("resp.DtsJobId")
                    .field("DtsJobId", "a reverse task of the account", created),
            );
        }
        found
    }

    /// What is wrong with the tasks created since `before` by `case`: a task for another
    /// job than the one asked for, or for an id that names no eligible job.
    pub fn created_since(
        &self,
        before: &ReverseTasks,
        case: &Case,
        eligible: &HashSet<String>,
    ) -> Vec<Violation> {
        let mut found = Vec::new();
        for (forward, tasks) in &self.by_forward {
            let new: Vec<&String> = tasks.iter().filter(|id| !before.holds(id)).collect();
            if new.is_empty() || (forward == &case.job_id && eligible.contains(forward)) {
                continue;
            }
            let why = if forward == &case.job_id {
                "which names no eligible job"
            } else {
                "which is not the job the request named"
            };
            let message = format!("this request created a reverse task for {forward:?}, {why}");
            found.push(Violation::new(Property::StateSane, message).field(
                "new reverse tasks",
                "0",
                new.len().to_string(),
            ));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Method, Placement, SignatureVersion, Space};
    use crate::fuzz::case::{Family, Route, Shape};
    use crate::wire::Format;

    fn tasks(pairs: &[(&str, &str)]) -> ReverseTasks {
        ReverseTasks::from_tasks(pairs.iter().map(|(f, r)| (f.to_string(), r.to_string())))
    }

    fn case(job_id: &str) -> Case {
        let shape = Shape {
            format: Format::Json,
            method: Method::Get,
            placement: Placement::Query,
            signature: SignatureVersion::V1,
            space: Space::Percent20,
            route: Route::Main,
        };
        Case {
            family: Family::ExistingEligible,
            job_id: job_id.into(),
            shape,
        }
    }

    fn eligible() -> HashSet<String> {
        ["job1".to_string(), "job2".to_string()].into()
    }

    fn properties(violations: &[Violation]) -> Vec<Property> {
        violations.iter().map(|v| v.property).collect()
    }

    #[test]
    fn the_audit_finds_tasks_for_invalid_ids_and_duplicates() {
        let sane = tasks(&[("job1", "r1"), ("job2", "r2")]);
        assert_eq!(sane.audit(&eligible()), []);
        let insane = tasks(&[("job1", "r1"), ("job1", "r2"), ("bogus", "r3")]);
        assert_eq!(
            properties(&insane.audit(&eligible())),
            [Property::StateSane; 2]
        );
    }

    #[test]
    fn an_eligible_job_must_have_exactly_one_task_after_a_call() {
        let none = tasks(&[]);
        assert_eq!(
            properties(&none.after(&case("job1"), JobTarget::Eligible, None)),
            [Property::StateSane]
        );
        let one = tasks(&[("job1", "r1")]);
        assert_eq!(
            one.after(&case("job1"), JobTarget::Eligible, Some("r1")),
            []
        );
        let created_elsewhere = one.after(&case("job1"), JobTarget::Eligible, Some("r9"));
        assert_eq!(properties(&created_elsewhere), [Property::StateSane]);
    }

    #[test]
    fn only_the_tasks_a_call_created_are_blamed_on_it() {
        let before = tasks(&[("bogus", "r0")]);
        let after = tasks(&[("bogus", "r0"), ("job1", "r1")]);
        assert_eq!(after.created_since(&before, &case("job1"), &eligible()), []);
        let worse = tasks(&[("bogus", "r0"), ("x<y", "r1")]);
        assert_eq!(
            properties(&worse.created_since(&before, &case("x<y"), &eligible())),
            [Property::StateSane]
        );
        assert_eq!(
            properties(&after.created_since(&before, &case("job2"), &eligible())),
            [Property::StateSane]
        );
    }
}
