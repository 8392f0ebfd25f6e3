//! Time the library's word work on a real library (`DUET_HOME`): reading its sentence pairs,
//! training the word model, counting lemmas. For the issue's retraining figure on a generated
//! 10,000-article library:
//!
//! ```sh
//! cargo run --release --example gen_library -- --articles 10000 --editions 20 /tmp/gen
//! DUET_HOME=/tmp/lib duet import /tmp/gen
//! DUET_HOME=/tmp/lib cargo run --release --example words_train
//! ```

use std::time::Instant;

use duet::library::Library;

fn main() -> anyhow::Result<()> {
    let (lib, _) = Library::open_default()?;
    let t = Instant::now();
    let (_, pairs) = lib.sentence_pairs()?;
    println!(
        "{} articles, {} sentence pairs read in {:.2} s",
        lib.len()?,
        pairs.len(),
        t.elapsed().as_secs_f64()
    );
    lib.connection().execute("DELETE FROM word_model", [])?;
    let t = Instant::now();
    let model = lib.train_word_model()?;
    println!(
        "trained (read + EM + stored) in {:.2} s: {} Korean, {} English words",
        t.elapsed().as_secs_f64(),
        model.as_ref().map_or(0, |m| m.ko.len()),
        model.as_ref().map_or(0, |m| m.en.len())
    );
    let t = Instant::now();
    let again = lib.train_word_model()?;
    println!(
        "unchanged library: {:.3} s ({})",
        t.elapsed().as_secs_f64(),
        again.is_some()
    );
    let t = Instant::now();
    let n = lib.count_lemmas()?;
    println!(
        "lemmas of {n} articles counted in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
