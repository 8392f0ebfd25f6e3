//! A query as typed, turned into patterns over the original text: NFC, lower case, one term per
//! whitespace-separated word; a bare consonant stands for any syllable with that initial
//! (`ㅅㄹㅂ` → 설리번), a cluster for its two consonants (`ㄼ` = `ㄹㅂ`), and the last syllable may
//! still be growing (`설리` + `ㅂ` arrives as `설립`: 립 also matches 리 followed by ㅂ…).
//! Each pattern element matches exactly one character of the text (or, for a growing last
//! syllable, two), so match positions are positions in the original text.

use unicode_normalization::UnicodeNormalization;

use crate::text::hangul::{self, Syllable};

/// One element of a term's pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elem {
    /// This ASCII character, lower case (the text's is lower-cased as it is compared).
    Ascii(u8),
    /// This character exactly (Hangul, CJK, anything without case).
    Char(char),
    /// This character, lower case (the text's is lower-cased as it is compared).
    Fold(char),
    /// Any syllable with this initial, or the bare consonant itself.
    Initial(u8),
    /// The last syllable, typed without a final yet: any syllable with this initial and medial.
    Open(Syllable),
    /// The last syllable, with a final that may still grow into a cluster (달 → 닭) or, when
    /// `moves`, go on to start the next syllable (립 → 리번): that syllable, or the syllable
    /// without it followed by a syllable starting with it.
    Closed { syllable: Syllable, moves: bool },
}

impl Elem {
    fn of(c: char) -> Elem {
        if c.is_ascii() {
            Elem::Ascii(c.to_ascii_lowercase() as u8)
        } else if c.to_uppercase().eq(std::iter::once(c)) && c.to_lowercase().eq(std::iter::once(c))
        {
            Elem::Char(c)
        } else {
            Elem::Fold(lower(c))
        }
    }

    /// Does this element match `c` on its own (one character)?
    #[inline]
    pub fn matches(self, c: char) -> bool {
        let code = c as u32;
        match self {
            Elem::Ascii(p) => c.is_ascii() && (c as u8).to_ascii_lowercase() == p,
            Elem::Char(p) => p == c,
            Elem::Fold(p) => p == c || lower(c) == p,
            Elem::Initial(i) => {
                hangul::with_initial(i).contains(&code)
                    || ((0x3131..=0x314E).contains(&code)
                        && hangul::bare_consonant(c) == Some(&[i][..]))
            }
            Elem::Open(s) => hangul::with_initial_medial(s.initial, s.medial).contains(&code),
            Elem::Closed { syllable: s, .. } => Syllable::of(c).is_some_and(|t| {
                t.initial == s.initial
                    && t.medial == s.medial
                    && hangul::finals_growing_from(s.final_).any(|f| f == t.final_)
            }),
        }
    }
}

/// Lower case of one character, one character long (`İ` and friends keep their first char).
#[inline]
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// One whitespace-separated word of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// NFC, lower case.
    pub text: String,
    pub elems: Vec<Elem>,
}

impl Term {
    pub fn new(word: &str) -> Term {
        let text: String = word.nfc().map(lower).collect();
        let chars: Vec<char> = text.chars().collect();
        let mut elems = Vec::with_capacity(chars.len() + 1);
        for (i, &c) in chars.iter().enumerate() {
            let last = i + 1 == chars.len();
            if let Some(initials) = hangul::bare_consonant(c) {
                elems.extend(initials.iter().map(|&k| Elem::Initial(k)));
            } else if let (true, Some(s)) = (last, Syllable::of(c)) {
                elems.push(if s.final_ == 0 {
                    Elem::Open(s)
                } else {
                    // A lone syllable is taken as typed: `핵` is not `해` + ㄱ….
                    Elem::Closed {
                        syllable: s,
                        moves: i > 0,
                    }
                });
            } else {
                elems.push(Elem::of(c));
            }
        }
        Term { text, elems }
    }

    /// Only letters and digits (no punctuation): such a term matches inside one word.
    pub fn is_word(&self) -> bool {
        self.text.chars().all(is_word_char)
    }

