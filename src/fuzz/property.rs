//! The named properties every response must keep, and what a broken one reports.

use std::fmt;

use crate::report::{Failure, FieldMismatch, failure::SignatureDetail};

/// A property every response must keep. Listed from the most specific diagnosis to the most
/// general, the order in which a case's broken properties are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Property {
    /// Every request gets a complete HTTP answer: no dropped connection, no timeout.
    Answered,
    /// No 5xx, except `ServiceUnavailable` where a fault was injected.
    No5xx,
    /// A correctly signed request is never refused as `SignatureDoesNotMatch`.
    SignatureAccepted,
    /// An XML body is well-formed and echoed input is escaped: the elements are the ones the
    /// response can hold.
    XmlIntact,
    /// The body parses in the requested format.
    BodyParses,
    /// The body carries a non-empty `RequestId`.
    RequestId,
    /// The error code is one the contract, the gateway table or the business table knows.
    KnownCode,
    /// The HTTP status is the one the tables give for the code.
    StatusForCode,
    /// `Success`, `Code`/`ErrCode` and `HttpStatusCode` agree with the HTTP status.
    SuccessAgrees,
    /// An invalid id never creates a reverse task; an eligible job gets exactly one.
    StateSane,
}

impl Property {
    /// Every property, in report order.
    pub const ALL: [Property; 10] = [
        Property::Answered,
        Property::No5xx,
        Property::SignatureAccepted,
        Property::XmlIntact,
        Property::BodyParses,
        Property::RequestId,
        Property::KnownCode,
        Property::StatusForCode,
        Property::SuccessAgrees,
        Property::StateSane,
    ];

    /// The property's name, e.g. `signature-accepted`.
    pub fn name(self) -> &'static str {
        match self {
            Property::Answered => "answered",
            Property::No5xx => "no-5xx",
            Property::SignatureAccepted => "signature-accepted",
            Property::XmlIntact => "xml-intact",
            Property::BodyParses => "body-parses",
            Property::RequestId => "request-id",
            Property::KnownCode => "known-code",
            Property::StatusForCode => "status-for-code",
            Property::SuccessAgrees => "success-agrees",
            Property::StateSane => "state-sane",
        }
    }

    /// What the property promises, in a sentence.
    pub fn statement(self) -> &'static str {
        match self {
            Property::Answered => "every request gets a complete HTTP answer",
            Property::No5xx => {
                "no 5xx answer, except ServiceUnavailable where a fault was injected"
            }
            Property::SignatureAccepted => {
                "a correctly signed request is never refused as SignatureDoesNotMatch"
            }
            Property::XmlIntact => {
                "the XML is well-formed and echoed input is escaped (no input changes the \
                 document's structure)"
            }
            Property::BodyParses => "the body parses in the requested format",
            Property::RequestId => "the body carries a RequestId",
            Property::KnownCode => {
                "the error code is one the contract, the gateway table or the business table knows"
            }
            Property::StatusForCode => "the HTTP status is the one the tables give for the code",
            Property::SuccessAgrees => "Success and the error fields agree with the HTTP status",
            Property::StateSane => {
                "an invalid id never creates a reverse task, and an eligible job gets exactly one"
            }
        }
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A property one response broke, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The property broken.
    pub property: Property,
    /// What happened, in a sentence.
    pub message: String,
    /// The contract row the property checks against, when there is one.
    pub row: Option<String>,
    /// Expected against actual, field by field.
    pub fields: Vec<FieldMismatch>,
    /// For a refused signature: both strings to sign.
    pub signature: Option<SignatureDetail>,
}

impl Violation {
    /// A violation of `property`.
    pub fn new(property: Property, message: impl Into<String>) -> Violation {
        Violation {
            property,
            message: message.into(),
            row: None,
            fields: Vec::new(),
            signature: None,
        }
    }

    /// The same violation, citing a contract row.
    #[must_use]
    pub fn row(mut self, row: impl Into<String>) -> Violation {
        self.row = Some(row.into());
        self
    }

    /// The same violation, with one field's expected and actual values.
    #[must_use]
    pub fn field(
        mut self,
        field: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Violation {
        self.fields
            .push(FieldMismatch::new(field, expected, actual));
        self
    }

    /// The violation through the one failure formatter, with the exchange's transcript.
    pub fn to_failure(&self, transcript: Option<String>) -> Failure {
        let check = format!(
            "[{}] {}: {}",
            self.property.name(),
            self.property.statement(),
            self.message
        );
        let mut failure = Failure::new(self.row.as_deref(), check);
        failure.fields = self.fields.clone();
        failure.signature = self.signature.clone();
        failure.exchange = transcript;
        failure
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {}: {}",
            self.property.name(),
            self.property.statement(),
            self.message
        )
    }
}
