//! Whatever the bytes, reading and cleaning never panic, and the output carries no control
//! characters (escape sequences included).

use std::path::Path;

use proptest::prelude::*;

fn no_controls(a: &duet::Article) -> bool {
    let fields = [
        &a.title,
        &a.title_en,
        &a.summary,
        &a.outlet,
        &a.published,
        &a.updated,
        &a.image,
    ];
    fields.iter().filter_map(|f| f.as_deref()).all(clean_str)
        && a.subtitles
            .iter()
            .chain(&a.authors)
            .chain(&a.keywords)
            .chain(&a.categories)
            .all(|s| clean_str(s))
        && a.blocks.iter().all(|b| clean_str(&b.text))
}

fn clean_str(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

fn check(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(doc) = duet::ingest::from_bytes(Path::new(name), bytes) {
        let art = duet::clean::clean(doc);
        prop_assert!(no_controls(&art), "{art:?}");
    }
    Ok(())
}

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u{a0}",
    "\u{200b}",
    "\u{1b}[31m",
    "\u{1b}]0;x\u{7}",
    "\u{9b}",
    "<p>",
    "</p>",
    "<h1>",
    "<br>",
    "<div>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "---\n",
    "title: x\n",
    "# ",
    "- ",
    "> ",
    "READ ",
    "기사입력 : 2023년09월13일 07:37",
    "[서울=뉴스핌] 홍길동 기자 = ",
    "ⓒ 무단 전재",
    "a@b.co",
    "<참조, 2021년 1월 2일자>",
    "북한은 미사일을 쐈다.",
    "The talks resumed. ",
    "中国和俄罗斯。",
    "U.S.",
    "(1)",
    "김철수(대표 이사)",
    "다",
    "Keywords: a, b, c",
    "&nbsp;",
    "&#x1F600;",
    "&#0;",
    "\u{301}",
    "ᄒ",
    "\r\n",
    "{\"blocks\":[],\"format\":\"text\"}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        for name in ["x.txt", "x.html", "x.md", "x.json"] {
            check(name, &bytes)?;
        }
    }

    #[test]
    fn article_like_text(parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..60)) {
        let text: String = parts.concat();
        for name in ["x.txt", "x.html", "x.md"] {
            check(name, text.as_bytes())?;
        }
        check("x.html", format!("<html><body>{text}</body></html>").as_bytes())?;
    }
}
