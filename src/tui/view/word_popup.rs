//! The word popup: the selected word, its dictionary form, the words of the other language it
//! is aligned with (highlighted in their column too), its status and how often its lemma
//! occurs here and in the library, the dictionary's senses with their licence, and the keys.
//! Placed away from the word (`popup_rect`), so the word and its pair stay in sight.

use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::text::sanitize;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::mode::Mode;
use crate::tui::state::layout::Side;
use crate::tui::state::words::{ArticleWords, LemmaInfo, WordPopup, popup_rect, word_row};
use crate::tui::theme::Theme;
use crate::tui::view::widgets::modal::Modal;
use crate::tui::view::widgets::paint::{At, Painter};

/// One line of the popup: pieces of text, each with its style.
pub type Line = Vec<(String, Style)>;

pub fn draw(app: &App, p: &mut Painter<'_>, popup: WordPopup) {
    let (Some(words), Some(r)) = (app.article_words(), app.reader()) else {
        return;
    };
    let Some(spot) = words.spot(popup.passage, popup.side, popup.index) else {
        return;
    };
    let row = word_row(r, app.geom(), popup.passage, popup.side, spot.range.start);
    let rect = popup_rect(app.geom(), row);
    if rect.width < 8 || rect.height < 3 {
        return;
    }
    let word = text_of(app, popup.passage, popup.side, &spot.range);
    let r = Modal::new(&word, rect.width, rect.height).draw_at(p, rect);
    let inner = Rect::new(
        r.x + 2,
        r.y + 1,
        r.width.saturating_sub(4),
        r.height.saturating_sub(2),
    );
    let (body, keys) = lines(app, words, popup, usize::from(inner.height));
    for (k, line) in body.iter().enumerate() {
        draw_line(p, inner.x, inner.y + k as u16, inner.width, line);
    }
    draw_line(p, inner.x, inner.bottom() - 1, inner.width, &keys);
}

fn draw_line(p: &mut Painter<'_>, x: u16, y: u16, width: u16, line: &Line) {
    let mut used = 0;
    for (text, style) in line {
        if used >= width {
            break;
        }
        used += p.put(At::new(x + used, y, width - used, *style), text);
    }
}

fn text_of(app: &App, passage: usize, side: Side, range: &std::ops::Range<usize>) -> String {
    app.reader()
        .and_then(|r| {
            r.doc()
                .passages
                .get(passage)?
                .text(side)?
                .get(range.clone())
        })
        .map(sanitize)
        .unwrap_or_default()
}

/// The popup's lines for at most `rows` rows: the body, and the keys line drawn last.
pub fn lines(app: &App, words: &ArticleWords, popup: WordPopup, rows: usize) -> (Vec<Line>, Line) {
    let theme = app.theme();
    let label = |s: &str| (format!("{s:<9}"), theme.dim());
    let plain = |s: String| (s, theme.plain());
    let mut body: Vec<Line> = Vec::new();
    let Some(spot) = words.spot(popup.passage, popup.side, popup.index) else {
        return (body, Vec::new());
    };
    let linked: Vec<String> = spot
        .links
        .iter()
        .map(|&j| {
            let other = popup.side.other();
            let range = words
                .spot(popup.passage, other, j)
                .map(|w| w.range.clone())
                .unwrap_or_default();
            text_of(app, popup.passage, other, &range)
        })
        .collect();
    let none_here = if spot.bead.is_some() {
        "no alignment in this pair".to_string()
    } else {
        "no translation of this block".to_string()
    };
    let aligned = if linked.is_empty() {
        (format!("— {none_here}"), theme.dim())
    } else {
        (linked.join(" "), theme.word())
    };
    // The Korean word the popup is about: the selected one, or the one an English word is
    // aligned with that Tab came from (else the first).
    let korean = words.korean_index(popup).and_then(|i| {
        let w = words.spot(popup.passage, Side::Ko, i)?;
        Some((w, text_of(app, popup.passage, Side::Ko, &w.range)))
    });
    let raw = korean.as_ref().and_then(|(w, _)| w.lemma());
    let lemma = raw.map(sanitize);
    // The readings after the best one, dimmed: ` (or 하다, 되다)`.
    let other_lemmas = |lemmas: &[String]| {
        (lemmas.len() > 1).then(|| {
            (
                format!(" (or {})", sanitize(&lemmas[1..].join(", "))),
                theme.dim(),
            )
        })
    };
    match (popup.side, &korean) {
        (Side::Ko, Some((w, text))) => {
            let mut line = vec![label("Korean"), plain(text.clone())];
            if let Some(l) = &lemma {
                line.push(plain(" → ".into()));
                line.push((l.clone(), theme.accent()));
            }
            line.extend(other_lemmas(&w.lemmas));
            body.push(line);
            body.push(vec![label("English"), aligned]);
        }
        (_, korean) => {
            // Of several Korean words, the one the status keys and the lemma are about is
            // the one highlighted.
            let about = words.korean_index(popup);
            let mut line = vec![label("Korean")];
            if linked.len() > 1 {
                for (k, (&j, text)) in spot.links.iter().zip(&linked).enumerate() {
                    if k > 0 {
                        line.push(plain(" ".into()));
                    }
                    let style = if Some(j) == about {
                        theme.word()
                    } else {
                        theme.plain()
                    };
                    line.push((text.clone(), style));
                }
            } else {
                line.push(aligned);
            }
            if let (Some((w, _)), Some(l)) = (korean, &lemma) {
                line.push(plain(" → ".into()));
                line.push((l.clone(), theme.accent()));
                line.extend(other_lemmas(&w.lemmas));
            }
            body.push(line);
        }
    }
    let info = raw.and_then(|l| words.info.get(l));
    if let Some(l) = raw {
        let status = app
            .words()
            .status(l)
            .map_or("none".to_string(), |s| s.label());
        let here = words.counts.get(l).copied().unwrap_or(0);
        let mut line = vec![
            label("Status"),
            (status, theme.accent()),
            plain(format!("   {here}× here")),
        ];
        if let Some(LemmaInfo {
            frequency: (n, articles),
            ..
        }) = info
            && *n > 0
        {
            line.push(plain(format!(
                " · {n}× in the library ({articles} article{})",
                if *articles == 1 { "" } else { "s" }
            )));
        }
        body.push(line);
    }
    let room = rows.saturating_sub(body.len() + 1);
    body.extend(senses(theme, words, info, lemma.as_deref(), room));
    body.truncate(rows.saturating_sub(1));
    (body, keys(app, theme))
}

