//! Styles and symbols. `NO_COLOR` turns every colour off (modifiers only); a wide
//! ambiguous-width setting swaps box-drawing symbols for ASCII, since such terminals draw
//! `─ │ •` two columns wide.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::model::BlockKind;
use crate::text::width::AmbiguousWidth;
use crate::tui::keys::config::ThemeColors;

#[derive(Debug, Clone)]
pub struct Symbols {
    pub rule: &'static str,
    pub divider: &'static str,
    pub cross: &'static str,
    pub gutter: &'static str,
    pub unread: &'static str,
    pub unpaired: &'static str,
    pub bullet: &'static str,
    pub quote: &'static str,
    pub border: border::Set<'static>,
}

impl Symbols {
    pub fn for_width(ambiguous: AmbiguousWidth) -> Symbols {
        match ambiguous {
            AmbiguousWidth::Narrow => Symbols {
                rule: "─",
                divider: "│",
                cross: "┼",
                gutter: "▌",
                unread: "•",
                unpaired: "∅",
                bullet: "•",
                quote: "│",
                border: border::ROUNDED,
            },
            AmbiguousWidth::Wide => Symbols {
                rule: "-",
                divider: "|",
                cross: "+",
                gutter: ">",
                unread: "*",
                unpaired: "∅",
                bullet: "*",
                quote: "|",
                border: border::Set {
                    top_left: "+",
                    top_right: "+",
                    bottom_left: "+",
                    bottom_right: "+",
                    vertical_left: "|",
                    vertical_right: "|",
                    horizontal_top: "-",
                    horizontal_bottom: "-",
                },
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub color: bool,
    pub accent: Color,
    pub focus_bg: Color,
    pub sentence_bg: Color,
    pub dim_fg: Color,
    pub symbols: Symbols,
}

impl Theme {
    /// `no_color`: the `NO_COLOR` convention (set and not empty).
    pub fn new(colors: &ThemeColors, ambiguous: AmbiguousWidth, no_color: bool) -> Theme {
        let pick = |c: &Option<String>, d: Color| {
            c.as_deref()
                .and_then(|s| s.parse::<Color>().ok())
                .unwrap_or(d)
        };
        Theme {
            color: !no_color,
            accent: pick(&colors.accent, Color::Cyan),
            focus_bg: pick(&colors.focus_bg, Color::Indexed(236)),
            sentence_bg: pick(&colors.sentence_bg, Color::Indexed(24)),
            dim_fg: pick(&colors.dim, Color::DarkGray),
            symbols: Symbols::for_width(ambiguous),
        }
    }

    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }
    pub fn dim(&self) -> Style {
        if self.color {
            self.fg(self.dim_fg)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn accent(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused { self.accent() } else { self.dim() }
    }
    /// The selected row of a list. A light foreground is set with the dark background, so it
    /// reads on light and dark terminal themes alike.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(self.focus_bg)
                .fg(Color::Indexed(255))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    /// The focused pair, both columns (light text on the dark background, as above).
    pub fn focus(&self) -> Style {
        if self.color {
            Style::new().bg(self.focus_bg).fg(Color::Indexed(252))
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    /// The sentence pair under the cursor in sentence mode.
    pub fn sentence(&self) -> Style {
        if self.color {
            Style::new()
                .bg(self.sentence_bg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Indexed(235)).fg(Color::Indexed(250))
        } else {
            Style::new()
        }
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// How a block of this kind is drawn.
    pub fn block(&self, kind: BlockKind) -> Style {
        match kind {
            BlockKind::Title => self.accent(),
            BlockKind::Subtitle | BlockKind::Heading => Style::new().add_modifier(Modifier::BOLD),
            BlockKind::Caption | BlockKind::Quote => self.dim().add_modifier(Modifier::ITALIC),
            BlockKind::Byline | BlockKind::Reference | BlockKind::Keywords => self.dim(),
            BlockKind::Paragraph | BlockKind::ListItem => Style::new(),
        }
    }
}
