//! What the library keeps of the words a learner meets: a status per lemma (0-5, known,
//! ignored, LingQ's and Lute's model) with where the word was seen, how often each lemma occurs
//! in each article, and the word-alignment model trained on the library's sentence pairs.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::error::Result;
use super::{ArticleId, Library, time, unpack};
use crate::model::Bitext;
use crate::words::{self, Model, lemma};

/// How well the learner knows a lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 0 (new) to 5 (learnt).
    Learning(u8),
    Known,
    Ignored,
}

impl Status {
    /// The number stored (Lute's codes: 0-5, 98 ignored, 99 known).
    pub fn code(self) -> i64 {
        match self {
            Status::Learning(n) => i64::from(n.min(5)),
            Status::Ignored => 98,
            Status::Known => 99,
        }
    }

    pub fn from_code(c: i64) -> Option<Status> {
        match c {
            0..=5 => Some(Status::Learning(c as u8)),
            98 => Some(Status::Ignored),
            99 => Some(Status::Known),
            _ => None,
        }
    }

    /// As the popup and the export name it: `0`…`5`, `known`, `ignored`.
    pub fn label(self) -> String {
        match self {
            Status::Learning(n) => n.to_string(),
            Status::Known => "known".into(),
            Status::Ignored => "ignored".into(),
        }
    }
}

/// Where a word was seen when its status was set: what an Anki card shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Seen {
    /// The word as written (`만났다`).
    pub word: String,
    pub article: Option<ArticleId>,
    /// The Korean sentence and the word's character range in it.
    pub ko: String,
    pub ko_span: (usize, usize),
    /// The English sentence and its aligned words' character ranges.
    pub en: String,
    pub en_spans: Vec<(usize, usize)>,
}

/// A lemma with its status and where it was seen, for exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedWord {
    pub lemma: String,
    pub status: Status,
    pub seen: Seen,
    pub title: Option<String>,
    pub source: Option<String>,
    pub updated: i64,
}

