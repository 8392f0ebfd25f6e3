//! The word jobs: an opened article's words (aligned with the library's word model, looked up
//! in its dictionaries, with the learner's statuses), and retraining the library's word model
//! after its articles are processed. Both read the library on their own connection.

use std::collections::HashMap;
use std::sync::Arc;

use crate::library::words::Status;
use crate::library::{ArticleId, Home, Library};
use crate::tui::state::doc::Doc;
use crate::tui::state::library_list::EntryId;
use crate::tui::state::words::ArticleWords;
use crate::words::Model;

/// An article's words, and what was read from the library with them.
#[derive(Debug, Clone)]
pub struct Built {
    pub id: EntryId,
    pub doc: Arc<Doc>,
    pub words: Arc<ArticleWords>,
    /// The library's word model (as given, or read now).
    pub model: Option<Arc<Model>>,
    /// Every status the library has (`None`: no library).
    pub statuses: Option<HashMap<String, Status>>,
}

/// The library's word model after retraining, and the known share of each counted article.
#[derive(Debug, Clone)]
pub struct Trained {
    pub model: Option<Arc<Model>>,
    pub shares: HashMap<ArticleId, f64>,
}

/// The library at `home`, if it has a database (looking creates nothing).
fn existing(home: Option<Home>) -> Option<Library> {
    let home = home.filter(|h| h.db_path().exists())?;
    Library::open(home).ok().map(|(lib, _)| lib)
}

pub fn build(id: EntryId, doc: Arc<Doc>, model: Option<Arc<Model>>, home: Option<Home>) -> Built {
    let lib = existing(home);
    let model = model.or_else(|| {
        let (_, m) = lib.as_ref()?.word_model().ok()??;
        Some(Arc::new(m))
    });
    let statuses = lib.as_ref().and_then(|l| l.word_statuses().ok());
    let names = crate::tui::state::words::article_names(&doc);
    let words = ArticleWords::build(&doc, model.as_deref(), lib.as_ref(), &names);
    Built {
        id,
        doc,
        words: Arc::new(words),
        model,
        statuses,
    }
}

/// Retrain (a no-op when the library's sentence pairs are unchanged) and count the lemmas of
/// articles not counted yet, when `write`; then read the model and the known shares.
pub fn train(home: &Home, write: bool) -> Result<Trained, String> {
    let run = || -> crate::library::Result<Trained> {
        let (lib, _) = Library::open(home.clone())?;
        let model = if write {
            let model = lib.train_word_model()?;
            lib.count_lemmas()?;
            model
        } else {
            lib.word_model()?.map(|(_, m)| m)
        };
        Ok(Trained {
            model: model.map(Arc::new),
            shares: lib.known_shares(None, None)?,
        })
    };
    run().map_err(|e| format!("words: {e}"))
}
