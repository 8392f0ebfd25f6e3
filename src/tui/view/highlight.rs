//! What the reader paints highlighted in a passage, as a list of byte ranges with a kind:
//! the sentence under the cursor, the selected entity's mentions. The reader draws them in list
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
