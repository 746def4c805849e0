//! Escaping for the XML and HTML reports.
//!
//! Response bodies and failure texts can hold any character, including control characters
//! that XML 1.0 cannot carry even as references. Those are shown as `\u{..}` so the report
//! stays well-formed and the reader still sees that the byte was there.

use std::borrow::Cow;

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, and every character XML 1.0 forbids
/// written as `\u{hex}`. Safe in element content and in quoted attribute values, in XML and
/// in HTML.
pub fn markup(text: &str) -> String {
    let legal = legal_xml(text);
    quick_xml::escape::escape(legal.as_ref()).into_owned()
}

/// `text` with every character XML 1.0 forbids written as `\u{hex}`.
fn legal_xml(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_legal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_legal(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 allows the character (the `Char` production, without the discouraged
/// C1 controls).
fn is_legal(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || matches!(c, '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// `text` fit for one cell of a Markdown table: `&`, `<` and `>` escaped so a body cannot
/// open a tag in the summary, pipes escaped, line breaks as `<br>`.
pub fn table_cell(text: &str) -> String {
    let legal = legal_xml(text);
    quick_xml::escape::partial_escape(legal.as_ref())
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// A Markdown code fence longer than any run of backticks in `text`, so the text cannot
/// close it.
pub fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_the_five_significant_characters() {
        assert_eq!(
            markup(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_shown_not_dropped() {
        assert_eq!(markup("a\u{1b}[31mb\u{0}"), "a\\u{1b}[31mb\\u{0}");
        assert_eq!(markup("tab\tand\nline é 漢"), "tab\tand\nline é 漢");
    }

    #[test]
    fn a_table_cell_cannot_break_the_table() {
        assert_eq!(table_cell("a | b\nc's <x>"), "a \\| b<br>c's &lt;x&gt;");
    }

    #[test]
    fn a_fence_is_longer_than_any_backtick_run_inside() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
    }
}