impl Library {
    /// Set a lemma's status, and (if given) where it was seen; kept across restarts.
    pub fn set_word_status(&self, lemma: &str, status: Status, seen: Option<&Seen>) -> Result<()> {
        self.writable()?;
        let r = match seen {
            Some(s) => self.conn.execute(
                "INSERT OR REPLACE INTO word_status
                    (lemma, status, updated, word, article, ko, ko_start, ko_end, en, en_spans)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    lemma,
                    status.code(),
                    time::now(),
                    s.word,
                    s.article,
                    s.ko,
                    s.ko_span.0 as i64,
                    s.ko_span.1 as i64,
                    s.en,
                    serde_json::to_string(&s.en_spans).unwrap_or_else(|_| "[]".into())
                ],
            ),
            None => self.conn.execute(
                "INSERT INTO word_status (lemma, status, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT (lemma) DO UPDATE SET status = ?2, updated = ?3",
                params![lemma, status.code(), time::now()],
            ),
        };
        r.map(|_| ())
            .map_err(|e| self.write_err("the word's status", e))
    }

    /// A lemma's status, if one was set.
    pub fn word_status(&self, lemma: &str) -> Result<Option<Status>> {
        self.conn
            .prepare_cached("SELECT status FROM word_status WHERE lemma = ?1")
            .and_then(|mut s| s.query_row([lemma], |r| r.get::<_, i64>(0)).optional())
            .map(|c| c.and_then(Status::from_code))
            .map_err(|e| self.sql_err(e))
    }

    /// Every lemma with a status set.
    pub fn word_statuses(&self) -> Result<HashMap<String, Status>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT lemma, status FROM word_status")
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql_err(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(l, c)| Some((l, Status::from_code(c)?)))
            .collect())
    }

    /// The lemmas whose status code is in `lo..=hi`, with where they were seen, by lemma.
    pub fn saved_words(&self, lo: i64, hi: i64) -> Result<Vec<SavedWord>> {
        let sql = "SELECT w.lemma, w.status, w.updated, w.word, w.article, w.ko, w.ko_start,
                w.ko_end, w.en, w.en_spans, a.title, a.source
             FROM word_status w LEFT JOIN articles a ON a.id = w.article
             WHERE w.status BETWEEN ?1 AND ?2 ORDER BY w.lemma";
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([lo, hi], |r| {
                let spans: Option<String> = r.get(9)?;
                let lemma: String = r.get(0)?;
                Ok(SavedWord {
                    status: Status::from_code(r.get(1)?).unwrap_or(Status::Learning(0)),
                    updated: r.get(2)?,
                    seen: Seen {
                        word: r
                            .get::<_, Option<String>>(3)?
                            .unwrap_or_else(|| lemma.clone()),
                        article: r.get(4)?,
                        ko: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        ko_span: (
                            r.get::<_, Option<i64>>(6)?.unwrap_or(0).max(0) as usize,
                            r.get::<_, Option<i64>>(7)?.unwrap_or(0).max(0) as usize,
                        ),
                        en: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                        en_spans: spans
                            .and_then(|s| serde_json::from_str(&s).ok())
                            .unwrap_or_default(),
                    },
                    lemma,
                    title: r.get(10)?,
                    source: r.get(11)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        Ok(rows)
    }

    /// How often `lemma` occurs in the library, and in how many articles (counted by
    /// [`Library::count_lemmas`]).
    pub fn lemma_frequency(&self, lemma: &str) -> Result<(i64, i64)> {
        self.conn
            .prepare_cached(
                "SELECT coalesce(sum(n), 0), count(*) FROM article_lemmas WHERE lemma = ?1",
            )
            .and_then(|mut s| s.query_row([lemma], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(|e| self.sql_err(e))
    }

    /// The share of an article's Korean words (by occurrence) whose lemma is known (status
    /// known, ignored or 5); `None` before its words are counted.
    pub fn known_share(&self, article: ArticleId) -> Result<Option<f64>> {
        Ok(self.known_shares(Some(article), None)?.remove(&article))
    }

    /// [`Library::known_share`] of every counted article (`article`: of that one only;
    /// `lemma`: only of the articles where that lemma occurs, the ones a new status changes).
    pub fn known_shares(
        &self,
        article: Option<ArticleId>,
        lemma: Option<&str>,
    ) -> Result<HashMap<ArticleId, f64>> {
        let sql = "SELECT c.article, sum(c.n),
                    sum(CASE WHEN w.status IN (5, 98, 99) THEN c.n ELSE 0 END)
                 FROM article_lemmas c LEFT JOIN word_status w ON w.lemma = c.lemma
                 WHERE (?1 IS NULL OR c.article = ?1)
                   AND (?2 IS NULL OR c.article IN
                        (SELECT article FROM article_lemmas WHERE lemma = ?2))
                 GROUP BY c.article";
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map(params![article, lemma], |r| {
                Ok((
                    r.get::<_, ArticleId>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.sql_err(e))?;
        Ok(rows
            .into_iter()
            .filter(|&(_, total, _)| total > 0)
            .map(|(a, total, known)| (a, known as f64 / total as f64))
            .collect())
    }

    /// The word-alignment model last trained, with the fingerprint of what it was trained on
    /// (a damaged blob counts as none).
    pub fn word_model(&self) -> Result<Option<(String, Model)>> {
        let row: Option<(String, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT fingerprint, model FROM word_model WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.sql_err(e))?;
        Ok(row.and_then(|(fp, blob)| Some((fp, Model::from_bytes(&blob)?))))
    }

    /// The sentence pairs the word model learns from (Korean, English), and a fingerprint of
    /// what they came from (the pipeline, the bilingual articles' hashes and the KO+EN pairs').
    pub fn sentence_pairs(&self) -> Result<(String, Vec<(String, String)>)> {
        let sources = self.model_sources()?;
        let pairs = self.pairs_of(&sources)?;
        Ok((sources.fingerprint, pairs))
    }

    /// What the word model learns from, without reading any text: every processed bilingual
    /// article, and every KO+EN pair (a Korean article and its English edition in another file,
    /// as the library's pairs stand once paired; none while they are not found again).
    fn model_sources(&self) -> Result<ModelSources> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.hash FROM articles a JOIN cache c
                   ON c.hash = a.hash AND c.pipeline = ?1
                 WHERE a.language = 'ko+en' ORDER BY a.hash",
            )
            .map_err(|e| self.sql_err(e))?;
        let bilingual: Vec<String> = stmt
            .query_map([&self.pipeline], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        let mut editions = Vec::new();
        if let Some(found) = super::pairs::stored(self)? {
            let mut pairs = found.pairs();
            pairs.sort_by_key(|&(ko, en, _)| (ko, en));
            for (ko, en, _) in pairs {
                if let (Some(k), Some(e)) = (self.hash_of(ko)?, self.hash_of(en)?) {
                    editions.push((k, e));
                }
            }
        }
        let mut fp = blake3::Hasher::new();
        fp.update(self.pipeline.as_bytes());
        for hash in &bilingual {
            fp.update(hash.as_bytes());
        }
        for (ko, en) in &editions {
            fp.update(b"+");
            fp.update(ko.as_bytes());
            fp.update(en.as_bytes());
        }
        Ok(ModelSources {
            fingerprint: fp.finalize().to_hex().to_string(),
            bilingual,
            editions,
        })
    }

    /// The stored alignment of the article with this content hash (current pipeline).
    fn cached_bitext(&self, hash: &str) -> Result<Option<Bitext>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT bitext FROM cache WHERE hash = ?1 AND pipeline = ?2")
            .and_then(|mut s| {
                s.query_row(params![hash, self.pipeline], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.sql_err(e))?;
        Ok(blob.and_then(|b| serde_json::from_slice(&unpack(&b).ok()?).ok()))
    }

    fn hash_of(&self, id: ArticleId) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT hash FROM articles WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.sql_err(e))
    }

    /// The sentence pairs of the sources: a bilingual article's beads as stored, a KO+EN
    /// pair's as the reader aligns the two articles.
    fn pairs_of(&self, sources: &ModelSources) -> Result<Vec<(String, String)>> {
        let mut pairs = Vec::new();
        for hash in &sources.bilingual {
            if let Some(b) = self.cached_bitext(hash)? {
                pairs.extend(bead_pairs(&b));
            }
        }
        for (ko, en) in &sources.editions {
            if let (Some(k), Some(e)) = (self.cached(ko)?, self.cached(en)?) {
                pairs.extend(bead_pairs(&crate::align::align_two(&k.article, &e.article)));
            }
        }
        Ok(pairs)
    }

    /// Train the word-alignment model on the library's sentence pairs unless the stored one was
    /// trained on the same; returns the model in use. Slow on a large library: call it off the
    /// UI thread (on its own connection, [`Library::reopen`]).
    pub fn train_word_model(&self) -> Result<Option<Model>> {
        let sources = self.model_sources()?;
        let stored = self.word_model()?;
        if let Some((old, model)) = stored
            && old == sources.fingerprint
        {
            return Ok(Some(model));
        }
        let pairs = self.pairs_of(&sources)?;
        if pairs.is_empty() {
            return Ok(None);
        }
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, e)| (k.as_str(), e.as_str()))
            .collect();
        let model = words::train(&refs, &words::Settings::default());
        if self.writable().is_ok() {
            self.conn
                .execute(
                    "INSERT OR REPLACE INTO word_model (id, fingerprint, pairs, model, trained)
                     VALUES (1, ?1, ?2, ?3, ?4)",
                    params![
                        sources.fingerprint,
                        model.pairs as i64,
                        model.to_bytes(),
                        time::now()
                    ],
                )
                .map_err(|e| self.write_err("the word model", e))?;
        }
        Ok(Some(model))
    }

    /// What lemma counts depend on: the lemma rules and the pipeline (whose entities name the
    /// words that are names, [`lemma::Names`]).
    fn lemma_rules(&self) -> String {
        format!("{}/{}", lemma::fingerprint(), self.pipeline)
    }

    /// Count the lemmas of every processed article not counted yet, changed since, or counted
    /// by other rules ([`Library::lemma_rules`]), a few hundred in each transaction; returns how
    /// many articles were counted.
    pub fn count_lemmas(&self) -> Result<usize> {
        self.writable()?;
        let rules = self.lemma_rules();
        let todo: Vec<(ArticleId, String)> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT a.id, a.hash FROM articles a
                       JOIN cache c ON c.hash = a.hash AND c.pipeline = ?1
                       LEFT JOIN article_lemmas_done d ON d.article = a.id
                     WHERE d.hash IS NOT a.hash OR d.rules IS NOT ?2",
                )
                .map_err(|e| self.sql_err(e))?;
            stmt.query_map([&self.pipeline, &rules], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
                .map_err(|e| self.sql_err(e))?
        };
        let what = "the library's word counts";
        for chunk in todo.chunks(200) {
            let mut counted: Vec<(ArticleId, &str, HashMap<String, i64>)> = Vec::new();
            for (id, hash) in chunk {
                let names = self.article_names(*id)?;
                let counts = self
                    .cached_bitext(hash)?
                    .map(|b| lemma_counts(&b, &names))
                    .unwrap_or_default();
                counted.push((*id, hash.as_str(), counts));
            }
            let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
            for (id, hash, counts) in &counted {
                write_counts(&tx, *id, (hash, &rules), counts)
                    .map_err(|e| self.write_err(what, e))?;
            }
            tx.commit().map_err(|e| self.write_err(what, e))?;
        }
        Ok(todo.len())
    }

    /// The Korean names of the entities found in an article (`entity_names`).
    fn article_names(&self, id: ArticleId) -> Result<lemma::Names> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT substr(name, 4) FROM entity_names
                 WHERE article = ?1 AND name >= 'ko:' AND name < 'ko;'",
            )
            .map_err(|e| self.sql_err(e))?;
        let names: Vec<String> = stmt
            .query_map([id], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        Ok(lemma::Names::new(names))
    }
}

/// What the word model learns from (see [`Library::model_sources`]).
struct ModelSources {
    fingerprint: String,
    /// Hashes of the bilingual articles.
    bilingual: Vec<String>,
    /// (Korean, English) hashes of the KO+EN pairs.
    editions: Vec<(String, String)>,
}

/// An article's counts, with the copy (`hash`) and the `rules` that counted them.
fn write_counts(
    tx: &rusqlite::Transaction,
    id: ArticleId,
    (hash, rules): (&str, &str),
    counts: &HashMap<String, i64>,
) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM article_lemmas WHERE article = ?1", [id])?;
    let mut ins =
        tx.prepare_cached("INSERT INTO article_lemmas (article, lemma, n) VALUES (?1, ?2, ?3)")?;
    for (lemma, n) in counts {
        ins.execute(params![id, lemma, n])?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO article_lemmas_done (article, hash, rules) VALUES (?1, ?2, ?3)",
        params![id, hash, rules],
    )?;
    Ok(())
}

/// The Anki TSV of the lemmas whose status code is in `lo..=hi` (see [`crate::words::anki`]):
/// the gloss is the dictionary's English (first senses) or else the aligned English words.
pub fn anki_tsv(lib: &Library, lo: i64, hi: i64) -> Result<String> {
    let mut cards = Vec::new();
    for w in lib.saved_words(lo, hi)? {
        let senses: Vec<String> = lib
            .dictionary_entries(&w.lemma)?
            .into_iter()
            .flat_map(|f| f.entry.senses)
            .map(|s| s.english.join(", "))
            .filter(|s| !s.is_empty())
            .take(3)
            .collect();
        let gloss = if senses.is_empty() {
            let en: Vec<char> = w.seen.en.chars().collect();
            w.seen
                .en_spans
                .iter()
                .filter_map(|&(s, e)| en.get(s..e).map(|c| c.iter().collect::<String>()))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            senses.join("; ")
        };
        let card = crate::words::anki::Card {
            lemma: w.lemma,
            word: w.seen.word,
            ko: w.seen.ko,
            ko_span: w.seen.ko_span,
            en: w.seen.en,
            en_spans: w.seen.en_spans,
            gloss,
            title: w.title.unwrap_or_default(),
            source: w.source.unwrap_or_default(),
            tags: vec!["duet".into(), format!("duet::status-{}", w.status.label())],
        };
        cards.push((card, w.status.label()));
    }
    Ok(crate::words::anki::to_tsv(&cards))
}

/// The sentence pairs of an aligned article: each bead with both sides, its sentences joined.
pub fn bead_pairs(b: &Bitext) -> impl Iterator<Item = (String, String)> + '_ {
    let join = move |idx: &[usize], sents: &[crate::model::Sentence]| -> String {
        idx.iter()
            .filter_map(|&i| sents.get(i).map(|s| s.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    b.beads
        .iter()
        .filter(|bead| !bead.0.is_empty() && !bead.1.is_empty())
        .map(move |bead| {
            (
                join(&bead.0, &b.ko_sentences),
                join(&bead.1, &b.en_sentences),
            )
        })
}

/// How often each lemma occurs among the Korean words of an article whose tagged names are
/// `names`.
fn lemma_counts(b: &Bitext, names: &lemma::Names) -> HashMap<String, i64> {
    let mut counts = HashMap::new();
    for s in &b.ko_sentences {
        for w in words::tokens::words(&s.text) {
            if words::tokens::is_korean(&w.text) {
                *counts.entry(lemma::lemma_in(&w.text, names)).or_insert(0) += 1;
            }
        }
    }
    counts
}
