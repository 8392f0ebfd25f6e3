//! What one article offers as evidence of its translation, computed once per article (cheap,
//! plain data, serialisable so a library can cache it): its side, its length in English
//! characters, its publication day, and a set of keys both languages write alike.
//!
//! Keys, by their prefix:
//! - `n:` numbers and amounts across scripts (`2000만` ⟷ `20 million`, `1980년대` ⟷ `1980s`);
//! - `m:` months (`9월` ⟷ `September`);
//! - `w:` Latin words and acronyms inside Korean text (`FBI`, `New START`), hanja by their pinyin
//!   (`林建` ⟷ `Lin`); on the English side, words with a capital or a digit;
//! - `s:` names by their consonant skeleton (`캐버노` ⟷ `Kavanaugh`, `윤석열` ⟷ `Yoon Suk-yeol`);
//! - `c:` concepts of the shipped Korean-English lexicon (`국방` ⟷ `defense`).

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::align::anchors::{Class, MONTHS, korean_length, runs};
use crate::align::cost::Params;
use crate::align::lexicon::{self, Lexicon};
use crate::align::names::{
    hangul_skeleton, hanja_keys, korean_name_keys, latin_skeleton, skeleton_key,
};
use crate::model::{Article, Language};
use crate::text::furniture::re;

/// Which side of a translation pair an article can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ko,
    En,
}

/// The evidence of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub side: Side,
    /// Length as English characters: English text as it is, Korean text times the aligner's
    /// English-per-Korean ratio.
    pub length: f64,
    /// Publication day (`YYYY-MM-DD`), when the page gave one.
    pub day: Option<String>,
    /// Keys, sorted, each once.
    pub keys: Vec<String>,
}

/// The first line of [`Evidence::to_bytes`]: the format's version.
const BYTES_HEADER: &str = "duet-evidence 1";

impl Evidence {
    /// A compact form to store (a library caches it beside the processed article): a header
    /// line, the side, the length, the day (empty when none), then one key a line. Much faster
    /// to read back than JSON (ten thousand articles hold millions of keys). Keys never hold a
    /// line break (they are cut at whitespace); one that did would be left out.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s =
            String::with_capacity(32 + self.keys.iter().map(|k| k.len() + 1).sum::<usize>());
        s.push_str(BYTES_HEADER);
        s.push('\n');
        s.push_str(match self.side {
            Side::Ko => "ko",
            Side::En => "en",
        });
        s.push('\n');
        s.push_str(&format!("{}", self.length));
        s.push('\n');
        s.push_str(self.day.as_deref().unwrap_or(""));
        for k in self.keys.iter().filter(|k| !k.contains(['\n', '\r'])) {
            s.push('\n');
            s.push_str(k);
        }
        s.into_bytes()
    }

    /// Read [`Evidence::to_bytes`] back; `None` for anything else (a damaged or foreign blob).
    pub fn from_bytes(bytes: &[u8]) -> Option<Evidence> {
        let stored = StoredEvidence::parse(bytes)?;
        let mut keys: Vec<String> = stored.keys.iter().map(|k| k.to_string()).collect();
        if !keys.is_sorted() {
            keys.sort_unstable();
            keys.dedup();
        }
        Some(Evidence {
            side: stored.side,
            length: stored.length,
            day: stored.day,
            keys,
        })
    }
}

/// [`Evidence::to_bytes`] read back with its keys left where they are: what the pairing index
/// needs, without a string allocated per key (a library of 100,000 articles holds millions).
#[derive(Debug, Clone)]
pub struct StoredEvidence<'a> {
    pub side: Side,
    pub length: f64,
    pub day: Option<String>,
    /// The keys as stored (sorted and each once, as [`Evidence::to_bytes`] writes them).
    pub keys: Vec<&'a str>,
}

impl<'a> StoredEvidence<'a> {
    /// `None` for anything but [`Evidence::to_bytes`] (a damaged or foreign blob).
    pub fn parse(bytes: &'a [u8]) -> Option<StoredEvidence<'a>> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut lines = text.split('\n');
        if lines.next()? != BYTES_HEADER {
            return None;
        }
        let side = match lines.next()? {
            "ko" => Side::Ko,
            "en" => Side::En,
            _ => return None,
        };
        let length: f64 = lines.next()?.parse().ok()?;
        if !length.is_finite() || length <= 0.0 {
            return None;
        }
        let day = match lines.next()? {
            "" => None,
            d => Some(day_of(d)?),
        };
        Some(StoredEvidence {
            side,
            length,
            day,
            keys: lines.collect(),
        })
    }
}

/// A date: `2011-11-26`, `2011.11.26`, `2011/11/26`, `2023년 9월 13일`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:19|20)\d\d(?:[-./]\d{1,2}[-./]\d{1,2}|년\s*\d{1,2}월(?:\s*\d{1,2}일)?)")
});
/// What a page puts beside a date: times and the words for entered, updated, published.
static DATE_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\d{1,2}:\d\d(?::\d\d)?|\b(?:am|pm|kst|utc|gmt|updated|published|posted|modified)\b|기사입력|입력|수정|승인|송고|오전|오후",
    )
});

