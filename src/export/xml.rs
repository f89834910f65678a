//! XML 1.0 escaping shared by the GraphML and GEXF writers.
//!
//! `&`, `<`, `>` and `"` become entity references, `\r` becomes `&#13;` (a parser would
//! otherwise turn it into `\n`), and characters XML 1.0 does not allow (controls other than
//! tab, newline and carriage return, U+FFFE, U+FFFF) are dropped, so the output is well-formed
//! whatever the input strings hold.

use super::ascii::{has_byte, has_byte_below};
use std::fmt;

/// A string displayed as a double-quoted XML 1.0 attribute value: like [`write_text`], and tab and
/// newline are written as character references too, because a parser normalises a literal tab
/// or newline in an attribute value to a space.
pub(crate) struct EscapedAttr<'a>(pub(crate) &'a str);

impl fmt::Display for EscapedAttr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, self.0, true)
    }
}

fn write_escaped(f: &mut fmt::Formatter<'_>, s: &str, attribute: bool) -> fmt::Result {
    escape(s, attribute, |piece| f.write_str(piece))
}

/// Writes `s` to `w` as XML 1.0 character data, safe in text and in double-quoted attributes
/// that never hold tab or newline (ids).
pub(crate) fn write_text<W: std::io::Write>(w: &mut W, s: &str) -> std::io::Result<()> {
    escape(s, false, |piece| w.write_all(piece.as_bytes()))
}

/// Hands `emit` the pieces of `s` escaped: runs of it as they are, and replacements.
fn escape<E>(s: &str, attribute: bool, mut emit: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    // Byte by byte: every character to replace or drop is ASCII but two, U+FFFE and U+FFFF
    // (EF BF BE, EF BF BF; 0xEF is never a continuation byte), so the text need not be decoded.
    let b = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        // Eight bytes at a time while none of them can need a change (most of a sentence).
        if let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            let w = u64::from_le_bytes(word);
            let special = has_byte_below(w, 0x20)
                || has_byte(w, b'&')
                || has_byte(w, b'<')
                || has_byte(w, b'>')
                || has_byte(w, b'"')
                || has_byte(w, 0xEF);
            if !special {
                i += 8;
                continue;
            }
        }
        let (replacement, len) = match b[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\r' => ("&#13;", 1),
            b'\t' if attribute => ("&#9;", 1),
            b'\n' if attribute => ("&#10;", 1),
            b'\t' | b'\n' => {
                i += 1;
                continue;
            }
            0..=0x1f => ("", 1),
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        emit(&s[start..i])?;
        emit(replacement)?;
        i += len;
        start = i;
    }
    emit(&s[start..])
}

/// The characters XML allows: the rule `write_escaped` implements on bytes.
#[cfg(test)]
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut out = Vec::new();
        write_text(&mut out, s).expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(esc(r#"a < b & "c" > d"#), "a &lt; b &amp; &quot;c&quot; &gt; d");
        assert_eq!(esc("&amp;"), "&amp;amp;");
    }

    #[test]
    fn drops_characters_xml_forbids() {
        assert_eq!(esc("a\u{0}b\u{1}c\u{1b}d\u{1f}e"), "abcde");
        assert_eq!(esc("x\u{FFFE}\u{FFFF}y"), "xy");
    }

    #[test]
    fn keeps_allowed_whitespace_and_unicode() {
        assert_eq!(esc("a\tb\nc"), "a\tb\nc");
        assert_eq!(esc("a\r\nb"), "a&#13;\nb");
        let s = "emoji 🚀, RTL \u{200F}שלום, \u{7F}\u{85}\u{FFFD}\u{10FFFF}";
        assert_eq!(esc(s), s);
    }

    #[test]
    fn attribute_values_keep_tab_and_newline_as_references() {
        assert_eq!(EscapedAttr("a\tb\r\nc\"\u{1}").to_string(), "a&#9;b&#13;&#10;c&quot;");
    }

    #[test]
    fn byte_scan_matches_the_character_rule() {
        // Every character class the rule tells apart, next to multi-byte neighbours.
        let s = "é\u{0}\t\n\r&<>\"'\u{1f} \u{7f}\u{d7ff}\u{e000}\u{fffd}\u{fffe}\u{ffff}\u{10000}\u{10ffff}ï¿";
        for attribute in [false, true] {
            let mut expected = String::new();
            for c in s.chars() {
                match c {
                    '&' => expected.push_str("&amp;"),
                    '<' => expected.push_str("&lt;"),
                    '>' => expected.push_str("&gt;"),
                    '"' => expected.push_str("&quot;"),
                    '\r' => expected.push_str("&#13;"),
                    '\t' if attribute => expected.push_str("&#9;"),
                    '\n' if attribute => expected.push_str("&#10;"),
                    c if !is_xml_char(c) => {}
                    c => expected.push(c),
                }
            }
            let got = if attribute { EscapedAttr(s).to_string() } else { esc(s) };
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn every_special_byte_is_found_at_every_offset() {
        let specials =
            ["\u{0}", "\t", "\n", "\r", "\u{1f}", "&", "<", ">", "\"", "\u{fffe}", "\u{ffff}", "\u{fffd}", "é", "a"];
        for c in specials {
            for offset in 0..17 {
                let s = "x".repeat(offset) + c + "yyyyyyyyy" + c;
                for attribute in [false, true] {
                    let mut fast = String::new();
                    escape(&s, attribute, |p| {
                        fast.push_str(p);
                        Ok::<(), ()>(())
                    })
                    .expect("infallible");
                    let mut slow = String::new();
                    for ch in s.chars() {
                        let mut one = String::new();
                        escape(ch.encode_utf8(&mut [0; 4]), attribute, |p| {
                            one.push_str(p);
                            Ok::<(), ()>(())
                        })
                        .expect("infallible");
                        slow.push_str(&one);
                    }
                    assert_eq!(fast, slow, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn leaves_plain_text_alone() {
        assert_eq!(esc(""), "");
        assert_eq!(esc("person:vladimir-putin"), "person:vladimir-putin");
    }
}
