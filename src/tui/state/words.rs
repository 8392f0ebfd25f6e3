//! Words in the reader (issue 20): the open article's words with their dictionary forms and
//! the words they translate on the other side of their sentence pair (built on a worker when
//! an article opens, [`ArticleWords::build`]), the word popup's selection ([`WordPopup`]), the
//! learner's statuses, the marking of unknown words, and the share of known words per article.
//!
//! Every word is a byte range of one side of a passage, as entity mentions and sentence beads
//! are: its row on screen comes from `Wrapped::row_of`, a click finds it through
//! [`offset_at`], and the reader highlights it like any other span.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::library::dictionary::Found;
use crate::library::words::{Seen, Status};
use crate::library::{ArticleId, Library};
use crate::text::width::AmbiguousWidth;
use crate::tui::state::doc::{Doc, Passage, indent};
use crate::tui::state::layout::{Geometry, Layout, Side};
use crate::tui::state::library_list::EntryId;
use crate::tui::state::reading::Reader;
use crate::words::{self, Model, Names, tokens};

/// One word of a passage side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSpot {
    /// Bytes of the side's text.
    pub range: Range<usize>,
    /// Korean: its dictionary forms, best first (never empty). English: none.
    pub lemmas: Vec<String>,
    /// The words it translates: indices into the other side's words of the same passage.
    pub links: Vec<usize>,
    /// The sentence pair it was aligned in (index into [`PassageWords::beads`]); `None` when
    /// the passage has no counterpart there.
    pub bead: Option<usize>,
}

impl WordSpot {
    pub fn lemma(&self) -> Option<&str> {
        self.lemmas.first().map(String::as_str)
    }
}

/// The words of one passage, each side in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassageWords {
    pub ko: Vec<WordSpot>,
    pub en: Vec<WordSpot>,
    /// The sentence pairs aligned: (Korean bytes, English bytes) of the passage's texts.
    pub beads: Vec<(Range<usize>, Range<usize>)>,
}

impl PassageWords {
    pub fn side(&self, side: Side) -> &[WordSpot] {
        match side {
            Side::Ko => &self.ko,
            Side::En => &self.en,
        }
    }
}

/// What the library knows of a lemma: its dictionary headwords and how often it occurs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LemmaInfo {
    pub entries: Vec<Found>,
    /// Occurrences in the library and in how many articles (0, 0 before they are counted).
    pub frequency: (i64, i64),
}

/// What the library had to offer when the words were built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LibraryWords {
    /// A library was there to ask.
    pub present: bool,
    pub has_dictionary: bool,
    /// Sentence pairs the library's word model learnt from (0: no model).
    pub model_pairs: usize,
}

/// The words of an open article.
#[derive(Debug, Clone, Default)]
pub struct ArticleWords {
    pub passages: Vec<PassageWords>,
    /// By Korean lemma (the first candidate): what the library says of it.
    pub info: HashMap<String, LemmaInfo>,
    /// How often each Korean lemma occurs in this article.
    pub counts: HashMap<String, usize>,
    pub library: LibraryWords,
}

/// One sentence pair to align: where it is, and its two texts.
struct Item {
    passage: usize,
    bead: usize,
}

