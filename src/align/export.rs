//! The pairs as TSV (one pair a line) and TMX 1.4b (one translation unit a pair, `srclang="ko"`).

use crate::model::{Bitext, json_name};

/// The header line of [`to_tsv`]: TSV names its columns on its first line (as the IANA
/// `text/tab-separated-values` form has it, and as `duet export` does).
pub const TSV_HEADER: &str = "ko\ten\n";

/// A header line naming the columns, then one pair a line: Korean, a tab, English. Backslash,
/// tab, carriage return and newline inside a text are escaped as `\\`, `\t`, `\r`, `\n`.
pub fn to_tsv(bitext: &Bitext) -> String {
    let mut out = String::from(TSV_HEADER);
    for p in &bitext.pairs {
        out.push_str(&tsv_escape(&p.ko));
        out.push('\t');
        out.push_str(&tsv_escape(&p.en));
        out.push('\n');
    }
    out
}

pub fn tsv_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

pub fn tsv_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Read TSV written by [`to_tsv`] back into (Korean, English) pairs.
pub fn parse_tsv(tsv: &str) -> Vec<(String, String)> {
    tsv.strip_prefix(TSV_HEADER)
        .unwrap_or(tsv)
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (ko, en) = l.split_once('\t').unwrap_or((l, ""));
            (tsv_unescape(ko), tsv_unescape(en))
        })
        .collect()
}

/// One translation unit of a TMX document: a Korean and an English segment and what is known
/// about them. Every TMX duet writes (`duet align --format tmx`, bookmark exports) goes through
/// [`tmx`].
#[derive(Debug, Clone, Default)]
pub struct TmxUnit<'a> {
    pub ko: &'a str,
    pub en: &'a str,
    /// `creationdate`, as TMX writes it (`20240131T120000Z`).
    pub creation_date: Option<String>,
    /// A `<note>` (what CAT tools import as a comment).
    pub note: Option<&'a str>,
    /// `<prop type="…">` elements, in order (`x-kind`, `x-article`, `x-pair`).
    pub props: Vec<(&'static str, String)>,
}

/// A TMX 1.4b document (Korean source, plain text) with one `<tu>` per unit.
pub fn tmx<'a>(units: impl IntoIterator<Item = TmxUnit<'a>>) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
    out.push_str("<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        "  <header creationtool=\"duet\" creationtoolversion=\"{}\" segtype=\"paragraph\" \
         o-tmf=\"duet\" adminlang=\"en\" srclang=\"ko\" datatype=\"plaintext\"/>\n",
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str("  <body>\n");
    for u in units {
        match &u.creation_date {
            Some(date) => {
                out.push_str(&format!("    <tu creationdate=\"{}\">\n", xml_escape(date)))
            }
            None => out.push_str("    <tu>\n"),
        }
        if let Some(note) = u.note {
            out.push_str(&format!("      <note>{}</note>\n", xml_escape(note)));
        }
        for (kind, value) in &u.props {
            out.push_str(&format!(
                "      <prop type=\"{kind}\">{}</prop>\n",
                xml_escape(value)
            ));
        }
        for (lang, text) in [("ko", u.ko), ("en", u.en)] {
            out.push_str(&format!(
                "      <tuv xml:lang=\"{lang}\"><seg>{}</seg></tuv>\n",
                xml_escape(text)
            ));
        }
        out.push_str("    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// A TMX 1.4b document with one translation unit per pair, its kind as `x-kind`.
pub fn to_tmx(bitext: &Bitext) -> String {
    tmx(bitext.pairs.iter().map(|p| TmxUnit {
        ko: &p.ko,
        en: &p.en,
        props: vec![("x-kind", json_name(&p.kind))],
        ..TmxUnit::default()
    }))
}

/// Escape for XML text and attributes; characters XML 1.0 forbids are dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_escapes_round_trip() {
        let s = "a\tb\nc\\d\\n";
        assert_eq!(tsv_unescape(&tsv_escape(s)), s);
        assert!(!tsv_escape(s).contains('\t'));
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(xml_escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
