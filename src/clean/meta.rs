//! Dates written inside the text, as Korean and English sites write them, and where they are
//! taken out of candidate blocks (datelines, bylines and other page furniture: `text::furniture`).

use std::sync::LazyLock;

use regex::Regex;

use crate::text::furniture::re;

/// A date from metadata (front matter, page meta tags): kept as written when it is already
/// ISO 8601 (`2023-09-13T07:37+09:00`), else read like a date in the text.
pub fn date_as_written(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        return Some(s.to_string());
    }
    find_date(s).map(|h| h.iso)
}

/// Which date a labelled date line gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    Published,
    Updated,
}

/// A date found in a string: its ISO 8601 form and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateHit {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

const MONTHS: &str = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?",
    )
});
static KOREAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일(?:\s*\(?[월화수목금토일]?\)?\s*(오전|오후)?\s*(\d{1,2}):(\d{2}))?",
    )
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(\d{4})[./](\d{1,2})[./](\d{1,2})(?-u:\b)\.?(?:\s*\(?[월화수목금토일]?\)?\s*(오전|오후|AM|PM|am|pm)?\s*(\d{1,2}):(\d{2})(?::\d{2})?)?",
    )
});
static MONTH_FIRST_KO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d{1,2})월\s*(\d{1,2})일?,?\s*(\d{4})"));
static ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)({MONTHS})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?:,?\s+(?:at\s+)?(\d{{1,2}}):(\d{{2}})\s*(am|pm|a\.m\.|p\.m\.)?)?"
    ))
});
static ENGLISH_DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})\s+({MONTHS})[a-z]*\.?,?\s+(\d{{4}})"
    ))
});

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    MONTHS
        .split('|')
        .filter(|m| *m != "sept")
        .position(|m| n.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn iso(y: &str, m: u32, d: u32, time: Option<(u32, u32)>) -> Option<String> {
    let y: u32 = y.parse().ok()?;
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(match time {
        Some((h, min)) if h < 24 && min < 60 => format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    })
}

fn num(c: Option<regex::Match<'_>>) -> Option<u32> {
    c.and_then(|m| m.as_str().parse().ok())
}

fn clock(half: Option<&str>, h: Option<u32>, m: Option<u32>) -> Option<(u32, u32)> {
    let (mut h, m) = (h?, m?);
    match half.map(str::to_ascii_lowercase).as_deref() {
        Some("오후" | "pm" | "p.m.") if h < 12 => h += 12,
        Some("오전" | "am" | "a.m.") if h == 12 => h = 0,
        _ => {}
    }
    Some((h, m))
}

/// The first date in `s`, in whichever of the usual forms it is written.
pub fn find_date(s: &str) -> Option<DateHit> {
    let mut hits: Vec<DateHit> = Vec::new();
    let hit = |m: regex::Match<'_>, iso: Option<String>| {
        iso.map(|iso| DateHit {
            iso,
            start: m.start(),
            end: m.end(),
        })
    };
    if let Some(c) = ISO.captures(s) {
        let t = clock(None, num(c.get(4)), num(c.get(5)));
        let mut v = iso(&c[1], num(c.get(2))?, num(c.get(3))?, t);
        // Keep the time zone when the page wrote one.
        if let (Some(v), Some(z)) = (v.as_mut(), c.get(6))
            && t.is_some()
        {
            v.push_str(z.as_str());
        }
        hits.extend(hit(c.get(0)?, v));
    }
    if let Some(c) = KOREAN.captures(s) {
        let t = clock(c.get(4).map(|m| m.as_str()), num(c.get(5)), num(c.get(6)));
        hits.extend(hit(
            c.get(0)?,
            iso(&c[1], num(c.get(2))?, num(c.get(3))?, t),
        ));
    }
    if let Some(c) = DOTTED.captures(s) {
        let t = clock(c.get(4).map(|m| m.as_str()), num(c.get(5)), num(c.get(6)));
        hits.extend(hit(
            c.get(0)?,
            iso(&c[1], num(c.get(2))?, num(c.get(3))?, t),
        ));
    }
    if let Some(c) = MONTH_FIRST_KO.captures(s) {
        hits.extend(hit(
            c.get(0)?,
            iso(&c[3], num(c.get(1))?, num(c.get(2))?, None),
        ));
    }
    if let Some(c) = ENGLISH.captures(s) {
        let t = clock(c.get(6).map(|m| m.as_str()), num(c.get(4)), num(c.get(5)));
        hits.extend(hit(
            c.get(0)?,
            iso(&c[3], month_number(&c[1])?, num(c.get(2))?, t),
        ));
    }
    if let Some(c) = ENGLISH_DAY_FIRST.captures(s) {
        hits.extend(hit(
            c.get(0)?,
            iso(&c[3], month_number(&c[2])?, num(c.get(1))?, None),
        ));
    }
    // The earliest, and of two starting together the longer (it has the time).
    hits.into_iter()
        .min_by_key(|h| (h.start, std::cmp::Reverse(h.end)))
}

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)((?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|기사\s*입력|송고\s*시간|입력|최종\s*수정|수정|업데이트|등록|발행|게재|송고|승인|작성|일시|날짜|published|updated|last\s+updated|posted|modified|released|date|on|at|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|[월화수목금토일]요일|edt|est|pdt|pst|gmt|utc|kst|am|pm|오전|오후)",
    )
});
static UPDATED_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(수정|업데이트|updated|modified|갱신)"));

