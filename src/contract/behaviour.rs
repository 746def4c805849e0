//! The behaviour the document's description promises, as numbered clauses.

/// One clause of the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Stable row id, `beh.N`.
    pub id: &'static str,
    /// The clause in the document's words.
    pub text: &'static str,
    /// Whether the clause is stated by the document (`true`) or inferred from the
    /// surrounding reference where the document is silent (`false`).
    pub documented: bool,
}

/// The description's promises, in the order the document states them.
pub const BEHAVIOUR: &[Clause] = &[
    Clause {
        id: "beh.1",
        text: "A reverse task is created for the data synchronization or migration task.",
        documented: true,
    },
    Clause {
        id: "beh.2",
        text: "After the reverse task is created, DTS performs a precheck.",
        documented: true,
    },
    Clause {
        id: "beh.3",
        text: "Incremental data collection starts after the task passes the precheck.",
        documented: true,
    },
    Clause {
        id: "beh.4",
        text: "The Incremental Write module is not started.",
        documented: true,
    },
    Clause {
        id: "beh.5",
        text: "Calling StartReverseWriter starts the Incremental Write module.",
        documented: true,
    },
    Clause {
        id: "beh.6",
        text: "When the precheck fails, incremental data collection does not start.",
        documented: false,
    },
];
