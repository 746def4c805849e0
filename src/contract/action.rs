//! The operations the contract and its workflow use.

/// An RPC action of DTS 2020-01-01 that this harness knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// The operation under contract: creates a reverse task for a forward job.
    CreateReverseDtsJob,
    /// Starts the incremental writer of a reverse task.
    StartReverseWriter,
    /// Lists jobs; the workflow reads job and reverse-task state from it.
    DescribeDtsJobs,
}

impl Action {
    /// Every action, in document order.
    pub const ALL: [Action; 3] = [
        Action::CreateReverseDtsJob,
        Action::StartReverseWriter,
        Action::DescribeDtsJobs,
    ];

    /// The wire name, exactly as `Action=` carries it (case-sensitive).
    pub fn name(self) -> &'static str {
        match self {
            Action::CreateReverseDtsJob => "CreateReverseDtsJob",
            Action::StartReverseWriter => "StartReverseWriter",
            Action::DescribeDtsJobs => "DescribeDtsJobs",
        }
    }

    /// The action with this exact wire name, if any. Case matters, as on the gateway.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.name() == name)
    }

    /// The root element of this action's XML response, e.g. `CreateReverseDtsJobResponse`.
    pub fn xml_root(self) -> String {
        format!("{}Response", self.name())
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_round_trip_and_are_case_sensitive() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
        assert_eq!(Action::from_name("createreversedtsjob"), None);
    }
}