impl ArticleWords {
    /// Find the words of every passage, align each sentence pair's words (trained on the
    /// article's own pairs, with the library's `model` as prior knowledge), read them knowing
    /// the article's tagged `names` ([`article_names`]) and look the lemmas up in `lib`. Pure
    /// but for reading `lib`; slow on a long article: a worker's job.
    pub fn build(
        doc: &Doc,
        model: Option<&Model>,
        lib: Option<&Library>,
        names: &Names,
    ) -> ArticleWords {
        let mut passages: Vec<PassageWords> = doc.passages.iter().map(beads_of).collect();
        let items: Vec<Item> = passages
            .iter()
            .enumerate()
            .flat_map(|(passage, p)| (0..p.beads.len()).map(move |bead| Item { passage, bead }))
            .collect();
        let texts: Vec<(&str, &str)> = items
            .iter()
            .map(|it| {
                let p = &doc.passages[it.passage];
                let (ko, en) = &passages[it.passage].beads[it.bead];
                (slice(p, Side::Ko, ko), slice(p, Side::En, en))
            })
            .collect();
        let aligned = words::align_in(&texts, model, &words::Settings::default(), names);
        for ((it, links), (ko_text, en_text)) in items.iter().zip(aligned).zip(&texts) {
            let pw = &mut passages[it.passage];
            let (ko_span, en_span) = pw.beads[it.bead].clone();
            let en_tokens = tokens::english_words(en_text);
            let en_base = pw.en.len();
            pw.en.extend(en_tokens.iter().map(|t| WordSpot {
                range: bytes(en_text, en_span.start, t.start, t.end),
                lemmas: Vec::new(),
                links: Vec::new(),
                bead: Some(it.bead),
            }));
            for l in links {
                let targets =
                    l.en.iter()
                        .filter_map(|e| en_tokens.iter().position(|t| t.start == e.start))
                        .map(|j| en_base + j)
                        .collect();
                pw.ko.push(WordSpot {
                    range: bytes(ko_text, ko_span.start, l.word.start, l.word.end),
                    lemmas: l.lemmas,
                    links: targets,
                    bead: Some(it.bead),
                });
            }
        }
        for (p, pw) in doc.passages.iter().zip(&mut passages) {
            fill_gaps(p, pw, names);
            link_back(pw);
        }
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut first_seen: Vec<(String, String, Vec<String>)> = Vec::new();
        for (p, pw) in doc.passages.iter().zip(&passages) {
            for w in &pw.ko {
                let Some(text) = p.ko.as_deref().and_then(|t| t.get(w.range.clone())) else {
                    continue;
                };
                if !tokens::is_korean(text) {
                    continue;
                }
                let lemma = w.lemma().unwrap_or(text).to_string();
                let n = counts.entry(lemma.clone()).or_insert(0);
                if *n == 0 {
                    first_seen.push((lemma, text.to_string(), w.lemmas.clone()));
                }
                *n += 1;
            }
        }
        let mut out = ArticleWords {
            passages,
            counts,
            ..ArticleWords::default()
        };
        if let Some(lib) = lib {
            out.library = LibraryWords {
                present: true,
                has_dictionary: lib.has_dictionary().unwrap_or(false),
                model_pairs: model.map_or(0, |m| m.pairs),
            };
            for (lemma, word, lemmas) in first_seen {
                let entries = if out.library.has_dictionary {
                    lib.lookup_word(&word, &lemmas).unwrap_or_default()
                } else {
                    Vec::new()
                };
                let frequency = lib.lemma_frequency(&lemma).unwrap_or_default();
                out.info.insert(lemma, LemmaInfo { entries, frequency });
            }
        }
        out
    }

    pub fn spot(&self, passage: usize, side: Side, index: usize) -> Option<&WordSpot> {
        self.passages.get(passage)?.side(side).get(index)
    }

    /// The word of `side` of `passage` at byte `offset`, if one is there.
    pub fn spot_at(&self, passage: usize, side: Side, offset: usize) -> Option<usize> {
        self.passages
            .get(passage)?
            .side(side)
            .iter()
            .position(|w| w.range.contains(&offset))
    }

    /// The Korean word the popup is about: its own, or (on an English word) the Korean word
    /// Tab came from when it is aligned with it, else the first one it is aligned with.
    pub fn korean_index(&self, popup: WordPopup) -> Option<usize> {
        let w = self.spot(popup.passage, popup.side, popup.index)?;
        match popup.side {
            Side::Ko => Some(popup.index),
            Side::En => popup
                .from
                .filter(|i| w.links.contains(i))
                .or_else(|| w.links.first().copied()),
        }
    }

    /// The Korean lemma a status set in the popup is about ([`ArticleWords::korean_index`]).
    pub fn korean_lemma(&self, popup: WordPopup) -> Option<&str> {
        let i = self.korean_index(popup)?;
        self.spot(popup.passage, Side::Ko, i)?.lemma()
    }

