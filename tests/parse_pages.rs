//! The extra test pages (tests/fixtures/pages), written in the style of other real outlets.

mod support;

use support::json::*;

#[test]
fn korean_wire_story_with_reporter_byline_and_copyright_footer() {
    let a = parse(&[page("wire_ko_yonhap_style.txt")]).remove(0);
    assert_eq!(
        s(&a, "title"),
        "북한, 동해상으로 단거리 탄도미사일 2발 발사…올해 세 번째"
    );
    assert_eq!(s(&a, "published"), "2024-03-05T14:22");
    assert_eq!(
        strs(&a, "subtitles"),
        vec![
            "합참 \"추가 발사 대비 감시 강화\"",
            "한미 정보당국 정밀 분석 중"
        ]
    );
    assert_eq!(strs(&a, "authors"), vec!["김민수"]);
    assert_eq!(s(&a, "language"), "ko");
    let p = texts_of(&a, "paragraph");
    assert_eq!(p.len(), 6);
    assert!(
        p[0].starts_with("북한이 5일 오전 동해상으로 단거리 탄도미사일(SRBM) 2발을 발사했다고")
    );
    assert!(p[5].starts_with("정부는 국가안전보장회의(NSC) 상임위원회를 열어"));
    assert_eq!(
        texts_of(&a, "caption"),
        vec!["합동참모본부 청사 모습 [연합뉴스 자료사진]"]
    );
    assert!(texts_of(&a, "byline").contains(&"kms@example.co.kr".to_string()));
    let all = all_text(&a);
    for junk in [
        "저작권자",
        "무단 전재",
        "관련 뉴스",
        "많이 본 뉴스",
        "배우 A씨",
        "전체메뉴",
        "검색",
        "구독하기",
        "2024/03/05",
    ] {
        assert!(!all.contains(junk), "boilerplate {junk:?} kept");
    }
}

#[test]
fn saved_html_page_keeps_the_article_and_drops_nav_aside_footer() {
    let a = parse(&[page("saved_page_nav_aside_footer.html")]).remove(0);
    assert_eq!(s(&a, "format"), "html");
    assert_eq!(s(&a, "title"), "서울 도심 공원 세 곳 새로 문 연다");
    assert!(s(&a, "published").starts_with("2024-04-02T09:15"));
    assert!(strs(&a, "authors").iter().any(|n| n.contains("이서연")));
    let p = texts_of(&a, "paragraph");
    assert_eq!(p.len(), 5);
    assert!(p[0].starts_with("서울시가 용산과 마포, 성동 세 곳에 새 도심 공원을 조성해"));
    assert!(p[4].starts_with("서울시 관계자는"));
    assert_eq!(
        texts_of(&a, "caption"),
        vec!["서울 용산에 새로 조성된 공원 모습 [사진=서울시 제공]"]
    );
    let all = all_text(&a);
    for junk in [
        "정치",
        "검색어",
        "많이 본 기사",
        "지하철 요금",
        "댓글",
        "회사소개",
        "개인정보처리방침",
        "Copyright",
        "무단전재",
        "광고",
        "dataLayer",
        "font-family",
        "페이스북",
    ] {
        assert!(!all.contains(junk), "boilerplate {junk:?} kept");
    }
    assert!(
        !blocks(&a)
            .iter()
            .any(|(_, _, t)| t == "서울 도심 공원 세 곳 새로 문 연다")
    );
}

#[test]
fn html_fragment_and_page_without_enough_text_use_our_own_extractor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let frag = dir.path().join("fragment.html");
    std::fs::write(
        &frag,
        "<h2>요약</h2>\n<p>입력 2024.03.05 14:22</p><p>정부가 &nbsp;새 대책을 <b>발표했다</b>.</p>\n<ul><li>첫째 항목</li><li>둘째 항목</li></ul>\n<blockquote>인용문이다.</blockquote>",
    )
    .expect("write");
    let small = dir.path().join("small.html");
    std::fs::write(
        &small,
        "<!doctype html><html><head><title>짧은 기사</title></head><body><nav><a href='/'>홈</a> <a href='/a'>정치</a></nav>\
         <div><p>짧은 본문 첫 문단이다. 두 문장으로 되어 있다.</p><p>둘째 문단도 있다.</p></div>\
         <footer>Copyright © 2024 All rights reserved.</footer></body></html>",
    )
    .expect("write");
    let arts = parse(&[frag, small]);
    let b = blocks(&arts[0]);
    let kinds: Vec<&str> = b.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        ["heading", "paragraph", "list_item", "list_item", "quote"]
    );
    assert_eq!(b[1].2, "정부가 새 대책을 발표했다.");
    assert_eq!(s(&arts[0], "published"), "2024-03-05T14:22");
    let p = texts_of(&arts[1], "paragraph");
    assert_eq!(
        p,
        [
            "짧은 본문 첫 문단이다. 두 문장으로 되어 있다.",
            "둘째 문단도 있다."
        ]
    );
    assert!(!all_text(&arts[1]).contains("Copyright"));
    assert!(!all_text(&arts[1]).contains("정치"));
}

