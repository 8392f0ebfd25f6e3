//! Text hygiene: article text is untrusted. Control characters and terminal escape sequences
//! (CSI, OSC, DCS, SOS/PM/APC, C1) are removed; tabs, NBSP and odd spaces become plain spaces;
//! zero-width spaces and bidi overrides go; the result is NFC. Nothing else is rewritten.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Clean one piece of untrusted text. Newlines are kept (callers decide what a line means);
/// every other control character is removed or, for tabs, turned into a space.
pub fn sanitize(input: &str) -> String {
    if !input.chars().any(needs_work) {
        return normalize(input.to_string());
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // 8-bit CSI / OSC / DCS / SOS / PM / APC introducers.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' => out.push('\n'),
            '\r' => {
                // CRLF → LF, a lone CR (old Mac files) → LF.
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            // Ideographic and other fixed spaces fold to one ordinary space.
            c if c == '\t' || is_fixed_space(c) => out.push(' '),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_invisible(c) => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    normalize(out)
}

/// NFC. Most text already is (precomposed Hangul is): check quickly before rebuilding it.
fn normalize(s: String) -> String {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// A character `sanitize` removes or replaces.
fn needs_work(c: char) -> bool {
    (c.is_control() && c != '\n')
        || is_invisible(c)
        || is_fixed_space(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// NBSP, the typographic fixed-width spaces and the ideographic space.
fn is_fixed_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Zero-width spaces, BOMs, soft hyphens and bidi embedding/override/isolate controls.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{200e}' | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: skip the rest of the sequence, whatever kind it is.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Intermediate bytes (ESC ( B and friends) then one final byte.
        Some(' '..='/') => {
            while let Some(&c) = chars.peek() {
                chars.next();
                if !(' '..='/').contains(&c) {
                    break;
                }
            }
        }
        // Any other two-character escape (ESC 7, ESC c, …): the one character is dropped.
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in @..~.
fn skip_csi(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        chars.next();
        if ('@'..='~').contains(&c) || !(' '..='?').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS, SOS, PM, APC: everything up to BEL, ST (ESC \ or U+009C), or the end.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// [`sanitize`] then [`fold_whitespace`]: one line of untrusted text for a list or a title. Text
/// already clean (no character either would change, single spaces inside, NFC) is borrowed
/// as it is: a library's stored titles mostly are, and a list of 100,000 rows cleans each.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if is_clean_line(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold_whitespace(&sanitize(s)))
    }
}

fn is_clean_line(s: &str) -> bool {
    let mut after_space = true;
    // Characters other than ASCII and Hangul syllables (both NFC whatever follows them unless
    // a combining mark does, and a combining mark is one of these).
    let mut other = false;
    for c in s.chars() {
        match c {
            ' ' if after_space => return false,
            ' ' => after_space = true,
            '!'..='~' | '\u{ac00}'..='\u{d7a3}' => after_space = false,
            c if c.is_ascii() || c.is_whitespace() || needs_work(c) => return false,
            _ => {
                after_space = false;
                other = true;
            }
        }
    }
    // No space at the end (an empty string has none).
    (!after_space || s.is_empty()) && (!other || is_nfc_quick(s.chars()) == IsNormalized::Yes)
}

/// Fold every run of whitespace (newlines included) into one space and trim the ends.
pub fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_osc_and_csi() {
        assert_eq!(sanitize("a\u{1b}]0;evil title\u{7}b"), "ab");
        assert_eq!(sanitize("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "xlink"
        );
        assert_eq!(sanitize("\u{1b}P1$q\u{1b}\\ok"), "ok");
        assert_eq!(sanitize("\u{9b}2Jok"), "ok");
    }

    #[test]
    fn normalises_spaces_and_keeps_text() {
        assert_eq!(sanitize("a\tb\u{a0}c\u{200b}d"), "a b cd");
        assert_eq!(sanitize("“장유샤(張眞夏)”·…"), "“장유샤(張眞夏)”·…");
        assert_eq!(sanitize("line\r\nnext\rlast"), "line\nnext\nlast");
        // Decomposed jamo compose to the syllable (NFC).
        assert_eq!(sanitize("\u{1112}\u{1161}\u{11ab}"), "한");
        assert!(!sanitize("bell\u{7}del\u{7f}").chars().any(char::is_control));
    }

    #[test]
    fn folds_whitespace() {
        assert_eq!(fold_whitespace("  a \n\n b  "), "a b");
    }

    #[test]
    fn clean_line_borrows_only_what_is_clean() {
        let clean = |s: &str| fold_whitespace(&sanitize(s));
        for s in [
            "",
            "plain title",
            "북한, 미사일 발사",
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "nbsp\u{a0}here",
            "\u{1b}[31mred",
            "zero\u{200b}width",
            "\u{1112}\u{1161}\u{11ab}",
            "é composed",
            "e\u{301} decomposed",
        ] {
            let got = clean_line(s);
            assert_eq!(got, clean(s), "{s:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), got == s, "{s:?}");
        }
    }
}
