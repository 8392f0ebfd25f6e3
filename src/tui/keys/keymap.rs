//! Keys → actions, one table per [`Mode`]. The defaults are the registry's (`Action::USER`, in
//! `action.rs`; `assets/keymap.toml` is the same map written out as a file, for the user to
//! read and copy, kept in step by a test); `[keys]` in the user's `config.toml` overrides them, per mode (`[keys.reader]`) or flat (`[keys] down = …`,
//! the old form, applied to every non-text table that binds the action by default).
//!
//! A key is looked up in the current mode's table, then in `[global]`; in a text mode a typed
//! character its table does not bind is inserted instead ([`Action::Insert`]). The help overlay,
//! the status bar's key hints and the README's key table are generated from this map.

use std::collections::BTreeMap;

use crate::tui::action::Action;
use crate::tui::keys::error::ConfigError;
use crate::tui::keys::key::{Key, KeySeq};
use crate::tui::keys::mode::Mode;

/// What `assets/keymap.toml` says before its tables.
const KEYMAP_HEADER: &str = "\
# duet's default keys (generated from the action registry in src/tui/action.rs; a test keeps
# this file in step): one table per mode, action = [keys]. A key is looked up in the table of
# the current mode, then in [global]; in a text mode ([finder], [labels], [note]) a typed
# character its table does not bind is typed into the field. Override any table under
# [keys.MODE] in config.toml (or flat under [keys]: every table that binds the action here).
# Key names: a character (j, G, ?, <), enter, tab, esc, space, up, down, left, right,
# pageup, pagedown, home, end, f1…f12, with ctrl-/alt-/shift- prefixes (ctrl-d). A sequence
# is keys typed one after the other: \"]e\" (characters together) or \"ctrl-w j\" (spaces).
";

/// The tables the help and the README list, and that a flat `[keys]` entry applies to.
const MAIN_TABLES: [Mode; 3] = [Mode::Library, Mode::Reader, Mode::Global];

/// One mode's bindings: action → keys (or key sequences), in the order of [`Action::USER`].
type Table = Vec<(Action, Vec<KeySeq>)>;

/// What a key does, given the keys of an unfinished sequence typed before it.
#[derive(Debug, Clone)]
pub enum Lookup {
    Action(Action),
    /// The keys so far start a sequence: wait for the next one.
    Pending(Vec<Key>),
    Unbound,
}

/// Every mode's table.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    tables: BTreeMap<Mode, Table>,
}

impl Keymap {
    /// The registry's default keys. They are tested, so none fails to parse in a release
    /// build; one that did would simply be left out.
    pub fn defaults() -> Keymap {
        let mut map = Keymap::default();
        for u in Action::USER {
            for (mode, keys) in u.keys {
                let keys = keys.iter().filter_map(|k| KeySeq::parse(k).ok()).collect();
                map.tables
                    .entry(*mode)
                    .or_default()
                    .push((u.action.clone(), keys));
            }
        }
        map
    }

    /// The default keys as `assets/keymap.toml` writes them: one table per mode.
    pub fn defaults_toml() -> String {
        let mut out = String::from(KEYMAP_HEADER);
        for mode in Mode::ALL {
            out.push_str(&format!("\n[{}]\n", mode.name()));
            for u in Action::USER {
                for (_, keys) in u.keys.iter().filter(|(m, _)| *m == mode) {
                    let keys: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
                    out.push_str(&format!("{} = [{}]\n", u.name, keys.join(", ")));
                }
            }
        }
        out
    }

    /// Apply a `[keys]` section: per-mode tables (`reader = { down = ["j"] }`), or flat entries
    /// (`down = ["j"]`, applied to every main table that binds the action). A key the user gives
    /// to an action leaves the other actions of that table (and, given in `[global]`, of every
    /// table that falls back to it). On any error nothing changes.
    pub fn apply(&mut self, keys: &BTreeMap<String, toml::Value>) -> Result<(), ConfigError> {
        let mut next = self.clone();
        // Flat entries first, so a per-mode table given beside them wins.
        for (name, value) in keys.iter().filter(|(_, v)| !v.is_table()) {
            let action = action_named(name, "[keys]")?;
            let keys = parse_keys(value, name)?;
            let modes: Vec<Mode> = Mode::ALL
                .into_iter()
                .filter(|m| !m.takes_text() && next.bound_in(*m, &action))
                .collect();
            if modes.is_empty() {
                next.bind(Mode::Global, &action, &keys);
            }
            for m in modes {
                next.bind(m, &action, &keys);
            }
        }
        for (name, value) in keys.iter().filter(|(_, v)| v.is_table()) {
            let mode =
                Mode::from_name(name).ok_or_else(|| ConfigError::UnknownMode(name.clone()))?;
            let Some(table) = value.as_table() else {
                continue;
            };
            for (action_name, value) in table {
                let action = action_named(action_name, &format!("[keys.{name}]"))?;
                let keys = parse_keys(value, action_name)?;
                next.bind(mode, &action, &keys);
            }
        }
        *self = next;
        Ok(())
    }