    /// Where a word was seen, for its Anki card: its sentence pair with the word and the words
    /// aligned to it.
    pub fn seen(
        &self,
        doc: &Doc,
        article: Option<ArticleId>,
        passage: usize,
        index: usize,
    ) -> Option<Seen> {
        let pw = self.passages.get(passage)?;
        let p = doc.passages.get(passage)?;
        let w = pw.ko.get(index)?;
        let ko = p.ko.as_deref()?;
        let (ko_span, en_span) = match w.bead.and_then(|b| pw.beads.get(b)) {
            Some((k, e)) => (k.clone(), e.clone()),
            None => (0..ko.len(), 0..0),
        };
        let en =
            p.en.as_deref()
                .and_then(|t| t.get(en_span.clone()))
                .unwrap_or("");
        let chars = |text: &str, base: usize, r: &Range<usize>| {
            let at = |b: usize| {
                text.get(..b.saturating_sub(base))
                    .map_or(0, |s| s.chars().count())
            };
            (at(r.start), at(r.end))
        };
        let ko_sentence = ko.get(ko_span.clone())?;
        Some(Seen {
            word: ko.get(w.range.clone())?.to_string(),
            article,
            ko: ko_sentence.to_string(),
            ko_span: chars(ko_sentence, ko_span.start, &w.range),
            en: en.to_string(),
            en_spans: w
                .links
                .iter()
                .filter_map(|&j| pw.en.get(j))
                .map(|e| chars(en, en_span.start, &e.range))
                .collect(),
        })
    }
}

/// The Korean names of the entities the tagger finds in the article (its mentions as written,
/// without their particles): the words that are names there.
pub fn article_names(doc: &Doc) -> Names {
    let ents = crate::tui::state::entities::ArticleEntities::build(doc);
    Names::new(
        ents.spots
            .iter()
            .filter(|s| s.side == Side::Ko)
            .filter_map(|s| {
                doc.passages
                    .get(s.passage)?
                    .text(Side::Ko)?
                    .get(s.range.clone())
            }),
    )
}

/// The sentence pairs of a passage as contiguous byte spans of its two texts: each bead from
/// its first sentence's start to its last one's end; a pair with no beads found is one.
fn beads_of(p: &Passage) -> PassageWords {
    let span = |ranges: &[Range<usize>]| -> Option<Range<usize>> {
        let start = ranges.iter().map(|r| r.start).min()?;
        let end = ranges.iter().map(|r| r.end).max()?;
        (end > start).then_some(start..end)
    };
    let mut beads: Vec<(Range<usize>, Range<usize>)> = p
        .beads
        .iter()
        .filter_map(|(ko, en)| Some((span(ko)?, span(en)?)))
        .collect();
    if p.beads.is_empty()
        && let (Some(ko), Some(en)) = (&p.ko, &p.en)
    {
        beads.push((0..ko.len(), 0..en.len()));
    }
    PassageWords {
        beads,
        ..PassageWords::default()
    }
}

fn slice<'a>(p: &'a Passage, side: Side, r: &Range<usize>) -> &'a str {
    p.text(side).and_then(|t| t.get(r.clone())).unwrap_or("")
}

/// Characters `start..end` of `text` (which begins at byte `base` of its passage side) as
/// bytes of the passage side.
fn bytes(text: &str, base: usize, start: usize, end: usize) -> Range<usize> {
    let mut at = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let s = at.nth(start).unwrap_or(text.len());
    let e = if end > start {
        at.nth(end - start - 1).unwrap_or(text.len())
    } else {
        s
    };
    base + s..base + e
}

