//! `duet align` end to end: either order of two files, an interleaved bilingual page, TMX and
//! TSV that read back into the same pairs, pre-split sentences, one-language and bad input.

mod support;

use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use serde_json::Value;
use support::{duet, ok_json as json};

fn fixture(name: &str) -> PathBuf {
    support::fixture("align").join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            (
                p["ko"].as_str().unwrap_or("").to_string(),
                p["en"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const KO: &str = "한국은행은 12일 기준금리를 연 3.5%로 동결했다. 이창용 총재는 물가가 여전히 높다고 말했다.\n\n\
시장은 내년 상반기 금리 인하를 예상하고 있다.\n\n\
이 기사를 공유합니다\n";
const EN: &str = "The Bank of Korea kept its benchmark interest rate at 3.5 percent on the 12th. \
Governor Rhee Chang-yong said prices were still high.\n\n\
Markets expect a rate cut in the first half of next year.\n";

fn write_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let ko = dir.join("ko.txt");
    let en = dir.join("en.txt");
    std::fs::write(&ko, KO).expect("write");
    std::fs::write(&en, EN).expect("write");
    (ko, en)
}

#[test]
fn two_files_in_either_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ko, en) = write_pair(dir.path());
    let a = json(&duet(&["align", s(&ko), s(&en), "--json"]));
    let b = json(&duet(&["align", s(&en), s(&ko), "--json"]));
    assert_eq!(pairs(&a), pairs(&b));
    let p = pairs(&a);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].0.starts_with("한국은행은") && p[0].1.starts_with("The Bank of Korea"));
    assert!(p[1].0.starts_with("시장은") && p[1].1.starts_with("Markets expect"));
    let beads = a["beads"].as_array().expect("beads");
    assert!(beads.iter().any(|b| b == &serde_json::json!([[0], [0]])));
    assert!(beads.iter().any(|b| b == &serde_json::json!([[1], [1]])));
}