    fn bound_in(&self, mode: Mode, action: &Action) -> bool {
        self.tables.get(&mode).is_some_and(|t| {
            t.iter()
                .any(|(a, k)| a.name() == action.name() && !k.is_empty())
        })
    }

    /// Bind `keys` to `action` in `mode`, taking them from the table's other actions (and, in
    /// `[global]`, from the tables that fall back to it).
    fn bind(&mut self, mode: Mode, action: &Action, keys: &[KeySeq]) {
        let strip_from: Vec<Mode> = if mode == Mode::Global {
            Mode::ALL.into_iter().filter(|m| !m.takes_text()).collect()
        } else {
            vec![mode]
        };
        for m in strip_from {
            if let Some(t) = self.tables.get_mut(&m) {
                for (a, bound) in t.iter_mut() {
                    if a.name() != action.name() {
                        // A sequence and its own first keys cannot both be bound.
                        bound.retain(|k| {
                            !keys
                                .iter()
                                .any(|n| k.0.starts_with(&n.0) || n.0.starts_with(&k.0))
                        });
                    }
                }
            }
        }
        let table = self.tables.entry(mode).or_default();
        match table.iter_mut().find(|(a, _)| a.name() == action.name()) {
            Some((_, slot)) => *slot = keys.to_vec(),
            None => {
                table.push((action.clone(), keys.to_vec()));
                let order = |a: &Action| Action::USER.iter().position(|u| Some(u.name) == a.name());
                table.sort_by_key(|(a, _)| order(a));
            }
        }
    }

    /// What `key` does in `mode` on its own (see [`Keymap::lookup`]); `None` also when it only
    /// starts a sequence.
    pub fn resolve(&self, mode: Mode, key: Key) -> Option<Action> {
        match self.lookup(mode, &[], key) {
            Lookup::Action(a) => Some(a),
            Lookup::Pending(_) | Lookup::Unbound => None,
        }
    }

    /// What `key` does in `mode` after the unfinished sequence `pending`: the mode's table,
    /// then a typed character in a text mode, then `[global]`. A key that ends no sequence the
    /// pending keys started is looked up on its own (as vim drops an unknown sequence).
    pub fn lookup(&self, mode: Mode, pending: &[Key], key: Key) -> Lookup {
        let mut typed = pending.to_vec();
        typed.push(key);
        let find = |m: Mode| -> Option<Lookup> {
            let t = self.tables.get(&m)?;
            if let Some((a, _)) = t.iter().find(|(_, keys)| keys.iter().any(|k| k.0 == typed)) {
                return Some(Lookup::Action(a.clone()));
            }
            t.iter()
                .any(|(_, keys)| keys.iter().any(|k| k.extends(&typed)))
                .then(|| Lookup::Pending(typed.clone()))
        };
        if let Some(found) = find(mode) {
            return found;
        }
        if !pending.is_empty() {
            return self.lookup(mode, &[], key);
        }
        if mode.takes_text()
            && let Some(c) = key.typed_char()
        {
            return Lookup::Action(Action::Insert(c));
        }
        find(Mode::Global).unwrap_or(Lookup::Unbound)
    }

    /// The sequences that continue `pending` in `mode`, with their actions (for the status
    /// line while the user is part-way through one).
    pub fn continuations(&self, mode: Mode, pending: &[Key]) -> Vec<(KeySeq, Action)> {
        let mut out = Vec::new();
        for m in [mode, Mode::Global] {
            for (a, keys) in self.tables.get(&m).into_iter().flatten() {
                for k in keys.iter().filter(|k| k.extends(pending)) {
                    out.push((KeySeq(k.0[pending.len()..].to_vec()), a.clone()));
                }
            }
        }
        out
    }

    /// The keys that trigger `action` in `mode` (its own table, else `[global]`).
    pub fn keys_in(&self, mode: Mode, action: &Action) -> &[KeySeq] {
        let own = |m: Mode| {
            self.tables.get(&m).and_then(|t| {
                t.iter()
                    .find(|(a, k)| a.name() == action.name() && !k.is_empty())
                    .map(|(_, k)| k.as_slice())
            })
        };
        own(mode).or_else(|| own(Mode::Global)).unwrap_or(&[])
    }

