//! Filtering lines like `fzf --filter`: every line matched once, best first. The lines are read
//! once into one buffer; an ASCII-lower-cased copy lets a term's literal part be looked for with
//! a vectorised substring search before any line is matched word by word, and the lines are
//! shared among threads.

use std::borrow::Cow;

use memchr::memmem::Finder;
use unicode_normalization::UnicodeNormalization;

use super::matcher::{self, Prepared};
use super::query::{Query, Term};

/// A line that matched: its score and its byte range in the input (without the newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMatch {
    pub score: i32,
    pub start: usize,
    pub end: usize,
}

/// What one term needs to be present in a line before the line is matched in full.
struct Gate {
    /// The term's literal (lower case); `None` when it has none (a choseong term).
    literal: Option<Finder<'static>>,
    /// For a typo match: pieces of the term, one of which must appear.
    pieces: Vec<Finder<'static>>,
    /// A Latin term may read a Korean word: any line with Hangul may match.
    roman: bool,
}

impl Gate {
    fn new(p: &Prepared) -> Gate {
        let lit = p.term.literal();
        let literal = (!lit.is_empty()).then(|| Finder::new(lit.as_bytes()).into_owned());
        let mut pieces = Vec::new();
        if p.typos > 0 {
            // One edit spoils at most one of typos + 1 pieces.
            let chars: Vec<char> = p.term.text.chars().collect();
            let n = p.typos + 1;
            for k in 0..n {
                let piece: String = chars[k * chars.len() / n..(k + 1) * chars.len() / n]
                    .iter()
                    .collect();
                if !piece.is_empty() {
                    pieces.push(Finder::new(piece.as_bytes()).into_owned());
                }
            }
        }
        Gate {
            literal,
            pieces,
            roman: !p.slots.is_empty(),
        }
    }

    fn may_match(&self, low: &[u8]) -> bool {
        match &self.literal {
            None => true,
            Some(f) => {
                f.find(low).is_some()
                    || self.pieces.iter().any(|p| p.find(low).is_some())
                    || (self.roman && has_hangul(low))
            }
        }
    }
}

/// Lines of `input` (split at `\n`, a trailing `\r` ignored) matching `query`, best first; ties
/// keep input order.
pub fn filter(input: &[u8], query: &str, threads: usize) -> Vec<LineMatch> {
    let query = Query::parse(query);
    if query.is_empty() {
        return Vec::new();
    }
    let terms = matcher::prepare(&query);
    let gates: Vec<Gate> = terms.iter().map(Gate::new).collect();
    let needs_lower = query.terms.iter().any(has_ascii_upper_variants);
    let threads = threads.max(1);
    // Cut the input into one piece per thread, at line ends.
    let mut cuts = vec![0];
    for k in 1..threads {
        let at = input.len() * k / threads;
        let at = memchr::memchr(b'\n', &input[at.max(*cuts.last().unwrap_or(&0))..])
            .map_or(input.len(), |i| at.max(*cuts.last().unwrap_or(&0)) + i + 1);
        cuts.push(at);
    }
    cuts.push(input.len());
    let mut all: Vec<LineMatch> = std::thread::scope(|scope| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let (from, to) = (w[0], w[1]);
                let (terms, gates) = (&terms, &gates);
                scope.spawn(move || filter_piece(input, from, to, terms, gates, needs_lower))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    all.sort_by(|a, b| b.score.cmp(&a.score).then(a.start.cmp(&b.start)));
    all
}

fn has_ascii_upper_variants(t: &Term) -> bool {
    t.text.bytes().any(|b| b.is_ascii_alphabetic())
}

fn filter_piece(
    input: &[u8],
    from: usize,
    to: usize,
    terms: &[Prepared],
    gates: &[Gate],
    needs_lower: bool,
) -> Vec<LineMatch> {
    let mut out = Vec::new();
    let mut low = Vec::new();
    let piece = &input[from..to];
    // Valid UTF-8 (the usual case) is checked once, not line by line.
    let valid = simdutf8::basic::from_utf8(piece).ok();
    if needs_lower {
        low = piece.to_ascii_lowercase();
    }
    let mut start = 0;
    while start < piece.len() {
        let end = memchr::memchr(b'\n', &piece[start..]).map_or(piece.len(), |i| start + i);
        let mut line_end = end;
        if line_end > start && piece[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        let line = &piece[start..line_end];
        // Decomposed Hangul (U+1100…U+11FF) or combining marks (U+0300…U+036F): compose first.
        let score = if maybe_decomposed(line) {
            let text: String = String::from_utf8_lossy(line).nfc().collect();
            let low = text.to_ascii_lowercase();
            gates
                .iter()
                .all(|g| g.may_match(low.as_bytes()))
                .then(|| matcher::match_field(terms, &text).map(|m| m.score))
                .flatten()
        } else {
            let l = if needs_lower {
                &low[start..line_end]
            } else {
                line
            };
            gates
                .iter()
                .all(|g| g.may_match(l))
                .then(|| {
                    let text = match valid {
                        Some(all) => Cow::Borrowed(&all[start..line_end]),
                        None => String::from_utf8_lossy(line),
                    };
                    matcher::match_field(terms, &text).map(|m| m.score)
                })
                .flatten()
        };
        if let Some(score) = score {
            out.push(LineMatch {
                score,
                start: from + start,
                end: from + line_end,
            });
        }
        start = end + 1;
    }
    out
}

/// Lead bytes of Hangul syllables (U+AC00…U+D7A3).
fn has_hangul(line: &[u8]) -> bool {
    memchr::memchr3(0xEA, 0xEB, 0xEC, line).is_some() || memchr::memchr(0xED, line).is_some()
}

/// Could NFC change this line? Only with a conjoining vowel or final (U+1160…U+11FF, after a
/// conjoining initial) or a combining mark (U+0300…U+036F); a lone initial (ᄏᄏ) stays.
fn maybe_decomposed(line: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = memchr::memchr3(0xE1, 0xCC, 0xCD, &line[at..]) {
        let i = at + i;
        if line[i] != 0xE1 || matches!(line.get(i + 1), Some(0x85..=0x87)) {
            return true;
        }
        at = i + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, q: &str) -> Vec<String> {
        filter(input.as_bytes(), q, 2)
            .iter()
            .map(|m| input[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn best_first_across_threads() {
        let input = "consul general\nSullivan met Zhang\n설리번 보좌관\nnothing here\r\nsullivan\n";
        // Exact matches first (word starts before the middle of a word), then romanization.
        assert_eq!(
            lines(input, "sul"),
            [
                "sullivan",
                "Sullivan met Zhang",
                "consul general",
                "설리번 보좌관"
            ]
        );
        assert_eq!(lines(input, "ㅅㄹㅂ"), ["설리번 보좌관"]);
        assert_eq!(lines(input, "here"), ["nothing here"]);
        assert!(lines(input, "zzz").is_empty());
        assert!(lines("", "a").is_empty());
    }

    #[test]
    fn typos_and_decomposed_hangul() {
        let input = "the government said\n\u{1109}\u{1165}\u{11AF}\u{1105}\u{1175}\u{1107}\u{1165}\u{11AB} 보좌관\n";
        assert_eq!(lines(input, "goverment"), ["the government said"]);
        assert_eq!(lines(input, "설리번").len(), 1);
    }
}
