//! One key press, normalised, with the notation the keymap, `config.toml` and `--keys` use.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::keys::error::ConfigError;

/// A key with its modifiers, normalised (a typed character carries its case, not SHIFT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if let KeyCode::Char(_) = code {
            mods.remove(KeyModifiers::SHIFT);
        }
        if code == KeyCode::BackTab {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// The character this key types into a text field (no Ctrl or Alt held), if any.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }

    /// Parse `j`, `G`, `?`, `enter`, `pagedown`, `ctrl-d`, `C-d`, `<Tab>`, `alt-x`.
    pub fn parse(s: &str) -> Result<Key, ConfigError> {
        let mut rest = s.trim();
        if rest.len() > 2 && rest.starts_with('<') && rest.ends_with('>') {
            rest = &rest[1..rest.len() - 1];
        }
        let mut mods = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "c-", "alt-", "a-", "m-", "shift-", "s-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            let Some(p) = prefix else { break };
            mods |= match p {
                "ctrl-" | "c-" => KeyModifiers::CONTROL,
                "alt-" | "a-" | "m-" => KeyModifiers::ALT,
                _ => KeyModifiers::SHIFT,
            };
            rest = &rest[p.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "cr" => KeyCode::Enter,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "esc" | "escape" => KeyCode::Esc,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "lt" => KeyCode::Char('<'),
                "gt" => KeyCode::Char('>'),
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => return Err(ConfigError::UnknownKey(s.to_string())),
                },
                _ => return Err(ConfigError::UnknownKey(s.to_string())),
            },
        };
        if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
            return Ok(Key::new(KeyCode::BackTab, KeyModifiers::NONE));
        }
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// What a binding is: one key, or a short sequence typed one after the other (`]e`, `g g`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeySeq(pub Vec<Key>);

impl KeySeq {
    /// One key (`j`, `ctrl-d`), or a sequence: keys separated by spaces (`] e`, `ctrl-w j`) or
    /// two or three characters written together (`]e`, `gg`).
    pub fn parse(s: &str) -> Result<KeySeq, ConfigError> {
        if let Ok(k) = Key::parse(s) {
            return Ok(KeySeq(vec![k]));
        }
        let s = s.trim();
        let keys: Result<Vec<Key>, ConfigError> = if s.contains(char::is_whitespace) {
            s.split_whitespace().map(Key::parse).collect()
        } else if (2..=3).contains(&s.chars().count()) {
            s.chars().map(|c| Key::parse(&c.to_string())).collect()
        } else {
            Err(ConfigError::UnknownKey(s.to_string()))
        };
        keys.map(KeySeq)
    }

    pub fn single(key: Key) -> KeySeq {
        KeySeq(vec![key])
    }

    /// Whether `keys` are the start of this sequence, and shorter than it.
    pub fn extends(&self, keys: &[Key]) -> bool {
        self.0.len() > keys.len() && self.0.starts_with(keys)
    }
}

impl fmt::Display for KeySeq {
    /// `]e` for plain characters, `Ctrl-w j` when a key has a longer name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(Key::to_string).collect();
        let plain = names.iter().all(|n| n.chars().count() == 1);
        f.write_str(&names.join(if plain { "" } else { " " }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_notations() {
        let k = |s| Key::parse(s).expect(s);
        assert_eq!(
            k("C-d"),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(k("ctrl-d"), k("C-d"));
        assert_eq!(k("<Tab>"), Key::new(KeyCode::Tab, KeyModifiers::NONE));
        assert_eq!(k("G"), Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(k("<"), Key::new(KeyCode::Char('<'), KeyModifiers::NONE));
        assert_eq!(k("PgDn"), Key::new(KeyCode::PageDown, KeyModifiers::NONE));
        assert!(Key::parse("nonsense").is_err());
    }

    #[test]
    fn parses_key_sequences() {
        let seq = |s| KeySeq::parse(s).expect(s);
        let k = |s| Key::parse(s).expect(s);
        assert_eq!(seq("]e"), KeySeq(vec![k("]"), k("e")]));
        assert_eq!(seq("] e"), seq("]e"));
        assert_eq!(seq("ctrl-w j"), KeySeq(vec![k("ctrl-w"), k("j")]));
        assert_eq!(seq("up"), KeySeq::single(k("up")));
        assert_eq!(seq("]e").to_string(), "]e");
        assert_eq!(seq("ctrl-w j").to_string(), "Ctrl-w j");
        assert!(KeySeq::parse("nonsense").is_err());
        assert!(seq("]e").extends(&[k("]")]));
        assert!(!seq("]e").extends(&[k("]"), k("e")]));
    }
}
