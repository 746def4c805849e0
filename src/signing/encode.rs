//! Percent-encoding as Alibaba defines it, and form decoding of what clients send.
//!
//! Signing always works on decoded values: [`decode_form`] turns a query string or form body
//! into pairs, and [`percent_encode`] re-encodes them by the one rule both signature
//! versions share. [`encode_pairs`] produces the wire form the way the different SDKs do.

/// Why a query string or form body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A `%` not followed by two hex digits.
    #[error(
        "{escape:?} in parameter {parameter:?} is not a percent escape; \
         expected '%' followed by two hex digits"
    )]
    MalformedEscape {
        /// The raw `name=value` segment as received.
        parameter: String,
        /// The offending text, starting at the `%`.
        escape: String,
    },

    /// Percent escapes that decode to bytes which are not UTF-8.
    #[error("parameter {parameter:?} does not decode to valid UTF-8")]
    InvalidUtf8 {
        /// The raw `name=value` segment as received.
        parameter: String,
    },
}

/// How [`encode_pairs`] writes a space on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    /// `+`, as the Tea SDK sends it.
    Plus,
    /// `%20`, as the old core SDK and the CLI send it.
    Percent20,
}

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes UTF-8 text: keeps `A-Z a-z 0-9 - _ . ~`, every other byte becomes `%XY`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    encode_into(&mut out, s, Space::Percent20);
    out
}

/// Encodes pairs as `name=value` joined by `&`, names and values by [`percent_encode`]
/// except that spaces are written as `space` says.
pub fn encode_pairs(pairs: &[(String, String)], space: Space) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| encode_pair(name, value, space).0)
        .collect();
    encoded.join("&")
}

/// Decodes an `application/x-www-form-urlencoded` string (a query string or a form body).
///
/// Pairs are split on `&`, empty segments skipped; a pair without `=` is a name with an empty
/// value; `+` is a space and `%XY` a byte in either hex case. Order and duplicates are kept.
///
/// # Errors
///
/// [`DecodeError::MalformedEscape`] for a `%` without two hex digits after it, and
/// [`DecodeError::InvalidUtf8`] when the decoded bytes of a name or value are not UTF-8.
pub fn decode_form(raw: &str) -> Result<Vec<(String, String)>, DecodeError> {
    raw.split('&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let (name, value) = segment.split_once('=').unwrap_or((segment, ""));
            Ok((
                decode_component(name, segment)?,
                decode_component(value, segment)?,
            ))
        })
        .collect()
}

/// Sorts pairs by encoded name, then encoded value, and joins them as a canonical query.
pub(super) fn canonical_pairs<'a>(pairs: impl IntoIterator<Item = &'a (String, String)>) -> String {
    let mut encoded: Vec<(String, usize)> = pairs
        .into_iter()
        .map(|(name, value)| encode_pair(name, value, Space::Percent20))
        .collect();
    encoded.sort_unstable_by(|(a, at), (b, bt)| a.split_at(*at).cmp(&b.split_at(*bt)));
    let encoded: Vec<String> = encoded.into_iter().map(|(pair, _)| pair).collect();
    encoded.join("&")
}

/// One pair encoded once, as `name=value`, with the position of its `=`.
fn encode_pair(name: &str, value: &str, space: Space) -> (String, usize) {
    let mut pair = String::with_capacity(name.len() + value.len() + 8);
    encode_into(&mut pair, name, space);
    let equals = pair.len();
    pair.push('=');
    encode_into(&mut pair, value, space);
    (pair, equals)
}

/// Appends `s` percent-encoded to `out`, spaces written as `space` says.
pub fn encode_into(out: &mut String, s: &str, space: Space) {
    let bytes = s.as_bytes();
    let mut run = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if matches!(byte, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~') {
            continue;
        }
        // A run of unreserved bytes is ASCII, so it starts and ends on character boundaries.
        out.push_str(s.get(run..index).unwrap_or_default());
        if byte == b' ' && space == Space::Plus {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(UPPER_HEX[usize::from(byte >> 4)]));
            out.push(char::from(UPPER_HEX[usize::from(byte & 0x0F)]));
        }
        run = index + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
}

/// Decodes one name or value; `segment` is the whole raw pair, for the error.
fn decode_component(text: &str, segment: &str) -> Result<String, DecodeError> {
    if !text.bytes().any(|b| b == b'%' || b == b'+') {
        return Ok(text.to_owned());
    }
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let decoded = tail.get(..2).and_then(hex_byte).ok_or_else(|| {
                    let at = text.len() - tail.len() - 1;
                    DecodeError::MalformedEscape {
                        parameter: segment.to_owned(),
                        escape: text[at..].chars().take(3).collect(),
                    }
                })?;
                out.push(decoded);
                rest = &tail[2..];
            }
            _ => out.push(byte),
        }
    }

    String::from_utf8(out).map_err(|_| DecodeError::InvalidUtf8 {
        parameter: segment.to_owned(),
    })
}

