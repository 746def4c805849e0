//! The `Authorization: ACS3-HMAC-SHA256 ...` header.

use super::ALGORITHM;
use crate::signing::SignatureError;

/// The parsed value of an `Authorization: ACS3-HMAC-SHA256 ...` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The `Credential` field: the AccessKey ID.
    pub access_key_id: String,
    /// The `SignedHeaders` field, split on `;`, as sent.
    pub signed_headers: Vec<String>,
    /// The `Signature` field: lower-case hex HMAC-SHA256.
    pub signature: String,
}

impl Authorization {
    /// Parses `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`; spaces after
    /// the commas are tolerated.
    ///
    /// # Errors
    ///
    /// [`SignatureError::MalformedAuthorization`] for another algorithm, a field without
    /// `=`, an unknown or repeated field, a missing or empty field, or an empty header name.
    pub fn parse(header: &str) -> Result<Self, SignatureError> {
        let fields = fields_after_algorithm(header.trim())?;

        let (mut credential, mut signed_headers, mut signature) = (None, None, None);
        for field in fields.split(',').map(str::trim) {
            let (key, value) = field
                .split_once('=')
                .ok_or_else(|| malformed(format!("field {field:?} has no '='")))?;
            let slot = match key {
                "Credential" => &mut credential,
                "SignedHeaders" => &mut signed_headers,
                "Signature" => &mut signature,
                _ => return Err(malformed(format!("unknown field {key:?}"))),
            };
            if slot.replace(value).is_some() {
                return Err(malformed(format!("field {key:?} appears twice")));
            }
        }

        Ok(Self {
            access_key_id: non_empty(credential, "Credential")?.to_owned(),
            signed_headers: split_signed_headers(signed_headers)?,
            signature: non_empty(signature, "Signature")?.to_owned(),
        })
    }

    /// The header value, `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`.
    pub fn to_header_value(&self) -> String {
        format!(
            "{ALGORITHM} Credential={},SignedHeaders={},Signature={}",
            self.access_key_id,
            self.signed_headers.join(";"),
            self.signature
        )
    }
}

fn fields_after_algorithm(header: &str) -> Result<&str, SignatureError> {
    let Some((algorithm, fields)) = header.split_once(' ') else {
        return Err(malformed(format!(
            "expected \"{ALGORITHM} Credential=..,SignedHeaders=..,Signature=..\""
        )));
    };
    if algorithm != ALGORITHM {
        return Err(malformed(format!(
            "algorithm {algorithm:?} is not {ALGORITHM}"
        )));
    }
    Ok(fields)
}

fn non_empty<'a>(value: Option<&'a str>, field: &str) -> Result<&'a str, SignatureError> {
    match value {
        None => Err(malformed(format!("field {field:?} is missing"))),
        Some("") => Err(malformed(format!("field {field:?} is empty"))),
        Some(value) => Ok(value),
    }
}

/// `SignedHeaders=` with nothing after it is an empty list; an empty name inside is not.
fn split_signed_headers(value: Option<&str>) -> Result<Vec<String>, SignatureError> {
    let value = value.ok_or_else(|| malformed("field \"SignedHeaders\" is missing".to_owned()))?;
    if value.is_empty() {
        return Ok(Vec::new());
    }
    value
        .split(';')
        .map(|name| match name.trim() {
            "" => Err(malformed(format!(
                "SignedHeaders {value:?} contains an empty name"
            ))),
            name => Ok(name.to_owned()),
        })
        .collect()
}

fn malformed(reason: String) -> SignatureError {
    SignatureError::MalformedAuthorization { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &str) -> Vec<String> {
        list.split(';').map(str::to_owned).collect()
    }

    #[test]
    fn parse_tolerates_spaces_after_commas_and_round_trips() {
        let spaced =
            "ACS3-HMAC-SHA256 Credential=testid, SignedHeaders=host;x-acs-date,  Signature=ab";

        let parsed = Authorization::parse(spaced).expect("spaces after commas are fine");

        assert_eq!(
            parsed,
            Authorization {
                access_key_id: "testid".to_owned(),
                signed_headers: names("host;x-acs-date"),
                signature: "ab".to_owned(),
            }
        );
        assert_eq!(
            parsed.to_header_value(),
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date,Signature=ab"
        );
    }

    #[test]
    fn parse_reads_an_empty_signed_header_list_as_no_headers() {
        let parsed =
            Authorization::parse("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=,Signature=ab");

        assert_eq!(
            parsed.map(|authorization| authorization.signed_headers),
            Ok(Vec::new())
        );
    }

    #[test]
    fn parse_explains_each_malformed_shape() {
        let cases = [
            (
                "ACS3-HMAC-SHA256",
                "expected \"ACS3-HMAC-SHA256 Credential=",
            ),
            (
                "HMAC-SHA1 Credential=id,SignedHeaders=host,Signature=ab",
                "\"HMAC-SHA1\" is not",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host",
                "\"Signature\" is missing",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab",
                "\"Credential\" is empty",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature",
                "has no '='",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=id,Credential=id,Signature=ab",
                "appears twice",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=id,Region=x,Signature=ab",
                "unknown field \"Region\"",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;;a,Signature=ab",
                "empty name",
            ),
        ];

        for (header, expected) in cases {
            match Authorization::parse(header) {
                Err(SignatureError::MalformedAuthorization { reason }) => {
                    assert!(reason.contains(expected), "{header:?}: {reason:?}");
                }
                other => panic!("{header:?} should be malformed, got {other:?}"),
            }
        }
    }
}