    /// The first key of an action in a mode, for short hints (`?` for help).
    pub fn hint(&self, mode: Mode, action: &Action) -> Option<String> {
        self.keys_in(mode, action).first().map(KeySeq::to_string)
    }

    /// The keys of an action in the main tables (library, reader, global), without repeats.
    pub fn keys_for(&self, action: &Action) -> Vec<KeySeq> {
        let mut out: Vec<KeySeq> = Vec::new();
        for m in MAIN_TABLES {
            if let Some(t) = self.tables.get(&m) {
                for (_, keys) in t.iter().filter(|(a, _)| a.name() == action.name()) {
                    for k in keys {
                        if !out.contains(k) {
                            out.push(k.clone());
                        }
                    }
                }
            }
        }
        if out.is_empty() {
            // An action of one overlay only (the finder's delete_char): its own table's keys.
            for t in self.tables.values() {
                for (_, keys) in t.iter().filter(|(a, _)| a.name() == action.name()) {
                    for k in keys {
                        if !out.contains(k) {
                            out.push(k.clone());
                        }
                    }
                }
            }
        }
        out
    }

    /// `j, Down` — the keys of an action as the help shows them.
    pub fn describe(&self, action: &Action) -> String {
        self.keys_for(action)
            .iter()
            .map(KeySeq::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// (keys, description) for every action, in help order.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        Action::USER
            .iter()
            .map(|u| (self.describe(&u.action), u.description))
            .collect()
    }

    /// The key table as Markdown (the README's table is this, checked by a test).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| keys | action |\n|---|---|\n");
        for u in Action::USER {
            let (action, desc) = (&u.action, u.description);
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

fn action_named(name: &str, table: &str) -> Result<Action, ConfigError> {
    Action::from_name(name).ok_or_else(|| ConfigError::UnknownAction {
        name: name.to_string(),
        table: table.to_string(),
    })
}

fn parse_keys(value: &toml::Value, action: &str) -> Result<Vec<KeySeq>, ConfigError> {
    let list = value
        .as_array()
        .ok_or_else(|| ConfigError::NotAList(action.to_string()))?;
    list.iter()
        .map(|k| {
            k.as_str()
                .ok_or_else(|| ConfigError::NotAString(action.to_string()))
                .and_then(KeySeq::parse)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(s: &str) -> Key {
        Key::parse(s).expect(s)
    }

    fn keys_toml(s: &str) -> BTreeMap<String, toml::Value> {
        toml::from_str(s).expect("toml")
    }

    #[test]
    fn the_registry_binds_every_action_and_every_default_key_parses() {
        for u in Action::USER {
            for (_, keys) in u.keys {
                for k in *keys {
                    assert!(KeySeq::parse(k).is_ok(), "{}: {k:?}", u.name);
                }
            }
        }
        let map = Keymap::defaults();
        for u in Action::USER {
            assert!(!map.keys_for(&u.action).is_empty(), "{} has no key", u.name);
        }
        for m in Mode::ALL {
            assert!(map.tables.contains_key(&m), "no [{}] table", m.name());
        }
    }

    #[test]
    fn assets_keymap_toml_is_the_registry_written_out() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/keymap.toml");
        let file = std::fs::read_to_string(path).expect("assets/keymap.toml");
        assert_eq!(
            file,
            Keymap::defaults_toml(),
            "assets/keymap.toml differs from the registry; write Keymap::defaults_toml() to it"
        );
        // Read back as a user's `[keys]`, it binds what the defaults bind.
        let mut read = Keymap::default();
        read.apply(&keys_toml(&file)).expect("valid");
        for m in Mode::ALL {
            for u in Action::USER {
                assert_eq!(
                    read.keys_in(m, &u.action),
                    Keymap::defaults().keys_in(m, &u.action)
                );
            }
        }
    }

    #[test]
    fn the_names_before_the_renames_still_read() {
        // `entity_hints` (now `entity_labels`) flat, and the `[hints]` table (now `[labels]`).
        let mut map = Keymap::defaults();
        map.apply(&keys_toml(
            "entity_hints = [\"F\"]\n[hints]\nback = [\"ctrl-g\"]\n",
        ))
        .expect("old names are read");
        assert!(matches!(
            map.resolve(Mode::Reader, key("F")),
            Some(Action::EntityLabels)
        ));
        assert!(matches!(
            map.resolve(Mode::Labels, key("ctrl-g")),
            Some(Action::Back)
        ));
    }

    #[test]
    fn keys_resolve_by_mode() {
        let map = Keymap::defaults();
        let q = key("q");
        assert!(matches!(map.resolve(Mode::Library, q), Some(Action::Back)));
        assert!(matches!(map.resolve(Mode::Help, q), Some(Action::Back)));
        // `s` means sentence mode in the reader and nothing in the library or the help.
        assert!(matches!(
            map.resolve(Mode::Reader, key("s")),
            Some(Action::SentenceMode)
        ));
        assert!(map.resolve(Mode::Library, key("s")).is_none());
        assert!(map.resolve(Mode::Help, key("s")).is_none());
        // Global keys work everywhere; a text mode inserts typed characters.
        assert!(matches!(
            map.resolve(Mode::Reader, key("?")),
            Some(Action::Help)
        ));
        assert!(matches!(
            map.resolve(Mode::Finder, key("?")),
            Some(Action::Insert('?'))
        ));
        assert!(matches!(
            map.resolve(Mode::Finder, key("j")),
            Some(Action::Insert('j'))
        ));
        assert!(matches!(
            map.resolve(Mode::Labels, key("G")),
            Some(Action::Insert('G'))
        ));
        assert!(matches!(
            map.resolve(Mode::Finder, key("esc")),
            Some(Action::Back)
        ));
        assert!(matches!(
            map.resolve(Mode::Finder, key("ctrl-c")),
            Some(Action::Quit)
        ));
    }

    #[test]
    fn per_mode_user_tables_bind_one_key_differently() {
        let mut map = Keymap::defaults();
        map.apply(&keys_toml(
            "[library]\nopen = [\"o\"]\n[reader]\nsentence_mode = [\"o\"]",
        ))
        .expect("valid");
        assert!(matches!(
            map.resolve(Mode::Library, key("o")),
            Some(Action::Open)
        ));
        assert!(matches!(
            map.resolve(Mode::Reader, key("o")),
            Some(Action::SentenceMode)
        ));
        assert_eq!(
            map.hint(Mode::Reader, &Action::SentenceMode).as_deref(),
            Some("o")
        );
    }

    #[test]
    fn flat_user_keys_replace_and_steal() {
        let mut map = Keymap::defaults();
        map.apply(&keys_toml("help = [\"h\"]\ndown = [\"j\", \"n\"]"))
            .expect("valid");
        assert_eq!(map.describe(&Action::Help), "h");
        assert_eq!(map.hint(Mode::Help, &Action::Help).as_deref(), Some("h"));
        assert!(matches!(
            map.resolve(Mode::Reader, key("n")),
            Some(Action::Down)
        ));
        assert!(matches!(
            map.resolve(Mode::Library, key("h")),
            Some(Action::Help)
        ));
        // A global key taken by the user leaves the mode tables that would shadow it.
        map.apply(&keys_toml("help = [\"j\"]")).expect("valid");
        assert!(matches!(
            map.resolve(Mode::Reader, key("j")),
            Some(Action::Help)
        ));
        let bad = keys_toml("fly = [\"f\"]");
        assert!(map.apply(&bad).is_err());
        assert!(map.apply(&keys_toml("[sideways]\ndown = [\"j\"]")).is_err());
        assert_eq!(map.describe(&Action::Help), "j");
        assert_eq!(
            key("ctrl-z"),
            Key::new(KeyCode::Char('z'), KeyModifiers::CONTROL)
        );
    }

    #[test]
    fn sequences_wait_for_their_next_key_and_user_keys_replace_them() {
        let mut map = Keymap::defaults();
        let k = key;
        assert!(matches!(
            map.lookup(Mode::Reader, &[], k("]")),
            Lookup::Pending(_)
        ));
        assert!(matches!(
            map.lookup(Mode::Reader, &[k("]")], k("e")),
            Lookup::Action(Action::NextEntity)
        ));
        // An unknown second key is taken alone.
        assert!(matches!(
            map.lookup(Mode::Reader, &[k("]")], k("j")),
            Lookup::Action(Action::Down)
        ));
        assert_eq!(map.describe(&Action::NextEntity), "]e");
        // Binding `]` alone drops the sequence it starts; `gg` for top takes `g`'s place.
        map.apply(&keys_toml(
            "[reader]\nnext_entity = [\"]\"]\ntop = [\"gg\"]",
        ))
        .expect("valid");
        assert!(matches!(
            map.resolve(Mode::Reader, k("]")),
            Some(Action::NextEntity)
        ));
        assert!(matches!(
            map.lookup(Mode::Reader, &[], k("g")),
            Lookup::Pending(_)
        ));
        assert!(matches!(
            map.lookup(Mode::Reader, &[k("g")], k("g")),
            Lookup::Action(Action::Top)
        ));
        let cont = map.continuations(Mode::Reader, &[k("g")]);
        assert!(
            cont.iter()
                .any(|(rest, a)| rest.to_string() == "g" && matches!(a, Action::Top))
        );
    }
}
