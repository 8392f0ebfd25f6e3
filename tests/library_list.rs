//! The library list as queries (`library::list`): every order and filter reads the rows a
//! sort of all of them would give, a window from any offset is that sort's slice, and the row
//! an article is on is exact (ties of date, undated articles and articles without an outlet
//! included), with pairs shown as one row.

mod support;

use duet::library::list::{ListOrder, ListQuery};
use duet::library::{ArticleId, Home, Library};

/// A library of `n` articles' metadata: dates shared by two articles at a time, every fifth
/// undated, every seventh without an outlet, every third read.
fn library(dir: &std::path::Path, n: usize) -> Library {
    let (lib, _) = Library::open(Home::at(dir.join("lib"))).unwrap();
    lib.connection()
        .execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
             INSERT INTO articles (hash, file, size, mtime, added, title, published, outlet,
                 language, pipeline, read)
             SELECT 'h' || i, 'articles/g' || i || '.txt', 1, 0, 0, 'article ' || i,
                 CASE WHEN i % 5 = 0 THEN NULL ELSE date('2000-01-01', '+' || (i / 2) || ' days') END,
                 CASE WHEN i % 7 = 0 THEN NULL ELSE 'Outlet ' || (i % 4) END,
                 'en', ?1, i % 3 = 0
             FROM n",
            rusqlite::params![duet::library::PIPELINE, n as i64],
        )
        .unwrap();
    lib
}

fn ids(lib: &Library, q: &ListQuery, offset: usize, limit: usize) -> Vec<ArticleId> {
    lib.list_page(q, offset, limit)
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect()
}

fn queries() -> Vec<ListQuery> {
    let mut out = Vec::new();
    for order in [
        ListOrder::Newest,
        ListOrder::Oldest,
        ListOrder::Outlet,
        ListOrder::UnreadFirst,
    ] {
        for (unread_only, outlet) in [(false, None), (true, None), (false, Some("Outlet 1"))] {
            out.push(ListQuery {
                order,
                unread_only,
                outlet: outlet.map(str::to_string),
                feed: None,
            });
        }
    }
    out
}

/// The order a sort of every entry in memory gives (what the list did before it was a query).
fn sorted(lib: &Library, q: &ListQuery) -> Vec<ArticleId> {
    let mut all: Vec<_> = lib
        .entries()
        .unwrap()
        .into_iter()
        .filter(|e| !q.unread_only || !e.read)
        .filter(|e| q.outlet.is_none() || e.outlet == q.outlet)
        .collect();
    all.sort_by_key(|e| e.id);
    let undated = |e: &duet::library::Entry| e.published.is_none();
    match q.order {
        ListOrder::Newest => {
            all.sort_by(|a, b| (undated(a).cmp(&undated(b))).then(b.published.cmp(&a.published)))
        }
        ListOrder::Oldest => {
            all.sort_by(|a, b| (undated(a).cmp(&undated(b))).then(a.published.cmp(&b.published)))
        }
        ListOrder::Outlet => all.sort_by(|a, b| {
            (a.outlet.is_none().cmp(&b.outlet.is_none()))
                .then(a.outlet.cmp(&b.outlet))
                .then(undated(a).cmp(&undated(b)))
                .then(b.published.cmp(&a.published))
        }),
        ListOrder::UnreadFirst => all.sort_by(|a, b| {
            (a.read.cmp(&b.read))
                .then(undated(a).cmp(&undated(b)))
                .then(b.published.cmp(&a.published))
        }),
    }
    all.into_iter().map(|e| e.id).collect()
}

#[test]
fn every_order_and_filter_reads_windows_of_the_full_sort_and_finds_each_row() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path(), 300);
    for q in queries() {
        let want = sorted(&lib, &q);
        let all = ids(&lib, &q, 0, 10_000);
        assert_eq!(all, want, "{q:?}");
        assert_eq!(
            lib.list_count(&q).unwrap(),
            (want.len(), want.len()),
            "{q:?}"
        );
        // A window from anywhere is the slice of the whole.
        for offset in [0, 1, 63, 64, want.len().saturating_sub(10)] {
            let end = (offset + 64).min(want.len());
            assert_eq!(
                ids(&lib, &q, offset, 64),
                want[offset..end],
                "{q:?} at {offset}"
            );
        }
        for (row, &id) in want.iter().enumerate() {
            assert_eq!(
                lib.list_row_of(&q, id).unwrap(),
                Some(row),
                "{q:?}: article {id}"
            );
        }
        // An article the filters hide has no row.
        if let Some(hidden) = (1..=300).find(|id| !want.contains(id)) {
            assert_eq!(lib.list_row_of(&q, hidden).unwrap(), None, "{q:?}");
        }
    }
}

#[test]
fn a_pair_is_one_row_on_its_korean_articles_row() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path(), 40);
    let q = ListQuery::default();
    let before = ids(&lib, &q, 0, 100);
    // Article 3 (Korean) with 10 (English): 3 is read, so "unread only" shows 10 alone; 4 with
    // 9: 9 is read, so "unread only" shows 4 without its partner.
    lib.set_list_pairs(&[(3, 10), (4, 9)]).unwrap();
    let after = ids(&lib, &q, 0, 100);
    let want: Vec<_> = (before.iter().copied())
        .filter(|&id| id != 10 && id != 9)
        .collect();
    assert_eq!(after, want);
    assert_eq!(lib.list_count(&q).unwrap(), (38, 40));
    let row = after.iter().position(|&id| id == 3).unwrap();
    assert_eq!(lib.list_row_of(&q, 10).unwrap(), Some(row));
    assert_eq!(
        lib.list_partners(&q, &[3])
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        [10]
    );
    let unread = ListQuery {
        unread_only: true,
        ..ListQuery::default()
    };
    let shown = ids(&lib, &unread, 0, 100);
    assert!(shown.contains(&10) && shown.contains(&4) && !shown.contains(&3));
    assert!(lib.list_partners(&unread, &[4]).unwrap().is_empty());
}