fn hex_byte(digits: &[u8]) -> Option<u8> {
    let [high, low] = digits else { return None };
    let high = char::from(*high).to_digit(16)?;
    let low = char::from(*low).to_digit(16)?;
    u8::try_from(high * 16 + low).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn percent_encode_keeps_only_unreserved_characters() {
        let unreserved = "ABCXYZabcxyz0189-_.~";

        assert_eq!(percent_encode(unreserved), unreserved);
        assert_eq!(
            percent_encode(" *+/=&?#\"%:"),
            "%20%2A%2B%2F%3D%26%3F%23%22%25%3A"
        );
    }

    #[test]
    fn percent_encode_writes_every_utf8_byte_in_upper_case_hex() {
        assert_eq!(percent_encode("中é"), "%E4%B8%AD%C3%A9");
        assert_eq!(percent_encode("\u{0}\u{7f}"), "%00%7F");
    }

    #[test]
    fn encode_pairs_writes_spaces_as_the_chosen_client_does() {
        let request = pairs(&[("Name", "a b+c"), ("Empty", "")]);

        assert_eq!(encode_pairs(&request, Space::Plus), "Name=a+b%2Bc&Empty=");
        assert_eq!(
            encode_pairs(&request, Space::Percent20),
            "Name=a%20b%2Bc&Empty="
        );
    }

    #[test]
    fn decode_form_reads_plus_as_space_and_escapes_in_either_case() {
        let decoded = decode_form("a=x+y%2b%2Bz&b=%e4%B8%ad");

        assert_eq!(decoded, Ok(pairs(&[("a", "x y++z"), ("b", "中")])));
    }

    #[test]
    fn decode_form_gives_a_name_without_equals_an_empty_value() {
        assert_eq!(
            decode_form("flag&SignatureType="),
            Ok(pairs(&[("flag", ""), ("SignatureType", "")]))
        );
    }

    #[test]
    fn decode_form_skips_empty_segments_and_keeps_order_and_duplicates() {
        let decoded = decode_form("&b=2&&a=1&b=1&");

        assert_eq!(decoded, Ok(pairs(&[("b", "2"), ("a", "1"), ("b", "1")])));
    }

    #[test]
    fn decode_form_splits_a_pair_at_the_first_equals_sign() {
        assert_eq!(
            decode_form("a=b=c&=v"),
            Ok(pairs(&[("a", "b=c"), ("", "v")]))
        );
    }

    #[test]
    fn decode_form_of_an_empty_string_is_no_pairs() {
        assert_eq!(decode_form(""), Ok(Vec::new()));
    }

    #[test]
    fn decode_form_rejects_a_non_hex_escape() {
        let error = decode_form("ok=1&a=%G1").expect_err("%G1 is not an escape");

        assert_eq!(
            error,
            DecodeError::MalformedEscape {
                parameter: "a=%G1".to_owned(),
                escape: "%G1".to_owned()
            }
        );
    }

    #[test]
    fn decode_form_rejects_a_trailing_percent_sign() {
        let error = decode_form("a=1%").expect_err("a lone % is not an escape");

        assert_eq!(
            error,
            DecodeError::MalformedEscape {
                parameter: "a=1%".to_owned(),
                escape: "%".to_owned()
            }
        );
    }

    #[test]
    fn decode_form_rejects_an_escape_with_one_hex_digit() {
        let error = decode_form("a%4=1").expect_err("%4= is not an escape");

        assert_eq!(
            error,
            DecodeError::MalformedEscape {
                parameter: "a%4=1".to_owned(),
                escape: "%4".to_owned()
            }
        );
    }

    #[test]
    fn decode_form_reports_a_malformed_escape_before_a_multibyte_character_whole() {
        let error = decode_form("a=%中").expect_err("%中 is not an escape");

        assert_eq!(
            error,
            DecodeError::MalformedEscape {
                parameter: "a=%中".to_owned(),
                escape: "%中".to_owned()
            }
        );
    }

    #[test]
    fn decode_form_rejects_escapes_that_are_not_utf8() {
        let error = decode_form("a=1&b=%FF%FE").expect_err("FF FE is not UTF-8");

        assert_eq!(
            error,
            DecodeError::InvalidUtf8 {
                parameter: "b=%FF%FE".to_owned()
            }
        );
        assert_eq!(
            error.to_string(),
            "parameter \"b=%FF%FE\" does not decode to valid UTF-8"
        );
    }

    #[test]
    fn decode_form_explains_a_malformed_escape() {
        let error = decode_form("a=%G1").expect_err("%G1 is not an escape");

        assert_eq!(
            error.to_string(),
            "\"%G1\" in parameter \"a=%G1\" is not a percent escape; \
             expected '%' followed by two hex digits"
        );
    }

    #[test]
    fn canonical_pairs_sorts_by_encoded_name_then_value() {
        let request = pairs(&[("b", "2"), ("a b", "x"), ("b", "1"), ("a", "")]);

        assert_eq!(canonical_pairs(&request), "a=&a%20b=x&b=1&b=2");
    }
}