/// Words of the text no aligned pair covers (a block with no counterpart, a sentence left
/// out of the pairs): found and lemmatised, linked to nothing. Then both sides in reading
/// order, the links renumbered.
fn fill_gaps(p: &Passage, pw: &mut PassageWords, names: &Names) {
    for side in [Side::Ko, Side::En] {
        let Some(text) = p.text(side) else { continue };
        let mut covered: Vec<Range<usize>> = pw
            .beads
            .iter()
            .map(|(k, e)| {
                if side == Side::Ko {
                    k.clone()
                } else {
                    e.clone()
                }
            })
            .collect();
        covered.sort_by_key(|r| r.start);
        let mut gaps = Vec::new();
        let mut at = 0;
        for r in &covered {
            if r.start > at {
                gaps.push(at..r.start);
            }
            at = at.max(r.end);
        }
        if at < text.len() {
            gaps.push(at..text.len());
        }
        for gap in gaps {
            let Some(part) = text.get(gap.clone()) else {
                continue;
            };
            let found = match side {
                Side::Ko => tokens::words(part),
                Side::En => tokens::english_words(part),
            };
            let spots = found.into_iter().map(|t| WordSpot {
                range: bytes(part, gap.start, t.start, t.end),
                lemmas: match side {
                    Side::Ko => words::lemma::lemmas_in(&t.text, names),
                    Side::En => Vec::new(),
                },
                links: Vec::new(),
                bead: None,
            });
            match side {
                Side::Ko => pw.ko.extend(spots),
                Side::En => pw.en.extend(spots),
            }
        }
    }
    // Reading order; the Korean words' links follow the English words to their new places.
    let mut order: Vec<usize> = (0..pw.en.len()).collect();
    order.sort_by_key(|&j| pw.en[j].range.start);
    let mut new_index = vec![0; pw.en.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let en = std::mem::take(&mut pw.en);
    let mut slots: Vec<Option<WordSpot>> = en.into_iter().map(Some).collect();
    pw.en = order.iter().filter_map(|&j| slots[j].take()).collect();
    for w in &mut pw.ko {
        for l in &mut w.links {
            *l = new_index[*l];
        }
    }
    pw.ko.sort_by_key(|w| w.range.start);
}

/// Each English word's links: the Korean words aligned to it.
fn link_back(pw: &mut PassageWords) {
    for w in &mut pw.en {
        w.links.clear();
    }
    for (i, w) in pw.ko.iter().enumerate() {
        for &j in &w.links {
            if let Some(e) = pw.en.get_mut(j) {
                e.links.push(i);
            }
        }
    }
}

/// The selected word of the popup: a word of one side of a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordPopup {
    pub passage: usize,
    pub side: Side,
    pub index: usize,
    /// The word of the other side Tab crossed from, where the next Tab goes back to (the
    /// links read backwards, even when that word shares this one with another, or had none).
    pub from: Option<usize>,
}

/// How a word is marked when unknown words are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    /// No status yet, or 0.
    New,
    /// 1 to 4.
    Learning,
}

/// How a status marks a word (known, ignored and 5 are not marked).
pub fn marking(status: Option<Status>) -> Option<Marking> {
    match status {
        None | Some(Status::Learning(0)) => Some(Marking::New),
        Some(Status::Learning(1..=4)) => Some(Marking::Learning),
        Some(_) => None,
    }
}

/// The words of the session: the open articles' words, the learner's statuses, the marking
/// toggle and the list's known shares.
#[derive(Debug, Default)]
pub struct WordsState {
    /// Built words of the documents opened (entry, the document they were built from).
    pub(in crate::tui) built: Vec<(EntryId, Arc<Doc>, Arc<ArticleWords>)>,
    /// The entry a job is building words for.
    pub(in crate::tui) building: Option<EntryId>,
    /// `w` was pressed before the words were built: open the popup when they are.
    pub(in crate::tui) select_when_built: bool,
    /// Every status as the library had it, once read (`None` before).
    pub(in crate::tui) statuses: Option<HashMap<String, Status>>,
    /// Statuses set in this session (they win over a read that was under way).
    pub(in crate::tui) changed: HashMap<String, Status>,
    /// Mark the unknown words of the Korean column.
    pub(in crate::tui) mark_unknown: bool,
    /// The share of known words of each counted library article.
    pub(in crate::tui) shares: HashMap<ArticleId, f64>,
    /// The library's word model, once read or trained.
    pub(in crate::tui) model: Option<Arc<Model>>,
    /// The library's word model is being trained.
    pub(in crate::tui) training: bool,
    /// The library settled and is being paired: once its pairs are found, train the word
    /// model (writing it, when `true`), as it learns from the KO+EN pairs too.
    pub(in crate::tui) train_after_pairs: Option<bool>,
}

