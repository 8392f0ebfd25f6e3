//! Properties that must hold for any input: the splitter returns ordered, trimmed, non-empty
//! ranges on character boundaries; the aligner covers every sentence exactly once, in order,
//! and never panics.

use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "다.",
        "요?",
        "했다",
        "“",
        "”",
        "\"",
        "'",
        "(",
        ")",
        ".",
        "...",
        "…",
        "!",
        "?",
        " ",
        " ",
        "\n",
        "\n\n",
        "U.S.",
        "Mr.",
        "No.",
        "2023.09.12",
        "3.5",
        "1. ",
        "- ",
        "라고",
        "The",
        "he",
        "회담",
        "Sullivan",
        "설리번",
        "林建",
        "2019년",
        "10월",
        "29일",
        "October",
        "29th",
        ":",
        "a@b.kr",
        "▲",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn article(
    title: Option<String>,
    title_en: Option<String>,
    subtitles: Vec<String>,
    blocks: Vec<(u8, u8, String)>,
) -> duet::Article {
    use duet::model::{Block, BlockKind, Format, Lang, Language};
    let kinds = [
        BlockKind::Paragraph,
        BlockKind::Title,
        BlockKind::Reference,
        BlockKind::Keywords,
        BlockKind::Byline,
        BlockKind::Caption,
        BlockKind::Heading,
    ];
    let langs = [Lang::Ko, Lang::En, Lang::Mixed, Lang::Other];
    duet::Article {
        path: "prop.txt".into(),
        format: Format::Text,
        encoding: "UTF-8".into(),
        title,
        title_en,
        subtitles,
        language: Language::KoEn,
        blocks: blocks
            .into_iter()
            .map(|(k, l, text)| Block {
                kind: kinds[k as usize % kinds.len()],
                lang: langs[l as usize % langs.len()],
                text,
            })
            .collect(),
        ..Default::default()
    }
}

proptest! {
    #[test]
    fn any_article_aligns_without_panic(
        title in prop::option::of(text()),
        title_en in prop::option::of(text()),
        subtitles in prop::collection::vec(text(), 0..3),
        blocks in prop::collection::vec((any::<u8>(), any::<u8>(), text()), 0..20),
    ) {
        let a = article(title, title_en, subtitles, blocks);
        let b = duet::align::align_article(&a);
        prop_assert_eq!(b.order.len(), b.pairs.len() + b.unpaired.len());
        for u in &b.unpaired {
            let side = if u.lang == duet::Lang::En { &b.en_blocks } else { &b.ko_blocks };
            prop_assert!(u.block < side.len());
        }
        for s in b.ko_sentences.iter() {
            let block = &b.ko_blocks[s.block].text;
            prop_assert_eq!(&block[s.start..s.end], s.text.as_str());
        }
        let two = duet::align::align_two(&a, &a);
        prop_assert_eq!(two.order.len(), two.pairs.len() + two.unpaired.len());
    }

    #[test]
    fn splitter_ranges_are_sound(s in text()) {
        let ranges = duet::text::sentences::split(&s);
        let mut last = 0;
        for r in &ranges {
            prop_assert!(r.start >= last && r.start < r.end && r.end <= s.len());
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            let t = &s[r.clone()];
            prop_assert_eq!(t, t.trim());
            last = r.end;
        }
        // Nothing but whitespace is left out.
        let kept: usize = ranges.iter().map(|r| r.end - r.start).sum();
        let ws: usize = s.chars().filter(|c| c.is_whitespace()).map(char::len_utf8).sum();
        prop_assert!(kept + ws >= s.len());
    }

    #[test]
    fn aligner_covers_every_sentence_once(
        ko in prop::collection::vec(text(), 0..25),
        en in prop::collection::vec(text(), 0..25),
    ) {
        let b = duet::align::align_sentences(&ko, &en);
        let mut next_ko = 0;
        let mut next_en = 0;
        for bead in &b.beads {
            for &i in &bead.0 {
                prop_assert_eq!(i, next_ko);
                next_ko += 1;
            }
            for &j in &bead.1 {
                prop_assert_eq!(j, next_en);
                next_en += 1;
            }
        }
        prop_assert_eq!(next_ko, ko.len());
        prop_assert_eq!(next_en, en.len());
        prop_assert_eq!(b.order.len(), b.pairs.len() + b.unpaired.len());
    }
}
