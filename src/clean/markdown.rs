//! Markdown with YAML front matter and a Markdown or HTML body.

use std::sync::LazyLock;

use regex::Regex;

use super::assemble::{self, Titles};
use super::boilerplate::Cand;
use super::html;
use super::markup::{self, Run};
use super::meta;
use crate::model::{Article, BlockKind};
use crate::text::furniture::re;

pub fn clean(text: &str, art: &mut Article) {
    let (mut preamble, front, mut body) = split_front_matter(text);
    // Text between two `---` rules that is not metadata is part of the body.
    if front.is_some_and(|f| !front_matter(f, art)) {
        (preamble, body) = ("", text);
    }
    let mut titles = Titles::default();
    if let Some(t) = art.title.take() {
        titles.offer(&t, crate::text::detect_lang(&t));
    }
    // The lines above the front matter (a dateline, a byline) lead the body's blocks.
    let mut cands = super::text::paragraphs(preamble);
    for run in markup::runs(body) {
        match run {
            Run::Plain(t) => cands.extend(markdown_cands(t)),
            Run::Markup(m) => cands.extend(html::fragment_cands(m, art)),
        }
    }
    assemble::content(cands, art, &mut titles);
    titles.resolve(art);
}

/// The lines above the front matter, the YAML between its two `---` lines, and the body
/// after it.
fn split_front_matter(text: &str) -> (&str, Option<&str>, &str) {
    let t = text.trim_start_matches('\u{feff}');
    let Some(start) = crate::ingest::detect::front_matter_start(t) else {
        return ("", None, t);
    };
    let (preamble, from) = t.split_at(start);
    let rest = &from[from.find('\n').map_or(from.len(), |i| i + 1)..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (
                preamble,
                Some(&rest[..offset]),
                &rest[offset + line.len()..],
            );
        }
        offset += line.len();
    }
    ("", None, t)
}

/// Read the front matter into the article; false when it is not metadata at all.
fn front_matter(yaml: &str, art: &mut Article) -> bool {
    match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml) {
        Ok(serde_yaml_ng::Value::Mapping(map)) => {
            for (k, v) in map {
                if let Some(k) = k.as_str() {
                    set_field(art, &k.to_ascii_lowercase(), &values(&v));
                }
            }
            true
        }
        // `title: Breaking: X` is a YAML error: read `key: value` lines instead.
        _ => {
            let mut any = false;
            for (k, v) in yaml.lines().filter_map(crate::ingest::detect::yaml_key) {
                any = true;
                let v = v.trim().trim_matches(['"', '\'']).to_string();
                if !v.is_empty() {
                    set_field(art, &k.to_ascii_lowercase(), &[v]);
                }
            }
            any
        }
    }
}

fn values(v: &serde_yaml_ng::Value) -> Vec<String> {
    use serde_yaml_ng::Value;
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        Value::Bool(b) => vec![b.to_string()],
        Value::Sequence(seq) => seq.iter().flat_map(values).collect(),
        Value::Mapping(m) => m.get("name").map(values).unwrap_or_default(),
        _ => vec![],
    }
}

fn set_field(art: &mut Article, key: &str, vals: &[String]) {
    let first = || {
        vals.first()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    match key {
        "title" => art.title = first(),
        "title_en" | "english_title" => art.title_en = first(),
        "subtitle" | "subtitles" | "deck" => art.subtitles.extend(vals.iter().cloned()),
        "date" | "published" | "pubdate" | "published_at" | "created" => {
            art.published = first().and_then(|d| meta::date_as_written(&d))
        }
        "updated" | "modified" | "lastmod" | "last_modified_at" | "updated_at" => {
            art.updated = first().and_then(|d| meta::date_as_written(&d))
        }
        "author" | "authors" | "byline" => art.authors.extend(vals.iter().cloned()),
        "excerpt" | "summary" | "description" => art.summary = first(),
        "image" | "thumbnail" | "cover" | "og_image" => art.image = first(),
        "categories" | "category" => art.categories.extend(vals.iter().cloned()),
        "tags" | "keywords" => art.keywords.extend(vals.iter().cloned()),
        "outlet" | "source" | "site" | "publisher" => art.outlet = first(),
        _ => {}
    }
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^(#{1,6})\s+(.*?)\s*#*$"));
static LIST: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$"));
static IMAGE: LazyLock<Regex> = LazyLock::new(|| re(r"!\[[^\]]*\]\([^)]*\)"));
static LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\]]*)\]\([^)]*\)"));
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| re(r"(\*\*|__|\*|`)"));

