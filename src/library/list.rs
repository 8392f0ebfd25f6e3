//! The library list as queries: an order and filters ([`ListQuery`]) read a window of rows
//! through an index (`LIMIT`/`OFFSET`), count them, and find the row an article is on, so the
//! reader's list never holds more than the rows on screen. A translation pair is one row: the
//! pairs shown go into a temporary table of this connection ([`Library::set_list_pairs`]) and
//! an English article whose Korean partner is listed is not a row of its own.

use rusqlite::types::Value;

use super::{ArticleId, Entry, Library, Result};

/// The list's order (each has its index, so a window is read without sorting them all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListOrder {
    /// Newest publication first, undated ones last (by import order).
    #[default]
    Newest,
    /// Oldest first, undated ones last.
    Oldest,
    /// By outlet (none last), newest first within one.
    Outlet,
    /// Unread ones first, newest first within each.
    UnreadFirst,
}

/// Which articles the list shows, in which order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub order: ListOrder,
    pub unread_only: bool,
    /// One outlet's articles only (as stored).
    pub outlet: Option<String>,
    /// One feed's articles only.
    pub feed: Option<i64>,
}

/// The sort keys of an order, each `(expression over a, descending)`, ending with the id: the
/// same columns as its index, so "rows before this one" is a range of the index.
fn keys(order: ListOrder) -> &'static [(&'static str, bool)] {
    match order {
        ListOrder::Newest => &[("a.published IS NULL", false), ("a.published", true)],
        ListOrder::Oldest => &[("a.published IS NULL", false), ("a.published", false)],
        ListOrder::Outlet => &[
            ("a.outlet IS NULL", false),
            ("a.outlet", false),
            ("a.published IS NULL", false),
            ("a.published", true),
        ],
        ListOrder::UnreadFirst => &[
            ("a.read", false),
            ("a.published IS NULL", false),
            ("a.published", true),
        ],
    }
}

fn order_by(order: ListOrder) -> String {
    let mut parts: Vec<String> = keys(order)
        .iter()
        .map(|(e, desc)| format!("{e}{}", if *desc { " DESC" } else { "" }))
        .collect();
    parts.push("a.id".into());
    parts.join(", ")
}

/// The filters of `q` over the article aliased `t` (only those in force, so that without any
/// the query is a plain walk of the order's index); parameters `:outlet`, `:feed`.
fn filter(t: &str, q: &ListQuery) -> String {
    let mut parts = vec!["1".to_string()];
    if q.unread_only {
        parts.push(format!("{t}.read = 0"));
    }
    if q.outlet.is_some() {
        parts.push(format!("{t}.outlet = :outlet"));
    }
    if q.feed.is_some() {
        parts.push(format!(
            "EXISTS (SELECT 1 FROM feed_items i WHERE i.article = {t}.id AND i.feed = :feed)"
        ));
    }
    parts.join(" AND ")
}

/// `a` is a row: it passes the filters and is not the English half of a pair whose Korean half
/// is listed (`pairs`: some pairs are shown as one row).
fn shown(q: &ListQuery, pairs: bool) -> String {
    if !pairs {
        return filter("a", q);
    }
    format!(
        "{} AND NOT EXISTS (SELECT 1 FROM temp.list_pairs p JOIN articles k ON k.id = p.ko
         WHERE p.en = a.id AND {})",
        filter("a", q),
        filter("k", q)
    )
}

/// Run `sql` with the named parameters it uses (of `:outlet`, `:feed`, `:id`, `:limit`,
/// `:offset`, `:k0`…), each row handed to `each`.
fn query_each(
    stmt: &mut rusqlite::CachedStatement<'_>,
    named: &[(&str, Value)],
    mut each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    for (name, v) in named {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, v)?;
        }
    }
    let mut rows = stmt.raw_query();
    while let Some(r) = rows.next()? {
        each(r)?;
    }
    Ok(())
}

impl ListQuery {
    fn params(&self) -> Vec<(&'static str, Value)> {
        vec![
            (
                ":outlet",
                self.outlet.clone().map_or(Value::Null, Value::Text),
            ),
            (":feed", self.feed.map_or(Value::Null, Value::Integer)),
        ]
    }
}

impl Library {
    /// Show these (Korean, English) pairs as one row each in the list's queries. Kept in a
    /// temporary table of this connection (nothing is written to the library).
    pub fn set_list_pairs(&self, pairs: &[(ArticleId, ArticleId)]) -> Result<()> {
        self.has_list_pairs()?;
        let run = || -> rusqlite::Result<()> {
            self.conn.execute("DELETE FROM temp.list_pairs", [])?;
            let mut insert = self
                .conn
                .prepare_cached("INSERT OR IGNORE INTO temp.list_pairs (en, ko) VALUES (?1, ?2)")?;
            let tx = self.conn.unchecked_transaction()?;
            for &(ko, en) in pairs {
                insert.execute([en, ko])?;
            }
            tx.commit()
        };
        run().map_err(|e| self.sql_err(e))
    }

