//! From a cleaned article (or two, or pre-split lines) to the two sides the aligner works on:
//! Korean and English blocks in document order, each cut into sentences.
//!
//! Titles are metadata in a cleaned `Article`; they come back here as the first block of their
//! side, so that titles can pair with titles. A block that repeats a title is dropped, and a
//! block that starts with one loses it. Blocks of mixed language are cut where the language of
//! the sentences changes; blocks of neither language go with the side around them.

use super::pairs::Side;
use crate::model::{Article, Block, BlockKind, Lang, Sentence};
use crate::text::{detect_lang, furniture, sentences};

/// Both sides of one article; `ko_first` when its first Korean block comes before its first
/// English one.
pub struct Sides {
    pub ko: Side,
    pub en: Side,
    pub ko_first: bool,
}

/// Split one bilingual article.
pub fn from_article(article: &Article) -> Sides {
    let mut b = SidesBuilder::default();
    let titles = titles_of(article);
    // The titles go first on their sides, in the order of the article's first body blocks.
    for t in &titles {
        let lang = match detect_lang(t) {
            Lang::En => Lang::En,
            Lang::Ko | Lang::Mixed => Lang::Ko,
            Lang::Other => continue,
        };
        b.push(lang, BlockKind::Title, t.trim().to_string());
    }
    // Subtitles and decks follow the titles; they are aligned like titles.
    for sub in article.subtitles.iter().filter(|t| !t.trim().is_empty()) {
        if is_foreign(sub) {
            continue;
        }
        let lang = match sentence_lang(sub) {
            Some(Lang::En) => Lang::En,
            Some(_) => Lang::Ko,
            None => continue,
        };
        b.push(lang, BlockKind::Subtitle, sub.trim().to_string());
    }
    let repeated: Vec<&str> = titles
        .iter()
        .copied()
        .chain(article.subtitles.iter().map(String::as_str))
        .collect();
    let mut current = None;
    for block in &article.blocks {
        // A repeated title or subtitle is not body text; a title opening a block is cut off.
        if furniture::repeats_title(&block.text, &repeated) {
            continue;
        }
        let text = furniture::strip_titles(block.text.trim(), &titles).to_string();
        // Chinese, Japanese …: neither side; shown unpaired, not aligned.
        if is_foreign(&text) {
            b.push_foreign(block.kind, text);
            continue;
        }
        // A block that is only an e-mail address or a link has no language of its own.
        let lang = match block.lang {
            Lang::Ko | Lang::En if sentence_lang(&text).is_none() => Lang::Other,
            l => l,
        };
        match lang {
            Lang::Ko | Lang::En => {
                current = Some(lang);
                b.push(lang, block.kind, text);
            }
            Lang::Mixed => {
                for (lang, run) in language_runs(&text, current.unwrap_or(Lang::Ko)) {
                    if lang == Lang::Other {
                        b.push_foreign(block.kind, run);
                    } else {
                        current = Some(lang);
                        b.push(lang, block.kind, run);
                    }
                }
            }
            Lang::Other => b.push(current.unwrap_or(Lang::Ko), block.kind, text),
        }
    }
    b.finish()
}

/// Two articles, one per language, either order: the one with more Hangul is Korean. Two
/// articles of the same language both go on that side, leaving the other empty.
pub fn from_two(a: &Article, bb: &Article) -> Sides {
    let lang_of = |share: f64| if share >= 0.5 { Lang::Ko } else { Lang::En };
    let (sa, sb) = (hangul_share(a), hangul_share(bb));
    let (ko, en) = if sa >= sb { (a, bb) } else { (bb, a) };
    // Each file keeps its own language; only when they differ do they face each other.
    let (lang_ko, lang_en) = if lang_of(sa) == lang_of(sb) {
        (lang_of(sa), lang_of(sb))
    } else {
        (Lang::Ko, Lang::En)
    };
    let mut b = SidesBuilder::default();
    for (art, lang) in [(ko, lang_ko), (en, lang_en)] {
        let titles = titles_of(art);
        // A single-language file: its title (whichever field holds it) is on this side.
        if let Some(t) = titles
            .iter()
            .find(|t| matches!(detect_lang(t), l if side_of(l, lang)))
        {
            b.push(lang, BlockKind::Title, t.trim().to_string());
        }
        for block in &art.blocks {
            let text = block.text.trim();
            if furniture::repeats_title(text, &titles) {
                continue;
            }
            b.push(lang, block.kind, text.to_string());
        }
    }
    let mut sides = b.finish();
    sides.ko_first = true;
    sides
}

/// Pre-split sentences: one block and one sentence per line, so indices are line numbers.
pub fn from_lines(ko: &[String], en: &[String]) -> Sides {
    let side = |lines: &[String], lang: Lang| {
        let mut s = Side::default();
        for (i, line) in lines.iter().enumerate() {
            s.blocks.push(Block {
                kind: BlockKind::Paragraph,
                lang,
                text: line.clone(),
            });
            s.pos.push(i);
            s.sentences.push(Sentence {
                text: line.clone(),
                block: i,
                start: 0,
                end: line.len(),
            });
        }
        s
    };
    Sides {
        ko: side(ko, Lang::Ko),
        en: side(en, Lang::En),
        ko_first: true,
    }
}

