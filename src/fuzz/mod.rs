//! Property-based fuzzing of CreateReverseDtsJob's one input, `DtsJobId`, and of how a
//! request carries it.
//!
//! [`strategies`] generate DtsJobIds from thirteen [`Family`]s crossed with every request
//! [`Shape`]; [`seed`] makes any case reproducible from one number.

mod case;
mod deletion;
pub mod seed;
pub mod strategies;
pub mod values;

pub use case::{Case, Family, Route, Shape};
pub use strategies::{Mix, Pool};
