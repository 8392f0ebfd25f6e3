//! The five seed articles against the gold (../shared/gold/articles.json, transcribed here so
//! the repository tests itself), through the real binary.

mod support;

use support::json::*;

fn seeds() -> Vec<serde_json::Value> {
    let arts = parse(&SEEDS.map(seed));
    assert_eq!(arts.len(), 5, "one article per file, in order");
    arts
}

fn paragraphs(a: &serde_json::Value) -> Vec<String> {
    texts_of(a, "paragraph")
}

#[test]
fn seed_000_korean_page_with_navigation_and_sidebar() {
    let a = &seeds()[0];
    assert_eq!(
        s(a, "title"),
        "북러 군사협력, 중국은 거리두기...\"잃을 게 많다\""
    );
    assert_eq!(s(a, "published"), "2023-09-13T07:37");
    assert_eq!(s(a, "updated"), "2023-09-13T07:41");
    assert_eq!(
        strs(a, "subtitles"),
        vec!["미국 제재가 원인 주장", "향후 유엔서 북러 편들기 전망"]
    );
    assert!(strs(a, "authors").iter().any(|n| n.contains("조용성")));
    assert_eq!(s(a, "language"), "ko");
    let p = paragraphs(a);
    assert_eq!(p.len(), 9);
    assert!(p[0].contains(
        "13일 북러정상회담이 개최돼 양국의 군사 협력 방안이 논의될 것으로 예상되는 가운데"
    ));
    assert!(p[8].contains("리하이둥(李海東) 중국 외교학원 교수는"));
    assert!(texts_of(a, "caption")
        .iter()
        .any(|c| c.contains("방러 일정에 나선 김정은 북한 국무위원장이 러시아에 도착한 장면이")));
    let all = all_text(a);
    for junk in [
        "전체기사",
        "최신뉴스",
        "라씨로",
        "디데이",
        "더보기",
        "뉴스핌 베스트 기사",
        "SKT",
        "유심",
        "화웨이",
        "H100",
        "안다쇼핑",
        "Top으로 이동",
    ] {
        assert!(!all.contains(junk), "boilerplate {junk:?} kept");
    }
}

#[test]
fn seed_001_title_twice_published_glued_read_inserts() {
    let a = &seeds()[1];
    let title = "북한, 러시아와의 관계를 이용하여 중국과의 입장 강화";
    assert_eq!(s(a, "title"), title);
    assert_eq!(s(a, "published"), "2023-10-27");
    assert!(
        blocks(a).iter().all(|(_, _, t)| t != title),
        "title repeated as a block"
    );
    let p = paragraphs(a);
    assert!(p[0].contains("애널리스트 등에 따르면 사회주의 3개국이 미국에 대항하려는 가운데"));
    assert!(
        p.last()
            .is_some_and(|l| l.contains("알렉산더 마체고라 주북 러시아 대사는 9월 17일"))
    );
    let all = all_text(a);
    for junk in [
        "Close",
        "READ",
        "여권 구매",
        "칠레, 한국에 과일 수출",
        "Leave a Reply",
        "이메일 주소는 공개되지 않습니다",
        "Published",
    ] {
        assert!(!all.contains(junk), "boilerplate {junk:?} kept");
    }
}

#[test]
fn seed_002_markdown_front_matter_and_html_body() {
    let a = &seeds()[2];
    assert_eq!(s(a, "format"), "markdown");
    assert_eq!(
        s(a, "title"),
        "북러 회담 군사협력 우크라전 영향은…北무기 추가로 최전선으로"
    );
    assert_eq!(strs(a, "categories"), vec!["News"]);
    assert!(s(a, "summary").contains("푸틴 대통령과 김정은 국무위원장이 북한에서 회담을 마치고"));
    assert_eq!(
        s(a, "image"),
        "https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg"
    );
    let headings = texts_of(a, "heading");
    for h in [
        "러시아-북한 군사 협력 및 전략적 동반자 체결",
        "미국 및 동맹국에 대한 위협",
        "러시아의 군사 협력 확대와 전략적 이해관계",
        "러시아의 다양한 협력 활동",
    ] {
        assert!(headings.iter().any(|x| x == h), "heading {h:?} missing");
    }
    let items = texts_of(a, "list_item");
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("러시아의 전략적 이해관계"))
    );
    assert!(items.iter().any(|i| i.starts_with("미국 및 동맹국의 위협")));
    let p = paragraphs(a);
    assert!(p[0].contains("북한의 김정은 국무위원장과 러시아의 블라디미르 푸틴 대통령이 북한 평양에서 열린 정상회담에서"));
    assert!(p.last().is_some_and(|l| {
        l.contains("중국도 러시아 내에서 비살상 드론을 공동 생산하는 데 협력하고 있습니다")
    }));
    let all = all_text(a);
    for junk in [
        "&nbsp;",
        "<p",
        "</p>",
        "data-ke-size",
        "<img",
        "<br>",
        "<table",
        "<td",
        "<li",
        "<b>",
        "---",
    ] {
        assert!(!all.contains(junk), "markup {junk:?} kept");
    }
}