/// A line about the page rather than the story: a date with at most an outlet's or a
/// writer's name beside it (`The Korea Times | 2011-11-26`, `연합뉴스 · 입력 2023-09-13 07:37`).
/// Two articles of one outlet and one day share it whatever they tell, so it is never
/// evidence that one translates the other.
pub fn is_page_line(text: &str) -> bool {
    if !DATE.is_match(text) || text.chars().count() > 80 {
        return false;
    }
    let undated = DATE.replace_all(text, " ");
    let rest = DATE_FURNITURE.replace_all(&undated, " ");
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        <= 4
}

/// The evidence of an article; `None` for one that cannot be half of a pair (bilingual
/// already, neither language, or no text).
pub fn of_article(article: &Article) -> Option<Evidence> {
    let side = match article.language {
        Language::Ko => Side::Ko,
        Language::En => Side::En,
        Language::KoEn | Language::Other => return None,
    };
    let lex = lexicon::shipped();
    let mut keys = Vec::new();
    let mut length = 0.0;
    let texts = [article.title.as_deref(), article.title_en.as_deref()]
        .into_iter()
        .flatten()
        .chain(article.subtitles.iter().map(String::as_str))
        .chain(article.blocks.iter().map(|b| b.text.as_str()));
    for text in texts.filter(|t| !is_page_line(t)) {
        match side {
            Side::Ko => {
                korean_keys(text, lex, &mut keys);
                length += korean_length(text) * Params::default().ratio;
            }
            Side::En => {
                english_keys(text, lex, &mut keys);
                length += text.chars().count() as f64;
            }
        }
    }
    if length <= 0.0 {
        return None;
    }
    keys.sort_unstable();
    keys.dedup();
    Some(Evidence {
        side,
        length,
        day: article.published.as_deref().and_then(day_of),
        keys,
    })
}

/// `2023-09-13T07:37` → `2023-09-13`; anything not starting with a date → `None`.
fn day_of(date: &str) -> Option<String> {
    let d = date.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    ok.then(|| d.to_string())
}

/// Days between two `YYYY-MM-DD` days (civil calendar).
pub fn days_apart(a: &str, b: &str) -> Option<i64> {
    Some((day_number(a)? - day_number(b)?).abs())
}

fn day_number(d: &str) -> Option<i64> {
    let y: i64 = d.get(0..4)?.parse().ok()?;
    let m: i64 = d.get(5..7)?.parse().ok()?;
    let day: i64 = d.get(8..10)?.parse().ok()?;
    Some(crate::text::date::days_from_civil(y, m, day))
}

fn number(out: &mut Vec<String>, n: f64) {
    if n.is_finite() && n >= 0.0 {
        out.push(format!("n:{}", fmt_num(n)));
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{}", (n * 100.0).round() / 100.0)
    }
}

fn parse_number(s: &str) -> Option<f64> {
    let t: String = s.chars().filter(|c| *c != ',').collect();
    t.trim_end_matches('.').parse::<f64>().ok()
}

/// Keys of Korean text.
pub fn korean_keys(text: &str, lex: &Lexicon, out: &mut Vec<String>) {
    let mut concepts = Vec::new();
    for word in text.split_whitespace() {
        let runs = runs(word);
        for (idx, &(class, run)) in runs.iter().enumerate() {
            match class {
                Class::Digit => {
                    let Some(n) = parse_number(run) else { continue };
                    let next = runs.get(idx + 1).map_or("", |(_, r)| *r);
                    if next.starts_with('월') && (1.0..=12.0).contains(&n) {
                        out.push(format!("m:{}", fmt_num(n)));
                    } else if next.starts_with("천만") {
                        number(out, n * 1e7);
                    } else if next.starts_with('만') {
                        number(out, n);
                        number(out, n * 1e4);
                    } else if next.starts_with('억') {
                        number(out, n);
                        number(out, n * 1e8);
                    } else if next.starts_with('천') {
                        number(out, n * 1e3);
                    } else {
                        number(out, n);
                    }
                }
                Class::Latin => {
                    if run.len() >= 2 || run.chars().all(|c| c.is_ascii_uppercase()) {
                        out.push(format!("w:{}", run.to_ascii_lowercase()));
                    }
                }
                Class::Hangul => {
                    concepts.clear();
                    lex.korean_concepts(run, &mut concepts);
                    if concepts.is_empty() {
                        if let Some(s) = skeleton_key(&hangul_skeleton(run)) {
                            out.push(s);
                        }
                    } else {
                        for entry in &concepts {
                            out.extend(entry.iter().map(|c| format!("c:{c}")));
                        }
                    }
                }
                Class::Han => out.extend(hanja_keys(run)),
                Class::Other => {}
            }
        }
    }
}

