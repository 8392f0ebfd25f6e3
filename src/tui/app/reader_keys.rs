//! Keys of the reader pane: moving by pair or sentence, the layout, entity keys.

use super::App;
use crate::tui::action::Action;
use crate::tui::state::layout::Layout;

pub(super) fn reader_settings(app: &mut App, action: Action) {
    match action {
        Action::CycleLayout => {
            let bilingual = app.reader.as_ref().is_none_or(|r| r.doc.bilingual);
            if bilingual {
                let current = app.geom.layout.or(app.layout).unwrap_or(Layout::SideBySide);
                let next = current.next();
                app.layout = Some(next);
                app.status = Some(format!("layout: {}", next.label()));
            } else {
                app.status = Some("this article has one language".into());
            }
        }
        Action::Narrower => app.ratio = app.ratio.saturating_sub(5).max(20),
        Action::Wider => app.ratio = (app.ratio + 5).min(80),
        Action::SwapSides => app.swapped = !app.swapped,
        _ => {}
    }
}

pub(super) fn reader_action(app: &mut App, action: Action) {
    let page = app.geom.page();
    let Some(r) = app.reader.as_mut() else {
        return;
    };
    let half = (page / 2).max(1) as isize;
    match action {
        Action::Down => r.down(page),
        Action::Up => r.up(page),
        Action::HalfPageDown => r.scroll_by(half, page),
        Action::HalfPageUp => r.scroll_by(-half, page),
        Action::PageDown => r.scroll_by(page as isize, page),
        Action::PageUp => r.scroll_by(-(page as isize), page),
        Action::Top => r.top(),
        Action::Bottom => r.bottom(page),
        Action::EntityLabels => app.start_labels(),
        Action::NextMention => app.step_mention(1, false),
        Action::PrevMention => app.step_mention(-1, false),
        Action::NextEntity => app.step_mention(1, true),
        Action::PrevEntity => app.step_mention(-1, true),
        Action::EntityList => app.open_entity_list(),
        Action::EntityArticles => app.open_entity_articles(),
        Action::SentenceMode => {
            r.toggle_sentences();
            app.status = Some(
                if r.at.sentence.is_some() {
                    "sentence mode: j/k move by sentence pair"
                } else {
                    "pair mode"
                }
                .into(),
            );
        }
        other => reader_settings(app, other),
    }
}
