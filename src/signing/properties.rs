//! Properties of both signature versions over arbitrary requests.
//!
//! A request is signed, put on the wire the way a client does (both space spellings), decoded
//! the way a server does, and verified; changing one byte of a value, the method or the body
//! must then make verification fail. Failing seeds are saved under `proptest-regressions/`.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use super::SignatureError;
use super::encode::{Space, decode_form, encode_pairs};
use super::{v1, v3};

type Pairs = Vec<(String, String)>;

/// Characters the encoding treats specially, the unreserved marks, and multi-byte UTF-8.
const AWKWARD: &[char] = &[
    ' ', '*', '~', '+', '%', '&', '=', '/', '?', '#', '"', '-', '_', '.', ':', '中', 'é', '😀',
];

/// Short text mixing awkward characters, ASCII letters and digits, and any Unicode scalar.
fn text() -> impl Strategy<Value = String> {
    let character = prop_oneof![
        3 => select(AWKWARD),
        3 => proptest::char::range('0', 'z'),
        1 => any::<char>(),
    ];
    vec(character, 0..8).prop_map(String::from_iter)
}

fn params() -> impl Strategy<Value = Pairs> {
    let name = text().prop_filter("Signature is not signed", |n| n != v1::SIGNATURE_PARAMETER);
    vec((name, text()), 1..6)
}

/// `x-acs-*` headers with names in mixed case and printable ASCII values.
fn acs_headers() -> impl Strategy<Value = Pairs> {
    vec(("[xX]-[aA][cC][sS]-[a-zA-Z0-9-]{1,6}", "[ -~]{0,12}"), 0..4)
}

/// Byte `at` of `text` XOR-ed with a non-zero `mask`, read back lossily where that breaks
/// UTF-8; an empty text gains the byte instead.
fn change_one_byte(text: &str, at: Index, mask: u8) -> String {
    let mut bytes = text.as_bytes().to_vec();
    if bytes.is_empty() {
        bytes.push((mask & 0x7F) | 0x01);
    } else {
        bytes[at.index(text.len())] ^= mask;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Sends `params` as a query (the first `split`) and a form body (the rest), and decodes
/// both as a server does.
fn through_the_wire(params: &[(String, String)], split: Index, space: Space) -> Pairs {
    let (query, body) = params.split_at(split.index(params.len() + 1));
    let mut decoded = decode_form(&encode_pairs(query, space)).expect("the query decodes");
    decoded.extend(decode_form(&encode_pairs(body, space)).expect("the body decodes"));
    decoded
}

fn v1_signed(method: &str, params: &[(String, String)], secret: &str) -> Pairs {
    let mut signed = params.to_vec();
    let signature = v1::sign_request(method, params, secret);
    signed.push((v1::SIGNATURE_PARAMETER.to_owned(), signature));
    signed
}

/// Headers a client sends for `body`, with its `Authorization` appended.
fn v3_signed_headers(method: &str, query: &[(String, String)], extra: Pairs, body: &[u8]) -> Pairs {
    let mut headers = vec![
        ("Host".to_owned(), "dts.aliyuncs.com".to_owned()),
        ("user-agent".to_owned(), "unsigned/1.0".to_owned()),
        (
            v3::CONTENT_SHA256_HEADER.to_owned(),
            v3::hashed_payload(body),
        ),
    ];
    headers.extend(extra);

    let authorization = v3::sign_request(method, query, &headers, body, "testid", "secret");
    headers.push(("Authorization".to_owned(), authorization.to_header_value()));
    headers
}

fn is_mismatch<T>(result: &Result<T, SignatureError>) -> bool {
    matches!(result, Err(SignatureError::Mismatch { .. }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn v1_signed_request_verifies_after_a_wire_round_trip(
        method in "[A-Z]{0,7}", params in params(), secret in text(), split in any::<Index>(),
    ) {
        let signed = v1_signed(&method, &params, &secret);

        for space in [Space::Plus, Space::Percent20] {
            let received = through_the_wire(&signed, split, space);

            prop_assert_eq!(&received, &signed, "{:?} decodes to what was sent", space);
            prop_assert_eq!(v1::verify(&method, &received, &secret), Ok(()));
        }
    }

    #[test]
    fn v1_changing_one_byte_of_any_value_fails_verification(
        method in "[A-Z]{0,7}", params in params(), which in any::<Index>(),
        at in any::<Index>(), mask in 1..=u8::MAX,
    ) {
        let mut signed = v1_signed(&method, &params, "secret");
        let value = &mut signed[which.index(params.len())].1;
        let changed = change_one_byte(value, at, mask);
        prop_assume!(changed != *value, "lossy decoding restored the original");
        *value = changed;

        prop_assert!(is_mismatch(&v1::verify(&method, &signed, "secret")));
    }

    #[test]
    fn v1_changing_one_byte_of_the_method_fails_verification(
        method in "[A-Z]{1,7}", params in params(), at in any::<Index>(), mask in 1..=u8::MAX,
    ) {
        let signed = v1_signed(&method, &params, "secret");

        let changed = change_one_byte(&method, at, mask);

        prop_assert!(is_mismatch(&v1::verify(&changed, &signed, "secret")));
    }

    #[test]
    fn v3_signed_request_verifies_after_a_wire_round_trip(
        method in "[A-Z]{0,7}", query in params(), extra in acs_headers(),
        body in vec(any::<u8>(), 0..32),
    ) {
        let headers = v3_signed_headers(&method, &query, extra, &body);

        for space in [Space::Plus, Space::Percent20] {
            let received = decode_form(&encode_pairs(&query, space)).expect("the query decodes");

            prop_assert_eq!(&received, &query, "{:?} decodes to what was sent", space);
            let verified = v3::verify(&method, &received, &headers, &body, "secret");
            prop_assert!(verified.is_ok(), "{:?}", verified);
        }
    }

    #[test]
    fn v3_changing_one_byte_of_any_query_value_fails_verification(
        method in "[A-Z]{0,7}", mut query in params(), extra in acs_headers(),
        which in any::<Index>(), at in any::<Index>(), mask in 1..=u8::MAX,
    ) {
        let headers = v3_signed_headers(&method, &query, extra, b"");
        let index = which.index(query.len());
        let value = &mut query[index].1;
        let changed = change_one_byte(value, at, mask);
        prop_assume!(changed != *value, "lossy decoding restored the original");
        *value = changed;

        prop_assert!(is_mismatch(&v3::verify(&method, &query, &headers, b"", "secret")));
    }

    #[test]
    fn v3_changing_one_byte_of_the_method_fails_verification(
        method in "[A-Z]{1,7}", query in params(), at in any::<Index>(), mask in 1..=u8::MAX,
    ) {
        let headers = v3_signed_headers(&method, &query, Vec::new(), b"");

        let changed = change_one_byte(&method, at, mask);

        prop_assert!(is_mismatch(&v3::verify(&changed, &query, &headers, b"", "secret")));
    }

    #[test]
    fn v3_changing_one_byte_of_the_body_fails_the_content_hash_check(
        query in params(), mut body in vec(any::<u8>(), 1..32), at in any::<Index>(),
        mask in 1..=u8::MAX,
    ) {
        let headers = v3_signed_headers("POST", &query, Vec::new(), &body);

        let index = at.index(body.len());
        body[index] ^= mask;

        let result = v3::verify("POST", &query, &headers, &body, "secret");
        prop_assert!(
            matches!(result, Err(SignatureError::ContentHashMismatch { .. })),
            "{:?}", result
        );
    }
}
