//! The one `App` value and `update`, the only place state changes.

use std::path::PathBuf;

use ratatui::layout::Position;

use super::action::{Action, MouseAction};
use super::config::{Config, Layout};
use super::doc::{Doc, Wrapped};
use super::layout::{self, Geometry, LayoutInput};
use super::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Browser,
    Reader,
}

#[derive(Debug, Clone)]
pub enum EntryState {
    /// Found, not parsed yet.
    Pending,
    Ready(Box<Doc>),
    Failed(String),
}

/// One article of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub state: EntryState,
    pub read: bool,
}

impl Entry {
    pub fn doc(&self) -> Option<&Doc> {
        match &self.state {
            EntryState::Ready(d) => Some(d),
            _ => None,
        }
    }
}

/// The open article's position.
#[derive(Debug, Clone)]
pub struct Reader {
    pub entry: usize,
    /// Index of the focused segment (pair or unpaired block).
    pub focus: usize,
    /// Sentence mode: the bead under the cursor inside the focused pair.
    pub sentence: Option<usize>,
    /// First visible row.
    pub scroll: usize,
    pub wrapped: Option<Wrapped>,
}

#[derive(Debug)]
pub struct App {
    /// Fixed for the session (the wrap cache relies on its ambiguous width not changing).
    pub config: Config,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    pub entries: Vec<Entry>,
    /// Entries parsed so far (ready or failed).
    pub done: usize,
    pub selected: usize,
    pub browser_top: usize,
    pub reader: Option<Reader>,
    /// The user's layout choice; `None` until they pick one (automatic).
    pub layout: Option<Layout>,
    pub ratio: u16,
    pub swapped: bool,
    pub focus: Pane,
    pub help: bool,
    pub status: Option<String>,
    /// A problem with the user's config: shown until they fix it.
    pub config_error: Option<String>,
    pub spinner: usize,
    pub geom: Geometry,
    pub quit: bool,
    /// One file was given: open it as soon as it is ready.
    pub open_first: bool,
}

impl App {
    pub fn new(config: Config, theme: Theme, width: u16, height: u16) -> App {
        let layout = config.layout;
        let mut app = App {
            config,
            theme,
            width,
            height,
            entries: Vec::new(),
            done: 0,
            selected: 0,
            browser_top: 0,
            reader: None,
            layout,
            ratio: 50,
            swapped: false,
            focus: Pane::Browser,
            help: false,
            status: None,
            config_error: None,
            spinner: 0,
            geom: Geometry::default(),
            quit: false,
            open_first: false,
        };
        app.relayout();
        app
    }

    pub fn loading(&self) -> bool {
        self.done < self.entries.len()
    }

    pub fn open_doc(&self) -> Option<(&Reader, &Doc)> {
        let r = self.reader.as_ref()?;
        let d = self.entries.get(r.entry)?.doc()?;
        Some((r, d))
    }

    /// Lines one browser entry takes: one in a wide list (titles beside each other), two or
    /// three in a narrow one (English title under the Korean one).
    pub fn entry_height(&self, i: usize) -> usize {
        if self.wide_list() {
            return 1;
        }
        match self.entries.get(i).map(|e| &e.state) {
            Some(EntryState::Ready(d)) => 2 + usize::from(d.title_en.is_some()),
            _ => 1,
        }
    }

    pub fn wide_list(&self) -> bool {
        self.geom.list.width >= 80
    }

    /// Recompute the geometry; re-wrap the open article if its columns changed; keep the
    /// focused pair and the selected entry in view.
    pub fn relayout(&mut self) {
        let bilingual = self.open_doc().is_none_or(|(_, d)| d.bilingual);
        self.geom = layout::compute(&LayoutInput {
            width: self.width,
            height: self.height,
            reader_open: self.reader.is_some(),
            browser_focused: self.focus == Pane::Browser,
            many_articles: self.entries.len() > 1,
            bilingual,
            layout: self.layout,
            ratio: self.ratio,
        });
        let columns = self.geom.columns(self.swapped);
        let amb = self.config.ambiguous;
        let page = self.geom.page();
        if let Some(r) = self.reader.as_mut()
            && let Some(doc) = self.entries.get(r.entry).and_then(Entry::doc)
        {
            match columns {
                Some(cols) => {
                    // Keyed by columns only: the ambiguous width is fixed for the session.
                    let stale = r.wrapped.as_ref().is_none_or(|w| w.columns != cols);
                    if stale {
                        r.wrapped = Some(Wrapped::new(doc, cols, amb));
                        ensure_visible(r, page);
                    }
                }
                None => r.wrapped = None,
            }
            clamp_scroll(r, page);
        }
        self.ensure_selected_visible();
    }