impl WordsState {
    /// The words of this document, if built.
    pub fn of(&self, entry: EntryId, doc: &Arc<Doc>) -> Option<&Arc<ArticleWords>> {
        super::entities::built_for(&self.built, entry, doc)
    }

    pub(in crate::tui) fn insert(&mut self, entry: EntryId, doc: Arc<Doc>, w: Arc<ArticleWords>) {
        if self.building == Some(entry) {
            self.building = None;
        }
        self.built.retain(|(e, _, _)| *e != entry);
        self.built.push((entry, doc, w));
        if self.built.len() > 4 {
            self.built.remove(0);
        }
    }

    /// A lemma's status: as set in this session, else as the library has it.
    pub fn status(&self, lemma: &str) -> Option<Status> {
        self.changed
            .get(lemma)
            .or_else(|| self.statuses.as_ref()?.get(lemma))
            .copied()
    }

    pub fn marks_unknown(&self) -> bool {
        self.mark_unknown
    }

    /// The share of known words of a library article, once counted.
    pub fn share(&self, article: ArticleId) -> Option<f64> {
        self.shares.get(&article).copied()
    }

    pub fn has_shares(&self) -> bool {
        !self.shares.is_empty()
    }
}

/// Where the word popup goes: in the reader's text area, at its bottom when the word is in the
/// upper half, else at its top, so the word stays in sight (`update` hit-tests clicks with the
/// same rectangle the view draws).
pub fn popup_rect(g: &Geometry, word_row: Option<u16>) -> ratatui::layout::Rect {
    let t = g.text;
    let w = t.width.saturating_sub(2).min(76);
    let h = (t.height * 45 / 100).clamp(7, 14).min(t.height);
    let x = t.x + (t.width - w) / 2;
    let upper = word_row.is_none_or(|r| r < t.y + t.height / 2);
    let y = if upper { t.bottom() - h } else { t.y };
    ratatui::layout::Rect::new(x, y, w, h)
}

/// The screen row of a word (its first character), if it is on screen.
pub fn word_row(
    r: &Reader,
    g: &Geometry,
    passage: usize,
    side: Side,
    offset: usize,
) -> Option<u16> {
    let row = r.wrapped()?.row_of(passage, side, offset)?;
    let on = row.checked_sub(r.scroll()).filter(|&k| k < g.page())?;
    Some(g.text.y + u16::try_from(on).ok()?)
}

