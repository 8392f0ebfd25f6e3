//! Hand-built articles and bitexts (real text from seed 004), so the reader's tests do not
//! depend on the cleaner or the aligner; plus helpers to drive the headless app.

use std::path::PathBuf;

pub use super::cli::{SEED_000, SEED_004, articles, seed};

use duet::library::{Library, Position};
use duet::model::{
    Article, Bead, Bitext, Block, BlockKind, Format, Lang, Language, Pair, Segment, Sentence,
    Unpaired,
};
use duet::tui::action::Action;
use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless;
use duet::tui::run::headless::step;
use duet::tui::state::disk::Save;
use duet::tui::state::doc::Doc;
use duet::tui::state::library_list::EntryId;
use duet::tui::theme::Theme;

pub const KO: [&str; 3] = [
    "미국 중국 첫 고위 군사회담 핵군축 접근 북핵 ‘연결’",
    "미중이 핵군축 협상에 접근하면서 바이든 대통령과 시진핑 국가주석 협상에 진전에서 북한 핵 협상 연결을 보인다.",
    "미 백악관 설리번 안보보좌관이 중국 방문에서 시진핑 주석을 만나기 전에 중국의 핵심 군사 고문인 장유샤(張眞夏) 중앙군사위원회 부주석과 이례적 대화를 나눴다고 로이터가 29일 보도했다. 로이터는 이와 다른 기사에서 “미국의 중국과의 핵 협상 추진이 재개됐다”고 밝혔다.",
];
pub const EN: [&str; 3] = [
    "US-China First High-Level Military Talks, Nuclear Disarmament Approach, North Korea Nuclear ‘Connection’",
    "As the US and China approach nuclear disarmament talks, the progress in negotiations between President Biden and President Xi Jinping shows a connection to the North Korea nuclear talks.",
    "Reuters reported on the 29th that White House National Security Adviser Sullivan had an unusual conversation with China’s key military adviser, Vice Chairman of the Central Military Commission Zhang Youxia, before meeting with President Xi Jinping during his visit to China. In another article, Reuters said the resumption of US nuclear talks with China had begun.",
];
pub const UNPAIRED_KO: &str =
    "<설리번 북한에 ‘제재와 외교분리’ 국무부 ‘군축협상’, 2021년 12월 21일자>";
pub const UNPAIRED_EN: &str =
    "Keywords: US-China, military talks, nuclear disarmament, North Korea";

fn block(kind: BlockKind, lang: Lang, text: &str) -> Block {
    Block {
        kind,
        lang,
        text: text.to_string(),
    }
}

fn sentence(text: &str, block: usize, within: &str) -> Sentence {
    let start = within.find(text).unwrap_or(0);
    Sentence {
        text: text.to_string(),
        block,
        start,
        end: start + text.len(),
    }
}