/// The article's non-blank titles: `title`, then `title_en`.
fn titles_of(article: &Article) -> Vec<&str> {
    [article.title.as_deref(), article.title_en.as_deref()]
        .into_iter()
        .flatten()
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn side_of(detected: Lang, side: Lang) -> bool {
    match side {
        Lang::En => detected == Lang::En,
        _ => detected != Lang::En,
    }
}

fn hangul_share(a: &Article) -> f64 {
    let mut hangul = 0usize;
    let mut total = 0usize;
    let texts = a
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .chain(a.title.as_deref());
    for t in texts {
        let n = crate::text::lang::count_scripts(t);
        hangul += n.hangul * 3;
        total += n.hangul * 3 + n.latin;
    }
    if total == 0 {
        0.0
    } else {
        hangul as f64 / total as f64
    }
}

/// Cut a mixed block into runs of one language at sentence bounds (`Other` for Chinese,
/// Japanese …); a sentence with no language of its own goes with the one before it.
fn language_runs(text: &str, start: Lang) -> Vec<(Lang, String)> {
    let class = |s: &str| {
        if is_foreign(s) {
            Some(Lang::Other)
        } else {
            sentence_lang(s)
        }
    };
    sentences::runs(text, Some(start), class)
        .into_iter()
        .map(|(l, r)| (l.unwrap_or(start), text[r].to_string()))
        .collect()
}

/// Text in another script (Chinese, Japanese …) with no Hangul.
fn is_foreign(s: &str) -> bool {
    let n = crate::text::lang::count_scripts(s);
    n.hangul == 0 && n.other > 0 && n.other * 2 > n.latin
}

/// The language of one sentence, with e-mail addresses and links left out (a Korean byline
/// `이서연 기자 lee.seoyeon@example.co.kr` is Korean); mixed text goes by the weightier script.
fn sentence_lang(s: &str) -> Option<Lang> {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !w.contains('@') && !w.contains("://") && !w.starts_with("www."))
        .collect();
    let t = words.join(" ");
    match detect_lang(&t) {
        Lang::Ko => Some(Lang::Ko),
        Lang::En => Some(Lang::En),
        Lang::Mixed => {
            let n = crate::text::lang::count_scripts(&t);
            Some(if n.hangul * 3 >= n.latin {
                Lang::Ko
            } else {
                Lang::En
            })
        }
        Lang::Other => None,
    }
}

#[derive(Default)]
struct SidesBuilder {
    ko: Side,
    en: Side,
    next_pos: usize,
    first: Option<Lang>,
}

impl SidesBuilder {
    fn push(&mut self, lang: Lang, kind: BlockKind, text: String) {
        if text.trim().is_empty() {
            return;
        }
        // A "title" of several long sentences is a body paragraph taken for a title.
        let kind = if kind == BlockKind::Title
            && text.chars().count() > 80
            && sentences::split(&text).len() >= 2
        {
            BlockKind::Paragraph
        } else {
            kind
        };
        // Anything but English goes on the Korean side, as Korean.
        let lang = if lang == Lang::En { Lang::En } else { Lang::Ko };
        let side = if lang == Lang::En {
            &mut self.en
        } else {
            &mut self.ko
        };
        if kind != BlockKind::Title && self.first.is_none() {
            self.first = Some(lang);
        }
        let block = side.blocks.len();
        // Titles, headings, references and keyword lines are one sentence each.
        let whole = matches!(
            kind,
            BlockKind::Title
                | BlockKind::Subtitle
                | BlockKind::Heading
                | BlockKind::Reference
                | BlockKind::Keywords
                | BlockKind::Byline
                | BlockKind::Caption
        );
        let ranges = if whole {
            std::iter::once(0..text.len()).collect()
        } else {
            sentences::split(&text)
        };
        for r in ranges {
            side.sentences.push(Sentence {
                text: text[r.clone()].to_string(),
                block,
                start: r.start,
                end: r.end,
            });
        }
        side.blocks.push(Block { kind, lang, text });
        side.pos.push(self.next_pos);
        self.next_pos += 1;
    }

    /// A block in neither language: kept with the Korean blocks (as `Unpaired` documents for
    /// languages other than English), with no sentences, so it is shown but never aligned.
    fn push_foreign(&mut self, kind: BlockKind, text: String) {
        if text.trim().is_empty() {
            return;
        }
        self.ko.blocks.push(Block {
            kind,
            lang: Lang::Other,
            text,
        });
        self.ko.pos.push(self.next_pos);
        self.next_pos += 1;
    }

    fn finish(self) -> Sides {
        Sides {
            ko_first: self.first != Some(Lang::En),
            ko: self.ko,
            en: self.en,
        }
    }
}