/// A line that is only a date with its label (`기사입력 : 2023년09월13일 07:37`,
/// `Published10월 27, 2023`, `Updated Oct 5, 2023`): which date it is, and the date.
pub fn date_line(line: &str) -> Option<(DateRole, String)> {
    if line.chars().count() > 80 {
        return None;
    }
    let hit = find_date(line)?;
    let before = &line[..hit.start];
    let rest = format!("{before} {}", &line[hit.end..]);
    let leftover = DATE_LABEL.replace_all(&rest, "");
    if leftover.chars().any(char::is_alphanumeric) {
        return None;
    }
    let role = if UPDATED_LABEL.is_match(before) {
        DateRole::Updated
    } else {
        DateRole::Published
    };
    Some((role, hit.iso))
}

/// A field of a dateline that only numbers the copy (`기사 6262`, `No. 42`, `#12`).
static NUMBER_FIELD: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:[\p{L}.]{1,12}\s*[:：]?\s*)?#?\s*\d{1,12}$"));

/// A dateline: the outlet and the date of a copy on one short line of fields
/// (`Yonhap · 입력 2019-03-07 · 기사 6262`, `The Korea Herald | 2020-01-02`). Every field is
/// the date (with its label), the outlet's name (a few words, no digits) or a number; exactly
/// one date, at most one name. The outlet, which date it is, and the date.
pub fn outlet_date_line(line: &str) -> Option<(Option<String>, DateRole, String)> {
    const SEPARATORS: [char; 4] = ['·', '|', '｜', '•'];
    if !line.contains(SEPARATORS) || line.chars().count() > 100 {
        return None;
    }
    let fields: Vec<&str> = line
        .split(SEPARATORS)
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if fields.len() < 2 {
        return None;
    }
    let mut date = None;
    let mut outlet = None;
    for f in fields {
        if let Some(d) = date_line(f) {
            if date.replace(d).is_some() {
                return None;
            }
        } else if NUMBER_FIELD.is_match(f) {
            continue;
        } else {
            let name = f.chars().count() <= 40
                && f.split_whitespace().count() <= 5
                && !f.chars().any(|c| c.is_numeric())
                && f.chars().any(char::is_alphabetic);
            if !name || outlet.replace(f.to_string()).is_some() {
                return None;
            }
        }
    }
    let (role, iso) = date?;
    Some((outlet, role, iso))
}

static LEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:date|dated|published|posted|updated|입력|기사입력|등록)\s*[:：]?\s*(\d{4}-\d{1,2}-\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}\.?)\s+",
    )
});

/// A labelled date glued to the start of a paragraph (`date 2023-08-20 China and …`):
/// the date and the byte length of the prefix to cut.
pub fn leading_date(text: &str) -> Option<(DateRole, String, usize)> {
    let c = LEADING_DATE.captures(text)?;
    let whole = c.get(0)?;
    let hit = find_date(whole.as_str())?;
    let role = if UPDATED_LABEL.is_match(whole.as_str()) {
        DateRole::Updated
    } else {
        DateRole::Published
    };
    Some((role, hit.iso, whole.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_sites_write_them() {
        let d = |s: &str| find_date(s).map(|h| h.iso);
        assert_eq!(
            d("기사입력 : 2023년09월13일 07:37").as_deref(),
            Some("2023-09-13T07:37")
        );
        assert_eq!(d("Published10월 27, 2023").as_deref(), Some("2023-10-27"));
        assert_eq!(d("[사진=RBK] 2023.09.12").as_deref(), Some("2023-09-12"));
        assert_eq!(d("date 2023-08-20 China").as_deref(), Some("2023-08-20"));
        assert_eq!(
            d("Updated 3:05 PM, October 5, 2023").as_deref(),
            Some("2023-10-05")
        );
        assert_eq!(
            d("입력 2023.09.13. 오후 3:07").as_deref(),
            Some("2023-09-13T15:07")
        );
        assert_eq!(d("5 October 2023").as_deref(), Some("2023-10-05"));
        assert_eq!(
            d("2023-09-13T07:37:00+09:00").as_deref(),
            Some("2023-09-13T07:37+09:00")
        );
        assert_eq!(d("no date here 12345"), None);
    }

    #[test]
    fn date_lines_and_roles() {
        assert_eq!(
            date_line("최종수정 : 2023년09월13일 07:41"),
            Some((DateRole::Updated, "2023-09-13T07:41".into()))
        );
        assert_eq!(
            date_line("  • Published10월 27, 2023"),
            Some((DateRole::Published, "2023-10-27".into()))
        );
        assert_eq!(date_line("2023년 9월 13일 북한은 미사일을 쐈다"), None);
        assert_eq!(
            outlet_date_line("Yonhap · 입력 2019-03-07 · 기사 6262"),
            Some((
                Some("Yonhap".into()),
                DateRole::Published,
                "2019-03-07".into()
            ))
        );
        assert_eq!(
            outlet_date_line("The Korea Herald | Updated Oct 5, 2023"),
            Some((
                Some("The Korea Herald".into()),
                DateRole::Updated,
                "2023-10-05".into()
            ))
        );
        // A menu bar, or a sentence with a date in it, is not a dateline.
        assert_eq!(outlet_date_line("정치 · 경제 · 2023.09.13"), None);
        assert_eq!(
            outlet_date_line("북한은 2023년 9월 13일 · 미사일을 쐈다고 밝혔다"),
            None
        );
        let (_, iso, cut) = leading_date(" date 2023-08-20 China and Russia").expect("leading");
        assert_eq!(iso, "2023-08-20");
        assert_eq!(
            &" date 2023-08-20 China and Russia"[cut..],
            "China and Russia"
        );
    }
}
