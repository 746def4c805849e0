//! Deliberate defects. Each switch makes the mock non-conforming in one known way, so tests
//! can prove that the suite, the fuzzer and the shape checks catch it. All are off by default.

use serde::{Deserialize, Serialize};

/// One deliberate defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Defect {
    /// `InvalidParameter` answers 400 instead of the documented 403.
    InvalidParameterStatus400,
    /// CreateReverseDtsJob sends `Success` as a JSON boolean instead of the string `"true"`.
    SuccessAsBoolean,
    /// CreateReverseDtsJob leaves `DtsInstanceId` out of its response.
    MissingDtsInstanceId,
    /// XML responses use the root `<Response>` instead of `<{Action}Response>`.
    WrongXmlRoot,
    /// The reverse writer starts by itself once the precheck passes.
    WriterStartsOnItsOwn,
    /// A reverse task is created even for a DtsJobId that names no job.
    ReverseForUnknownJob,
    /// A replayed signature nonce is accepted.
    NonceReplayAccepted,
    /// A second reverse task is created for a job that already has one.
    DuplicateReverseTask,
    /// The V1 verifier leaves `*` unencoded when canonicalising, so signed values holding `*`
    /// are refused as `SignatureDoesNotMatch`.
    StarCanonicalisation,
    /// Error messages echo the DtsJobId into XML without escaping it.
    UnescapedXmlEcho,
    /// A DtsJobId longer than 256 bytes crashes the handler into a 500 `InternalError`.
    InternalErrorOnLongInput,
    /// CreateReverseDtsJob sends `HttpStatusCode` as a number instead of a string.
    HttpStatusCodeAsNumber,
    /// CreateReverseDtsJob spells `DtsInstanceId` as `DtsInstanceID`.
    RenamedDtsInstanceId,
}

impl Defect {
    /// Every defect.
    pub const ALL: [Defect; 13] = [
        Defect::InvalidParameterStatus400,
        Defect::SuccessAsBoolean,
        Defect::MissingDtsInstanceId,
        Defect::WrongXmlRoot,
        Defect::WriterStartsOnItsOwn,
        Defect::ReverseForUnknownJob,
        Defect::NonceReplayAccepted,
        Defect::DuplicateReverseTask,
        Defect::StarCanonicalisation,
        Defect::UnescapedXmlEcho,
        Defect::InternalErrorOnLongInput,
        Defect::HttpStatusCodeAsNumber,
        Defect::RenamedDtsInstanceId,
    ];

    /// The kebab-case name used by `--defect` and the control API.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

impl std::str::FromStr for Defect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Defect::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| {
                let names: Vec<String> = Defect::ALL.iter().map(|d| d.name()).collect();
                format!("unknown defect {s:?}; known: {}", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defect_names_round_trip() {
        for defect in Defect::ALL {
            assert_eq!(defect.name().parse::<Defect>(), Ok(defect));
        }
        assert!("nope".parse::<Defect>().is_err());
    }
}