/// The passage, side and byte of the reader's text under screen cell (`column`, `row`), if
/// text is drawn there.
pub fn offset_at(
    r: &Reader,
    g: &Geometry,
    amb: AmbiguousWidth,
    column: u16,
    row: u16,
) -> Option<(usize, Side, usize)> {
    let w = r.wrapped()?;
    if row < g.text.y || row >= g.text.bottom() {
        return None;
    }
    let global = r.scroll() + usize::from(row - g.text.y);
    let i = w.passage_at(global)?;
    let rows = w.passages.get(i)?;
    let lines = rows.lines_at(global - rows.top, &w.columns);
    let first = w.columns.first;
    let side = if w.columns.layout == Layout::SideBySide {
        if column >= g.right_x {
            first.other()
        } else {
            first
        }
    } else if lines[Side::Ko as usize].is_some() {
        Side::Ko
    } else {
        Side::En
    };
    let line = rows.rows(side).get(lines[side as usize]?)?;
    let passage = r.doc().passages.get(i)?;
    let text = passage.text(side)?;
    let x0 = if w.columns.layout == Layout::SideBySide && side != first {
        g.right_x
    } else {
        g.left_x
    } + indent(passage.kind) as u16;
    let mut x = usize::from(x0);
    let mut hit = None;
    crate::text::wrap::cells(text, line.range(), amb, usize::MAX, |c| {
        if hit.is_none() && usize::from(column) < x + c.width && usize::from(column) >= x {
            hit = Some(c.start);
        }
        x += c.width;
    });
    Some((i, side, hit?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Language};

    fn doc(pairs: &[(&str, &str)]) -> Doc {
        let ko: Vec<String> = pairs.iter().map(|p| p.0.to_string()).collect();
        let en: Vec<String> = pairs.iter().map(|p| p.1.to_string()).collect();
        let bitext = crate::align::align_sentences(&ko, &en);
        Doc::build(
            Article {
                language: Language::KoEn,
                ..Article::default()
            },
            &bitext,
        )
    }

    #[test]
    fn words_are_byte_ranges_of_the_passage_and_links_go_both_ways() {
        let d = doc(&[(
            "설리번 보좌관이 대통령을 만났다.",
            "Adviser Sullivan met the president.",
        )]);
        let w = ArticleWords::build(&d, None, None, &Names::default());
        let p = &w.passages[0];
        let ko = d.passages[0].ko.as_deref().unwrap();
        let en = d.passages[0].en.as_deref().unwrap();
        let texts: Vec<&str> = p.ko.iter().map(|s| &ko[s.range.clone()]).collect();
        assert_eq!(texts, ["설리번", "보좌관이", "대통령을", "만났다"]);
        assert_eq!(p.ko[3].lemma(), Some("만나다"));
        let linked: Vec<&str> = p.ko[0]
            .links
            .iter()
            .map(|&j| &en[p.en[j].range.clone()])
            .collect();
        assert_eq!(linked, ["Sullivan"]);
        let sullivan =
            p.en.iter()
                .position(|s| &en[s.range.clone()] == "Sullivan")
                .unwrap();
        assert_eq!(p.en[sullivan].links, [0]);
        let on_sullivan = WordPopup {
            passage: 0,
            side: Side::En,
            index: sullivan,
            from: None,
        };
        assert_eq!(w.korean_lemma(on_sullivan), Some("설리번"));
        assert_eq!(w.counts.get("대통령"), Some(&1));
        let seen = w.seen(&d, None, 0, 2).unwrap();
        assert_eq!(seen.word, "대통령을");
        assert_eq!(seen.ko_span, (9, 13));
        let en_words: Vec<String> = seen
            .en_spans
            .iter()
            .map(|&(s, e)| seen.en.chars().skip(s).take(e - s).collect())
            .collect();
        assert_eq!(en_words, ["president"]);
    }

    #[test]
    fn a_block_with_no_counterpart_has_words_and_no_links() {
        let mut d = doc(&[("대통령이 말했다.", "The president spoke.")]);
        d.passages.push(Passage {
            kind: crate::model::BlockKind::Paragraph,
            ko: Some("국무부는 대화를 원한다.".into()),
            en: None,
            beads: Vec::new(),
        });
        let w = ArticleWords::build(&d, None, None, &Names::default());
        let last = w.passages.last().unwrap();
        assert_eq!(last.ko.len(), 3);
        assert!(
            last.ko
                .iter()
                .all(|s| s.links.is_empty() && s.bead.is_none())
        );
        assert_eq!(last.ko[0].lemma(), Some("국무부"));
    }

    #[test]
    fn statuses_mark_new_and_learning_words_only() {
        assert_eq!(marking(None), Some(Marking::New));
        assert_eq!(marking(Some(Status::Learning(0))), Some(Marking::New));
        assert_eq!(marking(Some(Status::Learning(3))), Some(Marking::Learning));
        assert_eq!(marking(Some(Status::Learning(5))), None);
        assert_eq!(marking(Some(Status::Known)), None);
        assert_eq!(marking(Some(Status::Ignored)), None);
    }
}
