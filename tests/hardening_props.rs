//! Property versions of the fuzz targets not covered elsewhere (`fuzz/`; the ingest, wrapping,
//! sentence and aligner properties live in parse_props, tui_wrap_prop and align_props):
//! the HTML nesting budget and the user's config file.

use duet::clean::depth::bound;
use proptest::prelude::*;

const TAGS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<span class=\"a>b\">",
    "</span>",
    "<b>",
    "</b>",
    "<br>",
    "<img src=x>",
    "<x/>",
    "<li>",
    "<ul>",
    "</ul>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<!-- c -->",
    "<!doctype html>",
    "</i>",
    "<h2>",
    "</h2>",
];
const TEXT: &[&str] = &["a", "본문", " ", "\n", "1 < 2", "x>y", "&amp;"];

/// The text between tags (what the parser keeps as text).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut quote = None;
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_tag {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' => quote = Some(c),
                None if c == b'>' => in_tag = false,
                None => {}
            }
        } else if c == b'<'
            && b.get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!')
        {
            in_tag = true;
        } else {
            out.push(c as char);
        }
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #[test]
    fn the_nesting_budget_keeps_all_text(
        parts in prop::collection::vec(
            prop_oneof![prop::sample::select(TAGS), prop::sample::select(TEXT)], 0..200),
        budget in 1usize..12,
    ) {
        let html: String = parts.concat();
        let shape = bound(&html, budget);
        match &shape.flattened {
            None => prop_assert!(shape.deepest <= budget, "{shape:?}"),
            Some(flat) => {
                prop_assert!(shape.deepest > budget);
                prop_assert_eq!(text_of(flat), text_of(&html));
                // Flattened markup is within the budget.
                prop_assert!(bound(flat, budget).deepest <= budget + 1);
            }
        }
    }

    #[test]
    fn any_config_text_is_a_config_or_one_error_line(text in "\\PC{0,200}") {
        if let Err(e) = duet::tui::keys::config::Config::from_toml(&text) {
            prop_assert!(!e.to_string().contains('\n'), "{e:?}");
        }
    }

    #[test]
    fn config_like_text_is_a_config_or_one_error_line(
        parts in prop::collection::vec(prop::sample::select(&[
            "[keys]\n", "[theme]\n", "down = [\"j\"]\n", "up = [\"C-\", \"f99\"]\n",
            "help = [\"?\", \"F1\", \"S-Tab\"]\n", "layout = \"stacked\"\n", "layout = 3\n",
            "ambiguous_width = \"wide\"\n", "accent = \"#zzz\"\n", "dim = \"300\"\n",
            "quit = []\n", "\"\" = [\"\"]\n", "[keys.reader]\n", "x = [\"\\u0000\"]\n",
        ][..]), 0..12),
    ) {
        let text: String = parts.concat();
        if let Err(e) = duet::tui::keys::config::Config::from_toml(&text) {
            prop_assert!(!e.to_string().contains('\n'), "{e:?}");
        }
    }
}
