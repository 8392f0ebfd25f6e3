//! Metadata written inside the text: dates as Korean and English sites write them, datelines,
//! bylines, reporter e-mails, photo credits, copyright lines.

use std::sync::LazyLock;

use regex::Regex;

/// Compile one of the cleaning stage's built-in patterns.
#[allow(
    clippy::panic,
    reason = "a constant of the source; every pattern is compiled by the unit tests"
)]
pub(super) fn re(pattern: &str) -> Regex {
    // The patterns are constants of the source; a typo is caught by the unit tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

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
        if let (Some(v), Some(z)) = (v.as_mut(), c.get(6)) {
            if t.is_some() {
                v.push_str(z.as_str());
            }
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

/// A dateline and byline opening a paragraph, as Korean wire copy writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Bytes of the paragraph the dateline takes (up to the body text).
    pub len: usize,
    pub place: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
}

const ROLES: &str = "기자|특파원|통신원|선임기자|전문기자|객원기자|인턴기자|수습기자|논설위원|편집위원|기상캐스터|리포터";

static KO_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^[\[(（【]\s*([^\]\)）】=\n]{{1,20}}?)\s*=\s*([^\]\)）】\n]{{1,20}}?)\s*[\])）】]\s*(?:((?:[가-힣]{{2,4}}[ ,·]*)+?)\s*(?:{ROLES})?\s*=\s*)?"
    ))
});
static EN_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^([A-Z][A-Z'.-]+(?:[ ,]+[A-Z][A-Z'.-]+){0,3})(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*\(([A-Za-z][A-Za-z .&-]{1,30})\)\s*[-–—]+\s*",
    )
});

/// `[베이징=뉴스통신] 조용성 특파원 = …`, `(서울=한빛뉴스) 홍길동 기자 = …`,
/// `SEOUL (Wire) - …` at the start of a paragraph.
pub fn dateline(text: &str) -> Option<Dateline> {
    if let Some(c) = KO_DATELINE.captures(text) {
        let whole = c.get(0)?;
        let authors = c
            .get(3)
            .map(|m| {
                m.as_str()
                    .split([' ', ',', '·'])
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        return Some(Dateline {
            len: whole.end(),
            place: Some(c[1].trim().to_string()),
            outlet: Some(c[2].trim().to_string()),
            authors,
        });
    }
    let c = EN_DATELINE.captures(text)?;
    let whole = c.get(0)?;
    Some(Dateline {
        len: whole.end(),
        place: Some(c[1].trim().to_string()),
        outlet: Some(c[2].trim().to_string()),
        authors: vec![],
    })
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"));
static EN_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:by)\s+([A-Z][\p{L}.'-]+(?:\s+[A-Z][\p{L}.'-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\p{L}.'-]+(?:\s+[A-Z][\p{L}.'-]+){0,3})*)",
    )
});
static KO_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:(?:글|사진|취재|정리|글·사진|글/사진)\s*[=:]?\s*)?((?:[가-힣]{{2,4}}[ ,·]*)+?)\s*(?:{ROLES})(?:[\s,·]|$)"
    ))
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:(?:Additional )?[Rr]eporting|Writing|Editing|Compiled|Edited|Written) by\s+[A-Z]")
});

/// Does the text hold an e-mail address?
pub fn has_email(s: &str) -> bool {
    EMAIL.is_match(s)
}

