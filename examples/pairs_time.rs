use duet::pairing::{self, Pairing};
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/self/schedstat").unwrap();
    s.split_whitespace().next().unwrap().parse::<f64>().unwrap() / 1e9
}
fn cpu_all() -> f64 {
    let st = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = st.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let t = std::time::Instant::now();
    let arts: Vec<duet::Article> = pairing::parallel(&paths, 2, |c| {
        c.iter().map(|p| duet::parse_file(p).unwrap()).collect()
    });
    eprintln!("[cpu {:.2}] ", cpu_all());
    eprintln!("parse {:.2}", t.elapsed().as_secs_f64());
    let t = std::time::Instant::now();
    let ev = pairing::evidence_all(&arts, 2);
    eprintln!("[cpu {:.2}] ", cpu_all());
    eprintln!("evidence {:.2}", t.elapsed().as_secs_f64());
    let t = std::time::Instant::now();
    let mut p = Pairing::new();
    for (i, e) in ev.iter().enumerate() {
        if let Some(e) = e {
            p.add(i, e);
        }
    }
    p.refresh();
    eprintln!("[cpu {:.2}] ", cpu_all());
    eprintln!("index {:.2}", t.elapsed().as_secs_f64());
    let t = std::time::Instant::now();
    pairing::settle(&mut p, &arts, 0..arts.len(), 2);
    eprintln!("[cpu {:.2}] ", cpu_all());
    eprintln!("settle {:.2}", t.elapsed().as_secs_f64());
    let t = std::time::Instant::now();
    let m = p.matches();
    let mut acc: Vec<f64> = p
        .verdicts()
        .filter(|v| v.2.is_some())
        .map(|v| p.similarity(v.0, v.1))
        .collect();
    let mut rej: Vec<f64> = p
        .verdicts()
        .filter(|v| v.2.is_none())
        .map(|v| p.similarity(v.0, v.1))
        .collect();
    acc.sort_by(f64::total_cmp);
    rej.sort_by(f64::total_cmp);
    let q = |v: &Vec<f64>, f: f64| {
        v.get(((v.len() as f64 - 1.0) * f) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let stem = |i: usize| {
        std::path::Path::new(&arts[i].path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .split('-')
            .next()
            .unwrap()
            .to_string()
    };
    let right = m.iter().filter(|x| stem(x.ko) == stem(x.en)).count();
    eprintln!("right {right} of {}", m.len());
    for x in m.iter().filter(|x| stem(x.ko) != stem(x.en)).take(5) {
        eprintln!("wrong {} {} {}", arts[x.ko].path, arts[x.en].path, x.score);
    }
    eprintln!(
        "accepted {} sim p0 {:.3} p1 {:.3} p10 {:.3}; rejected {} sim p50 {:.3} p90 {:.3} max {:.3}",
        acc.len(),
        q(&acc, 0.0),
        q(&acc, 0.01),
        q(&acc, 0.1),
        rej.len(),
        q(&rej, 0.5),
        q(&rej, 0.9),
        q(&rej, 1.0)
    );
    eprintln!("[cpu {:.2}] ", cpu_all());
    eprintln!("match {:.3} -> {}", t.elapsed().as_secs_f64(), m.len());
}