/// Three pairs (title, a paragraph, a two-sentence paragraph), one unpaired block per side.
pub fn article_and_bitext() -> (Article, Bitext) {
    let kinds = [BlockKind::Title, BlockKind::Paragraph, BlockKind::Paragraph];
    let mut blocks = Vec::new();
    for i in 0..3 {
        blocks.push(block(kinds[i], Lang::Ko, KO[i]));
    }
    blocks.push(block(BlockKind::Reference, Lang::Ko, UNPAIRED_KO));
    for i in 0..3 {
        blocks.push(block(kinds[i], Lang::En, EN[i]));
    }
    blocks.push(block(BlockKind::Keywords, Lang::En, UNPAIRED_EN));
    let article = Article {
        path: "fixture/us-china.txt".into(),
        format: Format::Text,
        encoding: "UTF-8".into(),
        title: Some(KO[0].into()),
        title_en: Some("US-China First High-Level Military Talks".into()),
        published: Some("2023-08-30".into()),
        outlet: Some("commentary".into()),
        language: Language::KoEn,
        blocks: blocks.clone(),
        ..Default::default()
    };
    let ko_blocks: Vec<Block> = blocks[0..4].to_vec();
    let en_blocks: Vec<Block> = blocks[4..8].to_vec();
    let (ko2a, ko2b) = KO[2].split_at(KO[2].find(" 로이터는").unwrap_or(0));
    let (en2a, en2b) = EN[2].split_at(EN[2].find(" In another").unwrap_or(0));
    let ko_sentences = vec![
        sentence(KO[0], 0, KO[0]),
        sentence(KO[1], 1, KO[1]),
        sentence(ko2a.trim(), 2, KO[2]),
        sentence(ko2b.trim(), 2, KO[2]),
    ];
    let en_sentences = vec![
        sentence(EN[0], 0, EN[0]),
        sentence(EN[1], 1, EN[1]),
        sentence(en2a.trim(), 2, EN[2]),
        sentence(en2b.trim(), 2, EN[2]),
    ];
    let beads = (0..4).map(|i| Bead(vec![i], vec![i])).collect();
    let pairs = vec![
        Pair {
            kind: BlockKind::Title,
            ko: KO[0].into(),
            en: EN[0].into(),
            beads: vec![0],
            ko_blocks: vec![0],
            en_blocks: vec![0],
        },
        Pair {
            kind: BlockKind::Paragraph,
            ko: KO[1].into(),
            en: EN[1].into(),
            beads: vec![1],
            ko_blocks: vec![1],
            en_blocks: vec![1],
        },
        Pair {
            kind: BlockKind::Paragraph,
            ko: KO[2].into(),
            en: EN[2].into(),
            beads: vec![2, 3],
            ko_blocks: vec![2],
            en_blocks: vec![2],
        },
    ];
    let unpaired = vec![
        Unpaired {
            lang: Lang::Ko,
            kind: BlockKind::Reference,
            text: UNPAIRED_KO.into(),
            block: 3,
        },
        Unpaired {
            lang: Lang::En,
            kind: BlockKind::Keywords,
            text: UNPAIRED_EN.into(),
            block: 3,
        },
    ];
    let bitext = Bitext {
        ko_sentences,
        en_sentences,
        beads,
        pairs,
        unpaired,
        ko_blocks,
        en_blocks,
        order: vec![
            Segment::Pair(0),
            Segment::Pair(1),
            Segment::Pair(2),
            Segment::Unpaired(0),
            Segment::Unpaired(1),
        ],
    };
    (article, bitext)
}

/// An app with the given docs loaded (one doc opens straight into the reader).
pub fn app_with_docs(docs: Vec<Doc>, w: u16, h: u16, no_color: bool) -> App {
    let config = Config::default();
    let theme = Theme::new(&config.colors, config.ambiguous, no_color);
    let mut app = App::new(config, theme, w, h);
    let paths = docs
        .iter()
        .map(|d| PathBuf::from(&d.article.path))
        .collect();
    step(&mut app, Action::Discovered(paths));
    for d in docs {
        let id = EntryId::for_path(d.article.path.as_ref());
        step(&mut app, Action::Loaded(id, Box::new(Ok(d))));
    }
    app
}

pub fn fixture_app(w: u16, h: u16) -> App {
    let (a, b) = article_and_bitext();
    app_with_docs(vec![Doc::build(a, &b)], w, h, true)
}

pub fn keys(app: &mut App, keys: &str) {
    let k = headless::parse_keys(keys).expect("valid keys");
    headless::press(app, &k);
}

pub fn screen(app: &App) -> String {
    duet::tui::view::dump(&headless::draw(app))
}

/// The real pipeline, headless, no colour, default config.
pub fn render(paths: &[PathBuf], w: u16, h: u16, keys: &str) -> String {
    let mut app = headless::app_with(paths, w, h, Config::default(), true);
    let k = headless::parse_keys(keys).expect("valid keys");
    headless::press(&mut app, &k);
    screen(&app)
}

/// Press keys (space-separated, as `--keys`), running jobs at once; returns the saves asked for.
pub fn press_saving(app: &mut App, keys: &str) -> Vec<Save> {
    let mut saves = Vec::new();
    for k in headless::parse_keys(keys).expect("valid keys") {
        headless::step_keeping_saves(app, Action::Key(k), &mut saves);
    }
    saves
}

/// Carry out saves on a real library, as the runner's saver does.
pub fn apply_saves(lib: &Library, saves: &[Save]) {
    for s in saves {
        match s {
            Save::Position(a, p) => lib
                .set_position(
                    *a,
                    Position {
                        pair: p.passage,
                        sentence: p.sentence,
                    },
                )
                .expect("save position"),
            Save::Read(a, r) => lib.set_read(*a, *r).expect("save read"),
            Save::Bookmark(a, m) => {
                lib.add_bookmark(*a, m).expect("save bookmark");
            }
            Save::Pair(ko, en) => lib.pair_by_hand(*ko, *en).expect("save pair"),
            Save::Split(ko, en) => lib.split_pair(*ko, *en).expect("save split"),
        }
    }
}