    /// Only ASCII letters and digits: a candidate for typo matching and romanization.
    pub fn is_latin(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_alphanumeric())
    }

    /// Only bare consonants (`ㅅㄹㅂ`).
    pub fn is_choseong(&self) -> bool {
        self.elems.iter().all(|e| matches!(e, Elem::Initial(_)))
    }

    /// The longest run of plain characters, lower case: every match contains it (lower-cased
    /// ASCII-wise). Empty when the pattern has none (a choseong term).
    pub fn literal(&self) -> String {
        let mut best = String::new();
        let mut cur = String::new();
        for e in &self.elems {
            match e {
                Elem::Ascii(b) => cur.push(*b as char),
                Elem::Char(c) | Elem::Fold(c) => cur.push(*c),
                _ => {
                    if cur.len() > best.len() {
                        best = std::mem::take(&mut cur);
                    }
                    cur.clear();
                }
            }
        }
        if cur.len() > best.len() { cur } else { best }
    }

    /// Could every match of `self` also be a match of `prev`? True when `self` is `prev` typed
    /// further: more characters after it, or its last syllable grown (ㅅ → 서 → 설 → 설리).
    pub fn narrows(&self, prev: &Term) -> bool {
        let old: Vec<char> = prev.text.chars().collect();
        let new: Vec<char> = self.text.chars().collect();
        let Some((&last, head)) = old.split_last() else {
            return true;
        };
        if new.len() < old.len() || new[..head.len()] != *head {
            return false;
        }
        let next = new[head.len()];
        if next == last {
            return true;
        }
        let (Some(grown), after) = (Syllable::of(next), new.get(head.len() + 1)) else {
            return false;
        };
        if let Some(initials) = hangul::bare_consonant(last) {
            return initials.len() == 1 && initials[0] == grown.initial;
        }
        let Some(was) = Syllable::of(last) else {
            return false;
        };
        if was.initial != grown.initial || was.medial != grown.medial {
            return false;
        }
        if was.final_ == 0 {
            return true;
        }
        if hangul::finals_growing_from(was.final_).any(|f| f == grown.final_) {
            return true;
        }
        // The final moved on: 립 → 리번 (or 닭 → 달기), if the old term allowed that.
        if head.is_empty() {
            return false;
        }
        let moved = was.final_initials();
        let kept = &moved[..moved.len() - 1];
        let kept_final = if kept.is_empty() {
            Some(0)
        } else {
            hangul::final_from_initials(kept)
        };
        kept_final == Some(grown.final_)
            && after.and_then(|&c| hangul::initial_of(c)) == moved.last().copied()
    }
}

/// A whole query: its terms, all of which must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        Query {
            terms: text.split_whitespace().map(Term::new).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A match of a term's pattern: byte range, and whether a growing last syllable's final was read
/// as the start of the next syllable (립 as 리번), a weaker match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub moved: bool,
}

/// The first match of a term's pattern in `text` at or after byte `from`. Candidate starts are
/// found a byte search at a time (the first element's bytes), then checked in full.
pub fn find(elems: &[Elem], text: &str, from: usize) -> Option<Found> {
    let first = *elems.first()?;
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let start = match first {
            Elem::Ascii(b) => {
                let up = b.to_ascii_uppercase();
                at + memchr::memchr2(b, up, &bytes[at..])?
            }
            Elem::Char(c) => {
                let mut buf = [0u8; 4];
                let needle = c.encode_utf8(&mut buf).as_bytes();
                at + memchr::memmem::find(&bytes[at..], needle)?
            }
            Elem::Initial(_) | Elem::Open(_) | Elem::Closed { .. } => {
                at + next_syllable_in(first, &bytes[at..])?
            }
            Elem::Fold(_) => at,
        };
        if let Some((end, moved)) = match_at(elems, text, start) {
            return Some(Found { start, end, moved });
        }
        at = start + 1;
        while at < bytes.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    None
}

/// The code points a syllable element can match (a bare consonant also matches its jamo).
fn syllable_range(e: Elem) -> (u32, u32) {
    match e {
        Elem::Initial(i) => {
            let r = hangul::with_initial(i);
            (r.start, r.end)
        }
        Elem::Open(s) | Elem::Closed { syllable: s, .. } => {
            let r = hangul::with_initial_medial(s.initial, s.medial);
            (r.start, r.end)
        }
        _ => (0, 0),
    }
}