    /// Whether any pair is shown as one row (the table exists and holds one).
    fn has_list_pairs(&self) -> Result<bool> {
        self.conn
            .execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS list_pairs
                     (en INTEGER PRIMARY KEY, ko INTEGER NOT NULL);",
            )
            .and_then(|()| {
                self.conn
                    .query_row("SELECT EXISTS (SELECT 1 FROM temp.list_pairs)", [], |r| {
                        r.get(0)
                    })
            })
            .map_err(|e| self.sql_err(e))
    }

    fn list_query(
        &self,
        sql: &str,
        named: &[(&str, Value)],
        each: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql_err(e))?;
        query_each(&mut stmt, named, each).map_err(|e| self.sql_err(e))
    }

    /// How many rows the list shows under `q` (a pair is one), and how many articles that is.
    pub fn list_count(&self, q: &ListQuery) -> Result<(usize, usize)> {
        let pairs = self.has_list_pairs()?;
        let count = |sql: String| -> Result<usize> {
            let mut n = 0;
            self.list_query(&sql, &q.params(), |r| {
                n = r.get::<_, i64>(0)? as usize;
                Ok(())
            })?;
            Ok(n)
        };
        let rows = count(format!(
            "SELECT count(*) FROM articles a WHERE {}",
            shown(q, pairs)
        ))?;
        let articles = if pairs {
            count(format!(
                "SELECT count(*) FROM articles a WHERE {}",
                filter("a", q)
            ))?
        } else {
            rows
        };
        Ok((rows, articles))
    }

    /// `limit` rows from row `offset` under `q` (each row's Korean article for a pair).
    pub fn list_page(&self, q: &ListQuery, offset: usize, limit: usize) -> Result<Vec<Entry>> {
        let pairs = self.has_list_pairs()?;
        let sql = format!(
            "SELECT a.id FROM articles a WHERE {} ORDER BY {} LIMIT :limit OFFSET :offset",
            shown(q, pairs),
            order_by(q.order)
        );
        let mut named = q.params();
        named.push((
            ":limit",
            Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)),
        ));
        named.push((":offset", Value::Integer(offset as i64)));
        let mut ids: Vec<ArticleId> = Vec::new();
        self.list_query(&sql, &named, |r| {
            ids.push(r.get(0)?);
            Ok(())
        })?;
        self.entries_of(&ids)
    }

    /// The English halves of the pairs these Korean articles head that the filters of `q` let
    /// through (a pair whose English half they hide shows its Korean half alone).
    pub fn list_partners(&self, q: &ListQuery, kos: &[ArticleId]) -> Result<Vec<Entry>> {
        if !self.has_list_pairs()? {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT a.id FROM temp.list_pairs p JOIN articles a ON a.id = p.en
             WHERE p.ko = :id AND {}",
            filter("a", q)
        );
        let mut ens = Vec::new();
        for &ko in kos {
            let mut named = q.params();
            named.push((":id", Value::Integer(ko)));
            self.list_query(&sql, &named, |r| {
                ens.push(r.get(0)?);
                Ok(())
            })?;
        }
        self.entries_of(&ens)
    }

    /// These articles' entries, in this order (an id not in the library is left out).
    pub fn entries_of(&self, ids: &[ArticleId]) -> Result<Vec<Entry>> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            self.stream_entries(Some(id), 0, -1, |e| {
                out.push(e);
                false
            })?;
        }
        Ok(out)
    }

    /// The row `article` is on under `q` (a pair's English article: its pair's row), or `None`
    /// when the filters hide it. Counts the rows before it through the order's index.
    pub fn list_row_of(&self, q: &ListQuery, article: ArticleId) -> Result<Option<usize>> {
        let pairs = self.has_list_pairs()?;
        let mut named = q.params();
        named.push((":id", Value::Integer(article)));
        // A listed pair's English half is on its Korean half's row.
        let mut head = None;
        if pairs {
            let sql = format!(
                "SELECT k.id FROM temp.list_pairs p JOIN articles k ON k.id = p.ko
                 WHERE p.en = :id AND {}",
                filter("k", q)
            );
            self.list_query(&sql, &named, |r| {
                head = Some(r.get::<_, ArticleId>(0)?);
                Ok(())
            })?;
        }
        if let Some(ko) = head {
            named.retain(|(n, _)| *n != ":id");
            named.push((":id", Value::Integer(ko)));
        }
        let keys = keys(q.order);
        // The article's own keys, if it is a row at all.
        let own = format!(
            "SELECT {} FROM articles a WHERE a.id = :id AND {}",
            keys.iter().map(|(e, _)| *e).collect::<Vec<_>>().join(", "),
            shown(q, pairs)
        );
        let mut values: Option<Vec<Value>> = None;
        self.list_query(&own, &named, |r| {
            values = Some(
                (0..keys.len())
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<_>>()?,
            );
            Ok(())
        })?;
        let Some(values) = values else {
            return Ok(None);
        };
        // (k0, …, id) before (v0, …, article) in the order: lexicographic, each key compared
        // with `IS` for equality (NULLs are equal among themselves; they sort after the rest
        // through the `IS NULL` key before them).
        const NAMES: [&str; 4] = [":k0", ":k1", ":k2", ":k3"];
        let mut before = String::from("a.id < :id");
        for (i, (e, desc)) in keys.iter().enumerate().rev() {
            let (p, cmp) = (NAMES[i], if *desc { ">" } else { "<" });
            before = format!("(({e}) {cmp} {p} OR (({e}) IS {p} AND {before}))");
        }
        named.extend(NAMES.iter().copied().zip(values));
        let sql = format!(
            "SELECT count(*) FROM articles a WHERE {} AND {before}",
            shown(q, pairs)
        );
        let mut n = 0;
        self.list_query(&sql, &named, |r| {
            n = r.get::<_, i64>(0)? as usize;
            Ok(())
        })?;
        Ok(Some(n))
    }

    /// The outlets of the list's articles (filtered by the feed, if any), most articles first.
    pub fn list_outlets(&self, feed: Option<i64>) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.outlet FROM articles a WHERE a.outlet IS NOT NULL AND (?1 IS NULL OR
                 EXISTS (SELECT 1 FROM feed_items i WHERE i.article = a.id AND i.feed = ?1))
                 GROUP BY a.outlet ORDER BY count(*) DESC, a.outlet",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([feed], |r| r.get(0))
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql_err(e))
    }
}