/// A short line that only says who wrote the piece: `By Jane Doe and John Roe`,
/// `홍길동 기자 hong@example.com`, a bare e-mail, `역주=오성환 외신전문위원 x@y.com`.
/// Returns the names it found (possibly none, for a bare e-mail).
pub fn byline(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let n = line.chars().count();
    if n == 0 || n > 90 {
        return None;
    }
    if let Some(c) = EN_BYLINE.captures(line) {
        let names = c[1]
            .split([',', '&'])
            .flat_map(|s| s.split(" and "))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        return Some(names);
    }
    if CREDIT.is_match(line) {
        return Some(vec![]);
    }
    let without_mail = EMAIL.replace_all(line, "");
    let rest = without_mail.trim();
    if let Some(c) = KO_BYLINE.captures(rest) {
        if rest.chars().count() <= 40 {
            return Some(
                c[1].split([' ', ',', '·'])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    if has_email(line) && rest.chars().count() <= 40 && !ends_sentence(rest) {
        return Some(vec![]);
    }
    // A dateline alone on its line, with the reporter after it: `[서울=뉴스] 박민수 기자`.
    if let Some(d) = dateline(line) {
        let after = line[d.len..].trim();
        if after.is_empty() {
            return Some(d.authors);
        }
        if after.chars().count() <= 40 {
            if let Some(c) = KO_BYLINE.captures(&EMAIL.replace_all(after, "")) {
                let mut names = d.authors;
                names.extend(
                    c[1].split([' ', ',', '·'])
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
                return Some(names);
            }
        }
    }
    None
}

/// A credit that closes an article: `Reporting by …; Editing by …`, a reporter's e-mail.
pub fn is_end_credit(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 120
        && (CREDIT.is_match(line) || has_email(line))
        && byline(line).is_some()
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)([\[(（][^\])）]{0,30}(?:사진|제공|캡처)\s*[\])）]|[\[(（]\s*(?:사진|자료\s*사진|그래픽|영상|photo|image|picture|graphic)\s*(?:=|:|／|/|제공|출처|credit|by)|^(?:photo|pictured|image|사진)\s*[:=]|^(?:image|photo|picture)\s+caption(?-u:\b)|(?-u:\b)photo(?:graph)?\s*(?:by|credit)(?-u:\b))",
    )
});

/// A photo caption: text carrying a photo credit marker (`[사진=RBK]`, `(Photo: …)`).
pub fn is_caption(text: &str) -> bool {
    CAPTION.is_match(text)
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(ⓒ|©|\(c\)\s*(?:\d{4}|[\p{L}])|copyright\s*(?:©|ⓒ|\(c\)|\d{4}|[:.]|$)|저작권자\s*[(ⓒ©]|무단\s*전재|재배포\s*금지|all rights reserved|^(?:image|photo|picture)\s+(?:copyright|credit)(?-u:\b))",
    )
});

/// A copyright or reprint-ban line (`<저작권자 © 한빛뉴스, 무단 전재-재배포 금지>`).
pub fn is_copyright(text: &str) -> bool {
    text.chars().count() <= 200 && COPYRIGHT.is_match(text)
}

static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:READ(?:\s+(?:MORE|ALSO|NEXT))?(?-u:\b)|(?i:read more|also read|read also|related(?:\s+(?:articles?|stories|news|coverage))?\s*:|see also\s*:|more\s*:|watch\s*:|listen\s*:|recommended\s*:)|관련\s*기사|관련\s*뉴스|추천\s*기사|함께\s*보면|같이\s*보면|이\s*시각\s*인기|많이\s*본\s*뉴스|인기\s*기사|주요\s*뉴스)",
    )
});

/// A related-link insert: `READ …`, `Related: …`, `관련기사 …`, short and not a sentence.
pub fn is_related(text: &str) -> bool {
    let t = text.trim_start_matches(['▶', '☞', '■', '▷', '→', '-', '*', '•', ' ', '[', '【']);
    // A headline, not a sentence: `관련 기사에 따르면 … 밝혔다.` is body text.
    t.chars().count() <= 160 && RELATED.is_match(t) && !ends_with_stop(t) && !t.ends_with("다")
}

static CALL_TO_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    re(&[
        r"(?i)(?-u:\b)(?:",
        r"share (?:this|it) with|share this (?:article|story|page)|share your story",
        r"|follow us|follow \w+ on (?:facebook|twitter|instagram|x|youtube|tiktok|linkedin)",
        r"|sign up (?:for|to) (?:our|the|a free)|subscribe (?:to|for) (?:our|the|free)|(?:our|free|daily|weekly) newsletter",
        r"|already have an account|click here|download (?:the|our) app|like this story|read the rest",
        r"|unlock this|fill out the form|listen (?:live|back)|log in to (?:continue|read|comment)",
        r"|exclusive to .{0,30}subscribers|to continue reading",
        r")(?-u:\b)|구독하기|구독 신청|공유하기|공유합니다|기사 공유|로그인|회원가입|앱 다운로드|제보하기",
    ]
    .concat())
});
/// Words of a call to action that also occur in news: a short line only.
static CALL_TO_ACTION_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:subscribe|subscribers|sign up|sign in|log ?in|newsletters?|share|follow)(?-u:\b)",
    )
});
static SOCIAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(facebook|twitter|instagram|youtube|tiktok|linkedin|whatsapp|telegram|카카오톡|페이스북|트위터|인스타그램|유튜브)(?-u:\b)",
    )
});