#[test]
fn bilingual_page_with_interleaved_paragraphs() {
    let a = parse(&[page("bilingual_interleaved.txt")]).remove(0);
    assert_eq!(s(&a, "title"), "반도체 수출 석 달 연속 증가");
    assert_eq!(
        s(&a, "title_en"),
        "Chip Exports Rise for a Third Straight Month"
    );
    assert_eq!(s(&a, "language"), "ko+en");
    let langs: Vec<String> = blocks(&a)
        .into_iter()
        .filter(|(k, _, _)| k == "paragraph")
        .map(|(_, l, _)| l)
        .collect();
    // The paragraph that switches language mid-way is split at the sentence boundary.
    assert_eq!(langs, ["ko", "en", "ko", "en", "ko", "en", "ko", "en"]);
    let p = texts_of(&a, "paragraph");
    assert_eq!(
        p[4],
        "다만 중국으로의 수출은 여전히 부진했다. 대중 수출은 전년보다 3% 줄었다."
    );
    assert_eq!(
        p[5],
        "Exports to China, however, remained weak. Shipments to China fell 3% from a year earlier."
    );
    assert_eq!(strs(&a, "authors"), vec!["박지현", "Park Ji-hyun"]);
}

#[test]
fn english_wire_story() {
    let a = parse(&[page("wire_en_story.txt")]).remove(0);
    assert_eq!(
        s(&a, "title"),
        "South Korea holds rates steady as inflation cools"
    );
    assert_eq!(s(&a, "published"), "2024-03-05T14:21");
    assert_eq!(strs(&a, "authors"), vec!["Jane Roe", "Min-ho Lee"]);
    assert_eq!(s(&a, "language"), "en");
    let p = texts_of(&a, "paragraph");
    // Known leak: the one-sentence "Our Standards: …" line after the credits is kept, since a
    // short last sentence after a credit may as well be the story's (never drop body text).
    assert_eq!(p.len(), 7);
    assert!(
        p[0].starts_with("South Korea's central bank kept its benchmark interest rate unchanged")
    );
    assert!(p[5].starts_with("The won was little changed"));
    assert!(
        texts_of(&a, "byline")
            .iter()
            .any(|b| b.starts_with("SEOUL, March 5 (Wire)"))
    );
    let all = all_text(&a);
    for junk in [
        "Sustainability",
        "Asia Pacific",
        "Read more",
        "Asian shares edge higher",
        "Share this article",
        "LinkedIn",
        "All rights reserved",
    ] {
        assert!(!all.contains(junk), "boilerplate {junk:?} kept");
    }
}

