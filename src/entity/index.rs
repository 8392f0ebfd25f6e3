//! The entities of a set of aligned articles: mentions found in every block, joined inside each
//! article (short forms, spelling variants, Korean ⟷ English by name evidence and aligned
//! pairs), then across articles by shared names.

use std::collections::{HashMap, HashSet};

use super::gazetteer::{self, en_key};
use super::korean::hanja_after;
use super::link::{EnName, KoName, en_short_of, ko_short_of, ko_variants, prepared_score};
use super::translit::{hangul_sounds, latin_sounds, sound_similarity};
use super::{Entity, EntityKind, Mention, Names, Side, Span, find};
use crate::model::Bitext;

/// Every entity of a library, and the articles they are mentioned in.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntityIndex {
    /// Article ids (paths) as given to [`EntityIndex::build`]; `Mention::article` indexes here.
    pub articles: Vec<String>,
    /// Ordered by first mention.
    pub entities: Vec<Entity>,
}

/// A mention while an article is being read: its entity-to-be and evidence.
struct Found {
    mention: Mention,
    /// The found mention this one names in parentheses right after it (`포럼(EEF)`).
    follows: Option<usize>,
    kind: EntityKind,
    hanja: Option<String>,
    /// The display pair (`Bitext::pairs` index) its block belongs to.
    pair: Option<usize>,
}

/// Union-find over mentions.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// One article's entities before the library merge.
struct Local {
    kind: EntityKind,
    ko: Vec<String>,
    en: Vec<String>,
    hanja: Option<String>,
    mentions: Vec<Mention>,
}

impl EntityIndex {
    /// The entities of articles given as `(id, bitext)`; ids are kept in `articles`.
    pub fn build<'a, I>(docs: I) -> EntityIndex
    where
        I: IntoIterator<Item = (&'a str, &'a Bitext)>,
    {
        let mut index = EntityIndex::default();
        let mut locals = Vec::new();
        for (id, bitext) in docs {
            let a = index.articles.len();
            index.articles.push(id.to_string());
            locals.extend(article_entities(a, bitext));
        }
        index.entities = merge(locals);
        index
    }

    /// One index of the indexes of parts of a library (each article's, as the library caches
    /// them): their entities joined across them by shared names, as [`EntityIndex::build`]
    /// joins articles. Mentions keep their place but not their text (the finder needs only
    /// where and how many).
    pub fn join(parts: impl IntoIterator<Item = EntityIndex>) -> EntityIndex {
        let mut index = EntityIndex::default();
        let mut locals = Vec::new();
        for part in parts {
            let offset = index.articles.len();
            index.articles.extend(part.articles);
            locals.extend(part.entities.into_iter().map(|e| {
                Local {
                    kind: e.kind,
                    ko: e.names.ko,
                    en: e.names.en,
                    hanja: e.hanja,
                    mentions: (e.mentions.into_iter())
                        .map(|m| Mention {
                            article: offset + m.article,
                            text: String::new(),
                            ..m
                        })
                        .collect(),
                }
            }));
        }
        index.entities = merge(locals);
        index
    }

