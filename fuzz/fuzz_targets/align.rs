//! The aligner on random article pairs: lines become blocks (a leading byte picks language
//! and kind), then one bilingual article, two one-language articles, and bare sentence lists.
//! Every sentence is covered once, in order; every index is in range.
#![no_main]

use duet::{Article, Block, BlockKind, Format, Lang, Language};
use libfuzzer_sys::fuzz_target;

fn article(lines: &[&str]) -> Article {
    let kinds = [
        BlockKind::Paragraph,
        BlockKind::Title,
        BlockKind::Heading,
        BlockKind::Quote,
        BlockKind::ListItem,
        BlockKind::Caption,
    ];
    let langs = [Lang::Ko, Lang::En, Lang::Mixed, Lang::Other];
    let blocks = lines
        .iter()
        .map(|l| {
            let b = l.bytes().next().unwrap_or(0) as usize;
            Block {
                kind: kinds[b % kinds.len()],
                lang: langs[(b / 8) % langs.len()],
                text: duet::text::sanitize(l),
            }
        })
        .collect();
    Article {
        path: "fuzz.txt".into(),
        format: Format::Text,
        encoding: "UTF-8".into(),
        language: Language::KoEn,
        blocks,
        ..Default::default()
    }
}

fn check(b: &duet::Bitext) {
    assert_eq!(b.order.len(), b.pairs.len() + b.unpaired.len());
    for u in &b.unpaired {
        let side = if u.lang == Lang::En {
            &b.en_blocks
        } else {
            &b.ko_blocks
        };
        assert!(u.block < side.len());
    }
    for (side, blocks) in [
        (&b.ko_sentences, &b.ko_blocks),
        (&b.en_sentences, &b.en_blocks),
    ] {
        for s in side.iter() {
            assert_eq!(&blocks[s.block].text[s.start..s.end], s.text.as_str());
        }
    }
}

fuzz_target!(|text: &str| {
    let (left, right) = text.split_once('\u{0}').unwrap_or((text, ""));
    let a_lines: Vec<&str> = left.lines().collect();
    let b_lines: Vec<&str> = right.lines().collect();
    let a = article(&a_lines);
    let b = article(&b_lines);
    check(&duet::align::align_article(&a));
    check(&duet::align::align_two(&a, &b));
    let ko: Vec<String> = a_lines.iter().map(|l| duet::text::sanitize(l)).collect();
    let en: Vec<String> = b_lines.iter().map(|l| duet::text::sanitize(l)).collect();
    let bt = duet::align::align_sentences(&ko, &en);
    let (mut next_ko, mut next_en) = (0, 0);
    for bead in &bt.beads {
        for &i in &bead.0 {
            assert_eq!(i, next_ko);
            next_ko += 1;
        }
        for &j in &bead.1 {
            assert_eq!(j, next_en);
            next_en += 1;
        }
    }
    assert_eq!((next_ko, next_en), (ko.len(), en.len()));
    check(&bt);
});
