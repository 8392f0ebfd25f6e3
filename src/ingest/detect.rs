//! The format of a decoded file, told by its content first and its name second.

use crate::model::Format;

/// Which parser a decoded file goes to.
pub fn format(text: &str, ext: Option<&str>) -> Format {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if (head.starts_with('{') || head.starts_with('['))
        && head.contains("\"blocks\"")
        && head.contains("\"format\"")
    {
        return Format::Json;
    }
    if has_front_matter(head) {
        return Format::Markdown;
    }
    if looks_like_html(head) {
        return Format::Html;
    }
    match ext {
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        Some("html" | "htm" | "xhtml" | "shtml") if head.contains('<') => Format::Html,
        _ => Format::Text,
    }
}

/// Short lines a copy may carry above its front matter (a dateline, a byline, a saved-from
/// note) before the `---` that opens it.
pub const MAX_PREAMBLE_LINES: usize = 3;

/// Where the front matter's opening `---` line starts: on the first line, or after a preamble
/// of at most [`MAX_PREAMBLE_LINES`] short lines when a `key: value` line follows it; and a
/// closing `---` later.
pub fn front_matter_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut preamble = 0;
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t == "---" {
            let mut rest = lines.clone();
            let keyed = preamble == 0 || rest.next().and_then(yaml_key).is_some();
            return (keyed && lines.any(|l| l.trim_end() == "---")).then_some(offset);
        }
        if !t.is_empty() {
            preamble += 1;
            if preamble > MAX_PREAMBLE_LINES || t.chars().count() > 200 {
                return None;
            }
        }
        offset += line.len();
    }
    None
}

/// `---` on the first line (or after a short preamble) and a closing `---` later.
pub fn has_front_matter(text: &str) -> bool {
    front_matter_start(text).is_some()
}

/// `title: …`, `date:`: a YAML key at the start of a line, and the rest of the line.
pub fn yaml_key(line: &str) -> Option<(&str, &str)> {
    line.split_once(':').filter(|(k, _)| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

/// A document start or enough block-level tags to be markup rather than prose.
fn looks_like_html(head: &str) -> bool {
    let start: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml") && start.contains("<html")
        || start.starts_with("<!--") && start.contains("<html")
    {
        return true;
    }
    if !head.starts_with('<') {
        return false;
    }
    let sample: String = head
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    let tags = [
        "<p", "<div", "<br", "<h1", "<h2", "<h3", "<ul", "<li", "<table", "<body", "<head",
        "<article", "<span",
    ]
    .iter()
    .map(|t| sample.matches(t).count())
    .sum::<usize>();
    tags >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_formats_apart() {
        assert_eq!(format("<!DOCTYPE html><html>", None), Format::Html);
        assert_eq!(format("<p>a</p>\n<p>b</p>", Some("txt")), Format::Html);
        assert_eq!(
            format("---\ntitle: x\n---\nbody", Some("txt")),
            Format::Markdown
        );
        assert_eq!(format("# Title\n\nbody", Some("md")), Format::Markdown);
        assert_eq!(format("기사 <b>본문</b>", Some("txt")), Format::Text);
        assert_eq!(
            format(
                "Yonhap · 입력 2019-03-07\n\n---\ntitle: x\n---\nbody",
                Some("txt")
            ),
            Format::Markdown
        );
        // A rule under a few lines is not front matter unless metadata follows it.
        assert_eq!(
            format("제목\n\n---\n본문 문단이다.\n---\n", Some("txt")),
            Format::Text
        );
        assert_eq!(
            format("[{\"path\":\"a\",\"format\":\"text\",\"blocks\":[]}]", None),
            Format::Json
        );
    }
}
