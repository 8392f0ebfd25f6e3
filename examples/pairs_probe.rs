use duet::pairing::{evidence, index::Index, verify};
use std::path::PathBuf;

fn main() {
    let dev = std::fs::read_to_string("../shared/eval/align/dev.jsonl").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (i, l) in dev.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        for side in ["ko", "en"] {
            let paras: Vec<String> = v[side]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            let p = dir.path().join(format!("{i:02}_{side}.txt"));
            std::fs::write(&p, paras.join("\n\n") + "\n").unwrap();
            paths.push(p);
        }
    }
    for e in std::fs::read_dir("../shared/seeds").unwrap() {
        paths.push(e.unwrap().path());
    }
    let arts: Vec<duet::Article> = paths
        .iter()
        .map(|p: &PathBuf| duet::parse_file(p).unwrap())
        .collect();
    let mut idx = Index::new();
    let mut ids = Vec::new();
    for (n, a) in arts.iter().enumerate() {
        if let Some(ev) = evidence::of_article(a) {
            ids.push((idx.add(&ev), n));
        }
    }
    let name = |d: usize| {
        PathBuf::from(&arts[ids[d].1].path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string()
    };
    for &(d, _) in &ids {
        let c = idx.candidates(d, 4);
        let me = name(d);
        let partner = if me.ends_with("_ko.txt") {
            me.replace("_ko", "_en")
        } else {
            me.replace("_en", "_ko")
        };
        let line: Vec<String> = c
            .iter()
            .map(|&(e, s)| {
                let t = std::time::Instant::now();
                let (k, en) = if idx.side(d) == evidence::Side::Ko {
                    (d, e)
                } else {
                    (e, d)
                };
                let v = verify::verify(&arts[ids[k].1], &arts[ids[en].1]);
                let lr = (idx.length(en) / idx.length(k)).ln();
                format!(
                    "{}{} s={:.3} on={:.3} off={:.3} cov={:.2} len={:.2} lr={:.2} b={} t={:.1}ms",
                    if name(e) == partner { "*" } else { " " },
                    name(e),
                    s,
                    v.on,
                    v.off,
                    v.coverage,
                    v.length,
                    lr,
                    v.beads,
                    t.elapsed().as_secs_f64() * 1e3
                )
            })
            .collect();
        println!("{me} ({} keys)\n   {}", 0, line.join("\n   "));
    }
}
