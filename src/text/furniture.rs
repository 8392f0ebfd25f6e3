//! Page furniture, recognised by its form: bylines and datelines, reporter e-mails, photo
//! captions and credits, copyright lines, related-link inserts, calls to action, interface
//! labels, a headline printed again above the body. One set of predicates for the whole crate:
//! `clean` drops or sets apart the lines they match, and `align` leaves the sentences they match
//! unpaired when one side carries them alone.

use std::sync::LazyLock;

use regex::Regex;

use super::fold_whitespace;

/// Compile one of the crate's built-in patterns.
#[allow(
    clippy::panic,
    reason = "a constant of the source; every pattern is compiled by the unit tests"
)]
pub(crate) fn re(pattern: &str) -> Regex {
    // The patterns are constants of the source; a typo is caught by the unit tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
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
    if let Some(c) = KO_BYLINE.captures(rest)
        && rest.chars().count() <= 40
    {
        return Some(
            c[1].split([' ', ',', '·'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        );
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
        if after.chars().count() <= 40
            && let Some(c) = KO_BYLINE.captures(&EMAIL.replace_all(after, ""))
        {
            let mut names = d.authors;
            names.extend(
                c[1].split([' ', ',', '·'])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
            return Some(names);
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
        r"(?i)([\[(（][^\])）]{0,30}(?:사진|제공|캡처)\s*[\])）]|[\[(（]\s*(?:사진|자료\s*사진|그래픽|영상|photo|image|picture|graphic)\s*(?:=|:|／|/|제공|출처|credit|by)|^(?:photo|pictured|image|사진)\s*[:=]|^(?:image|photo|picture|media|video)\s+caption(?-u:\b)|(?-u:\b)photo(?:graph)?\s*(?:by|credit)(?-u:\b)|^[\[(（]\s*(?:photo|image|picture|video|사진|영상)\s*[\])）]|^[▲△]|(?-u:\b)getty\s+images(?-u:\b)|[(（]\s*(?:ap|afp|epa|reuters|연합뉴스)\s*(?:photo|사진)(?-u:\b))",
    )
});

/// A photo caption: text carrying a photo credit marker (`[사진=RBK]`, `(Photo: …)`,
/// `Getty Images`) or opening with a caption mark (`▲ …`, `[PHOTO] …`).
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

static UI_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:advertisement|advert|sponsored(?: content)?|(?:image|media|video) caption|image copyright|skip (?:to )?(?:content|ad|advert)|back to top|광고|댓글|좋아요|다른 기사|이전 기사|다음 기사|맨 위로)$",
    )
});

/// A label of the page's interface standing alone: `Advertisement`, `Image caption`, `광고`.
pub fn is_ui_label(text: &str) -> bool {
    UI_LABEL.is_match(text.trim().trim_end_matches([':', '.', ' ']))
}

/// Furniture one side of a bilingual text carries alone, judged sentence by sentence: a byline
/// or dateline, a related link, a copyright line, a call to action, a caption, an interface
/// label. Forms that news sentences share (`By Friday, …`, `… follow the rules.`) counts only
/// when the sentence does not read as one (a full stop after six words or more).
pub fn one_sided(text: &str) -> bool {
    let t = text.trim();
    let sentence_like = ends_with_stop(t) && t.split_whitespace().count() >= 6;
    let strong = has_email(t)
        || is_related(t)
        || is_copyright(t)
        || is_caption(t)
        || is_ui_label(t)
        || t.chars().count() <= 200 && CALL_TO_ACTION.is_match(t);
    strong || !sentence_like && (byline(t).is_some() || is_call_to_action(t))
}

/// A block that repeats one of the titles (white space folded): the page printed its headline
/// again above the body.
pub fn repeats_title<S: AsRef<str>>(text: &str, titles: &[S]) -> bool {
    let folded = fold_whitespace(text);
    titles.iter().any(|t| fold_whitespace(t.as_ref()) == folded)
}

/// `text` without the titles it opens with (`US-China talks Officials said …` → `Officials
/// said …`); a text that is no more than a title stays as it is.
pub fn strip_titles<'a, S: AsRef<str>>(text: &'a str, titles: &[S]) -> &'a str {
    let mut text = text;
    for t in titles {
        let t = t.as_ref().trim();
        if text.len() > t.len() + 1 && text.starts_with(t) {
            text = text[t.len()..].trim();
        }
    }
    text
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

    #[test]
    fn one_sided_sentences() {
        assert!(one_sided("이서연 기자 lee.seoyeon@example.co.kr"));
        assert!(one_sided("READ LeBron to make Lakers debut"));
        assert!(one_sided("Sign up for our daily newsletter"));
        assert!(one_sided("[PHOTO] The victim was found in the area."));
        assert!(one_sided("▲ 감초도 스트레스 해소에 좋다고 말했다."));
        assert!(one_sided("Advertisement"));
        assert!(one_sided("Media caption The moment the bridge collapsed"));
        assert!(one_sided("Share this article"));
        assert!(one_sided("이 기사를 공유합니다"));
        assert!(one_sided("[서울=코리아뉴스] 박민수 기자"));
        assert!(!one_sided("Rangers suffered another defeat."));
        assert!(!one_sided("Reading the report, he said so."));
        assert!(!one_sided(
            "Read the full statement, the ministry told reporters on Monday."
        ));
        assert!(!one_sided("By Friday, the storm had passed over the city."));
        assert!(!one_sided(
            "He said he would not follow the rules this time."
        ));
        assert!(!one_sided(
            "[서울=코리아뉴스] 박민수 기자 = 정부는 13일 새 대책을 내놓았다고 밝혔다."
        ));
    }
}
