//! What the reader paints highlighted in a passage, as a list of byte ranges with a kind:
//! the sentence under the cursor, the selected entity's mentions, the word popup's word and
//! its aligned words, the unknown words when they are marked. The reader draws them in list
//! order (later ones patch over earlier ones).

use std::ops::Range;

use crate::tui::app::App;
use crate::tui::state::layout::Side;
use crate::tui::state::reading::Reader;

/// What a highlight marks; the theme gives each kind its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HighlightKind {
    /// The sentence under the cursor in sentence mode.
    Sentence,
    /// A mention of the selected entity.
    Entity,
    /// The mention the `n`/`N` cursor is on.
    EntityCursor,
    /// The word the popup is on, and the words of the other language aligned with it.
    Word,
    /// A Korean word with no status (or 0), when unknown words are marked.
    NewWord,
    /// A Korean word with status 1 to 4, when unknown words are marked.
    LearningWord,
}

/// A byte range of one side of a passage, to be drawn highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub side: Side,
    pub range: Range<usize>,
    pub kind: HighlightKind,
}

/// The sentence cursor's highlights in passage `i` (both sides).
pub fn sentence(r: &Reader, i: usize) -> Vec<Highlight> {
    let mut out = Vec::new();
    let at = r.position();
    if at.passage == i
        && let Some(b) = at.sentence
        && let Some((ko, en)) = r.doc().passages.get(i).and_then(|p| p.beads.get(b))
    {
        for (side, ranges) in [(Side::Ko, ko), (Side::En, en)] {
            out.extend(ranges.iter().map(|range| Highlight {
                side,
                range: range.clone(),
                kind: HighlightKind::Sentence,
            }));
        }
    }
    out
}

/// The selected entity's mentions in passage `i`: highlight spans for the reader.
pub fn entity_mentions(app: &App, i: usize) -> Vec<Highlight> {
    let (Some(ents), Some(sel)) = (app.article_entities(), app.selected_entity()) else {
        return Vec::new();
    };
    let cursor = app.mention_cursor();
    let start = ents.spots.partition_point(|s| s.passage < i);
    ents.spots[start..]
        .iter()
        .take_while(|s| s.passage == i)
        .filter(|s| s.entity == sel)
        .map(|s| Highlight {
            side: s.side,
            range: s.range.clone(),
            kind: if Some(s) == cursor {
                HighlightKind::EntityCursor
            } else {
                HighlightKind::Entity
            },
        })
        .collect()
}

/// The words to mark in passage `i`: the unknown Korean words when marking is on, then the
/// popup's word and the words aligned with it (drawn over the marks).
pub fn words(app: &App, i: usize) -> Vec<Highlight> {
    use crate::tui::state::overlay::Overlay;
    use crate::tui::state::words::{Marking, marking};
    let mut out = Vec::new();
    let (Some(words), Some(r)) = (app.article_words(), app.reader()) else {
        return out;
    };
    let Some(pw) = words.passages.get(i) else {
        return out;
    };
    let state = app.words();
    if state.marks_unknown()
        && let Some(text) = r.doc().passages.get(i).and_then(|p| p.ko.as_deref())
    {
        for w in &pw.ko {
            let korean = text
                .get(w.range.clone())
                .is_some_and(crate::words::tokens::is_korean);
            let Some(lemma) = w.lemma().filter(|_| korean) else {
                continue;
            };
            let kind = match marking(state.status(lemma)) {
                Some(Marking::New) => HighlightKind::NewWord,
                Some(Marking::Learning) => HighlightKind::LearningWord,
                None => continue,
            };
            out.push(Highlight {
                side: Side::Ko,
                range: w.range.clone(),
                kind,
            });
        }
    }
    if let Some(Overlay::Word(popup)) = app.overlay()
        && popup.passage == i
        && let Some(w) = pw.side(popup.side).get(popup.index)
    {
        let other = pw.side(popup.side.other());
        let linked = w.links.iter().filter_map(|&j| other.get(j));
        out.push(Highlight {
            side: popup.side,
            range: w.range.clone(),
            kind: HighlightKind::Word,
        });
        out.extend(linked.map(|l| Highlight {
            side: popup.side.other(),
            range: l.range.clone(),
            kind: HighlightKind::Word,
        }));
    }
    out
}