/// The byte offset of the next character that could start a match of a syllable element: a
/// syllable in its code point range (read straight from the UTF-8), or a bare jamo.
fn next_syllable_in(e: Elem, bytes: &[u8]) -> Option<usize> {
    let (lo, hi) = syllable_range(e);
    let (lead_lo, lead_hi) = (0xE0 | (lo >> 12) as u8, 0xE0 | ((hi - 1) >> 12) as u8);
    let mut at = 0;
    while at < bytes.len() {
        at += memchr::memchr3(lead_lo, lead_hi, 0xE3, &bytes[at..])?;
        if bytes[at] == 0xE3 {
            return Some(at);
        }
        if let [b0, b1, b2, ..] = bytes[at..] {
            let code = ((b0 as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
            if (lo..hi).contains(&code) {
                return Some(at);
            }
        }
        at += 1;
    }
    None
}

/// If the pattern matches at byte `start` of `text`, the byte where the match ends, and whether
/// the last syllable's final moved on.
#[inline]
pub fn match_at(elems: &[Elem], text: &str, start: usize) -> Option<(usize, bool)> {
    let mut chars = text[start..].char_indices();
    let mut moved = false;
    for e in elems {
        let (_, c) = chars.next()?;
        if e.matches(c) {
            continue;
        }
        // A closed last syllable may have handed its final on to the next syllable.
        let Elem::Closed {
            syllable: s,
            moves: true,
        } = *e
        else {
            return None;
        };
        let moved_initials = s.final_initials();
        let kept = &moved_initials[..moved_initials.len() - 1];
        let want = Syllable {
            final_: if kept.is_empty() {
                0
            } else {
                hangul::final_from_initials(kept)?
            },
            ..s
        };
        if c != want.to_char() {
            return None;
        }
        let (_, c2) = chars.next()?;
        if hangul::initial_of(c2) != moved_initials.last().copied() {
            return None;
        }
        moved = true;
    }
    Some((chars.next().map_or(text.len(), |(i, _)| start + i), moved))
}

/// A letter or digit: what words are made of. Hangul and CJK answered without the general
/// Unicode tables, which are slow for them.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let code = c as u32;
    hangul::is_syllable(c)
        || (0x4E00..=0x9FFF).contains(&code)
        || (0x1100..=0x11FF).contains(&code)
        || (0x3131..=0x318E).contains(&code)
        || c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(q: &str, text: &str) -> Option<String> {
        let t = Term::new(q);
        find(&t.elems, text, 0).map(|f| text[f.start..f.end].to_string())
    }

    #[test]
    fn choseong_partial_and_clusters() {
        assert_eq!(
            hit("ㅅㄹㅂ", "미 백악관 설리번 안보"),
            Some("설리번".into())
        );
        assert_eq!(hit("설리ㅂ", "제이크 설리번이"), Some("설리번".into()));
        assert_eq!(hit("설립", "제이크 설리번이"), Some("설리번".into()));
        assert_eq!(hit("설립", "학교 설립"), Some("설립".into()));
        assert_eq!(hit("ㅅㄼ", "설리번"), Some("설리번".into()));
        assert_eq!(hit("대통ㄹ", "윤 대통령은"), Some("대통령".into()));
        assert_eq!(hit("북하", "북한 김정은"), Some("북한".into()));
        assert_eq!(hit("달", "닭고기"), Some("닭".into()));
        assert_eq!(hit("핵", "해군"), None);
        assert_eq!(hit("Ä", "ä"), Some("ä".into()));
        assert_eq!(hit("ㅅㄹㅂ", "서울"), None);
    }

    #[test]
    fn case_and_nfc() {
        assert_eq!(
            hit("SULLIVAN", "Jake Sullivan met"),
            Some("Sullivan".into())
        );
        // Decomposed jamo in the query compose first.
        assert_eq!(hit("\u{1109}\u{1165}\u{11AF}", "설리번"), Some("설".into()));
    }

    #[test]
    fn narrowing_follows_typing() {
        let n = |a: &str, b: &str| Term::new(b).narrows(&Term::new(a));
        assert!(n("ㅅ", "서"));
        assert!(n("서", "설"));
        assert!(n("설", "설리"));
        assert!(n("설립", "설리번"));
        assert!(n("pres", "presi"));
        assert!(!n("설", "서"));
        assert!(!n("pres", "prison"));
        assert!(!n("핵", "해군"));
        assert!(n("북핵", "북해군"));
    }

    #[test]
    fn literals() {
        assert_eq!(Term::new("대통ㄹ").literal(), "대통");
        assert_eq!(Term::new("ㅅㄹㅂ").literal(), "");
        assert!(Term::new("ㅅㄹㅂ").is_choseong());
        assert!(Term::new("lavrov").is_latin());
    }
}