/// A call to action: share, follow, subscribe, sign in, a paywall notice. Words that news
/// also uses (`subscribers`, `Facebook and Twitter`) count only in a short line.
pub fn is_call_to_action(text: &str) -> bool {
    let n = text.chars().count();
    n <= 200 && CALL_TO_ACTION.is_match(text)
        || n <= 60 && CALL_TO_ACTION_SHORT.is_match(text)
        || n <= 100 && SOCIAL.find_iter(text).count() >= 2 && CALL_TO_ACTION_SHORT.is_match(text)
}

/// Ends with a full stop, question or exclamation mark (closing quotes and brackets after it
/// allowed): punctuation a headline does without.
pub fn ends_with_stop(text: &str) -> bool {
    trim_closers(text).ends_with(['.', '?', '!', '。', '？', '！', '…'])
}

/// Ends like a sentence: a full stop, question or exclamation mark (closing quotes and
/// brackets after it allowed), or the Korean `다`/`요` endings.
pub fn ends_sentence(text: &str) -> bool {
    trim_closers(text).ends_with(['.', '?', '!', '。', '？', '！', '…', '다', '요', '죠', '까'])
}

/// The text without trailing white space and the quotes and brackets that may close a sentence.
fn trim_closers(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '”' | '’' | ')' | ']' | '」' | '』' | '》' | '〉' | '>'
            )
    })
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
        let (_, iso, cut) = leading_date(" date 2023-08-20 China and Russia").expect("leading");
        assert_eq!(iso, "2023-08-20");
        assert_eq!(
            &" date 2023-08-20 China and Russia"[cut..],
            "China and Russia"
        );
    }

    #[test]
    fn datelines_and_bylines() {
        let d =
            dateline("[베이징=뉴스통신] 조용성 특파원 = 13일 북러정상회담이").expect("dateline");
        assert_eq!(d.authors, vec!["조용성"]);
        assert_eq!(d.place.as_deref(), Some("베이징"));
        assert_eq!(d.outlet.as_deref(), Some("뉴스통신"));
        assert_eq!(&"[베이징=뉴스통신] 조용성 특파원 = 13일"[d.len..], "13일");
        let d = dateline("(서울=한빛뉴스) 김철수 이영희 기자 = 정부는").expect("wire ko");
        assert_eq!(d.authors, vec!["김철수", "이영희"]);
        let d = dateline("RAJSHAHI, Dec 20, 2025 (BSS) - Homestead").expect("dated wire");
        assert_eq!(d.outlet.as_deref(), Some("BSS"));
        let d = dateline("SEOUL (Wire) - North Korea fired").expect("wire");
        assert_eq!(d.outlet.as_deref(), Some("Wire"));
        assert_eq!(
            byline("By Jane Doe and John Roe"),
            Some(vec!["Jane Doe".into(), "John Roe".into()])
        );
        assert_eq!(
            byline("홍길동 기자 hong@example.com"),
            Some(vec!["홍길동".into()])
        );
        assert_eq!(byline("ys1744@example.com"), Some(vec![]));
        assert_eq!(
            byline("[서울=코리아뉴스] 박민수 기자"),
            Some(vec!["박민수".into()])
        );
        assert_eq!(byline("중국은 북한과 협력했다."), None);
    }

    #[test]
    fn markers() {
        assert!(is_caption("장면이 공개됐다. [사진=RBK] 2023.09.12"));
        assert!(is_caption("합동참모본부 청사 모습 [한빛뉴스 자료사진]"));
        assert!(!is_caption("정부는 대책을 발표했다."));
        assert_eq!(byline("글 박지현 기자"), Some(vec!["박지현".into()]));
        assert_eq!(
            byline("Reporting by Jane Roe; Editing by Sam Holmes"),
            Some(vec![])
        );
        assert!(is_copyright(
            "<저작권자(c) 한빛뉴스, 무단 전재-재배포 금지>"
        ));
        assert!(is_related(
            "READ  여권 구매 : 엘리트가 전염병을 통과하는 방법"
        ));
        assert!(is_related("READ MORE: Markets slide"));
        assert!(!is_related("Reading the report, he said so."));
        assert!(!is_related("관련 기사에 따르면 정부는 대책을 내놓았다."));
        assert!(is_related("관련기사 북한, 또 탄도미사일 발사"));
        assert!(ends_sentence("말했다.”"));
        assert!(is_call_to_action(
            "Like this story? Share it with a friend!"
        ));
        assert!(is_call_to_action(
            "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."
        ));
        assert!(!is_call_to_action(
            "The ministry said the talks would resume on Monday."
        ));
        assert!(!ends_sentence("Leave a Reply"));
    }
}
