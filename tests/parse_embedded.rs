//! Pages whose story is only in embedded JSON (written for duet in the shape of Arc XP,
//! Next.js and JSON-LD pages; `tests/fixtures/pages/README.md`): `duet parse` reads the story
//! from there, and a page whose markup holds the story keeps the markup's.

mod support;

use serde_json::Value;

fn parse(name: &str) -> Value {
    let page = support::fixture(&format!("pages/{name}"));
    let out = support::ok_json(&support::duet(&["parse", "--json", page.to_str().unwrap()]));
    out[0].clone()
}

fn body(a: &Value) -> Vec<String> {
    a["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] != "title")
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn arc_xp_global_content() {
    let a = parse("embedded_arc_xp.html");
    assert_eq!(a["title"], "수도권 광역버스 노선 30개 늘린다");
    assert_eq!(a["language"], "ko");
    let body = body(&a);
    assert!(
        body[0].starts_with("정부가 내년부터 수도권 광역버스"),
        "{body:#?}"
    );
    assert!(
        body.iter().any(|b| b == "인력 확보가 관건"),
        "the header element: {body:#?}"
    );
    assert!(body.last().unwrap().contains("국회에 제출될 예정이다"));
    let all = body.join("\n");
    for gone in [
        "광고",
        "로딩 중",
        "photo.jpg",
        "content_elements",
        "{",
        "무단 전재",
    ] {
        assert!(!all.contains(gone), "{gone:?} in {all}");
    }
}

#[test]
fn next_data() {
    let a = parse("embedded_next_data.html");
    assert_eq!(a["language"], "en");
    let body = body(&a);
    assert_eq!(body.len(), 4, "{body:#?}");
    assert!(body[0].starts_with("The city council voted on Tuesday"));
    assert!(!body.join(" ").contains("Loading"));
}

#[test]
fn json_ld_article_body() {
    let a = parse("embedded_json_ld.html");
    assert_eq!(a["title"], "강원 산간에 때 이른 첫눈");
    assert!(a["published"].as_str().unwrap().starts_with("2024-10-20"));
    let body = body(&a);
    assert_eq!(body.len(), 3, "{body:#?}");
    assert!(body[2].contains("미끄럼 사고에 주의하라고 했다"));
}

#[test]
fn a_page_whose_markup_holds_the_story_keeps_it() {
    let a = parse("saved_page_nav_aside_footer.html");
    let before = body(&a);
    assert!(!before.is_empty());
    // The same page with a JSON-LD teaser: the markup's story stays.
    let page = std::fs::read_to_string(support::fixture("pages/saved_page_nav_aside_footer.html"))
        .unwrap();
    let with_ld = page.replacen(
        "</head>",
        r#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"A teaser of the story, shorter than the story itself, which the markup holds in full and which must win over this."}</script></head>"#,
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.html");
    std::fs::write(&file, with_ld).unwrap();
    let out = support::ok_json(&support::duet(&["parse", "--json", file.to_str().unwrap()]));
    assert_eq!(body(&out[0]), before);
}