#[test]
fn a_short_clean_document_keeps_every_paragraph_verbatim() {
    let en = [
        "Another black person?!",
        "A New York nanny is suing a couple after a misdirected text.",
        "The couple deny they are racist.",
        "\"We think the decision was wrong,\" a lawyer said.",
        "It is not clear when the case will be heard",
    ];
    let ko = [
        "또 한 명의 흑인?!",
        "[서울=코리아뉴스] 박민수 기자",
        "뉴욕의 한 보모가 잘못 전달된 문자를 받은 뒤 부부를 고소했다.",
        "부부는 인종차별이 아니라고 부인했다.",
        "변호인은 \"결정이 잘못됐다고 본다\"고 말했다.",
        "재판이 언제 열릴지는 분명하지 않다.",
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let one = dir.path().join("article.txt");
    std::fs::write(&one, [&en[..], &ko[..]].concat().join("\n\n") + "\n").expect("write");
    let ko_only = dir.path().join("ko.txt");
    std::fs::write(&ko_only, ko[2..].join("\n\n")).expect("write");
    let arts = parse(&[one, ko_only]);
    let a = &arts[0];
    assert_eq!(s(a, "title"), "또 한 명의 흑인?!");
    assert_eq!(s(a, "title_en"), "Another black person?!");
    assert_eq!(s(a, "language"), "ko+en");
    let texts: Vec<String> = blocks(a).into_iter().map(|(_, _, t)| t).collect();
    for p in en[1..].iter().chain(&ko[1..]) {
        assert!(texts.iter().any(|t| t == p), "{p:?} lost: {texts:?}");
    }
    assert!(texts_of(a, "byline").contains(&ko[1].to_string()));
    let plain: Vec<String> = blocks(&arts[1]).into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(
        plain,
        ko[2..].iter().map(|p| p.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(s(&arts[1], "title"), "");
}

/// `duet parse - --json` of these bytes: the one article.
fn parse_stdin(bytes: &[u8]) -> serde_json::Value {
    let out = support::duet_stdin(&["parse", "-", "--json"], bytes);
    support::ok_json(&out)[0].clone()
}

#[test]
fn a_dateline_above_the_front_matter_is_the_copy_s_outlet_and_date() {
    let seed = std::fs::read(support::seed(support::SEEDS[2])).expect("seed 002");
    let alone = parse(&[support::seed(support::SEEDS[2])]).remove(0);
    let copy = parse_stdin(
        &[
            "Yonhap · 입력 2019-03-07 · 기사 6262\n\n".as_bytes(),
            &seed[..],
        ]
        .concat(),
    );
    assert_eq!(s(&copy, "format"), "markdown");
    for key in ["title", "summary", "language"] {
        assert_eq!(s(&copy, key), s(&alone, key), "{key}");
    }
    assert_eq!(blocks(&copy), blocks(&alone));
    // The seed names neither: the dateline's are used.
    assert_eq!(
        (s(&alone, "outlet"), s(&alone, "published")),
        ("".into(), "".into())
    );
    assert_eq!(s(&copy, "outlet"), "Yonhap");
    assert_eq!(s(&copy, "published"), "2019-03-07");
    // Front matter's own fields win over a dateline's.
    let dated = "연합뉴스 · 2019-03-07\n\n---\ntitle: 북한, 동해상으로 미사일 발사\ndate: 2024-03-05\noutlet: 한빛일보\n---\n\n북한이 5일 오전 동해상으로 단거리 탄도미사일 2발을 발사했다고 합동참모본부가 밝혔다.\n";
    let a = parse_stdin(dated.as_bytes());
    assert_eq!(s(&a, "title"), "북한, 동해상으로 미사일 발사");
    assert_eq!(s(&a, "published"), "2024-03-05");
    assert_eq!(s(&a, "outlet"), "한빛일보");
    assert_eq!(blocks(&a).len(), 1);
}

#[test]
fn markup_pasted_into_a_text_copy_never_reaches_the_text() {
    let copy = "Seoul and Tokyo resume talks on export curbs\n\n\
        The Korea Times | March 7, 2019\n\n\
        <p data-ke-size=\"size16\">Seoul and Tokyo agreed on Thursday to resume talks on export controls, officials said.</p>\n\
        <p><img src=\"a.jpg\" alt=\"talks\" /></p>\n\
        <h2 class=\"sub\">A first step</h2>\n\n\
        <p>The talks will be held in Tokyo next month &amp; cover chips.</p>\n\n\
        Officials called it a <b>first step</b> toward a wider deal on trade.\n\n\
        <US-Japan Summit ‘Approach’, November 17, 2021>\n";
    let a = parse_stdin(copy.as_bytes());
    assert_eq!(
        s(&a, "title"),
        "Seoul and Tokyo resume talks on export curbs"
    );
    assert_eq!(s(&a, "outlet"), "The Korea Times");
    assert_eq!(s(&a, "published"), "2019-03-07");
    let texts: Vec<String> = blocks(&a).into_iter().map(|(_, _, t)| t).collect();
    for t in &texts {
        assert!(
            !t.contains("<p") && !t.contains("</") && !t.contains("<img") && !t.contains("<b>"),
            "markup in {t:?}"
        );
    }
    assert!(texts.iter().any(|t| t == "A first step"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t == "The talks will be held in Tokyo next month & cover chips."),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == "Officials called it a first step toward a wider deal on trade."),
        "{texts:?}"
    );
    // Angle brackets that are no HTML element are text.
    assert!(
        all_text(&a).contains("<US-Japan Summit ‘Approach’, November 17, 2021>"),
        "{texts:?}"
    );
}
