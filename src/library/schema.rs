//! The schema, as numbered migrations. `PRAGMA user_version` holds the number of the last one
//! applied; a database with a higher number was written by a newer duet.
//!
//! Never edit a migration that has shipped: add the next one.

use rusqlite::{Connection, TransactionBehavior};

/// Migration `i` (from 0) takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles with their metadata and reading state, the pipeline cache, bookmarks.
    "CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        -- blake3 of the stored copy's bytes (hex): the article's identity and cache key
        hash TEXT NOT NULL UNIQUE,
        -- the stored copy, relative to the library folder
        file TEXT NOT NULL,
        -- where it was imported from (for the user's information only)
        source TEXT,
        size INTEGER NOT NULL,
        -- modification time of the stored copy (ns since the epoch): a changed file is re-hashed
        mtime INTEGER NOT NULL,
        added INTEGER NOT NULL,
        -- metadata, written by the pipeline version in `pipeline`
        title TEXT,
        title_en TEXT,
        published TEXT,
        outlet TEXT,
        language TEXT,
        pairs INTEGER,
        pipeline TEXT,
        error TEXT,
        -- reading state
        read INTEGER NOT NULL DEFAULT 0,
        pos_pair INTEGER,
        pos_sentence INTEGER,
        pos_updated INTEGER
    );
    -- (a rowid table: its rows are large, and the list never reads them)
    CREATE TABLE cache (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        article BLOB NOT NULL,
        bitext BLOB NOT NULL,
        -- the entity index, once the entity stage exists (NULL until then)
        entities BLOB,
        UNIQUE (hash, pipeline)
    );
    CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        pair INTEGER NOT NULL,
        sentence INTEGER,
        -- the pair's text when it was bookmarked: exports survive re-alignment
        ko TEXT NOT NULL,
        en TEXT NOT NULL,
        note TEXT,
        created INTEGER NOT NULL
    );
    CREATE INDEX bookmarks_by_article ON bookmarks(article);",
    // 2: the list's order as an index, so its first screenful is read without sorting them all.
    "CREATE INDEX articles_by_date ON articles(published IS NULL, published DESC, id);",
    // 3: the entity names of every article, for "which articles mention this" without opening
    // any (written with the article's cache entry; the list never reads it).
    "CREATE TABLE entity_names (
        article INTEGER NOT NULL,
        -- index into the article's cached entities (cache.entities)
        entity INTEGER NOT NULL,
        -- normalised: 'ko:설리번', 'en:jake sullivan' (lower case, no punctuation), 'hanja:張又俠'
        name TEXT NOT NULL,
        -- person, place, org
        kind TEXT NOT NULL,
        -- the entity's mentions in the article
        mentions INTEGER NOT NULL,
        -- its first mention in reading order: (pair, sentence) as reading positions are, and
        -- the side (ko, en)
        pair INTEGER NOT NULL,
        sentence INTEGER,
        side TEXT NOT NULL,
        PRIMARY KEY (article, entity, name)
    ) WITHOUT ROWID;
    CREATE INDEX entity_names_by_name ON entity_names(name, kind);",
    // 4: translation pairs across files. `evidence`: each processed article's pairing evidence
    // (`pairing::Evidence::to_bytes`, LZ4), keyed like the cache, so the library pairs without
    // reading or parsing any article; NULL for an article that cannot be half of a pair.
    // `verdicts`: the aligner's verdict on each candidate pair checked, valid while both hashes
    // and the pipeline are the ones recorded, so a restart verifies nothing it verified before.
    // `pairings`: the user's own choices, a pair made by hand (paired = 1) or split (0); they
    // win over the automatic pairing. Removing an article removes its verdicts and choices.
    "CREATE TABLE evidence (
        hash TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        evidence BLOB,
        PRIMARY KEY (hash, pipeline)
    ) WITHOUT ROWID;
    CREATE TABLE verdicts (
        ko INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        en INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ko_hash TEXT NOT NULL,
        en_hash TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        on_diagonal REAL NOT NULL,
        off_diagonal REAL NOT NULL,
        coverage REAL NOT NULL,
        length_cost REAL NOT NULL,
        beads INTEGER NOT NULL,
        PRIMARY KEY (ko, en)
    );
    CREATE INDEX verdicts_by_en ON verdicts(en);
    CREATE TABLE pairings (
        ko INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        en INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        paired INTEGER NOT NULL,
        created INTEGER NOT NULL,
        PRIMARY KEY (ko, en)
    );
    CREATE INDEX pairings_by_en ON pairings(en);",
    // 5: the automatic pairs last found, with a fingerprint of what they were found from (the
    // articles with evidence, by id and hash, and the pipeline): a library unchanged since
    // shows its pairs at once, without pairing again. One row.
    "CREATE TABLE pairs_found (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL,
        -- JSON [[ko, en, score], …]
        pairs TEXT NOT NULL
    );",
    // 6: words for learners. `dictionaries`: each imported dictionary file, its licence shown
    // with every lookup; `dict_entries` and `dict_senses` its headwords (by lemma) and senses
    // (English equivalents joined by '; '). `word_status`: per lemma, 0-5 (learning), 98
    // ignored, 99 known, with where it was last seen (for the Anki export). `word_model`: the
    // translation tables trained on the library's sentence pairs (one row), with a
    // fingerprint of what they were trained on. `article_lemmas`: how often each lemma occurs
    // in each article (`hash`: the copy counted), for the library's word frequencies and the
    // share of known words.
    "CREATE TABLE dictionaries (
        id INTEGER PRIMARY KEY,
        format TEXT NOT NULL,
        licence TEXT NOT NULL,
        file TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        entries INTEGER NOT NULL,
        imported INTEGER NOT NULL
    );
    CREATE TABLE dict_entries (
        id INTEGER PRIMARY KEY,
        dict INTEGER NOT NULL REFERENCES dictionaries(id) ON DELETE CASCADE,
        lemma TEXT NOT NULL,
        pos TEXT,
        level TEXT,
        origin TEXT
    );
    CREATE INDEX dict_entries_by_lemma ON dict_entries(lemma);
    CREATE TABLE dict_senses (
        entry INTEGER NOT NULL REFERENCES dict_entries(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        definition TEXT,
        english TEXT NOT NULL,
        english_definition TEXT,
        PRIMARY KEY (entry, n)
    ) WITHOUT ROWID;
    CREATE TABLE word_status (
        lemma TEXT PRIMARY KEY,
        status INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        word TEXT,
        article INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        ko TEXT,
        ko_start INTEGER,
        ko_end INTEGER,
        en TEXT,
        -- JSON [[start, end], …]: the aligned English words in `en`
        en_spans TEXT
    ) WITHOUT ROWID;
    CREATE TABLE word_model (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        fingerprint TEXT NOT NULL,
        pairs INTEGER NOT NULL,
        model BLOB NOT NULL,
        trained INTEGER NOT NULL
    );
    CREATE TABLE article_lemmas (
        article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        lemma TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (article, lemma)
    ) WITHOUT ROWID;
    CREATE INDEX article_lemmas_by_lemma ON article_lemmas(lemma);
    CREATE TABLE article_lemmas_done (
        article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        hash TEXT NOT NULL
    );",
    // 7: feeds. `feeds`: the subscriptions, with what the last refresh met (validators for
    // conditional requests, when a server that answered 429 may be asked again). `feed_items`:
    // every item a feed listed and what became of it (its article; NULL when none was stored
    // or the user removed it, so it is not fetched again), with a digest of the item as the
    // feed gave it (a changed digest is a changed story). `feed_articles`: what the feed says
    // of an article it brought, which wins over the page on every re-processing (outlet, date,
    // language when the text's own is unclear), and whether its stored copy is the feed's
    // own text because the page could not be fetched or cleaned to nothing.
    "CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        -- the user's name for it (--name), else the feed's own title
        name TEXT,
        title TEXT,
        -- the user's --lang, else the language the feed declares
        lang TEXT,
        declared_lang TEXT,
        added INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_refresh INTEGER,
        last_ok INTEGER,
        new_items INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        -- seconds since the epoch before which the server asked not to be asked (429)
        retry_after INTEGER
    );
    CREATE TABLE feed_items (
        feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        link TEXT,
        article INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        digest TEXT NOT NULL,
        -- why the page was not what was stored (NULL: it was)
        page_error TEXT,
        -- the page failed in a way that may pass: how often it was tried
        attempts INTEGER NOT NULL DEFAULT 0,
        retry INTEGER NOT NULL DEFAULT 0,
        seen INTEGER NOT NULL,
        PRIMARY KEY (feed, guid)
    ) WITHOUT ROWID;
    CREATE INDEX feed_items_by_link ON feed_items(link);
    CREATE INDEX feed_items_by_article ON feed_items(article);
    CREATE TABLE feed_articles (
        article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        link TEXT NOT NULL,
        outlet TEXT,
        published TEXT,
        lang TEXT,
        title TEXT,
        from_feed INTEGER NOT NULL DEFAULT 0
    );",
    // 8: the rules lemma counts were made by (`words::lemma::fingerprint` and the pipeline):
    // counts of other rules, or of none (before this), are counted again.
    "ALTER TABLE article_lemmas_done ADD COLUMN rules TEXT;",
    // 9: the list's other orders as indexes (`library::list`): a window of rows sorted by outlet,
    // oldest first or unread first is read without sorting the library; and the article read
    // last (the list reopens on it) found without reading every row.
    "CREATE INDEX articles_by_date_asc ON articles(published IS NULL, published, id);
    CREATE INDEX articles_by_pos_updated ON articles(pos_updated, id)
        WHERE pos_updated IS NOT NULL;
    CREATE INDEX articles_by_outlet
        ON articles(outlet IS NULL, outlet, published IS NULL, published DESC, id);
    CREATE INDEX articles_by_read ON articles(read, published IS NULL, published DESC, id);",
    // 10: the articles pairing has settled, so that pairing a library after a few articles
    // came, went or changed asks only those and the articles whose candidates they can change
    // (`library::pairs`): the article's candidates were gathered and verified with `state`
    // (the pipeline and the pairing decision) while it had `hash` and `verdicts` remembered
    // verdicts of it held. Another hash, another state or fewer verdicts (a partner removed
    // or changed): asked again.
    "CREATE TABLE pairing_settled (
        article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        hash TEXT NOT NULL,
        state TEXT NOT NULL,
        verdicts INTEGER NOT NULL
    );",
    // 11: what an article added later must reach to change what a settled article's
    // candidates verify (`pairing::Bars`): only the settled articles it reaches are asked again.
    // A row without them is asked again.
    "ALTER TABLE pairing_settled ADD COLUMN raw_bar REAL;
    ALTER TABLE pairing_settled ADD COLUMN similarity_bar REAL;",
    // 12: each article's pairing evidence as the pairing index takes it (`pairing::Keyed`:
    // its keys hashed, with a checksum; NULL for an article without evidence), valid while
    // the article has `hash` and the pipeline is `pipeline`, so that pairing a library reads
    // it in one pass in id order and never parses or hashes the evidence again. Written by
    // the pairing pass; a row that does not hold or read back is taken from `evidence` again.
    "CREATE TABLE pairing_keys (
        article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        hash TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        keyed BLOB
    );",
];

/// The schema version this duet writes.
pub fn current() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Apply the migrations the database lacks, each with its version bump in one transaction.
/// Taken with a write lock first, so two processes starting at once migrate once.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    // The common case, up to date, takes no lock at all.
    if version(conn)? >= current() {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = version(&tx)?;
        let Some(sql) = usize::try_from(v).ok().and_then(|v| MIGRATIONS.get(v)) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
}