    fn ensure_selected_visible(&mut self) {
        if self.geom.browser.is_none() {
            return; // hidden: placed when it shows again
        }
        let h = usize::from(self.geom.list.height).max(1);
        if self.selected < self.browser_top {
            self.browser_top = self.selected;
        }
        // Lines from the top entry down to the selected one, kept as the top moves.
        let mut span: usize = (self.browser_top..=self.selected)
            .map(|i| self.entry_height(i))
            .sum();
        while self.browser_top < self.selected && span > h {
            span -= self.entry_height(self.browser_top);
            self.browser_top += 1;
        }
        // Use the room above when there is some (after a resize, or the pane reappearing).
        while self.browser_top > 0 && span + self.entry_height(self.browser_top - 1) <= h {
            self.browser_top -= 1;
            span += self.entry_height(self.browser_top);
        }
    }

    fn select(&mut self, i: isize) {
        if self.entries.is_empty() {
            return;
        }
        let last = self.entries.len() as isize - 1;
        self.selected = i.clamp(0, last) as usize;
        self.ensure_selected_visible();
    }

    fn open(&mut self, i: usize) {
        let Some(entry) = self.entries.get_mut(i) else {
            return;
        };
        match &entry.state {
            EntryState::Ready(_) => {
                entry.read = true;
                self.reader = Some(Reader {
                    entry: i,
                    focus: 0,
                    sentence: None,
                    scroll: 0,
                    wrapped: None,
                });
                self.focus = Pane::Reader;
                self.selected = i;
                self.relayout();
                if let Some(r) = self.reader.as_mut() {
                    r.focus = first_visible(r);
                }
            }
            EntryState::Pending => self.status = Some("still loading this one…".into()),
            EntryState::Failed(e) => self.status = Some(e.clone()),
        }
    }

    fn page_entries(&self) -> isize {
        let lines = usize::from(self.geom.list.height).max(1);
        let per = if self.wide_list() { 1 } else { 2 };
        (lines / per).max(1) as isize
    }
}

/// Apply one action. Returns whether anything visible changed (then the loop redraws).
pub fn update(app: &mut App, action: Action) -> bool {
    let from_user = !matches!(
        action,
        Action::Tick
            | Action::Resize(..)
            | Action::Discovered(_)
            | Action::DiscoverFailed(_)
            | Action::Loaded(..)
    );
    if from_user {
        // A transient message lasts until the next key or click.
        app.status = None;
    }
    match action {
        Action::Tick => {
            if app.loading() {
                app.spinner = app.spinner.wrapping_add(1);
                return true;
            }
            return false;
        }
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
        }
        Action::Discovered(paths) => {
            let single = app.entries.is_empty() && paths.len() == 1;
            app.entries.extend(paths.into_iter().map(|path| Entry {
                path,
                state: EntryState::Pending,
                read: false,
            }));
            app.open_first |= single;
            if app.entries.is_empty() && app.status.is_none() {
                app.status = Some("no articles found".into());
            }
        }
        Action::DiscoverFailed(msg) => app.status = Some(msg),
        Action::Loaded(i, result) => {
            if let Some(e) = app.entries.get_mut(i) {
                if matches!(e.state, EntryState::Pending) {
                    app.done += 1;
                }
                e.state = match *result {
                    Ok(doc) => EntryState::Ready(Box::new(doc)),
                    Err(msg) => EntryState::Failed(msg),
                };
                if app.open_first && i == 0 && app.reader.is_none() {
                    app.open_first = false;
                    app.open(0);
                }
            }
        }
        Action::Quit => app.quit = true,
        Action::Help => app.help = !app.help,
        _ if app.help => {
            // The overlay is modal: Back closes it, everything else is ignored.
            if matches!(action, Action::Back) {
                app.help = false;
            } else {
                return false;
            }
        }
        Action::Mouse(m) => mouse(app, m),
        Action::FocusNext => {
            app.focus = match app.focus {
                Pane::Browser if app.reader.is_some() => Pane::Reader,
                Pane::Reader if app.entries.len() > 1 => Pane::Browser,
                same => same,
            };
        }
        Action::Back => match app.focus {
            Pane::Reader if app.entries.len() > 1 => {
                app.reader = None;
                app.focus = Pane::Browser;
            }
            _ => app.quit = true,
        },
        other => match app.focus {
            Pane::Browser => browser_action(app, other),
            Pane::Reader => reader_action(app, other),
        },
    }
    app.relayout();
    true
}

