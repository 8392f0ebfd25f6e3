//! Telling the article body from the page around it, by structure: length, whether a block
//! reads as sentences, markers (related links, copyright), link density, lists of short
//! lines, and language against the body's language. The body is the run of blocks with the
//! highest total score (maximum subarray), so navigation before it and sidebars, comment
//! forms and footers after it fall away without naming any site.

use std::ops::Range;

use super::meta;
use crate::model::{BlockKind, Lang};
use crate::text::{detect_lang, furniture};

/// A candidate block: a blank-line paragraph of a text file or a block element of a page.
#[derive(Debug, Clone)]
pub struct Cand {
    /// Non-empty, trimmed lines.
    pub lines: Vec<String>,
    /// Share of the text inside links (0 for plain text).
    pub link_density: f32,
    /// The role the markup gave it (`<h2>`, `<li>`, `<figcaption>` …), if any.
    pub hint: Option<BlockKind>,
}

impl Cand {
    pub fn new(lines: Vec<String>) -> Self {
        Cand {
            lines,
            link_density: 0.0,
            hint: None,
        }
    }

    /// The lines joined by single spaces.
    pub fn text(&self) -> String {
        self.lines.join(" ")
    }

    pub fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.chars().count()).sum::<usize>()
            + self.lines.len().saturating_sub(1)
    }
}

/// A paragraph of lines most of which are a few words: a menu, a list of links, a teaser box.
pub fn is_link_list(c: &Cand) -> bool {
    let short = c.lines.iter().filter(|l| l.chars().count() < 20).count();
    c.lines.len() >= 3 && short * 2 >= c.lines.len()
}

/// A line of a few short words with no punctuation: a menu bar (`전체기사 최신뉴스 GAM`).
pub fn is_nav_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = line.chars().count();
    n < 30
        && words.len() >= 2
        && words.iter().all(|w| w.chars().count() <= 5)
        && !line
            .chars()
            .any(|c| c.is_ascii_punctuation() || "‘’“”…·".contains(c))
}

/// Reads as running text: ends like a sentence and is not a couple of words.
pub fn is_prose(text: &str) -> bool {
    text.chars().count() >= 8 && furniture::ends_sentence(text)
}

/// A sentence ends inside the text and more follows (`…했다. 그러나`, `…观赏。那一天`).
pub fn has_inner_sentence_end(text: &str) -> bool {
    let t = text.trim_end();
    t.char_indices().any(|(i, c)| {
        let rest = &t[i + c.len_utf8()..];
        match c {
            '。' | '！' | '？' => !rest.is_empty(),
            '.' | '?' | '!' => {
                rest.starts_with(' ')
                    && rest.len() > 1
                    && t[..i]
                        .chars()
                        .last()
                        .is_some_and(|p| !p.is_ascii_digit() && !p.is_ascii_uppercase())
            }
            _ => false,
        }
    })
}

/// A reference line: `<기사 제목, 2021년 12월 21일자>` with an optional label after it.
pub fn is_reference(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    (t.starts_with('<') || t.starts_with('〈') || t.starts_with('《'))
        && (5..=300).contains(&n)
        && t.rfind(['>', '〉', '》'])
            .is_some_and(|end| t[end..].chars().count() <= 14)
        && meta::find_date(t).is_some()
}

/// The language most body text is in, and whether a second language carries weight.
pub fn main_langs(cands: &[Cand]) -> (Option<Lang>, bool) {
    let (mut ko, mut en) = (0usize, 0usize);
    for c in cands.iter().filter(|c| c.lines.len() <= 2) {
        let t = c.text();
        if !is_prose(&t) || t.len() < 60 {
            continue;
        }
        match detect_lang(&t) {
            Lang::Ko => ko += t.len(),
            Lang::En => en += t.len(),
            _ => {}
        }
    }
    let total = ko + en;
    let main = if total == 0 {
        None
    } else if ko >= en {
        Some(Lang::Ko)
    } else {
        Some(Lang::En)
    };
    (main, total > 0 && ko.min(en) * 5 >= total)
}

/// How much a block looks like article body (positive) or page furniture (negative).
pub fn score(c: &Cand, main: Option<Lang>, bilingual: bool) -> f32 {
    let text = c.text();
    let n = c.chars();
    if is_link_list(c) {
        return -3.0;
    }
    if c.link_density > 0.5 {
        return -1.5 - c.link_density;
    }
    // Lines that are dropped or set apart one by one later (related links, calls to action,
    // copyright, captions, credits, references) neither make nor break the body: a `READ …`
    // insert must not cut a short paragraph off the story.
    if furniture::is_related(&text)
        || furniture::is_copyright(&text)
        || furniture::is_call_to_action(&text)
        || furniture::is_caption(&text) && n < 200
        || is_reference(&text)
        || furniture::byline(&text).is_some()
    {
        return 0.0;
    }
    // Hard-wrapped text breaks lines mid-sentence: a sentence end inside counts too.
    let prose = is_prose(&text) || n >= 20 && has_inner_sentence_end(&text);
    let mut s = if prose {
        (n as f32 / 60.0).max(0.5)
    } else if n >= 100 {
        1.0
    } else {
        -1.0
    };
    let lang = detect_lang(&text);
    if !prose
        && !bilingual
        && main.is_some_and(|m| matches!(lang, Lang::Ko | Lang::En) && lang != m)
    {
        s -= 1.0;
    }
    s - c.link_density * 2.0
}

/// The run of blocks with the highest total score; ties go to the longer run.
pub fn body_range(scores: &[f32]) -> Range<usize> {
    let mut best = (f32::MIN, 0usize, 0usize);
    let (mut sum, mut start) = (0.0f32, 0usize);
    for (i, &s) in scores.iter().enumerate() {
        // Restart only after a loss: furniture that merely cancels a paragraph out does not
        // cut that paragraph off.
        if sum < 0.0 || i == 0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > best.0 || (sum == best.0 && i + 1 - start > best.2 - best.1) {
            best = (sum, start, i + 1);
        }
    }
    if best.0 <= 0.0 {
        return 0..0;
    }
    best.1..best.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_the_best_run() {
        assert_eq!(
            body_range(&[-1.0, -1.0, 3.0, 2.0, -1.0, 4.0, -3.0, -2.0]),
            2..6
        );
        assert_eq!(body_range(&[-1.0, -2.0]), 0..0);
    }

    #[test]
    fn structure_not_strings() {
        assert!(is_nav_line("전체기사 최신뉴스 GAM 라씨로"));
        assert!(!is_nav_line(
            "북러 군사협력, 중국은 거리두기...\"잃을 게 많다\""
        ));
        assert!(is_reference(
            "<설리번 북한에 ‘제재와 외교분리’ 국무부 ‘군축협상’, 2021년 12월 21일자> 참조"
        ));
        assert!(is_reference(
            "<US-China Summit ‘Approach’, November 17, 2021> References"
        ));
        assert!(!is_reference("<b>bold</b> text without a date"));
        let list = Cand::new(vec![
            "사진".into(),
            "긴 기사 제목과 본문 일부가 길게 이어진다".into(),
            "사진".into(),
            "Top".into(),
        ]);
        assert!(is_link_list(&list));
    }
}
