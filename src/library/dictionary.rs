//! Dictionaries imported into the library (`duet dict import FILE`): stored in one
//! transaction, looked up by lemma, each shown with its licence.

use std::path::Path;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::error::Result;
use super::{Library, time};
use crate::words::dict::{Dictionary, Entry, Sense};

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DictReport {
    pub format: &'static str,
    pub licence: &'static str,
    pub entries: usize,
    pub senses: usize,
    /// The same file had been imported before: its entries were replaced.
    pub replaced: bool,
}

/// A headword found, with the dictionary it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    #[serde(flatten)]
    pub entry: Entry,
    pub dictionary: String,
    pub licence: String,
}

impl Library {
    /// Store a parsed dictionary read from `file` in one transaction: all of it or, on any
    /// error, nothing. Importing the same file again replaces its entries.
    pub fn import_dictionary(&self, file: &Path, dict: &Dictionary) -> Result<DictReport> {
        self.writable()?;
        let what = "the dictionary";
        let tx = self.write_tx().map_err(|e| self.write_err(what, e))?;
        let (replaced, senses) = store(&tx, file, dict).map_err(|e| self.write_err(what, e))?;
        tx.commit().map_err(|e| self.write_err(what, e))?;
        Ok(DictReport {
            format: dict.format.name(),
            licence: dict.format.licence(),
            entries: dict.entries.len(),
            senses,
            replaced,
        })
    }

    /// Every headword with this lemma, from every dictionary imported (oldest import first).
    pub fn dictionary_entries(&self, lemma: &str) -> Result<Vec<Found>> {
        let sql = "SELECT e.id, e.lemma, e.pos, e.level, e.origin, d.format, d.licence
             FROM dict_entries e JOIN dictionaries d ON d.id = e.dict
             WHERE e.lemma = ?1 ORDER BY d.id, e.id";
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql_err(e))?;
        let rows: Vec<(i64, Entry, String, String)> = stmt
            .query_map([lemma], |r| {
                Ok((
                    r.get(0)?,
                    Entry {
                        lemma: r.get(1)?,
                        pos: r.get(2)?,
                        level: r.get(3)?,
                        origin: r.get(4)?,
                        senses: Vec::new(),
                    },
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        let mut senses = self
            .conn
            .prepare_cached(
                "SELECT definition, english, english_definition FROM dict_senses
                 WHERE entry = ?1 ORDER BY n",
            )
            .map_err(|e| self.sql_err(e))?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, mut entry, format, licence) in rows {
            entry.senses = senses
                .query_map([id], |r| {
                    let english: String = r.get(1)?;
                    Ok(Sense {
                        definition: r.get(0)?,
                        english: english
                            .split("; ")
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                        english_definition: r.get(2)?,
                    })
                })
                .and_then(|rows| rows.collect())
                .map_err(|e| self.sql_err(e))?;
            out.push(Found {
                entry,
                dictionary: format,
                licence,
            });
        }
        Ok(out)
    }

    /// Whether any dictionary has been imported.
    pub fn has_dictionary(&self) -> Result<bool> {
        self.conn
            .query_row("SELECT 1 FROM dictionaries LIMIT 1", [], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.sql_err(e))
    }
}

fn store(
    tx: &rusqlite::Transaction,
    file: &Path,
    dict: &Dictionary,
) -> rusqlite::Result<(bool, usize)> {
    let replaced = tx.execute("DELETE FROM dictionaries WHERE hash = ?1", [&dict.hash])? > 0;
    tx.execute(
        "INSERT INTO dictionaries (format, licence, file, hash, entries, imported)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            dict.format.name(),
            dict.format.licence(),
            file.to_string_lossy(),
            dict.hash,
            dict.entries.len() as i64,
            time::now()
        ],
    )?;
    let dict_id = tx.last_insert_rowid();
    let mut entry_stmt = tx.prepare_cached(
        "INSERT INTO dict_entries (dict, lemma, pos, level, origin) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut sense_stmt = tx.prepare_cached(
        "INSERT INTO dict_senses (entry, n, definition, english, english_definition)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut senses = 0;
    for e in &dict.entries {
        entry_stmt.execute(params![dict_id, e.lemma, e.pos, e.level, e.origin])?;
        let id = tx.last_insert_rowid();
        for (n, s) in e.senses.iter().enumerate() {
            sense_stmt.execute(params![
                id,
                n as i64,
                s.definition,
                s.english.join("; "),
                s.english_definition
            ])?;
            senses += 1;
        }
    }
    Ok((replaced, senses))
}
