//! A query as typed, turned into patterns over the original text: NFC, lower case, one term per
//! whitespace-separated word; a bare consonant stands for any syllable with that initial
//! (`ㅅㄹㅂ` → 설리번), a cluster for its two consonants (`ㄼ` = `ㄹㅂ`), and the last syllable may
//! still be growing (`설리` + `ㅂ` arrives as `설립`: 립 also matches 리 followed by ㅂ…).
//! Each pattern element matches exactly one character of the text (or, for a growing last
//! syllable, two), so match positions are positions in the original text.

use unicode_normalization::UnicodeNormalization;

use super::hangul::{self, Syllable};

/// One element of a term's pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elem {
    /// This character (already lower case; the text is lower-cased as it is compared).
    Char(char),
    /// Any syllable with this initial, or the bare consonant itself.
    Initial(u8),
    /// The last syllable, typed without a final yet: any syllable with this initial and medial.
    Open(Syllable),
    /// The last syllable with a final that may still grow into a cluster (달 → 닭) or move to
    /// the next syllable (립 → 리번): that syllable, or the syllable without it followed by a
    /// syllable starting with it.
    Closed(Syllable),
}

impl Elem {
    /// Does this element match `c` on its own (one character)?
    #[inline]
    pub fn matches(self, c: char) -> bool {
        match self {
            Elem::Char(p) => {
                p == c || (!c.is_ascii() && lower(c) == p) || p == c.to_ascii_lowercase()
            }
            Elem::Initial(i) => {
                hangul::initial_of(c) == Some(i) || hangul::bare_consonant(c) == Some(&[i][..])
            }
            Elem::Open(s) => {
                Syllable::of(c).is_some_and(|t| t.initial == s.initial && t.medial == s.medial)
            }
            Elem::Closed(s) => Syllable::of(c).is_some_and(|t| {
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
                    Elem::Closed(s)
                });
            } else {
                elems.push(Elem::Char(c));
            }
        }
        Term { text, elems }
    }

    /// Only letters and digits (no punctuation): such a term matches inside one word.
    pub fn is_word(&self) -> bool {
        self.text.chars().all(char::is_alphanumeric)
    }

    /// Only ASCII letters and digits: a candidate for typo matching and romanization.
    pub fn is_latin(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_alphanumeric())
    }

    /// Only bare consonants (`ㅅㄹㅂ`).
    pub fn is_choseong(&self) -> bool {
        self.elems.iter().all(|e| matches!(e, Elem::Initial(_)))
    }

    /// The longest run of plain characters, lower case: every match contains it. Empty when the
    /// pattern has none (a choseong term).
    pub fn literal(&self) -> String {
        let mut best = String::new();
        let mut cur = String::new();
        for e in &self.elems {
            match e {
                Elem::Char(c) => cur.push(*c),
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
        // The final moved on: 립 → 리번 (or 닭 → 달기).
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

/// Where a term's pattern matches in `text`, starting at byte `from`: the byte range of the first
/// match at or after it.
pub fn find(elems: &[Elem], text: &str, from: usize) -> Option<(usize, usize)> {
    let mut start = from;
    while start < text.len() {
        if let Some(end) = match_at(elems, text, start) {
            return Some((start, end));
        }
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// If the pattern matches at byte `start` of `text`, the byte where the match ends.
#[inline]
pub fn match_at(elems: &[Elem], text: &str, start: usize) -> Option<usize> {
    let mut chars = text[start..].char_indices();
    for (k, e) in elems.iter().enumerate() {
        let (_, c) = chars.next()?;
        if e.matches(c) {
            continue;
        }
        // A closed last syllable may have handed its final on to the next syllable.
        let Elem::Closed(s) = e else { return None };
        debug_assert_eq!(k + 1, elems.len());
        let moved = s.final_initials();
        let kept = &moved[..moved.len() - 1];
        let want = Syllable {
            final_: if kept.is_empty() {
                0
            } else {
                hangul::final_from_initials(kept)?
            },
            ..*s
        };
        if c != want.to_char() {
            return None;
        }
        let (_, c2) = chars.next()?;
        if hangul::initial_of(c2) != moved.last().copied() {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| start + i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(q: &str, text: &str) -> Option<String> {
        let t = Term::new(q);
        find(&t.elems, text, 0).map(|(a, b)| text[a..b].to_string())
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
    }

    #[test]
    fn literals() {
        assert_eq!(Term::new("대통ㄹ").literal(), "대통");
        assert_eq!(Term::new("ㅅㄹㅂ").literal(), "");
        assert!(Term::new("ㅅㄹㅂ").is_choseong());
        assert!(Term::new("lavrov").is_latin());
    }
}