/// Inline Markdown to plain text: images out, links to their text, emphasis marks out,
/// stray tags out, entities decoded.
fn inline(s: &str) -> String {
    let s = IMAGE.replace_all(s, "");
    let s = LINK.replace_all(&s, "$1");
    let s = EMPHASIS.replace_all(&s, "");
    decode_entities(&markup::strip_tags(&s))
}

/// The common named entities and numeric references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let window = rest.char_indices().nth(12).map_or(rest.len(), |(i, _)| i);
        let end = rest[..window].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "nbsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "middot" => Some('·'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Markdown blocks: headings, list items, quotes, paragraphs; rules and fences dropped.
fn markdown_cands(body: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut quote = false;
    let flush = |para: &mut Vec<String>, quote: &mut bool, out: &mut Vec<Cand>| {
        if !para.is_empty() {
            let mut c = Cand::new(std::mem::take(para));
            c.hint = Some(if *quote {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            });
            out.push(c);
        }
        *quote = false;
    };
    for raw in body.lines() {
        let line = raw.trim_end();
        let t = line.trim();
        if t.is_empty()
            || t.starts_with("```")
            || t.chars()
                .all(|c| c == '-' || c == '*' || c == '_' || c == '=')
        {
            flush(&mut para, &mut quote, &mut out);
            continue;
        }
        if let Some(c) = HEADING.captures(t) {
            flush(&mut para, &mut quote, &mut out);
            let text = inline(c.get(2).map_or("", |m| m.as_str()));
            if !text.trim().is_empty() {
                let mut cand = Cand::new(vec![text]);
                cand.hint = Some(if c[1].len() == 1 {
                    BlockKind::Title
                } else {
                    BlockKind::Heading
                });
                out.push(cand);
            }
            continue;
        }
        if let Some(c) = LIST.captures(line) {
            flush(&mut para, &mut quote, &mut out);
            let text = inline(c.get(1).map_or("", |m| m.as_str()));
            if !text.trim().is_empty() {
                let mut cand = Cand::new(vec![text]);
                cand.hint = Some(BlockKind::ListItem);
                out.push(cand);
            }
            continue;
        }
        if let Some(q) = t.strip_prefix('>') {
            if !quote {
                flush(&mut para, &mut quote, &mut out);
            }
            quote = true;
            para.push(inline(q.trim()));
            continue;
        }
        let text = inline(t);
        if !text.trim().is_empty() {
            para.push(text);
        }
    }
    flush(&mut para, &mut quote, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_inline() {
        assert_eq!(
            decode_entities("a&nbsp;b &amp; &#54620;&#xAD6D; &bogus"),
            "a b & 한국 &bogus"
        );
        assert_eq!(
            inline("**굵게** [링크](http://x) ![사진](a.jpg)"),
            "굵게 링크 "
        );
    }

    #[test]
    fn front_matter_with_yaml_error_falls_back_to_lines() {
        let mut art = crate::clean::clean(crate::ingest::Document {
            path: "x.md".into(),
            format: crate::model::Format::Markdown,
            encoding: "UTF-8".into(),
            text: "---\ntitle: Breaking: North Korea fires missile\ndate: 2023-09-13\n---\n\nSeoul said the launch came at dawn, the third this month.\n".into(),
        });
        assert_eq!(
            art.title.as_deref(),
            Some("Breaking: North Korea fires missile")
        );
        assert_eq!(art.published.as_deref(), Some("2023-09-13"));
        art.blocks.truncate(1);
        assert_eq!(
            art.blocks[0].text,
            "Seoul said the launch came at dawn, the third this month."
        );
        let art = crate::clean::clean(crate::ingest::Document {
            path: "x.md".into(),
            format: crate::model::Format::Markdown,
            encoding: "UTF-8".into(),
            text: "---\nA ruled paragraph that is body text, not metadata.\n---\n\nAnd a second one follows it here.\n".into(),
        });
        let texts: Vec<&str> = art.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "A ruled paragraph that is body text, not metadata.",
                "And a second one follows it here."
            ]
        );
    }
}