#[test]
fn seed_003_run_together_korean_block_is_split() {
    let a = &seeds()[3];
    assert_eq!(
        s(a, "title"),
        "중국과 러시아는 공동기술 개발에 협력한다 (1)"
    );
    assert_eq!(s(a, "published"), "2023-08-20");
    assert_eq!(s(a, "language"), "ko+en");
    let b = blocks(a);
    assert!(b.iter().all(|(_, _, t)| !t.contains("date 2023-08-20")));
    assert!(
        b[0].2
            .starts_with("China and Russia have become increasingly close.")
    );
    let bylines = texts_of(a, "byline");
    assert!(bylines.contains(&"양젠리(중국 공민역량 총재)".to_string()));
    assert!(bylines.contains(&"역주=오성환 외신전문위원 suhwo@segye.com".to_string()));
    let ko: Vec<_> = b
        .iter()
        .filter(|(k, l, _)| k == "paragraph" && l == "ko")
        .collect();
    assert_eq!(ko.len(), 1);
    assert!(
        ko[0]
            .2
            .starts_with("중국과 러시아는 점점 더 가까워지고 있다.")
    );
    assert!(
        ko[0]
            .2
            .ends_with("모스크바의 중요한 기술 투입이 필요할 것이다.")
    );
}

#[test]
fn seed_004_bilingual_titles_references_keywords() {
    let a = &seeds()[4];
    assert_eq!(
        s(a, "title"),
        "미국 중국 첫 고위 군사회담 핵군축 접근 북핵 ‘연결’"
    );
    assert_eq!(
        s(a, "title_en"),
        "US-China First High-Level Military Talks, Nuclear Disarmament Approach, North Korea Nuclear ‘Connection’"
    );
    assert_eq!(s(a, "language"), "ko+en");
    assert_eq!(
        strs(a, "keywords"),
        vec![
            "Taiwan arms sales",
            "US-China military talks",
            "Biden",
            "North Korea's nuclear program",
            "Sullivan",
            "China's military commission",
            "nuclear disarmament",
            "nuclear guidelines"
        ]
    );
    let b = blocks(a);
    assert_eq!(texts_of(a, "reference").len(), 10);
    assert_eq!(texts_of(a, "keywords").len(), 1);
    // The short English title and the repeated Korean title are duplicates, not body.
    assert!(
        b.iter()
            .all(|(_, _, t)| t != "US-China First High-Level Military Talks")
    );
    assert!(
        b.iter()
            .all(|(_, _, t)| !t.starts_with("미국 중국 첫 고위 군사회담"))
    );
    let ko = b
        .iter()
        .filter(|(k, l, _)| k == "paragraph" && l == "ko")
        .count();
    let en = b
        .iter()
        .filter(|(k, l, _)| k == "paragraph" && l == "en")
        .count();
    assert_eq!((ko, en), (16, 14));
}

#[test]
fn folders_expand_to_sorted_articles_without_readme() {
    let arts = parse(&[repo().join("assets/articles")]);
    let names: Vec<String> = arts
        .iter()
        .map(|a| {
            s(a, "path")
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(names, SEEDS.map(String::from).to_vec());
}

#[test]
fn json_output_reads_back_to_the_same_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in SEEDS {
        let first = parse(&[seed(name)]).remove(0);
        let json = dir.path().join(name.replace(".txt", ".json"));
        std::fs::write(&json, serde_json::to_string(&first).expect("json")).expect("write");
        let mut again = parse(&[&json]).remove(0);
        again["path"] = first["path"].clone();
        assert_eq!(again, first, "{name}");
    }
}
