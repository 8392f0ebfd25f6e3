//! What the reader shows for one article: its segments in reading order (a pair, or an unpaired
//! block), sentence-pair ranges for sentence mode, and the wrapped rows per layout.
//!
//! Built once per article on a worker thread; wrapped once per column width and cached.

use std::ops::Range;

use crate::model::{Article, Bitext, BlockKind, Lang, Language, Segment};
use crate::text::sanitize;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::{Row, wrap};

use super::config::Layout;

/// One sentence bead of a pair: byte ranges of its Korean and its English sentences.
pub type BeadRanges = (Vec<Range<usize>>, Vec<Range<usize>>);

/// One reader row-group: a pair, or a block with no counterpart (the other side `None`).
#[derive(Debug, Clone)]
pub struct Seg {
    pub kind: BlockKind,
    pub ko: Option<String>,
    pub en: Option<String>,
    /// Sentence beads of this pair: byte ranges into `ko` and `en`.
    pub beads: Vec<BeadRanges>,
}

/// A parsed, aligned article ready for the reader.
#[derive(Debug, Clone)]
pub struct Doc {
    pub article: Article,
    pub title: String,
    pub title_en: Option<String>,
    pub segs: Vec<Seg>,
    /// Two languages to show side by side (see `build`).
    pub bilingual: bool,
}

impl Doc {
    pub fn build(article: Article, bitext: &Bitext) -> Doc {
        let mut segs = Vec::with_capacity(bitext.order.len());
        for seg in &bitext.order {
            match *seg {
                Segment::Pair(i) => {
                    let Some(p) = bitext.pairs.get(i) else {
                        continue;
                    };
                    let ko = sanitize(&p.ko);
                    let en = sanitize(&p.en);
                    let mut beads = Vec::new();
                    let (mut kc, mut ec) = (0, 0);
                    for &b in &p.beads {
                        let Some(bead) = bitext.beads.get(b) else {
                            continue;
                        };
                        let kr = locate(&ko, &mut kc, &bead.0, &bitext.ko_sentences);
                        let er = locate(&en, &mut ec, &bead.1, &bitext.en_sentences);
                        if !kr.is_empty() || !er.is_empty() {
                            beads.push((kr, er));
                        }
                    }
                    segs.push(Seg {
                        kind: p.kind,
                        ko: Some(ko),
                        en: Some(en),
                        beads,
                    });
                }
                Segment::Unpaired(i) => {
                    let Some(u) = bitext.unpaired.get(i) else {
                        continue;
                    };
                    let text = Some(sanitize(&u.text));
                    let (ko, en) = if u.lang == Lang::En {
                        (None, text)
                    } else {
                        (text, None)
                    };
                    segs.push(Seg {
                        kind: u.kind,
                        ko,
                        en,
                        beads: Vec::new(),
                    });
                }
            }
        }
        // Two languages to show side by side: the aligner paired something, or the article
        // says it is bilingual. (A Korean article with one English byline is not.)
        let bilingual = segs.iter().any(|s| s.ko.is_some())
            && segs.iter().any(|s| s.en.is_some())
            && (!bitext.pairs.is_empty()
                || matches!(article.language, Language::KoEn | Language::Other));
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(|t| sanitize::fold_whitespace(&sanitize(t)))
                .filter(|t| !t.is_empty())
        };
        let title_en = clean(&article.title_en);
        let title = clean(&article.title)
            .or_else(|| title_en.clone())
            .or_else(|| {
                std::path::Path::new(&article.path)
                    .file_name()
                    .map(|f| sanitize(&f.to_string_lossy()))
            })
            .unwrap_or_default();
        let title_en = title_en.filter(|t| *t != title);
        Doc {
            article,
            title,
            title_en,
            segs,
            bilingual,
        }
    }

    /// The title as the reader's pane and a wide library row show it: the English title after
    /// the Korean one when there are both.
    pub fn display_title(&self) -> String {
        match &self.title_en {
            Some(en) => format!("{}  ·  {en}", self.title),
            None => self.title.clone(),
        }
    }

    /// KO, EN, KO+EN, or OTHER for pages in neither language (Chinese, Japanese …), whose
    /// text the aligner keeps on the Korean side.
    pub fn badge(&self) -> &'static str {
        match self.article.language {
            Language::Ko => "KO",
            Language::En => "EN",
            Language::KoEn => "KO+EN",
            Language::Other => "OTHER",
        }
    }
}

/// Find the sentences of one bead side inside the pair's text, moving forward from `cursor`.
fn locate(
    text: &str,
    cursor: &mut usize,
    idx: &[usize],
    sentences: &[crate::model::Sentence],
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for &i in idx {
        let Some(s) = sentences.get(i) else { continue };
        let needle = sanitize(&s.text);
        let needle = needle.trim();
        if needle.is_empty() {
            continue;
        }
        let found = text
            .get(*cursor..)
            .and_then(|t| t.find(needle))
            .map(|p| p + *cursor)
            .or_else(|| text.find(needle));
        if let Some(p) = found {
            out.push(p..p + needle.len());
            *cursor = p + needle.len();
        }
    }
    out
}

/// The columns the reader draws in, for one layout and width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub layout: Layout,
    /// Text width of the Korean side (0 when hidden).
    pub ko: usize,
    pub en: usize,
}

/// Wrapped rows of one segment and where it sits.
#[derive(Debug, Clone)]
pub struct SegRows {
    pub top: usize,
    /// Rows including the rule row below it (0 when the layout hides the segment).
    pub height: usize,
    pub ko: Vec<Row>,
    pub en: Vec<Row>,
}

/// All segments wrapped for one set of columns.
#[derive(Debug, Clone)]
pub struct Wrapped {
    pub columns: Columns,
    pub segs: Vec<SegRows>,
    pub total: usize,
}

/// Columns a block kind is indented by (list bullet, quote bar).
pub fn indent(kind: BlockKind) -> usize {
    match kind {
        BlockKind::ListItem | BlockKind::Quote => 2,
        _ => 0,
    }
}

impl Wrapped {
    pub fn new(doc: &Doc, columns: Columns, ambiguous: AmbiguousWidth) -> Wrapped {
        let mut segs = Vec::with_capacity(doc.segs.len());
        let mut top = 0;
        for seg in &doc.segs {
            let ind = indent(seg.kind);
            let side = |text: &Option<String>, w: usize| match text {
                Some(t) if w > 0 => wrap(t, w.saturating_sub(ind).max(1), ambiguous),
                _ => Vec::new(),
            };
            let ko = side(&seg.ko, columns.ko);
            let en = side(&seg.en, columns.en);
            let body = match columns.layout {
                Layout::SideBySide => ko.len().max(en.len()),
                _ => ko.len() + en.len(),
            };
            let height = if body > 0 { body + 1 } else { 0 };
            segs.push(SegRows {
                top,
                height,
                ko,
                en,
            });
            top += height;
        }
        Wrapped {
            columns,
            segs,
            total: top,
        }
    }

    /// The segment a global row falls in.
    pub fn seg_at(&self, row: usize) -> Option<usize> {
        let i = self.segs.partition_point(|s| s.top + s.height <= row);
        (i < self.segs.len()).then_some(i)
    }
}