    /// The entity with this id.
    pub fn entity(&self, id: usize) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// The mentions in one block, with their entity ids, by start.
    pub fn mentions_in(&self, article: usize, lang: Side, block: usize) -> Vec<(usize, &Mention)> {
        let mut out: Vec<(usize, &Mention)> = self
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (e.id, m)))
            .filter(|(_, m)| m.article == article && m.lang == lang && m.block == block)
            .collect();
        out.sort_by_key(|(_, m)| m.start);
        out
    }

    /// The articles that mention an entity, in index order, each once.
    pub fn articles_of(&self, id: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .entity(id)
            .map(|e| e.mentions.iter().map(|m| m.article).collect())
            .unwrap_or_default();
        out.dedup();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Entities whose names match a query, best first, with a score 0..1: an exact or prefix
    /// match of a Korean or English name, or a Latin query that sounds like a Hangul name
    /// (`lavrov` finds `러브로프`).
    pub fn search(&self, query: &str) -> Vec<(usize, f32)> {
        let q = query.trim();
        if q.is_empty() {
            return Vec::new();
        }
        let ql = en_key(q);
        let latin = q.chars().any(|c| c.is_ascii_alphabetic());
        let qs = latin_sounds(q);
        let mut out = Vec::new();
        for e in &self.entities {
            let mut best = 0f32;
            for n in e.names.ko.iter().chain(&e.names.en) {
                let nl = en_key(n);
                let s = if nl == ql {
                    1.0
                } else if nl.starts_with(&ql) || nl.split(' ').any(|w| w == ql) {
                    0.9
                } else if nl.contains(&ql) {
                    0.7
                } else {
                    0.0
                };
                best = best.max(s);
            }
            if latin && best < 0.7 && qs.len() >= 3 {
                for n in &e.names.ko {
                    let s = sound_similarity(&hangul_sounds(n), &qs);
                    if s >= 0.7 {
                        best = best.max(s * 0.8);
                    }
                }
            }
            if best > 0.0 {
                out.push((e.id, best));
            }
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// Find the mentions of one article and join them into its entities.
fn article_entities(article: usize, bitext: &Bitext) -> Vec<Local> {
    let mut pair_of: HashMap<(Side, usize), usize> = HashMap::new();
    for (p, pair) in bitext.pairs.iter().enumerate() {
        for b in &pair.ko_blocks {
            pair_of.insert((Side::Ko, *b), p);
        }
        for b in &pair.en_blocks {
            pair_of.insert((Side::En, *b), p);
        }
    }
    // Every block's spans first: a headline's are kept only with evidence from the rest.
    let mut read = Vec::new();
    for (side, blocks) in [(Side::Ko, &bitext.ko_blocks), (Side::En, &bitext.en_blocks)] {
        for (b, block) in blocks.iter().enumerate() {
            let chars: Vec<char> = block.text.chars().collect();
            let headline = side == Side::En && super::english::is_headline(&chars);
            let spans = find(&block.text);
            read.push((side, b, chars, headline, spans));
        }
    }
    let running: HashSet<String> = read
        .iter()
        .filter(|(side, _, _, headline, _)| *side == Side::En && !headline)
        .flat_map(|(_, _, _, _, spans)| spans)
        .flat_map(|s| words_of(&s.text, 0).map(|(_, _, w)| en_key(w)))
        .collect();
    // The Korean side names the same things: a headline name that sounds like one of its names
    // is a name (`Yoon Seok-yeol`, 윤석열).
    let mut ko_texts: Vec<&str> = read
        .iter()
        .filter(|(side, ..)| *side == Side::Ko)
        .flat_map(|(_, _, _, _, spans)| spans.iter().map(|s| s.text.as_str()))
        .collect();
    ko_texts.sort_unstable();
    ko_texts.dedup();
    let ko_names: Vec<KoName> = ko_texts.iter().map(|t| KoName::new(t)).collect();
    let evidence = Evidence {
        running,
        ko: ko_names,
    };
    let mut found = Vec::new();
    for (side, b, chars, headline, spans) in &read {
        let (side, b, headline) = (*side, *b, *headline);
        let first = found.len();
        let kept = spans.iter().cloned().filter_map(|s| {
            if headline {
                evidenced(chars, s, &evidence)
            } else {
                Some(s)
            }
        });
        for s in kept.flat_map(|s| split_places(chars, s)) {
            // Inside a parenthesis that opens right after the previous mention.
            let follows = (found.len() > first).then(|| found.len() - 1).filter(|&p| {
                let prev: &Found = &found[p];
                let open = prev.mention.end;
                chars.get(open) == Some(&'(')
                    && s.start > open
                    && !chars[open..s.start].contains(&')')
                    && s.end - open <= 24
            });
            found.push(Found {
                follows,
                hanja: hanja_after(chars, s.end),
                mention: Mention {
                    article,
                    lang: side,
                    block: b,
                    start: s.start,
                    end: s.end,
                    text: s.text,
                },
                kind: s.kind,
                pair: pair_of.get(&(side, b)).copied(),
            });
        }
    }
    join_article(found)
}

/// A run of place names (`러시아 블라디보스토크`, `북한 평양`) is one span to a sentence
/// tagger but two places to the index: split where every word is a listed place. Places joined
/// by a hyphen (`US-China`, `China-U.S.`, `North Korea-Japan`) are split too, whatever kind the
/// tagger gave the whole.
fn split_places(chars: &[char], s: Span) -> Vec<Span> {
    let sep = if s.text.contains('-') {
        '-'
    } else if s.kind == EntityKind::Place && s.text.contains(' ') {
        ' '
    } else {
        return vec![s];
    };
    let g = gazetteer::shipped();
    let mut parts = Vec::new();
    let mut k = s.start;
    for w in s.text.split(sep) {
        let n = w.chars().count();
        if !w.is_empty() {
            parts.push((k, k + n, w));
        }
        k += n + 1;
    }
    let place = |w: &str| {
        g.ko_kind(w) == Some(EntityKind::Place) || g.en_kind(w) == Some(EntityKind::Place)
    };
    if parts.len() >= 2 && parts.iter().all(|(_, _, w)| place(w)) {
        parts
            .into_iter()
            .map(|(a, b, _)| Span {
                start: a,
                end: b,
                kind: EntityKind::Place,
                text: chars[a..b].iter().collect(),
            })
            .collect()
    } else {
        vec![s]
    }
}

/// The words of a name with their character ranges (offset by `start`), split at spaces and
/// hyphens (`US-China` is two words).
fn words_of(text: &str, start: usize) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut k = start;
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(move |w| {
            let n = w.chars().count();
            let item = (k, k + n, w);
            // Each separator is one character.
            k += n + 1;
            item
        })
        .filter(|(_, _, w)| w.chars().any(char::is_alphanumeric))
}

/// What an article says of its names outside its English headlines.
struct Evidence<'a> {
    /// Keys of the words of names in the English running text.
    running: HashSet<String>,
    /// The names its Korean text names.
    ko: Vec<KoName<'a>>,
}

/// A span of a title-case headline, where capitals are the style and no evidence of a name:
/// kept whole when it sounds like a name of the Korean text, else from its first to its last
/// word that is a name elsewhere (in the English running text or the gazetteer), dropped when
/// none is (`Summit Japan` → `Japan`; `Disarmament Approach`, `Sanctions` go).
fn evidenced(chars: &[char], s: Span, evidence: &Evidence) -> Option<Span> {
    let g = gazetteer::shipped();
    if g.en(&s.text).next().is_some() {
        return Some(s);
    }
    let en = EnName::new(&s.text);
    if evidence
        .ko
        .iter()
        .any(|k| prepared_score(k, None, &en, false) >= 0.8)
    {
        return Some(s);
    }
    let known: Vec<(usize, usize)> = words_of(&s.text, s.start)
        .filter(|(_, _, w)| evidence.running.contains(&en_key(w)) || g.en(w).next().is_some())
        .map(|(a, b, _)| (a, b))
        .collect();
    let (start, end) = (known.first()?.0, known.last()?.1);
    let text: String = chars[start..end].iter().collect();
    let kind = g.en_kind(&text).unwrap_or(s.kind);
    Some(Span {
        start,
        end,
        kind,
        text,
    })
}

/// The name key of a mention: Korean as written (spaces folded), English by [`en_key`].
fn key(f: &Found) -> String {
    match f.mention.lang {
        Side::Ko => f
            .mention
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        Side::En => en_key(&f.mention.text),
    }
}

fn join_article(found: Vec<Found>) -> Vec<Local> {
    let n = found.len();
    let mut sets = Sets::new(n);
    let keys: Vec<String> = found.iter().map(key).collect();
    // Same side, same name.
    let mut first: HashMap<(Side, &str), usize> = HashMap::new();
    for i in 0..n {
        match first.get(&(found[i].mention.lang, keys[i].as_str())) {
            Some(&j) => sets.join(i, j),
            None => {
                first.insert((found[i].mention.lang, keys[i].as_str()), i);
            }
        }
    }
    // One side, one listed thing under several names (`미` and `미국`, `U.S.` and `United
    // States`): the list's English name is what they name.
    let g = gazetteer::shipped();
    let mut listed: HashMap<(Side, EntityKind, String), usize> = HashMap::new();
    for i in 0..n {
        let side = found[i].mention.lang;
        let entry = match side {
            Side::Ko => g.ko(&keys[i]).next(),
            Side::En => g.en(&found[i].mention.text).next(),
        };
        if let Some(e) = entry {
            match listed.entry((side, e.kind, en_key(&e.en))) {
                std::collections::hash_map::Entry::Occupied(j) => sets.join(i, *j.get()),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
    }
    // `동방경제포럼(EEF)`, `신전략무기감축협정(New START)`: the parenthesis names the same thing.
    for i in 0..n {
        let t = &found[i].mention.text;
        let hanja = t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if let Some(p) = found[i].follows
            && (hanja
                || found[p].kind != EntityKind::Person && t.chars().any(|c| c.is_ascii_uppercase()))
        {
            sets.join(i, p);
        }
    }
    // In mention order: which full name a short form joins must not depend on hash order.
    let mut reps: Vec<usize> = first.values().copied().collect();
    reps.sort_unstable();
    // Short forms and spelling variants on each side.
    for &i in &reps {
        let (fi, ki) = (&found[i], &keys[i]);
        let mut full = None;
        let mut count = 0;
        for &j in &reps {
            let (fj, kj) = (&found[j], &keys[j]);
            if i == j || fi.mention.lang != fj.mention.lang {
                continue;
            }
            let short = match fi.mention.lang {
                Side::Ko => {
                    fj.kind == EntityKind::Person
                        && fi.kind == EntityKind::Person
                        && ko_short_of(ki, kj)
                }
                Side::En => {
                    fi.kind == EntityKind::Person
                        && fj.kind == EntityKind::Person
                        && en_short_of(ki, kj)
                }
            };
            if short {
                full = Some(j);
                count += 1;
            }
            if fi.mention.lang == Side::Ko && fi.kind == fj.kind && ko_variants(ki, kj) {
                sets.join(i, j);
            }
        }
        // A surname alone joins only when one full name in the article has it.
        if let Some(j) = full
            && (count == 1 || ki.chars().count() > 1)
        {
            sets.join(i, j);
        }
    }
    // Korean ⟷ English: name evidence, helped by sitting in the same aligned pair.
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(sets.root(i)).or_default().push(i);
    }
    let mut group_list: Vec<Vec<usize>> = groups.into_values().collect();
    group_list.sort_by_key(|g| g[0]);
    let side_of = |g: &Vec<usize>| found[g[0]].mention.lang;
    let ko_groups: Vec<usize> = (0..group_list.len())
        .filter(|g| side_of(&group_list[*g]) == Side::Ko)
        .collect();
    let en_groups: Vec<usize> = (0..group_list.len())
        .filter(|g| side_of(&group_list[*g]) == Side::En)
        .collect();
    let pairs_of = |g: &Vec<usize>| -> Vec<usize> {
        let mut p: Vec<usize> = g.iter().filter_map(|i| found[*i].pair).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let texts: Vec<String> = found.iter().map(|f| f.mention.text.clone()).collect();
    // Each English group once: its pairs, names, kind.
    let en_info: Vec<(Vec<usize>, Vec<String>, EntityKind)> = en_groups
        .iter()
        .map(|&eg| {
            (
                pairs_of(&group_list[eg]),
                distinct(&group_list[eg], &texts),
                majority_kind(&found, &group_list[eg]),
            )
        })
        .collect();
    let en_prepared: Vec<Vec<EnName>> = en_info
        .iter()
        .map(|(_, names, _)| names.iter().map(|n| EnName::new(n)).collect())
        .collect();
    let mut candidates = Vec::new();
    for &kg in &ko_groups {
        let kp = pairs_of(&group_list[kg]);
        let hanja = group_list[kg].iter().find_map(|i| found[*i].hanja.clone());
        let kind_k = majority_kind(&found, &group_list[kg]);
        let ko_names = distinct(&group_list[kg], &keys);
        let ko_prepared: Vec<KoName> = ko_names.iter().map(|n| KoName::new(n)).collect();
        for ((&eg, (ep, _, kind_e)), en_names) in en_groups.iter().zip(&en_info).zip(&en_prepared) {
            let kind_e = *kind_e;
            let shared = kp.iter().filter(|p| ep.contains(p)).count();
            let aligned = if kp.is_empty() || ep.is_empty() {
                0.0
            } else {
                shared as f32 / kp.len().min(ep.len()) as f32
            };
            let translate = kind_k == EntityKind::Org || kind_e == EntityKind::Org;
            let mut s = 0f32;
            for k in &ko_prepared {
                for e in en_names {
                    s = s.max(prepared_score(k, hanja.as_deref(), e, translate));
                }
            }
            // Sure evidence (list, hanja, acronym) first, then sound with alignment.
            let sure = if s >= 0.99 { 1.0 } else { 0.0 };
            let score = sure + s + 0.35 * aligned + if kind_k == kind_e { 0.05 } else { 0.0 };
            let accept = s >= 0.95 || (s >= 0.55 && aligned > 0.0) || (s >= 0.8);
            if accept {
                candidates.push((score, kg, eg));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut ko_used = vec![false; group_list.len()];
    let mut en_used = vec![false; group_list.len()];
    let mut partner: Vec<Option<usize>> = vec![None; group_list.len()];
    for (_, kg, eg) in candidates {
        if ko_used[kg] || en_used[eg] {
            continue;
        }
        ko_used[kg] = true;
        en_used[eg] = true;
        partner[kg] = Some(eg);
    }
    // Alignment alone: in a pair, the one Korean and the one English entity of a kind left
    // unlinked (`신전략무기감축협정` ⟷ `New START`).
    let mut by_pair: HashMap<(usize, EntityKind), (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (g, members) in group_list.iter().enumerate() {
        if ko_used[g] || en_used[g] {
            continue;
        }
        let kind = majority_kind(&found, members);
        for p in pairs_of(members) {
            let e = by_pair.entry((p, kind)).or_default();
            if side_of(members) == Side::Ko {
                e.0.push(g);
            } else {
                e.1.push(g);
            }
        }
    }
    let small = |g: usize| group_list[g].len() <= 2;
    let mut solo: Vec<(usize, usize)> = by_pair
        .iter()
        .filter(|((_, kind), (k, e))| {
            *kind == EntityKind::Org && k.len() == 1 && e.len() == 1 && small(k[0]) && small(e[0])
        })
        .map(|(_, v)| v)
        .map(|(k, e)| (k[0], e[0]))
        .collect();
    solo.sort_unstable();
    for (kg, eg) in solo {
        if !ko_used[kg] && !en_used[eg] {
            ko_used[kg] = true;
            en_used[eg] = true;
            partner[kg] = Some(eg);
        }
    }
    let mut out = Vec::new();
    let mut taken = vec![false; group_list.len()];
    for g in 0..group_list.len() {
        if taken[g] || en_used[g] && partner[g].is_none() && side_of(&group_list[g]) == Side::En {
            continue;
        }
        taken[g] = true;
        let mut members = group_list[g].clone();
        if let Some(eg) = partner[g] {
            taken[eg] = true;
            members.extend(group_list[eg].iter().copied());
        }
        out.push(local(&found, &members));
    }
    out
}

fn majority_kind(found: &[Found], members: &[usize]) -> EntityKind {
    let g = gazetteer::shipped();
    for i in members {
        let t = &found[*i].mention.text;
        if let Some(k) = g.ko_kind(t).or_else(|| g.en_kind(t)) {
            return k;
        }
    }
    let mut counts = [0usize; 3];
    for i in members {
        counts[EntityKind::ALL
            .iter()
            .position(|k| *k == found[*i].kind)
            .unwrap_or(0)] += 1;
    }
    // The longest mention's kind breaks ties (a full name over a surname alone).
    let max = counts.iter().copied().max().unwrap_or(0);
    let longest = members
        .iter()
        .max_by_key(|i| found[**i].mention.text.chars().count())
        .map(|i| found[*i].kind);
    match longest {
        Some(k) if counts[EntityKind::ALL.iter().position(|x| *x == k).unwrap_or(0)] == max => k,
        _ => EntityKind::ALL[counts.iter().position(|c| *c == max).unwrap_or(0)],
    }
}

fn distinct(members: &[usize], names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in members {
        if !out.contains(&names[*i]) {
            out.push(names[*i].clone());
        }
    }
    out
}

/// Names most frequent first (longer first on ties).
fn ranked(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for n in names {
        match counts.iter_mut().find(|(x, _)| *x == n) {
            Some((_, c)) => *c += 1,
            None => counts.push((n, 1)),
        }
    }
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.0.chars().count().cmp(&a.0.chars().count()))
    });
    counts.into_iter().map(|(n, _)| n).collect()
}

fn local(found: &[Found], members: &[usize]) -> Local {
    let mut mentions: Vec<Mention> = members.iter().map(|i| found[*i].mention.clone()).collect();
    mentions.sort_by_key(|m| (m.article, m.lang, m.block, m.start));
    let names_of = |side: Side| {
        ranked(
            mentions
                .iter()
                .filter(|m| m.lang == side)
                .map(|m| m.text.split_whitespace().collect::<Vec<_>>().join(" ")),
        )
    };
    Local {
        kind: majority_kind(found, members),
        ko: names_of(Side::Ko),
        en: names_of(Side::En),
        hanja: members.iter().find_map(|i| found[*i].hanja.clone()),
        mentions,
    }
}

/// Join the articles' entities that share a name and kind; number them by first mention.
fn merge(locals: Vec<Local>) -> Vec<Entity> {
    let n = locals.len();
    let mut sets = Sets::new(n);
    let mut seen: HashMap<(EntityKind, String), usize> = HashMap::new();
    for (i, l) in locals.iter().enumerate() {
        let keys =
            l.ko.iter()
                .filter(|k| k.chars().count() >= 2)
                .map(|k| format!("ko:{k}"))
                .chain(l.en.iter().map(|e| format!("en:{}", en_key(e))));
        for k in keys {
            match seen.get(&(l.kind, k.clone())) {
                Some(&j) => sets.join(i, j),
                None => {
                    seen.insert((l.kind, k), i);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(sets.root(i)).or_default().push(i);
    }
    let mut list: Vec<Vec<usize>> = groups.into_values().collect();
    list.sort_by_key(|g| g[0]);
    let mut out = Vec::with_capacity(list.len());
    for g in list {
        let mut mentions: Vec<Mention> =
            g.iter().flat_map(|i| locals[*i].mentions.clone()).collect();
        mentions.sort_by_key(|m| (m.article, m.lang, m.block, m.start));
        let names = Names {
            ko: ranked(g.iter().flat_map(|i| locals[*i].ko.clone())),
            en: ranked(g.iter().flat_map(|i| locals[*i].en.clone())),
        };
        out.push(Entity {
            id: out.len(),
            kind: locals[g[0]].kind,
            names,
            hanja: g.iter().find_map(|i| locals[*i].hanja.clone()),
            mentions,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::align_sentences;

    #[test]
    fn a_short_form_of_two_full_names_joins_the_same_one_every_time() {
        // `Sullivan` could be either full name; each build hashes with new keys.
        let ko = vec![
            "제이크 설리번 보좌관이 월요일 톰 설리번 의원을 만났다.".to_string(),
            "설리번은 회담이 잘 됐다고 말했다.".to_string(),
        ];
        let en = vec![
            "Adviser Jake Sullivan met Senator Tom Sullivan on Monday.".to_string(),
            "Sullivan said the talks went well.".to_string(),
        ];
        let bitext = align_sentences(&ko, &en);
        let first = EntityIndex::build([("a", &bitext)]);
        let names = |i: &EntityIndex| {
            (i.entities.iter())
                .map(|e| (e.names.clone(), e.mentions.len()))
                .collect::<Vec<_>>()
        };
        let joined =
            |e: &Entity| e.names.en.iter().any(|n| n == "Sullivan") && e.mentions.len() > 2;
        assert!(first.entities.iter().any(joined), "{:?}", names(&first));
        for _ in 0..24 {
            assert_eq!(EntityIndex::build([("a", &bitext)]), first);
        }
    }

    #[test]
    fn links_across_languages_and_short_forms() {
        let ko = vec![
            "미 백악관 제이크 설리번 보좌관이 장유샤(張又俠) 부주석과 만났다.".to_string(),
            "설리번 보좌관은 장 부주석에게 말했다.".to_string(),
        ];
        let en = vec![
            "White House adviser Jake Sullivan met Vice Chairman Zhang Youxia.".to_string(),
            "Sullivan told Zhang.".to_string(),
        ];
        let bitext = align_sentences(&ko, &en);
        let index = EntityIndex::build([("a", &bitext)]);
        let sullivan = index
            .entities
            .iter()
            .find(|e| e.names.ko.iter().any(|n| n.contains("설리번")))
            .expect("설리번 found");
        assert!(
            sullivan.names.en.iter().any(|n| n.contains("Sullivan")),
            "{sullivan:?}"
        );
        assert!(sullivan.mentions.len() >= 4, "{sullivan:?}");
        let zhang = index
            .entities
            .iter()
            .find(|e| e.names.ko.iter().any(|n| n == "장유샤"))
            .expect("장유샤 found");
        assert_eq!(zhang.hanja.as_deref(), Some("張又俠"));
        assert!(
            zhang.names.en.iter().any(|n| n.contains("Zhang Youxia")),
            "{zhang:?}"
        );
        assert_eq!(
            index.search("sullivan").first().map(|x| x.0),
            Some(sullivan.id)
        );
    }
}
