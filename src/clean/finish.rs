//! Last steps for every format: tidy text, drop empty and repeated-title blocks, split blocks
//! where the language changes at a sentence boundary, label languages.

use crate::model::{Article, Block, BlockKind, Lang, Language};
use crate::text::{detect_lang, fold_whitespace, furniture, sanitize, sentences};

fn tidy(s: &str) -> String {
    fold_whitespace(&sanitize(s))
}

pub fn finish(art: &mut Article) {
    for f in [
        &mut art.title,
        &mut art.title_en,
        &mut art.summary,
        &mut art.outlet,
        &mut art.published,
        &mut art.updated,
        &mut art.image,
    ] {
        if let Some(t) = f.take() {
            let t = tidy(&t);
            if !t.is_empty() {
                *f = Some(t);
            }
        }
    }
    if art.title_en == art.title {
        art.title_en = None;
    }
    for list in [
        &mut art.subtitles,
        &mut art.authors,
        &mut art.categories,
        &mut art.keywords,
    ] {
        let mut seen = Vec::new();
        for s in list.drain(..) {
            let s = tidy(&s);
            if !s.is_empty() && !seen.contains(&s) {
                seen.push(s);
            }
        }
        *list = seen;
    }
    let titles: Vec<String> = [&art.title, &art.title_en]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    art.subtitles
        .retain(|s| !furniture::repeats_title(s, &titles));
    let mut blocks = Vec::with_capacity(art.blocks.len());
    for b in art.blocks.drain(..) {
        let text = tidy(&b.text);
        if text.is_empty() || furniture::repeats_title(&text, &titles) {
            continue;
        }
        split_by_language(b.kind, text, &mut blocks);
    }
    art.blocks = blocks;
    art.language = article_language(&art.blocks);
}

/// One block, or several where whole sentences switch between Korean and English.
fn split_by_language(kind: BlockKind, text: String, out: &mut Vec<Block>) {
    let lang = detect_lang(&text);
    if matches!(kind, BlockKind::Paragraph | BlockKind::Quote) && lang != Lang::Other {
        // Runs of sentences in one language; `mixed`/`other` sentences join the run before.
        let runs = sentences::runs(&text, None, |s| {
            Some(detect_lang(s)).filter(|l| matches!(l, Lang::Ko | Lang::En))
        });
        let substantial = runs
            .iter()
            .all(|(_, r)| text[r.clone()].chars().count() >= 15);
        if runs.len() >= 2 && substantial {
            let n = runs.len();
            for (i, (l, r)) in runs.iter().enumerate() {
                let start = if i == 0 { 0 } else { r.start };
                let end = if i + 1 == n { text.len() } else { r.end };
                let part = text[start..end].trim().to_string();
                out.push(Block {
                    kind,
                    lang: l.unwrap_or_else(|| detect_lang(&part)),
                    text: part,
                });
            }
            return;
        }
    }
    out.push(Block { kind, lang, text });
}

/// `ko+en` when both languages carry a fifth of the body text, else the one that dominates;
/// `other` when neither Korean nor English does.
fn article_language(blocks: &[Block]) -> Language {
    let (mut ko, mut en, mut other) = (0usize, 0usize, 0usize);
    for b in blocks {
        let n = b.text.len();
        match b.lang {
            Lang::Ko => ko += n,
            Lang::En => en += n,
            Lang::Mixed => {
                ko += n / 2;
                en += n / 2;
            }
            Lang::Other => other += n,
        }
    }
    let total = ko + en;
    if total == 0 || other > total {
        Language::Other
    } else if ko.min(en) * 5 >= total {
        Language::KoEn
    } else if ko >= en {
        Language::Ko
    } else {
        Language::En
    }
}
