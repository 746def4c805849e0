//! Property-based fuzzing of CreateReverseDtsJob's one input, `DtsJobId`, and of how a
//! request carries it.
//!
//! [`strategies`] generate DtsJobIds from thirteen [`Family`]s crossed with every request
//! [`Shape`]; [`seed`] makes any case reproducible from one number; [`check_response`]
//! checks every [`Property`] on an answer, and a broken one is a [`Violation`].

mod case;
mod deletion;
mod deviation;
mod invariants;
mod property;
pub mod seed;
mod state;
pub mod strategies;
mod structure;
pub mod values;

pub use case::{Case, Family, Route, Shape};
pub use deviation::Deviation;
pub use invariants::{Answer, Checked, JobTarget, check_response, statuses_for};
pub use property::{Property, Violation};
pub use strategies::{Mix, Pool};