fn browser_action(app: &mut App, action: Action) {
    let sel = app.selected as isize;
    let page = app.page_entries();
    match action {
        Action::Down => app.select(sel + 1),
        Action::Up => app.select(sel - 1),
        Action::HalfPageDown => app.select(sel + page / 2),
        Action::HalfPageUp => app.select(sel - page / 2),
        Action::PageDown => app.select(sel + page),
        Action::PageUp => app.select(sel - page),
        Action::Top => app.select(0),
        Action::Bottom => app.select(isize::MAX),
        Action::Open => app.open(app.selected),
        // Reader settings work from the library too: they apply to the next article.
        other => reader_settings(app, other),
    }
}

fn reader_settings(app: &mut App, action: Action) {
    match action {
        Action::CycleLayout => {
            let bilingual = app.open_doc().is_none_or(|(_, d)| d.bilingual);
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

fn reader_action(app: &mut App, action: Action) {
    let page = app.geom.page();
    let Some(r) = app.reader.as_mut() else {
        return;
    };
    let beads_of = |app_entries: &[Entry], r: &Reader, seg: usize| {
        app_entries
            .get(r.entry)
            .and_then(Entry::doc)
            .and_then(|d| d.segs.get(seg))
            .map_or(0, |s| s.beads.len())
    };
    match action {
        Action::Down => {
            if let Some(b) = r.sentence
                && b + 1 < beads_of(&app.entries, r, r.focus)
            {
                r.sentence = Some(b + 1);
            } else if let Some(n) = step(r, 1) {
                r.focus = n;
                r.sentence = r.sentence.map(|_| 0);
            }
            ensure_visible(r, page);
            ensure_sentence_visible(r, &app.entries, app.swapped, page);
        }
        Action::Up => {
            if let Some(b) = r.sentence
                && b > 0
            {
                r.sentence = Some(b - 1);
            } else if let Some(n) = step(r, -1) {
                r.focus = n;
                let last = beads_of(&app.entries, r, n).saturating_sub(1);
                r.sentence = r.sentence.map(|_| last);
            }
            ensure_visible(r, page);
            ensure_sentence_visible(r, &app.entries, app.swapped, page);
        }
        Action::HalfPageDown => scroll_by(r, (page / 2).max(1) as isize, page),
        Action::HalfPageUp => scroll_by(r, -((page / 2).max(1) as isize), page),
        Action::PageDown => scroll_by(r, page as isize, page),
        Action::PageUp => scroll_by(r, -(page as isize), page),
        Action::Top => {
            r.scroll = 0;
            r.focus = first_visible(r);
            r.sentence = r.sentence.map(|_| 0);
        }
        Action::Bottom => {
            if let Some(w) = &r.wrapped {
                r.scroll = w.total.saturating_sub(page);
                r.focus = (0..w.segs.len())
                    .rev()
                    .find(|&i| w.segs[i].height > 0)
                    .unwrap_or(0);
            }
            r.sentence = r.sentence.map(|_| 0);
        }
        Action::SentenceMode => {
            r.sentence = match r.sentence {
                Some(_) => None,
                None => Some(0),
            };
            app.status = Some(
                if r.sentence.is_some() {
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

/// The next segment in `dir` that the layout shows.
fn step(r: &Reader, dir: isize) -> Option<usize> {
    let w = r.wrapped.as_ref()?;
    let mut i = r.focus as isize + dir;
    while i >= 0 && (i as usize) < w.segs.len() {
        if w.segs[i as usize].height > 0 {
            return Some(i as usize);
        }
        i += dir;
    }
    None
}

fn first_visible(r: &Reader) -> usize {
    r.wrapped
        .as_ref()
        .and_then(|w| w.segs.iter().position(|s| s.height > 0))
        .unwrap_or(0)
}

/// Scroll so the focused segment is on screen: its top, and as much of it as fits.
fn ensure_visible(r: &mut Reader, page: usize) {
    let Some(w) = &r.wrapped else { return };
    let Some(s) = w.segs.get(r.focus) else { return };
    if s.top < r.scroll {
        r.scroll = s.top;
    } else if s.top + s.height > r.scroll + page {
        r.scroll = (s.top + s.height).saturating_sub(page).min(s.top);
    }
}

/// In sentence mode, a pair can be taller than the page: scroll to the sentence's first row.
fn ensure_sentence_visible(r: &mut Reader, entries: &[Entry], swapped: bool, page: usize) {
    let Some(b) = r.sentence else { return };
    let Some(doc) = entries.get(r.entry).and_then(Entry::doc) else {
        return;
    };
    let (Some(w), Some(seg)) = (&r.wrapped, doc.segs.get(r.focus)) else {
        return;
    };
    let (Some(rows), Some((ko, en))) = (w.segs.get(r.focus), seg.beads.get(b)) else {
        return;
    };
    let row_of = |wrapped: &[crate::text::wrap::Row], start: usize| {
        wrapped
            .iter()
            .rposition(|row| row.start <= start)
            .unwrap_or(0)
    };
    let ko_row = ko.first().map(|k| row_of(&rows.ko, k.start));
    let en_row = en.first().map(|e| row_of(&rows.en, e.start));
    let k = match w.columns.layout {
        Layout::SideBySide => ko_row.into_iter().chain(en_row).min(),
        // Stacked: the first side's rows come first.
        Layout::Stacked if swapped => en_row.or(ko_row.map(|k| k + rows.en.len())),
        Layout::Stacked => ko_row.or(en_row.map(|e| e + rows.ko.len())),
        Layout::Korean => ko_row,
        Layout::English => en_row,
    };
    if let Some(k) = k {
        let row = rows.top + k;
        if row < r.scroll {
            r.scroll = row;
        } else if row + 2 > r.scroll + page {
            r.scroll = (row + 2).saturating_sub(page);
        }
    }
}

fn clamp_scroll(r: &mut Reader, page: usize) {
    if let Some(w) = &r.wrapped {
        r.scroll = r.scroll.min(w.total.saturating_sub(page));
        if r.focus >= w.segs.len() {
            r.focus = w.segs.len().saturating_sub(1);
        }
    }
}

/// Scroll by rows; the focus follows to the first pair that starts on screen.
fn scroll_by(r: &mut Reader, rows: isize, page: usize) {
    let Some(w) = &r.wrapped else { return };
    let max = w.total.saturating_sub(page) as isize;
    r.scroll = (r.scroll as isize + rows).clamp(0, max.max(0)) as usize;
    let view = r.scroll..r.scroll + page;
    let focus_shown = w
        .segs
        .get(r.focus)
        .is_some_and(|s| s.top < view.end && s.top + s.height > view.start && s.top >= view.start);
    if !focus_shown || rows.unsigned_abs() >= page / 2 {
        let starts_on_screen = (0..w.segs.len()).find(|&i| {
            w.segs[i].height > 0 && w.segs[i].top >= r.scroll && w.segs[i].top < view.end
        });
        if let Some(i) = starts_on_screen.or_else(|| w.seg_at(r.scroll)) {
            if i != r.focus {
                r.sentence = r.sentence.map(|_| 0);
            }
            r.focus = i;
        }
    }
}

fn mouse(app: &mut App, m: MouseAction) {
    let (column, row) = match m {
        MouseAction::ScrollDown { column, row }
        | MouseAction::ScrollUp { column, row }
        | MouseAction::Click { column, row } => (column, row),
    };
    let at = Position::new(column, row);
    let g = app.geom;
    let in_browser = g.browser.is_some_and(|b| b.contains(at));
    let in_reader = g.reader.is_some_and(|b| b.contains(at));
    let page = g.page();
    match m {
        MouseAction::ScrollDown { .. } if in_browser => app.select(app.selected as isize + 1),
        MouseAction::ScrollUp { .. } if in_browser => app.select(app.selected as isize - 1),
        MouseAction::ScrollDown { .. } | MouseAction::ScrollUp { .. } if in_reader => {
            let rows = if matches!(m, MouseAction::ScrollDown { .. }) {
                3
            } else {
                -3
            };
            if let Some(r) = app.reader.as_mut() {
                scroll_by(r, rows, page);
            }
        }
        MouseAction::Click { .. } if in_browser => {
            app.focus = Pane::Browser;
            if !g.list.contains(at) {
                return;
            }
            let mut y = usize::from(row - g.list.y);
            let mut i = app.browser_top;
            while i < app.entries.len() {
                let h = app.entry_height(i);
                if y < h {
                    if i == app.selected {
                        app.open(i);
                    } else {
                        app.select(i as isize);
                    }
                    return;
                }
                y -= h;
                i += 1;
            }
        }
        MouseAction::Click { .. } if in_reader => {
            app.focus = Pane::Reader;
            if !g.text.contains(at) {
                return;
            }
            if let Some(r) = app.reader.as_mut()
                && let Some(w) = &r.wrapped
                && let Some(i) = w.seg_at(r.scroll + usize::from(row - g.text.y))
                && w.segs[i].height > 0
            {
                if i != r.focus {
                    r.sentence = r.sentence.map(|_| 0);
                }
                r.focus = i;
            }
        }
        _ => {}
    }
}
