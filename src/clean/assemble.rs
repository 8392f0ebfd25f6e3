//! From candidate blocks to the article: which blocks are body, which are header (title,
//! subtitles, bylines) and footer (references, keywords, credits), and the role of each.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::boilerplate::{self, Cand};
use super::meta;
use crate::model::{Article, Block, BlockKind, Lang};
use crate::text::{detect_lang, furniture, sentences};

/// Titles per language while assembling; resolved into `title`/`title_en` at the end.
#[derive(Debug, Default)]
pub struct Titles {
    pub ko: Option<String>,
    pub en: Option<String>,
    pub other: Option<String>,
}

impl Titles {
    fn slot(&mut self, lang: Lang) -> &mut Option<String> {
        match lang {
            Lang::Ko => &mut self.ko,
            Lang::En => &mut self.en,
            _ => &mut self.other,
        }
    }

    /// Offer a title: taken when the slot is empty or holds a shorter form of it (a short
    /// English title, then the full one). True when `text` is (now) that language's title.
    pub fn offer(&mut self, text: &str, lang: Lang) -> bool {
        let slot = self.slot(lang);
        match slot {
            None => {
                *slot = Some(text.to_string());
                true
            }
            Some(old) if old == text => true,
            Some(old) if text.starts_with(old.as_str()) => {
                *slot = Some(text.to_string());
                true
            }
            // `Headline | Site` from `<title>`, then the page's own `Headline`.
            Some(old)
                if old.starts_with(text)
                    && old[text.len()..]
                        .trim_start()
                        .starts_with(['|', '-', '–', '—', ':', '·', '<']) =>
            {
                *slot = Some(text.to_string());
                true
            }
            Some(_) => false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ko.is_none() && self.en.is_none() && self.other.is_none()
    }

    pub fn has(&self, lang: Lang) -> bool {
        match lang {
            Lang::Ko => self.ko.is_some(),
            Lang::En => self.en.is_some(),
            _ => self.other.is_some(),
        }
    }

    pub fn contains(&self, text: &str) -> bool {
        [&self.ko, &self.en, &self.other].iter().any(|t| {
            t.as_deref()
                .is_some_and(|t| t == text || t.starts_with(text) && text.chars().count() >= 12)
        })
    }

    /// Korean (or other) title first; the English one as `title_en` beside it.
    pub fn resolve(self, art: &mut Article) {
        let main = self.ko.or(self.other);
        match main {
            Some(t) => {
                art.title = Some(t);
                art.title_en = self.en;
            }
            None => art.title = self.en,
        }
    }
}

/// Set a date unless the page already gave that one.
fn set_date(art: &mut Article, role: meta::DateRole, iso: String) {
    let slot = match role {
        meta::DateRole::Published => &mut art.published,
        meta::DateRole::Updated => &mut art.updated,
    };
    if slot.is_none() {
        *slot = Some(iso);
    }
}

/// Take date lines, datelines (outlet and date) and labelled date prefixes out of the
/// candidates into the article; what the page already said stays.
pub fn pull_dates(cands: Vec<Cand>, art: &mut Article) -> Vec<Cand> {
    let mut out = Vec::with_capacity(cands.len());
    for mut c in cands {
        c.lines.retain(|l| {
            if let Some((role, iso)) = meta::date_line(l) {
                set_date(art, role, iso);
                return false;
            }
            let Some((outlet, role, iso)) = meta::outlet_date_line(l) else {
                return true;
            };
            set_date(art, role, iso);
            if art.outlet.is_none() {
                art.outlet = outlet;
            }
            false
        });
        if let Some(first) = c.lines.first_mut()
            && let Some((role, iso, cut)) = meta::leading_date(first)
        {
            set_date(art, role, iso);
            *first = first[cut..].trim().to_string();
        }
        c.lines.retain(|l| !l.is_empty());
        if !c.lines.is_empty() {
            out.push(c);
        }
    }
    out
}

fn push(art: &mut Article, kind: BlockKind, text: impl Into<String>) {
    let text = text.into();
    if !text.trim().is_empty() {
        art.blocks.push(Block {
            kind,
            lang: Lang::Other,
            text,
        });
    }
}

fn add_authors(art: &mut Article, names: Vec<String>) {
    for n in names {
        if !art.authors.contains(&n) {
            art.authors.push(n);
        }
    }
}

/// A whole page (a text copy or a page our own extractor read): header, body, footer.
pub fn page(cands: Vec<Cand>, art: &mut Article, titles: &mut Titles) {
    let (main, bilingual) = boilerplate::main_langs(&cands);
    let mut body = body_in(&cands, main, bilingual);
    // A first line that reads like a headline (a Korean one may end in `다` with no full stop)
    // above running text is the title, even when it scored as text.
    if body.start == 0 && body.len() >= 2 {
        let first = &cands[0];
        let t = first.text();
        let headline = first.lines.len() == 1
            && t.chars().count() <= 80
            && (2..=12).contains(&t.split_whitespace().count())
            && !ends_like_body(&t)
            && !boilerplate::has_inner_sentence_end(&t)
            && boilerplate::is_prose(&cands[1].text());
        if headline {
            body.start = 1;
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in &cands {
        for l in &c.lines {
            *counts.entry(l.clone()).or_default() += 1;
        }
    }
    header(&cands[..body.start], &counts, main, bilingual, art, titles);
    let end = body.end;
    let at_end = end == cands.len();
    body_blocks(&cands[body], at_end, art, titles);
    footer(&cands[end..], art);
}

/// A full stop ends body text; a headline may end in `?` or `!` (short) or nothing at all.
fn ends_like_body(text: &str) -> bool {
    furniture::ends_with_stop(text)
        && (text.chars().count() > 60
            || !text
                .trim_end_matches(['"', '\'', '”', '’', ')'])
                .ends_with(['?', '!']))
}

/// Which candidates are the article body: the best-scoring run, ended early by a credit line
/// followed only by a couple of short lines that are not sentences (the page's, not the
/// story's; a short last sentence after a credit is kept, whatever it is).
pub fn body_of(cands: &[Cand]) -> std::ops::Range<usize> {
    let (main, bilingual) = boilerplate::main_langs(cands);
    body_in(cands, main, bilingual)
}

/// [`body_of`] with the page's main language(s) already known.
fn body_in(cands: &[Cand], main: Option<Lang>, bilingual: bool) -> std::ops::Range<usize> {
    let scores: Vec<f32> = cands
        .iter()
        .map(|c| boilerplate::score(c, main, bilingual))
        .collect();
    let mut body = boilerplate::body_range(&scores);
    if body.is_empty() {
        body = 0..cands.len();
    }
    if let Some(j) = (body.start..body.end)
        .rev()
        .find(|&j| furniture::is_end_credit(&cands[j].text()))
    {
        let tail = &cands[j + 1..body.end];
        let tail_is_short = tail.len() <= 2
            && tail.iter().all(|c| {
                let t = c.text();
                c.chars() < 80
                    && !boilerplate::is_prose(&t)
                    && !boilerplate::is_reference(&t)
                    && keywords(&t).is_none()
            });
        if j + 1 < body.end && tail_is_short {
            body.end = j + 1;
        }
    }
    body
}

/// Content a page extractor already chose (or a Markdown body): trim furniture at the edges,
/// then give each block its role.
pub fn content(cands: Vec<Cand>, art: &mut Article, titles: &mut Titles) {
    // Date lines (`Updated Oct 5, 2023`) are metadata wherever they are.
    let cands = pull_dates(cands, art);
    let (main, bilingual) = boilerplate::main_langs(&cands);
    let scores: Vec<f32> = cands
        .iter()
        .map(|c| {
            if c.hint.is_some_and(|h| h != BlockKind::Paragraph) {
                0.0
            } else {
                boilerplate::score(c, main, bilingual)
            }
        })
        .collect();
    let junk = |s: f32| s < -1.0;
    let start = scores
        .iter()
        .position(|&s| !junk(s))
        .unwrap_or(scores.len());
    let mut end = scores
        .iter()
        .rposition(|&s| !junk(s))
        .map_or(start, |i| i + 1);
    // A heading heads something: one left at the very end (`More from …`) is the page's.
    while end > start && cands[end - 1].hint == Some(BlockKind::Heading) {
        end -= 1;
    }
    let at_end = end == cands.len();
    body_blocks(&cands[start..end.max(start)], at_end, art, titles);
    footer(&cands[end.max(start)..], art);
}

/// Before the body: the title (repeated, longest, in the body's language), subtitles after
/// it, a title in the other language, bylines; menus and the rest are dropped.
fn header(
    cands: &[Cand],
    counts: &HashMap<String, usize>,
    main: Option<Lang>,
    bilingual: bool,
    art: &mut Article,
    titles: &mut Titles,
) {
    let lines: Vec<&String> = cands
        .iter()
        .filter(|c| !boilerplate::is_link_list(c))
        .flat_map(|c| c.lines.iter())
        .collect();
    // A line that can be a title: not a sentence, a byline, a link or a notice.
    let can_be_title = |l: &str| -> bool {
        let n = l.chars().count();
        (4..=200).contains(&n)
            && furniture::byline(l).is_none()
            && !furniture::is_related(l)
            && !furniture::is_copyright(l)
            && !furniture::is_call_to_action(l)
            && !furniture::is_caption(l)
            && !l.ends_with(['.', ':'])
            && !boilerplate::has_inner_sentence_end(l)
    };
    let in_main = |l: &str| {
        let lang = detect_lang(l);
        main.is_none_or(|m| m == lang) || bilingual && matches!(lang, Lang::Ko | Lang::En)
    };
    // Like a headline: a few words (one long Korean word group will do), not a menu bar.
    let headline = |l: &str| {
        let words = l.split_whitespace().count();
        let korean = detect_lang(l) == Lang::Ko;
        (words >= 3 || korean && words >= 2 && l.chars().count() >= 8)
            && !boilerplate::is_nav_line(l)
    };
    let title_score = |l: &str| -> Option<usize> {
        if !can_be_title(l) {
            return None;
        }
        let repeated = counts.get(l).copied().unwrap_or(0) >= 2;
        // A menu bar may be longer than a terse headline: weigh it down, don't rule it out.
        let nav_penalty = if boilerplate::is_nav_line(l) { 200 } else { 0 };
        Some(
            (l.chars().count().min(150)
                + if repeated { 1000 } else { 0 }
                + if in_main(l) { 300 } else { 0 })
            .saturating_sub(nav_penalty),
        )
    };
    let pick = |pred: &dyn Fn(&str) -> bool| lines.iter().position(|l| can_be_title(l) && pred(l));
    // A line printed twice is the title; else the first headline in the body's language
    // (a longer deck usually follows it); else the best-scoring line.
    let best = pick(&|l| counts.get(l).copied().unwrap_or(0) >= 2 && in_main(l))
        .or_else(|| pick(&|l| headline(l) && in_main(l)))
        .map(|i| (0, i))
        .or_else(|| {
            lines
                .iter()
                .enumerate()
                .filter_map(|(i, l)| title_score(l).map(|s| (s, i)))
                .max_by_key(|&(s, i)| (s, std::cmp::Reverse(i)))
        })
        // A header of one short line right before the body is the title, however terse.
        .or_else(|| {
            let last = lines.last()?;
            let ok = lines.len() == 1
                && cands.len() == 1
                && last.chars().count() >= 2
                && furniture::byline(last).is_none()
                && !furniture::is_related(last)
                && !furniture::is_call_to_action(last);
            ok.then_some((0, 0))
        });
    let Some((_, t)) = best else {
        for l in &lines {
            if let Some(names) = furniture::byline(l) {
                add_authors(art, names);
                push(art, BlockKind::Byline, l.as_str());
            }
        }
        return;
    };
    let title = lines[t].as_str();
    let title_lang = detect_lang(title);
    titles.offer(title, title_lang);
    for (i, l) in lines.iter().enumerate() {
        let l = l.as_str();
        if let Some(names) = furniture::byline(l) {
            add_authors(art, names);
            push(art, BlockKind::Byline, l);
            continue;
        }
        if i == t
            || titles.contains(l)
            || furniture::is_related(l)
            || furniture::is_copyright(l)
            || furniture::is_call_to_action(l)
        {
            continue;
        }
        let lang = detect_lang(l);
        let n = l.chars().count();
        let other_title = bilingual
            && matches!(lang, Lang::Ko | Lang::En)
            && lang != title_lang
            && can_be_title(l)
            && (l.split_whitespace().count() >= 3 || l.chars().count() >= 8);
        if i < t && other_title {
            // The title in the other language, printed first.
            titles.offer(l, lang);
        } else if i < t {
            // A kicker above the title (`Another black person?!`), not a menu entry.
            let kicker = lang == title_lang
                && (10..=150).contains(&n)
                && l.split_whitespace().count() >= 3
                && !boilerplate::is_nav_line(l);
            if kicker {
                art.subtitles.push(l.to_string());
            }
        } else if other_title {
            titles.offer(l, lang);
        } else if matches!(lang, Lang::Ko | Lang::En) && lang != title_lang {
            // A line in another language in a one-language page: furniture.
        } else if (6..=150).contains(&n) && l.split_whitespace().count() >= 2 {
            art.subtitles.push(l.to_string());
        }
    }
}

static COLUMN_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    furniture::re(
        r"^([^.?!。]{4,80}?)\s+([가-힣]{2,5}\([^()]{0,40}[가-힣][^()]{0,40}\))\s+(\S.{30,})$",
    )
});

/// The body, block by block.
fn body_blocks(cands: &[Cand], at_doc_end: bool, art: &mut Article, titles: &mut Titles) {
    let mut prev_lang: Option<Lang> = None;
    for (i, c) in cands.iter().enumerate() {
        let text = c.text();
        let text = text.trim();
        if text.is_empty()
            || furniture::is_related(text)
            || furniture::is_copyright(text)
            || titles.contains(text)
        {
            continue;
        }
        if let Some(names) = furniture::byline(text) {
            add_authors(art, names);
            push(art, BlockKind::Byline, text);
            continue;
        }
        let near_edge = i < 3 || i + 3 >= cands.len() || i * 10 >= cands.len() * 7;
        if c.link_density > 0.6 || near_edge && furniture::is_call_to_action(text) {
            continue;
        }
        // Short lines inside the body (a list typed as lines): keep each line, lose nothing.
        if c.hint.is_none() && boilerplate::is_link_list(c) {
            if !(near_edge && c.lines.iter().all(|l| l.chars().count() < 20)) {
                for l in &c.lines {
                    let kind = if l.starts_with(['-', '*', '•', '·', '▶', '■']) {
                        BlockKind::ListItem
                    } else {
                        BlockKind::Paragraph
                    };
                    push(art, kind, l.as_str());
                }
            }
            continue;
        }
        let lang = detect_lang(text);
        let last = i + 1 == cands.len();
        if last
            && at_doc_end
            && let Some(k) = keywords(text)
        {
            art.keywords = k;
            push(art, BlockKind::Keywords, text);
            continue;
        }
        if boilerplate::is_reference(text) {
            push(art, BlockKind::Reference, text);
            continue;
        }
        // A title where the language changes: a short line that is not a sentence, the first
        // of a run in its language.
        // The next block that is not a byline is running text in the same language.
        let next_same = cands[i + 1..]
            .iter()
            .map(Cand::text)
            .find(|t| furniture::byline(t).is_none())
            .is_some_and(|t| detect_lang(&t) == lang && boilerplate::is_prose(&t));
        let limit = if lang == Lang::Ko { 80 } else { 150 };
        let h1 = c.hint == Some(BlockKind::Title);
        if c.lines.len() == 1
            && text.chars().count() <= limit
            && !ends_like_body(text)
            && !boilerplate::has_inner_sentence_end(text)
            && matches!(lang, Lang::Ko | Lang::En)
            && prev_lang.is_some_and(|p| p != lang)
            && next_same
            && titles.offer(text, lang)
        {
            prev_lang = Some(lang);
            continue;
        }
        if h1 && titles.offer(text, lang) {
            continue;
        }
        // A column opening with its title and `이름(직함)` run into the first paragraph.
        if prev_lang != Some(lang)
            && !titles.has(lang)
            && let Some(cap) = COLUMN_HEAD.captures(text)
        {
            let (Some(t), Some(a), Some(rest)) = (cap.get(1), cap.get(2), cap.get(3)) else {
                continue;
            };
            titles.offer(t.as_str().trim(), lang);
            let author = a.as_str();
            let name = author.split('(').next().unwrap_or(author).to_string();
            add_authors(art, vec![name]);
            push(art, BlockKind::Byline, author);
            paragraph(rest.as_str(), art);
            prev_lang = Some(lang);
            continue;
        }
        if let Some(d) = furniture::dateline(text) {
            let rest = text[d.len..].trim();
            if rest.chars().count() >= 20 {
                add_authors(art, d.authors);
                if art.outlet.is_none() {
                    art.outlet = d.outlet;
                }
                push(
                    art,
                    BlockKind::Byline,
                    text[..d.len].trim().trim_end_matches('=').trim(),
                );
                paragraph(rest, art);
                prev_lang = Some(lang);
                continue;
            }
        }
        let kind = match c.hint {
            Some(BlockKind::Title | BlockKind::Heading) => BlockKind::Heading,
            Some(k) => k,
            None => {
                let n = text.chars().count();
                let short_head = c.lines.len() == 1
                    && n < 80
                    && !furniture::ends_sentence(text)
                    && text.split_whitespace().count() >= 2
                    && cands.get(i + 1).is_some_and(|n| {
                        let t = n.text();
                        boilerplate::is_prose(&t) && detect_lang(&t) == lang
                    });
                if short_head {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                }
            }
        };
        if kind == BlockKind::Paragraph {
            paragraph(text, art);
        } else if h1 && !titles.has(lang) && i == 0 {
            titles.offer(text, lang);
        } else {
            push(art, kind, text);
        }
        prev_lang = Some(lang);
    }
}

/// A body paragraph: a photo caption, or text with perhaps a credit at its end.
fn paragraph(text: &str, art: &mut Article) {
    // The credit marker ends a caption (`… 추정된다. [사진=RBK] 2023.09.12`); inside a long
    // paragraph it is just text.
    let n = text.chars().count();
    let tail = text
        .char_indices()
        .nth(n.saturating_sub(40))
        .map_or(text, |(i, _)| &text[i..]);
    if furniture::is_caption(text) && (n <= 150 || furniture::is_caption(tail)) {
        push(art, BlockKind::Caption, text);
        return;
    }
    // A credit after the last sentence: `… 발표했다. 역주=오성환 외신전문위원 x@y.com`.
    let sents = sentences::split(text);
    if sents.len() >= 2
        && let Some(last) = sents.last()
    {
        let tail = &text[last.clone()];
        if furniture::has_email(tail)
            && tail.chars().count() <= 90
            && !furniture::ends_sentence(tail)
        {
            push(art, BlockKind::Paragraph, text[..last.start].trim_end());
            push(art, BlockKind::Byline, tail);
            return;
        }
    }
    push(art, BlockKind::Paragraph, text);
}

/// After the body: references, keywords and credits stay; the rest is page furniture.
fn footer(cands: &[Cand], art: &mut Article) {
    for (i, c) in cands.iter().enumerate() {
        let text = c.text();
        let text = text.trim();
        if furniture::is_copyright(text) || furniture::is_related(text) {
            continue;
        }
        if boilerplate::is_reference(text) {
            push(art, BlockKind::Reference, text);
        } else if furniture::is_caption(text)
            && c.link_density < 0.5
            && !boilerplate::is_link_list(c)
        {
            push(art, BlockKind::Caption, text);
        } else if let Some(names) = furniture::byline(text) {
            add_authors(art, names);
            push(art, BlockKind::Byline, text);
        } else if i + 1 == cands.len()
            && let Some(k) = keywords(text)
        {
            art.keywords = k;
            push(art, BlockKind::Keywords, text);
        }
    }
}

static KEYWORD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    furniture::re(r"^(?i)(?:keywords?|tags?|키워드|태그|관련\s*키워드)\s*[:：]?\s*")
});