#[test]
fn interleaved_bilingual_page() {
    let v = json(&duet(&["align", s(&fixture("interleaved.txt")), "--json"]));
    let p = pairs(&v);
    let want = [
        ("서울시, 내년", "Seoul to dou"),
        ("서울시는 내년", "The Seoul ci"),
        ("새 노선은 주", "The new rout"),
        ("오세훈 시장은", "Mayor Oh Se-"),
        ("시는 이용 실", "The city pla"),
    ];
    assert_eq!(p.len(), want.len(), "{p:?}");
    for ((k, e), (wk, we)) in p.iter().zip(want) {
        assert!(k.starts_with(wk) && e.starts_with(we), "{k:?} | {e:?}");
    }
    assert_eq!(v["pairs"][0]["kind"], "title");
    // The byline and the photo caption stand alone, in document order.
    let unpaired: Vec<&str> = v["unpaired"]
        .as_array()
        .expect("unpaired")
        .iter()
        .filter_map(|u| u["text"].as_str())
        .collect();
    assert!(unpaired.iter().any(|u| u.contains("sky.kim@example.kr")));
    assert!(unpaired.iter().any(|u| u.starts_with("▲")));
    for (k, e) in &p {
        assert!(!k.contains("▲") && !k.contains("기자 sky") && !e.contains("sky.kim"));
    }
    // Reading order: title pair, byline, three pairs, caption, last pair.
    let order: Vec<String> = v["order"]
        .as_array()
        .expect("order")
        .iter()
        .map(|o| o["type"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        order,
        [
            "pair", "unpaired", "pair", "pair", "pair", "unpaired", "pair"
        ]
    );
}

#[test]
fn tmx_parses_back_into_the_same_pairs() {
    let page = fixture("interleaved.txt");
    let want = pairs(&json(&duet(&["align", s(&page), "--json"])));
    let out = duet(&["align", s(&page), "--format", "tmx"]);
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).expect("utf-8");
    assert!(xml.contains("srclang=\"ko\"") && xml.contains("<tmx version=\"1.4\">"));
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut got: Vec<(String, String)> = Vec::new();
    let mut lang = String::new();
    let mut in_seg = false;
    let mut text = String::new();
    let mut unit: Vec<(String, String)> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed TMX") {
            Event::Start(e) => match e.name().as_ref() {
                b"tuv" => {
                    let attr = e.try_get_attribute("xml:lang").expect("attr");
                    lang = attr
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                        .unwrap_or_default();
                }
                b"seg" => {
                    in_seg = true;
                    text.clear();
                }
                b"tu" => unit.clear(),
                _ => {}
            },
            Event::Text(t) if in_seg => text.push_str(&t.decode().expect("text")),
            Event::GeneralRef(r) if in_seg => {
                let name = r.decode().expect("ref");
                let entity = format!("&{name};");
                text.push_str(&quick_xml::escape::unescape(&entity).expect("entity"));
            }
            Event::End(e) => match e.name().as_ref() {
                b"seg" => {
                    in_seg = false;
                    unit.push((lang.clone(), text.clone()));
                }
                b"tu" => {
                    let get = |l: &str| {
                        unit.iter()
                            .find(|(x, _)| x == l)
                            .map(|(_, t)| t.clone())
                            .unwrap_or_default()
                    };
                    got.push((get("ko"), get("en")));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(got, want);
}

#[test]
fn tmx_escapes_markup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ko = dir.path().join("ko.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(&ko, "<참조> A&B 회사는 \"성장\"을 발표했다.\n").expect("write");
    std::fs::write(&en, "<Reference> A&B Co. announced \"growth\".\n").expect("write");
    let out = duet(&["align", "--sentences", s(&ko), s(&en), "--format", "tmx"]);
    let xml = String::from_utf8(out.stdout).expect("utf-8");
    assert!(xml.contains("&lt;참조&gt; A&amp;B"));
    assert!(!xml.contains("<참조>"));
}

#[test]
fn tsv_round_trips() {
    let page = fixture("interleaved.txt");
    let want = pairs(&json(&duet(&["align", s(&page), "--json"])));
    let out = duet(&["align", s(&page), "--format", "tsv"]);
    assert!(out.status.success());
    let tsv = String::from_utf8(out.stdout).expect("utf-8");
    // A header naming the columns, as `export` writes one, then a row per pair.
    assert_eq!(tsv.lines().next(), Some("ko\ten"));
    assert_eq!(tsv.lines().count(), want.len() + 1);
    assert!(tsv.lines().all(|l| l.matches('\t').count() == 1));
    assert_eq!(duet::align::export::parse_tsv(&tsv), want);
    // Tabs and newlines inside a text survive.
    let tricky = duet::model::Bitext {
        pairs: vec![duet::model::Pair {
            kind: duet::model::BlockKind::Paragraph,
            ko: "첫째\t둘째\n\n셋째 \\n".into(),
            en: "one\ttwo\n\nthree".into(),
            beads: vec![],
            ko_blocks: vec![],
            en_blocks: vec![],
        }],
        ..Default::default()
    };
    let tsv = duet::align::export::to_tsv(&tricky);
    assert_eq!(tsv.lines().count(), 2);
    assert_eq!(
        duet::align::export::parse_tsv(&tsv),
        vec![(tricky.pairs[0].ko.clone(), tricky.pairs[0].en.clone())]
    );
}

#[test]
fn pre_split_sentences_use_line_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ko = dir.path().join("ko.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(
        &ko,
        "미국과 중국은 29일 회담했다.\n양측은 2019년 10월 합의를 재확인했다.\n이서연 기자 lee@example.co.kr\n",
    )
    .expect("write");
    std::fs::write(
        &en,
        "The US and China held talks on the 29th.\nBoth sides reaffirmed the agreement of October 2019.\n",
    )
    .expect("write");
    let v = json(&duet(&["align", "--sentences", s(&ko), s(&en), "--json"]));
    assert_eq!(
        v["beads"],
        serde_json::json!([[[0], [0]], [[1], [1]], [[2], []]])
    );
    assert_eq!(v["ko_sentences"].as_array().map(Vec::len), Some(3));
}

