//! `duet parse --json` run and read (the `parse_*` tests).

use std::path::{Path, PathBuf};

pub use super::cli::{SEEDS, repo, seed};

use serde_json::Value;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The printed articles (the stdout JSON array).
    pub fn articles(&self) -> Vec<Value> {
        match serde_json::from_str::<Value>(&self.stdout) {
            Ok(Value::Array(a)) => a,
            other => panic!(
                "stdout is not a JSON array: {other:?}\nstderr: {}",
                self.stderr
            ),
        }
    }
}

pub fn duet<P: AsRef<Path>>(args: &[&str], files: &[P]) -> Run {
    let out = super::cli::command()
        .args(args)
        .args(files.iter().map(|p| p.as_ref()))
        .output()
        .expect("run duet");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// `duet parse FILES --json`, expecting success.
pub fn parse<P: AsRef<Path>>(files: &[P]) -> Vec<Value> {
    let run = duet(&["parse", "--json"], files);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    run.articles()
}

pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn s(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .map(fold)
        .unwrap_or_default()
}

pub fn strs(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(fold).collect())
        .unwrap_or_default()
}

/// (kind, lang, text) of each block.
pub fn blocks(v: &Value) -> Vec<(String, String, String)> {
    v["blocks"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| (s(b, "kind"), s(b, "lang"), s(b, "text")))
                .collect()
        })
        .unwrap_or_default()
}

pub fn texts_of(v: &Value, kind: &str) -> Vec<String> {
    blocks(v)
        .into_iter()
        .filter(|(k, _, _)| k == kind)
        .map(|(_, _, t)| t)
        .collect()
}

/// Every string anywhere in the article.
pub fn all_text(v: &Value) -> String {
    let mut out = String::new();
    fn walk(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(v, &mut out);
    out
}

pub fn page(name: &str) -> PathBuf {
    super::cli::fixture("pages").join(name)
}