/// Keys of English text.
pub fn english_keys(text: &str, lex: &Lexicon, out: &mut Vec<String>) {
    out.extend(korean_name_keys(text));
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '—' | '–'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches("'s")
                .trim_end_matches("’s")
        })
        .filter(|w| !w.is_empty())
        .collect();
    for (idx, word) in words.iter().enumerate() {
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            let digits: String = word
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                .collect();
            if let Some(n) = parse_number(&digits) {
                number(out, n);
                let next = words.get(idx + 1).map(|w| w.to_ascii_lowercase());
                match next.as_deref() {
                    Some("million") => number(out, n * 1e6),
                    Some("billion") => number(out, n * 1e9),
                    Some("thousand") => number(out, n * 1e3),
                    Some("trillion") => number(out, n * 1e12),
                    _ => {}
                }
            }
            continue;
        }
        let lower = word.to_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| *m == lower) {
            // `May` the month, not `may` the verb.
            if lower != "may" || word.starts_with('M') {
                out.push(format!("m:{}", m + 1));
                continue;
            }
        }
        let capital = word.chars().any(|c| c.is_ascii_uppercase());
        if capital {
            out.push(format!("w:{lower}"));
        }
        if let Some(c) = lex.english_concept(&lower) {
            out.push(format!("c:{c}"));
        } else if capital && let Some(s) = skeleton_key(&latin_skeleton(&lower)) {
            out.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::lexicon::shipped;

    fn ko(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        korean_keys(text, shipped(), &mut v);
        v
    }

    fn en(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        english_keys(text, shipped(), &mut v);
        v
    }

    fn shares(k: &[String], e: &[String], key: &str) -> bool {
        k.iter().any(|x| x == key) && e.iter().any(|x| x == key)
    }

    #[test]
    fn amounts_and_months_cross_scripts() {
        let (k, e) = (
            ko("2000만명이 9월 30일 시청했다"),
            en("20 million people watched on September 30"),
        );
        assert!(shares(&k, &e, "n:20000000"), "{k:?} {e:?}");
        assert!(shares(&k, &e, "m:9"));
        assert!(shares(&k, &e, "n:30"));
    }

    #[test]
    fn names_acronyms_and_hanja() {
        let (k, e) = (
            ko("브렛 캐버노 지명자와 FBI, 린젠(林建) 대변인"),
            en("nominee Brett Kavanaugh, the FBI and spokesman Lin Jian"),
        );
        assert!(shares(&k, &e, "w:fbi"), "{k:?} {e:?}");
        assert!(shares(&k, &e, "w:lin"));
        let kav = skeleton_key(&latin_skeleton("kavanaugh")).unwrap_or_default();
        assert!(shares(&k, &e, &kav), "{kav} {k:?} {e:?}");
    }

    #[test]
    fn bytes_round_trip_and_refuse_foreign_blobs() {
        let ev = Evidence {
            side: Side::Ko,
            length: 1234.567,
            day: Some("2023-09-13".into()),
            keys: vec!["c:said".into(), "n:1987".into(), "w:nato".into()],
        };
        assert_eq!(Evidence::from_bytes(&ev.to_bytes()), Some(ev.clone()));
        let undated = Evidence {
            side: Side::En,
            day: None,
            keys: Vec::new(),
            ..ev.clone()
        };
        assert_eq!(Evidence::from_bytes(&undated.to_bytes()), Some(undated));
        assert_eq!(Evidence::from_bytes(b"{\"side\":\"ko\"}"), None);
        assert_eq!(Evidence::from_bytes(b"duet-evidence 1\nfr\n10\n"), None);
        assert_eq!(Evidence::from_bytes(b"duet-evidence 1\nko\nNaN\n"), None);
        assert_eq!(Evidence::from_bytes(&[0xff, 0xfe]), None);
    }

    #[test]
    fn page_lines_are_not_the_story() {
        for line in [
            "The Korea Times | 2011-11-26",
            "The Korea Times · 입력 2011-11-26",
            "연합뉴스 · 입력 2023-09-13 07:37 · 수정 2023-09-13 08:10",
            "Updated: 2018.09.30 10:00 AM",
            "2023년 9월 13일 뉴스핌",
        ] {
            assert!(is_page_line(line), "{line}");
        }
        for text in [
            "The talks resume on 2018-10-01 in Vienna, the ministry said on Sunday.",
            "북미 정상은 2018년 6월 12일 싱가포르에서 처음 만나 공동성명에 서명했다.",
            "The Korea Times",
            "US-China First High-Level Military Talks",
        ] {
            assert!(!is_page_line(text), "{text}");
        }
    }

    #[test]
    fn days() {
        assert_eq!(day_of("2023-09-13T07:37").as_deref(), Some("2023-09-13"));
        assert_eq!(day_of("13 Sep 2023"), None);
        assert_eq!(days_apart("2023-02-27", "2023-03-01"), Some(2));
        assert_eq!(days_apart("2024-12-31", "2025-01-01"), Some(1));
    }
}
