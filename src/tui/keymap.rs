//! Keys → actions. Defaults come from the embedded `assets/keymap.toml`; `[keys]` in the user's
//! `config.toml` replaces the keys of the actions it names. The help overlay and the status-bar
//! hints are generated from this map, so they never go stale.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// The default keymap, embedded at build time.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

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

    /// Parse `j`, `G`, `?`, `enter`, `pagedown`, `ctrl-d`, `C-d`, `<Tab>`, `alt-x`.
    pub fn parse(s: &str) -> Result<Key, String> {
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
                    _ => return Err(format!("unknown key {s:?}")),
                },
                _ => return Err(format!("unknown key {s:?}")),
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

/// Action → keys, in help order.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
    /// The embedded defaults. They are tested, so this cannot fail in a release build; if the
    /// embedded file were ever broken, the map would simply be empty.
    pub fn defaults() -> Keymap {
        let mut map = Keymap {
            bindings: Action::USER
                .iter()
                .map(|(a, _, _)| (a.clone(), Vec::new()))
                .collect(),
        };
        if let Ok(table) = toml::from_str::<BTreeMap<String, Vec<String>>>(DEFAULT_KEYMAP) {
            let _ = map.apply(&table);
        }
        map
    }

    /// Replace the keys of every action named in `table`. On any error nothing changes.
    pub fn apply(&mut self, table: &BTreeMap<String, Vec<String>>) -> Result<(), String> {
        let mut next = self.clone();
        for (name, keys) in table {
            let action = Action::from_name(name)
                .ok_or_else(|| format!("unknown action {name:?} in [keys]"))?;
            let keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()?;
            // A key the user gives to this action leaves any other action it was bound to.
            for (_, other) in next.bindings.iter_mut() {
                other.retain(|k| !keys.contains(k));
            }
            if let Some((_, slot)) = next
                .bindings
                .iter_mut()
                .find(|(a, _)| a.name() == action.name())
            {
                *slot = keys;
            }
        }
        *self = next;
        Ok(())
    }

    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(a, _)| a.clone())
    }

    pub fn keys_for(&self, action: &Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| a.name() == action.name())
            .map(|(_, k)| k.as_slice())
            .unwrap_or(&[])
    }

    /// `j, Down` — the keys of an action as the help shows them.
    pub fn describe(&self, action: &Action) -> String {
        self.keys_for(action)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The first key of an action, for short hints (`?` for help).
    pub fn hint(&self, action: &Action) -> Option<String> {
        self.keys_for(action).first().map(Key::to_string)
    }

    /// (keys, description) for every action, in help order.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        Action::USER
            .iter()
            .map(|(a, _, desc)| (self.describe(a), *desc))
            .collect()
    }
}

impl Keymap {
    /// The key table as Markdown (the README's table is this, checked by a test).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| keys | action |\n|---|---|\n");
        for (action, _, desc) in Action::USER {
            let keys = self
                .keys_for(action)
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!("| {keys} | {desc} |\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_keymap_parses_and_binds_every_action() {
        let table: BTreeMap<String, Vec<String>> =
            toml::from_str(DEFAULT_KEYMAP).expect("embedded keymap is valid TOML");
        let mut map = Keymap::defaults();
        map.apply(&table).expect("embedded keymap is valid");
        for (a, name, _) in Action::USER {
            assert!(!map.keys_for(a).is_empty(), "{name} has no key");
        }
    }

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
    fn user_keys_replace_and_steal() {
        let mut map = Keymap::defaults();
        let t: BTreeMap<String, Vec<String>> =
            toml::from_str("help = [\"h\"]\ndown = [\"j\", \"n\"]").expect("toml");
        map.apply(&t).expect("valid");
        assert_eq!(map.describe(&Action::Help), "h");
        let bad: BTreeMap<String, Vec<String>> = toml::from_str("fly = [\"f\"]").expect("toml");
        assert!(map.apply(&bad).is_err());
        assert_eq!(map.describe(&Action::Help), "h");
    }
}
