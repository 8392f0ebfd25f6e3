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

/// `---` on the first line and a closing `---` later.
pub fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines();
    lines.next().is_some_and(|l| l.trim_end() == "---") && lines.any(|l| l.trim_end() == "---")
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
            format("[{\"path\":\"a\",\"format\":\"text\",\"blocks\":[]}]", None),
            Format::Json
        );
    }
}
