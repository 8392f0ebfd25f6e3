//! No import cycle between the crate's modules (`tools/modcycles.py` does the same from a shell
//! and prints the edges). Each `.rs` file under `src/` is a module; an edge M → N is any path
//! through `crate::`, `super::` or `self::` in M's code (a `use` tree or an inline path) that
//! resolves to module N, the longest known module prefix. Edges from a module to its own
//! ancestors are left out: a child using its parent's items is how Rust module trees work. A
//! cycle between two siblings (or their descendants) fails the test, naming the modules.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(src)
                .expect("under src")
                .with_extension("");
            let mut parts: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if rel == Path::new("main") {
                parts = vec!["<bin>".into()];
            } else if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            out.insert(parts, std::fs::read_to_string(&path).expect("read module"));
        }
    }
    out
}

/// The code only: comments, string and char literals blanked.
fn strip(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let (mut out, mut i) = (String::new(), 0);
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| b.get(i + k) == Some(&c));
    while i < b.len() {
        if at(i, "//") {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            i += 2;
            while i < b.len() && !at(i, "*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == 'r'
            && (i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_'))
            && matches!(b.get(i + 1), Some('"' | '#'))
        {
            // A raw string r"…" or r#"…"#.
            let hashes = b[i + 1..].iter().take_while(|c| **c == '#').count();
            if b.get(i + 1 + hashes) != Some(&'"') {
                out.push(b[i]);
                i += 1;
                continue;
            }
            let end: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            i += 2 + hashes;
            while i < b.len() && !at(i, &end) {
                i += 1;
            }
            i += end.len();
            out.push_str("\"\"");
        } else if b[i] == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == '\'' && (b.get(i + 2) == Some(&'\'') || b.get(i + 1) == Some(&'\\')) {
            // A char literal ('x', '\n', '\u{..}'), not a lifetime.
            i += 1;
            while i < b.len() && b[i] != '\'' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    // `x as y` names x: drop the renames, then the spaces.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut kept = String::new();
    let mut k = 0;
    while k < words.len() {
        if words[k] == "as" && k + 1 < words.len() {
            // Keep what followed the new name in the same word (`y},` → `},`).
            let rest = words[k + 1].trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
            kept.push_str(rest);
            k += 2;
        } else {
            kept.push_str(words[k]);
            k += 1;
        }
    }
    let tree = kept;
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let (prefix, inner) = (&tree[..open], &tree[open + 1..tree.len() - 1]);
    let (mut items, mut depth, mut cur) = (Vec::new(), 0, String::new());
    for ch in inner.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if ch == ',' && depth == 0 {
            items.push(std::mem::take(&mut cur));
        } else {
            cur.push(ch);
        }
    }
    items.push(cur);
    items
        .iter()
        .filter(|i| !i.is_empty())
        .flat_map(|i| expand(&format!("{prefix}{i}")))
        .collect()
}

fn resolve(me: &Module, path: &str, known: &BTreeSet<Module>) -> Option<Module> {
    let mut segs = path.split("::").filter(|s| !s.is_empty()).peekable();
    let base: Module = if me.first().is_some_and(|m| m == "<bin>") {
        Vec::new()
    } else {
        me.clone()
    };
    let mut cur = match *segs.peek()? {
        "crate" => Vec::new(),
        "self" => base,
        "super" => {
            let mut cur = base;
            while segs.peek() == Some(&"super") {
                cur.pop();
                segs.next();
            }
            cur
        }
        _ => return None,
    };
    if matches!(segs.peek(), Some(&("crate" | "self"))) {
        segs.next();
    }
    let mut best = known.contains(&cur).then(|| cur.clone());
    for s in segs {
        cur.push(s.to_string());
        if !known.contains(&cur) {
            break;
        }
        best = Some(cur.clone());
    }
    best
}

fn edges(mods: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let known: BTreeSet<Module> = mods.keys().cloned().collect();
    let mut edges = BTreeMap::new();
    for (m, text) in mods {
        let code = strip(text);
        let mut paths = Vec::new();
        for stmt in code.split(';') {
            if let Some(at) = stmt.find("use ").filter(|&at| {
                at == 0 || !stmt[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            }) {
                paths.extend(expand(&stmt[at + 4..]));
            }
        }
        // Inline paths: every run of `word::word…` starting with crate, super or self.
        let bytes: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_alphanumeric() || bytes[i] == '_' {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_alphanumeric() || bytes[i] == '_' || bytes[i] == ':')
                {
                    i += 1;
                }
                let word: String = bytes[start..i].iter().collect();
                if ["crate::", "super::", "self::"]
                    .iter()
                    .any(|p| word.starts_with(p))
                {
                    paths.push(word);
                }
            } else {
                i += 1;
            }
        }
        let out: BTreeSet<Module> = paths
            .iter()
            .filter_map(|p| resolve(m, p, &known))
            .filter(|n| n != m && !m.starts_with(n))
            .collect();
        edges.insert(m.clone(), out);
    }
    edges
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on: BTreeSet<&'a Module>,
        out: Vec<Vec<Module>>,
    }
    impl<'a> Walk<'a> {
        fn strong(&mut self, v: &'a Module) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on.insert(v);
            for w in &self.edges[v] {
                if !self.index.contains_key(w) {
                    self.strong(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(w);
                    comp.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    self.out.push(comp);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.strong(v);
        }
    }
    walk.out
}

#[test]
fn no_import_cycle_between_modules() {
    let src = support::repo().join("src");
    let mods = modules(&src);
    assert!(mods.len() > 50, "found only {} modules", mods.len());
    let edges = edges(&mods);
    let found = cycles(&edges);
    let name = |m: &Module| m.join("::");
    let report: Vec<String> = found
        .iter()
        .map(|c| {
            let inside: BTreeSet<&Module> = c.iter().collect();
            let lines: Vec<String> = c
                .iter()
                .flat_map(|m| {
                    edges[m]
                        .iter()
                        .filter(|n| inside.contains(n))
                        .map(move |n| format!("    {} -> {}", name(m), name(n)))
                })
                .collect();
            format!("cycle:\n{}", lines.join("\n"))
        })
        .collect();
    assert!(found.is_empty(), "{}", report.join("\n"));
}

#[test]
fn the_checker_sees_a_cycle_when_there_is_one() {
    let mut mods = BTreeMap::new();
    let m = |s: &str| s.split("::").map(String::from).collect::<Module>();
    mods.insert(
        m("a"),
        "use crate::b::Thing; // crate::c in a comment".to_string(),
    );
    mods.insert(
        m("b"),
        "fn f() { super::a::g(); let s = \"crate::c\"; }".to_string(),
    );
    mods.insert(m("c"), "use super::{a as x, b::{Thing as T}};".to_string());
    mods.insert(m("a::child"), "use super::super::a::X;".to_string());
    let edges = edges(&mods);
    assert_eq!(edges[&m("a")], BTreeSet::from([m("b")]));
    assert_eq!(edges[&m("b")], BTreeSet::from([m("a")]));
    assert_eq!(edges[&m("c")], BTreeSet::from([m("a"), m("b")]));
    assert!(edges[&m("a::child")].is_empty(), "a child using its parent");
    assert_eq!(cycles(&edges), vec![vec![m("a"), m("b")]]);
}
