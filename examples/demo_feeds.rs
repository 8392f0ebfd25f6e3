//! A demo outlet to follow without the internet: from the bundled articles, a Korean RSS feed
//! (`ko/rss.xml`) and an English Atom feed (`en/atom.xml`) with each story's page, written into
//! a folder to serve on loopback (README, "Following outlets"):
//!
//! ```sh
//! cargo run --example demo_feeds -- /tmp/duet-demo
//! python3 -m http.server -b 127.0.0.1 -d /tmp/duet-demo 8000
//! ```
//!
//! The two bilingual articles give a story in both feeds; the Korean-only ones only the Korean
//! feed. Item links are relative, so the folder works on any port.

use std::path::{Path, PathBuf};

use duet::{BlockKind, Lang};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One edition of a bundled article: its title (else its first sentence) and paragraphs in
/// `lang`.
fn edition(a: &duet::Article, lang: Lang) -> Option<(String, Vec<String>)> {
    let paras: Vec<String> = a
        .blocks
        .iter()
        .filter(|b| b.lang == lang && b.kind != BlockKind::Title)
        .map(|b| b.text.clone())
        .collect();
    if paras.len() < 2 {
        return None;
    }
    let title = [&a.title, &a.title_en]
        .into_iter()
        .flatten()
        .find(|t| duet::text::detect_lang(t) == lang)
        .cloned()
        .unwrap_or_else(|| {
            let first = &paras[0];
            let end = first.find(". ").map_or(first.len(), |i| i + 1);
            first[..end].chars().take(100).collect()
        });
    Some((title, paras))
}

fn page(lang: &str, outlet: &str, title: &str, date: &str, paras: &[String]) -> String {
    let body: String = paras
        .iter()
        .map(|p| format!("<p>{}</p>\n", esc(p)))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{t} | {o}</title>\
         <meta property=\"article:published_time\" content=\"{date}\"></head><body>\
         <nav><a href=\"/\">{o}</a></nav><article><h1>{t}</h1>\n{body}</article>\
         <footer>© {o}</footer></body></html>\n",
        t = esc(title),
        o = esc(outlet),
    )
}

fn main() -> anyhow::Result<()> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: demo_feeds FOLDER"))?;
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&seeds)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for side in ["ko", "en"] {
        std::fs::create_dir_all(out.join(side))?;
    }
    let (mut rss, mut atom) = (String::new(), String::new());
    for (i, path) in names.iter().enumerate() {
        let a = duet::parse_file(path)?;
        let date = format!("2024-03-{:02}T09:00:00+09:00", i + 1);
        if let Some((title, paras)) = edition(&a, Lang::Ko) {
            let file = format!("{}.html", i + 1);
            let html = page("ko", "데모뉴스", &title, &date, &paras);
            std::fs::write(out.join("ko").join(&file), html)?;
            rss.push_str(&format!(
                "<item><title>{}</title><link>{file}</link><guid>demo-ko-{}</guid>\
                 <dc:date>{date}</dc:date><description>{}</description></item>\n",
                esc(&title),
                i + 1,
                esc(&paras[0])
            ));
        }
        if let Some((title, paras)) = edition(&a, Lang::En) {
            let file = format!("{}.html", i + 1);
            let html = page("en", "Demo News", &title, &date, &paras);
            std::fs::write(out.join("en").join(&file), html)?;
            atom.push_str(&format!(
                "<entry><id>urn:demo:en:{}</id><title>{}</title>\
                 <link rel=\"alternate\" hreflang=\"en\" href=\"{file}\"/>\
                 <updated>{date}</updated><summary>{}</summary></entry>\n",
                i + 1,
                esc(&title),
                esc(&paras[0])
            ));
        }
    }
    std::fs::write(
        out.join("ko/rss.xml"),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>데모뉴스</title>\
             <link>http://127.0.0.1/</link><language>ko</language>\n{rss}</channel></rss>\n"
        ),
    )?;
    std::fs::write(
        out.join("en/atom.xml"),
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
             <title>Demo News</title><id>urn:demo:en</id><updated>2024-03-05T00:00:00Z</updated>\n\
             {atom}</feed>\n"
        ),
    )?;
    println!(
        "wrote {}: ko/rss.xml, en/atom.xml and their pages",
        out.display()
    );
    Ok(())
}