#[test]
fn byte_order_mark_in_pre_split_sentences_is_ignored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ko = dir.path().join("ko.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(
        &ko,
        "미국과 중국은 29일 회담했다.\n양측은 합의를 재확인했다.\n",
    )
    .expect("write");
    std::fs::write(
        &en,
        "The US and China held talks on the 29th.\nBoth sides agreed.\n",
    )
    .expect("write");
    let plain = duet(&["align", "--sentences", s(&ko), s(&en), "--json"]);
    let ko_bom = dir.path().join("ko_bom.txt");
    let en_bom = dir.path().join("en_bom.txt");
    for (from, to) in [(&ko, &ko_bom), (&en, &en_bom)] {
        let text = std::fs::read_to_string(from).expect("read");
        std::fs::write(to, format!("\u{feff}{text}")).expect("write");
    }
    let bom = duet(&["align", "--sentences", s(&ko_bom), s(&en_bom), "--json"]);
    assert_eq!(json(&plain), json(&bom));
    // A file that is only a byte order mark has no sentences.
    let only_bom = dir.path().join("bom.txt");
    std::fs::write(&only_bom, "\u{feff}").expect("write");
    let out = duet(&["align", "--sentences", s(&only_bom), s(&en)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no sentences"));
}

#[test]
fn one_language_article_is_all_unpaired_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let en = dir.path().join("en.txt");
    std::fs::write(&en, EN).expect("write");
    let out = duet(&["align", s(&en), "--json"]);
    let v = json(&out);
    assert!(v["pairs"].as_array().is_some_and(Vec::is_empty));
    assert!(!v["unpaired"].as_array().expect("unpaired").is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning") && err.contains("Korean"), "{err}");
    // Two files of the same language are not paired with each other.
    let en2 = dir.path().join("en2.txt");
    std::fs::write(&en2, EN).expect("write");
    let out = duet(&["align", s(&en), s(&en2), "--json"]);
    let v = json(&out);
    assert!(v["pairs"].as_array().is_some_and(Vec::is_empty));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn empty_or_missing_input_exits_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let missing = dir.path().join("missing.txt");
    for args in [
        vec!["align", s(&empty)],
        vec!["align", s(&missing)],
        vec!["align", "--sentences", s(&empty), s(&empty)],
    ] {
        let out = duet(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(".txt"), "{err}");
        assert!(out.stdout.is_empty());
    }
    // The system's words once, after the file's name.
    let err = support::text(&duet(&["align", s(&missing)]).stderr);
    assert_eq!(
        err.trim_end(),
        format!(
            "duet: {}: No such file or directory (os error 2)",
            missing.display()
        )
    );
}

#[test]
fn text_in_other_languages_is_shown_not_aligned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "한국은행은 기준금리를 동결했다.\n\n中国人民银行维持利率不变。\n\n\
         The Bank of Korea kept its rate unchanged.\n",
    )
    .expect("write");
    let v = json(&duet(&["align", s(&page), "--json"]));
    assert_eq!(v["pairs"].as_array().map(Vec::len), Some(1));
    let other: Vec<&Value> = v["unpaired"]
        .as_array()
        .expect("unpaired")
        .iter()
        .filter(|u| u["lang"] == "other")
        .collect();
    assert_eq!(other.len(), 1);
    assert!(
        other[0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("中国"))
    );
    assert_eq!(v["order"].as_array().map(Vec::len), Some(2));
}

#[test]
fn initials_and_a_spaced_closing_quote_leave_each_sentence_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ko = dir.path().join("ko.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(
        &ko,
        "조지 H.W. 부시 대통령은 1990년 그 명령에 서명했다. 폴 W.S. 앤더슨이 영화를 연출했다.\n\n\
         평론가는 “영화는 역설적으로 대성공이었다. ” 라고 썼다. 감독은 다음 날 떠났다.\n",
    )
    .expect("write");
    let whole = [
        "President George H.W. Bush signed the order in 1990.",
        "Paul W.S. Anderson directed the film.",
        "“The film was a triumph, ironically. ”",
        "The director left the next day.",
    ];
    std::fs::write(
        &en,
        format!("{} {}\n\n{} {}\n", whole[0], whole[1], whole[2], whole[3]),
    )
    .expect("write");
    let a = json(&duet(&["align", s(&ko), s(&en), "--json"]));
    let en_sentences: Vec<&str> = a["en_sentences"]
        .as_array()
        .expect("en_sentences")
        .iter()
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert_eq!(en_sentences, whole);
    let tsv = support::ok_stdout(&duet(&["align", s(&ko), s(&en), "--format", "tsv"]));
    for sentence in whole {
        assert!(tsv.contains(sentence), "{sentence:?} cut in\n{tsv}");
    }
    assert!(
        !tsv.lines()
            .any(|l| l.trim().ends_with("\t”") || l.trim() == "”"),
        "{tsv}"
    );
}
