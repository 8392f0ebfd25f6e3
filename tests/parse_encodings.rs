//! Encodings through the real binary: EUC-KR, UTF-16 with a BOM, a UTF-8 BOM, and a
//! `<meta charset=euc-kr>` on bytes that are UTF-8 all parse to the same article.

mod support;

use serde_json::Value;
use support::json::*;

/// The article without the fields that name the file and its encoding.
fn content(mut a: Value) -> Value {
    if let Some(o) = a.as_object_mut() {
        o.remove("path");
        o.remove("encoding");
    }
    a
}

#[test]
fn euc_kr_seed_000_is_the_same_article_as_utf8() {
    let utf8 = std::fs::read_to_string(seed(SEEDS[0])).expect("seed");
    // EUC-KR has no NBSP (the seed has five); a legacy page would have a plain space there,
    // which is also what hygiene turns an NBSP into.
    let legacy = utf8.replace('\u{a0}', " ");
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(&legacy);
    assert!(!unmappable, "seed 000 is representable in EUC-KR");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the bytes really are not UTF-8"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let euc = dir.path().join("000_euc_kr.txt");
    std::fs::write(&euc, &bytes).expect("write");
    let arts = parse(&[seed(SEEDS[0]), euc]);
    assert_eq!(s(&arts[1], "encoding"), "EUC-KR");
    assert_eq!(s(&arts[0], "encoding"), "UTF-8");
    assert_eq!(content(arts[1].clone()), content(arts[0].clone()));
}

#[test]
fn utf16_with_bom_and_utf8_with_bom() {
    let utf8 = std::fs::read_to_string(seed(SEEDS[4])).expect("seed");
    let dir = tempfile::tempdir().expect("tempdir");
    let le: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(utf8.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(utf8.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bom8: Vec<u8> = b"\xef\xbb\xbf"
        .iter()
        .copied()
        .chain(utf8.bytes())
        .collect();
    let paths = [("le.txt", le), ("be.txt", be), ("bom8.txt", bom8)].map(|(n, b)| {
        let p = dir.path().join(n);
        std::fs::write(&p, b).expect("write");
        p
    });
    let mut all = vec![seed(SEEDS[4])];
    all.extend(paths);
    let arts = parse(&all);
    let encodings: Vec<String> = arts.iter().map(|a| s(a, "encoding")).collect();
    assert_eq!(encodings, ["UTF-8", "UTF-16LE", "UTF-16BE", "UTF-8"]);
    for a in &arts[1..] {
        assert_eq!(content(a.clone()), content(arts[0].clone()));
    }
}

#[test]
fn meta_charset_euc_kr_on_utf8_bytes_reads_as_utf8() {
    let a = parse(&[page("saved_page_nav_aside_footer.html")]).remove(0);
    assert_eq!(s(&a, "encoding"), "UTF-8");
    assert_eq!(s(&a, "title"), "서울 도심 공원 세 곳 새로 문 연다");
}

#[test]
fn euc_kr_html_page_with_its_meta() {
    let html = std::fs::read_to_string(page("saved_page_nav_aside_footer.html")).expect("page");
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(&html);
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("page.html");
    std::fs::write(&p, &bytes).expect("write");
    let arts = parse(&[page("saved_page_nav_aside_footer.html"), p]);
    assert_eq!(s(&arts[1], "encoding"), "EUC-KR");
    assert_eq!(content(arts[1].clone()), content(arts[0].clone()));
}
