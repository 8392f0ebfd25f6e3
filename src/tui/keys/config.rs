//! User settings from `config.toml` in the platform config directory (or `$DUET_CONFIG`).
//! A missing file means defaults; a bad file means defaults plus one line for the status bar.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ratatui::style::Color;
use serde::Deserialize;

use crate::text::width::AmbiguousWidth;
use crate::tui::keys::error::ConfigError;
use crate::tui::keys::keymap::Keymap;
use crate::tui::state::layout::Layout;

/// Colour overrides (`[theme]`), any ratatui colour name, index or `#rrggbb`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeColors {
    pub accent: Option<String>,
    pub focus_bg: Option<String>,
    pub sentence_bg: Option<String>,
    pub dim: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ConfigFile {
    ambiguous_width: AmbiguousWidth,
    layout: Option<String>,
    /// Per mode (`[keys.reader]`) or flat (`[keys] down = […]`, the old form).
    keys: BTreeMap<String, toml::Value>,
    theme: ThemeColors,
}

/// Everything the reader takes from the user's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub ambiguous: AmbiguousWidth,
    /// `None`: side by side when wide enough, stacked below.
    pub layout: Option<Layout>,
    pub keymap: Keymap,
    pub colors: ThemeColors,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ambiguous: AmbiguousWidth::Narrow,
            layout: None,
            keymap: Keymap::defaults(),
            colors: ThemeColors::default(),
        }
    }
}

impl Config {
    /// Parse a config file's text. Errors are one line, for the status bar.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| ConfigError::Toml(e.message().replace('\n', " ")))?;
        let mut config = Config {
            ambiguous: file.ambiguous_width,
            ..Config::default()
        };
        config.layout = match file.layout.as_deref() {
            None | Some("auto") => None,
            Some("side_by_side") => Some(Layout::SideBySide),
            Some("stacked") => Some(Layout::Stacked),
            Some("korean") => Some(Layout::Korean),
            Some("english") => Some(Layout::English),
            Some(other) => return Err(ConfigError::UnknownLayout(other.to_string())),
        };
        config.keymap.apply(&file.keys)?;
        for c in [
            &file.theme.accent,
            &file.theme.focus_bg,
            &file.theme.sentence_bg,
            &file.theme.dim,
        ]
        .into_iter()
        .flatten()
        {
            c.parse::<Color>()
                .map_err(|_| ConfigError::UnknownColour(c.clone()))?;
        }
        config.colors = file.theme;
        Ok(config)
    }

    /// Where the config file lives: `$DUET_CONFIG`, else `config.toml` in the platform config
    /// directory (`~/.config/duet/` on Linux).
    pub fn path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("DUET_CONFIG") {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("", "", "duet").map(|d| d.config_dir().join("config.toml"))
    }

    /// Load the user's config. Never fails: a problem comes back as a status line, with defaults.
    pub fn load() -> (Config, Option<String>) {
        let Some(path) = Config::path() else {
            return (Config::default(), None);
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => match Config::from_toml(&text) {
                Ok(c) => (c, None),
                Err(e) => (
                    Config::default(),
                    Some(format!("{}: {e} (using defaults)", path.display())),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
            Err(e) => (
                Config::default(),
                Some(format!("{}: {e} (using defaults)", path.display())),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    #[test]
    fn good_config() {
        let c = Config::from_toml(
            "ambiguous_width = \"wide\"\nlayout = \"stacked\"\n[keys]\nhelp = [\"h\"]\n[theme]\naccent = \"#ff8800\"\n",
        )
        .expect("valid");
        assert_eq!(c.ambiguous, AmbiguousWidth::Wide);
        assert_eq!(c.layout, Some(Layout::Stacked));
        assert_eq!(c.keymap.describe(&Action::Help), "h");
        let c = Config::from_toml("[keys.reader]\ndown = [\"n\"]\n").expect("valid");
        let n = crate::tui::keys::key::Key::parse("n").expect("key");
        assert!(matches!(
            c.keymap.resolve(crate::tui::keys::mode::Mode::Reader, n),
            Some(Action::Down)
        ));
    }

    #[test]
    fn bad_configs_are_one_line_errors() {
        for bad in [
            "ambiguous_width = \"huge\"",
            "layout = \"diagonal\"",
            "[keys]\nhelp = [\"nonsense\"]",
            "[keys.sideways]\nhelp = [\"h\"]",
            "[keys]\nhelp = \"h\"",
            "[theme]\naccent = \"mauvish\"",
            "nonsense = 1",
            "[[[",
        ] {
            let e = Config::from_toml(bad).expect_err(bad).to_string();
            assert!(!e.contains('\n'), "{e}");
        }
    }
}