/// A keywords line: three or more short comma-separated phrases, not a sentence.
pub fn keywords(text: &str) -> Option<Vec<String>> {
    let labelled = KEYWORD_LABEL.find(text).filter(|m| m.end() > 0);
    let body = labelled.map_or(text, |m| &text[m.end()..]);
    if body.chars().count() > 400 || furniture::ends_sentence(body) && labelled.is_none() {
        return None;
    }
    let items: Vec<String> = if body.contains('#') && !body.contains(',') {
        body.split('#')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        body.split([',', '，', '、'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let ok = items.len() >= 3
        && items.iter().all(|k| {
            let n = k.chars().count();
            (1..=40).contains(&n)
                && k.split_whitespace().count() <= 5
                && !k.ends_with(['.', '?', '!'])
        });
    ok.then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_lines() {
        assert_eq!(
            keywords(
                "Taiwan arms sales, US-China military talks, Biden, North Korea's nuclear program"
            ),
            Some(vec![
                "Taiwan arms sales".into(),
                "US-China military talks".into(),
                "Biden".into(),
                "North Korea's nuclear program".into()
            ])
        );
        assert_eq!(
            keywords("태그: 북한, 러시아, 중국"),
            Some(vec!["북한".into(), "러시아".into(), "중국".into()])
        );
        assert_eq!(
            keywords("He met Kim, Putin, and Xi, and then left for home."),
            None
        );
    }

    #[test]
    fn titles_prefer_the_longer_form() {
        let mut t = Titles::default();
        assert!(t.offer("US-China First High-Level Military Talks", Lang::En));
        assert!(t.offer(
            "US-China First High-Level Military Talks, Nuclear Disarmament",
            Lang::En
        ));
        assert_eq!(
            t.en.as_deref(),
            Some("US-China First High-Level Military Talks, Nuclear Disarmament")
        );
        assert!(!t.offer("Another headline", Lang::En));
        let mut t = Titles::default();
        assert!(t.offer("Rates held steady | Wire News", Lang::En));
        assert!(t.offer("Rates held steady", Lang::En));
        assert_eq!(t.en.as_deref(), Some("Rates held steady"));
    }
}