/// The dictionary's headwords and senses in `room` rows (the licence last), or why there are
/// none.
fn senses(
    theme: &Theme,
    words: &ArticleWords,
    info: Option<&LemmaInfo>,
    lemma: Option<&str>,
    room: usize,
) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let why = |s: &str| vec![vec![(s.to_string(), theme.dim())]];
    let Some(lemma) = lemma else {
        return why("no Korean word is aligned with this one");
    };
    if !words.library.present {
        return why("no library: `duet dict import FILE` imports a dictionary into one");
    }
    if !words.library.has_dictionary {
        return why("no dictionary imported: `duet dict import FILE` (krdict, Wiktionary)");
    }
    let entries = info.map_or(&[][..], |i| i.entries.as_slice());
    if entries.is_empty() {
        return why(&format!(
            "{} is not in the dictionaries imported",
            sanitize(lemma)
        ));
    }
    let mut licences: Vec<String> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    for f in entries {
        let e = &f.entry;
        let mut head = vec![(sanitize(&e.lemma), theme.accent())];
        for tag in [&e.pos, &e.level, &e.origin].into_iter().flatten() {
            head.push((format!("  {}", sanitize(tag)), theme.dim()));
        }
        lines.push(head);
        for (n, s) in e.senses.iter().enumerate() {
            let mut text = format!("{}. {}", n + 1, sanitize(&s.english.join("; ")));
            let definition = s.english_definition.as_ref().or(s.definition.as_ref());
            if let Some(d) = definition {
                text.push_str(&format!(" — {}", sanitize(d)));
            }
            lines.push(vec![(text, theme.plain())]);
        }
        let licence = format!("{}, {}", sanitize(&f.dictionary), sanitize(&f.licence));
        if !licences.contains(&licence) {
            licences.push(licence);
        }
    }
    let credit = vec![(format!("from {}", licences.join("; ")), theme.dim())];
    let fit = room.saturating_sub(1);
    if lines.len() > fit {
        let more = lines.len() - fit.saturating_sub(1);
        lines.truncate(fit.saturating_sub(1));
        lines.push(vec![(
            format!("… {more} more lines: `duet lookup {}`", sanitize(lemma)),
            theme.dim(),
        )]);
    }
    out.extend(lines);
    out.push(credit);
    out
}

/// The popup's keys as the keymap binds them.
fn keys(app: &App, theme: &Theme) -> Line {
    let km = &app.config().keymap;
    let k = |a: Action| km.hint(Mode::Word, &a).unwrap_or_default();
    let status = format!("{}–{}", k(Action::Status0), k(Action::Status5));
    let items = [
        (status, "status"),
        (k(Action::StatusKnown), "known"),
        (k(Action::StatusIgnored), "ignored"),
        (
            format!("{}/{}", k(Action::PrevWord), k(Action::NextWord)),
            "word",
        ),
        (k(Action::OtherSide), "other side"),
        (k(Action::Back), "close"),
    ];
    let text = items
        .iter()
        .filter(|(key, _)| !key.is_empty() && key != "–" && key != "/")
        .map(|(key, what)| format!("{key} {what}"))
        .collect::<Vec<_>>()
        .join(" · ");
    vec![(text, theme.dim())]
}
