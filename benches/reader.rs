//! The reader on ratatui's TestBackend with a 5,000-paragraph bilingual article:
//! - one frame once wrapped (target ≤ 2 ms),
//! - re-wrapping everything after a resize (target ≤ 50 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use duet::model::{Article, Bitext, BlockKind, Format, Language, Pair, Segment};
use duet::tui::action::Action;
use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless::step;
use duet::tui::state::doc::Doc;
use duet::tui::state::library_list::EntryId;
use duet::tui::theme::Theme;
use duet::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const KO: [&str; 3] = [
    "미 백악관 설리번 안보보좌관이 중국 방문에서 시진핑 주석을 만나기 전에 중국의 핵심 군사 고문인 장유샤(張眞夏) 중앙군사위원회 부주석과 이례적 대화를 나눴다고 로이터가 29일 보도했다.",
    "로이터는 이와 다른 기사에서 “바이든 행정부 고위 관리는 미국이 핵무기 협상에 대한 오랜 저항을 꺾기 위해 중국을 압박하고 있으며, 이 문제에 대한 초강대국의 접근 방식에 대한 초기 양방향 대화에서 ‘제한적 기회’를 말했다”고 밝혔다.",
    "미중이 핵군축 협상에 접근하면서 바이든 대통령과 시진핑 국가주석 협상에 진전에서 북한 핵 협상 연결을 보인다.",
];
const EN: [&str; 3] = [
    "Reuters reported on the 29th that White House National Security Adviser Sullivan had an unusual conversation with China’s key military adviser, Vice Chairman of the Central Military Commission Zhang Youxia, before meeting with President Xi Jinping during his visit to China.",
    "In another article, Reuters said, “A senior Biden administration official said the US is pressuring China to break its longstanding resistance to nuclear arms talks and said there is a ‘limited opportunity’ in early two-way talks on the superpower’s approach to the issue.”",
    "As the US and China approach nuclear disarmament talks, the progress in negotiations between President Biden and President Xi Jinping shows a connection to the North Korea nuclear talks.",
];

fn big_doc(paragraphs: usize) -> Doc {
    let mut bitext = Bitext::default();
    for i in 0..paragraphs {
        bitext.pairs.push(Pair {
            kind: BlockKind::Paragraph,
            ko: KO[i % 3].to_string(),
            en: EN[i % 3].to_string(),
            beads: vec![],
            ko_blocks: vec![i],
            en_blocks: vec![i],
        });
        bitext.order.push(Segment::Pair(i));
    }
    let article = Article {
        path: "bench.txt".into(),
        format: Format::Text,
        encoding: "UTF-8".into(),
        title: Some("미국 중국 첫 고위 군사회담".into()),
        title_en: Some("US-China First High-Level Military Talks".into()),
        language: Language::KoEn,
        ..Default::default()
    };
    Doc::build(article, &bitext)
}

fn loaded_app(w: u16, h: u16) -> App {
    let config = Config::default();
    let theme = Theme::new(&config.colors, config.ambiguous, false);
    let mut app = App::new(config, theme, w, h);
    step(&mut app, Action::Discovered(vec!["bench.txt".into()]));
    step(
        &mut app,
        Action::Loaded(
            EntryId::for_path("bench.txt".as_ref()),
            Box::new(Ok(big_doc(5_000))),
        ),
    );
    app
}

fn frame(c: &mut Criterion) {
    let mut app = loaded_app(160, 45);
    // Somewhere in the middle of the article.
    for _ in 0..2_500 {
        step(&mut app, Action::Down);
    }
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("test backend");
    c.bench_function("reader frame 160x45, 5000 pairs, wrapped", |b| {
        b.iter(|| {
            terminal.draw(|f| view(black_box(&app), f)).expect("draw");
        })
    });
    let mut app = loaded_app(200, 50);
    for _ in 0..2_500 {
        step(&mut app, Action::Down);
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    c.bench_function("reader frame 200x50, 5000 pairs, wrapped", |b| {
        b.iter(|| {
            terminal.draw(|f| view(black_box(&app), f)).expect("draw");
        })
    });
}

fn rewrap(c: &mut Criterion) {
    let mut app = loaded_app(160, 45);
    let mut wide = false;
    c.bench_function(
        "re-wrap 5000 pairs after a resize (160x45 <-> 150x45)",
        |b| {
            b.iter(|| {
                wide = !wide;
                let w = if wide { 150 } else { 160 };
                step(&mut app, Action::Resize(w, 45));
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = frame, rewrap
}
criterion_main!(benches);
