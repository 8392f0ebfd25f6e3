//! Entity finding and linking: the entity index of one article (find every mention in both
//! languages, join short forms and variants, link Korean and English), as the reader builds it
//! when an article opens. Articles: the bundled bilingual seed cut to its first 3,000
//! characters (Korean and English blocks counted together), the whole seed, and a Korean-only
//! 3,000-character article. Alignment is done outside the timing.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use duet::entity::{self, EntityIndex};
use duet::model::{Article, Bitext};

fn seed() -> Article {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/articles/004_8e658290ee760122.txt");
    duet::parse_file(&path).unwrap_or_default()
}

/// The article's blocks kept until `limit` characters of text.
fn cut(article: &Article, limit: usize) -> Article {
    let mut out = article.clone();
    let mut total = 0;
    out.blocks.retain(|b| {
        total += b.text.chars().count();
        total <= limit
    });
    out
}

fn chars(b: &Bitext) -> usize {
    b.ko_blocks
        .iter()
        .chain(&b.en_blocks)
        .map(|x| x.text.chars().count())
        .sum()
}

fn bench(c: &mut Criterion) {
    let article = seed();
    let mut g = c.benchmark_group("entities");
    let short = duet::align::align_article(&cut(&article, 3000));
    let whole = duet::align::align_article(&article);
    let korean = {
        let mut a = article.clone();
        a.blocks.retain(|b| b.lang == duet::Lang::Ko);
        duet::align::align_article(&cut(&a, 3000))
    };
    // Warm the shipped models and lists once.
    black_box(entity::find("서울 Seoul"));
    for (name, bitext) in [
        ("bilingual_3000", &short),
        ("bilingual_whole", &whole),
        ("korean_3000", &korean),
    ] {
        g.throughput(Throughput::Elements(chars(bitext) as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                EntityIndex::build([("a", black_box(bitext))])
                    .entities
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
