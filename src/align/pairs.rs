//! From sentence beads to what the reader shows: pairs of whole paragraphs, unpaired material,
//! and one reading order.
//!
//! Consecutive beads join one pair while they share a paragraph on either side, so a pair cuts
//! no paragraph. One exception makes the run-together layout readable: a paragraph that holds
//! the translation of three or more paragraphs of the other side and at least a third of its
//! side's sentences, on a side with at most half as many paragraphs (a whole translation printed
//! as one block), may be cut at sentence bounds.
//! One-sided sentences inside a pair's paragraphs stay in the pair; elsewhere they come out
//! unpaired, never glued to a neighbour.

use std::collections::BTreeSet;

use crate::model::{Bead, Bitext, Block, BlockKind, Lang, Pair, Segment, Sentence, Unpaired};

/// One side's blocks, their places in the document, and its sentences.
#[derive(Debug, Clone, Default)]
pub struct Side {
    pub blocks: Vec<Block>,
    /// Position of each block in the whole document (both languages counted).
    pub pos: Vec<usize>,
    pub sentences: Vec<Sentence>,
}

impl Side {
    /// The sentence indices of each block.
    pub fn block_sentences(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.blocks.len()];
        for (i, s) in self.sentences.iter().enumerate() {
            if let Some(v) = out.get_mut(s.block) {
                v.push(i);
            }
        }
        out
    }
}

#[derive(Default)]
struct Group {
    beads: Vec<usize>,
    ko: BTreeSet<usize>,
    en: BTreeSet<usize>,
}

/// Build the bitext from both sides and the beads (sentence indices, document order).
/// `ko_first` says which side leads the reading order.
pub fn assemble(ko: Side, en: Side, beads: Vec<Bead>, ko_first: bool) -> Bitext {
    let ko_by_block = ko.block_sentences();
    let en_by_block = en.block_sentences();
    let ko_cut = cuttable(&ko, &ko_by_block, &en, &beads, true);
    let en_cut = cuttable(&en, &en_by_block, &ko, &beads, false);

    // Group beads.
    let mut groups: Vec<Group> = Vec::new();
    let mut ko_group = vec![None; ko.sentences.len()];
    let mut en_group = vec![None; en.sentences.len()];
    for (bi, bead) in beads.iter().enumerate() {
        if bead.0.is_empty() || bead.1.is_empty() {
            continue;
        }
        let joins = groups.last().is_some_and(|g| {
            let shares = |sents: &[usize], side: &Side, cut: &[bool], mine: &BTreeSet<usize>| {
                // Beads run in document order: a shared block can only be the group's last.
                let last = mine.last().map(|&t| side.sentences[t].block);
                sents.iter().any(|&s| {
                    let b = side.sentences[s].block;
                    !cut[b] && last == Some(b)
                })
            };
            shares(&bead.0, &ko, &ko_cut, &g.ko) || shares(&bead.1, &en, &en_cut, &g.en)
        });
        if !joins {
            groups.push(Group::default());
        }
        let gi = groups.len() - 1;
        let g = &mut groups[gi];
        g.beads.push(bi);
        for &s in &bead.0 {
            g.ko.insert(s);
            ko_group[s] = Some(gi);
        }
        for &s in &bead.1 {
            g.en.insert(s);
            en_group[s] = Some(gi);
        }
    }
    // One-sided sentences in a grouped, uncut block belong to that group.
    absorb(&ko_by_block, &ko_cut, &mut ko_group, &mut groups, true);
    absorb(&en_by_block, &en_cut, &mut en_group, &mut groups, false);
    for (bi, bead) in beads.iter().enumerate() {
        if bead.0.is_empty() != bead.1.is_empty() {
            let owner = bead
                .0
                .iter()
                .map(|&s| ko_group[s])
                .chain(bead.1.iter().map(|&s| en_group[s]))
                .flatten()
                .next();
            if let Some(gi) = owner {
                groups[gi].beads.push(bi);
            }
        }
    }

    let mut bitext = Bitext {
        beads,
        ..Bitext::default()
    };
    // Segments with their place in the reading order.
    let mut keyed: Vec<((usize, usize, usize), Segment)> = Vec::new();
    let mut pair_keys: Vec<usize> = Vec::with_capacity(groups.len());
    let lead_pos = |g: &Group| -> Option<usize> {
        let (side, set) = if ko_first { (&ko, &g.ko) } else { (&en, &g.en) };
        set.iter().map(|&s| side.pos[side.sentences[s].block]).min()
    };
    for (gi, g) in groups.iter_mut().enumerate() {
        g.beads.sort_unstable();
        let ko_blocks: Vec<usize> = blocks_of(&ko, &g.ko);
        let en_blocks: Vec<usize> = blocks_of(&en, &g.en);
        let kind = pair_kind(&ko, &ko_blocks, &en, &en_blocks);
        let key = lead_pos(g).unwrap_or(0);
        pair_keys.push(key);
        keyed.push(((key, 1, gi), Segment::Pair(gi)));
        bitext.pairs.push(Pair {
            kind,
            ko: side_text(&ko, &ko_by_block, &ko_blocks, &g.ko),
            en: side_text(&en, &en_by_block, &en_blocks, &g.en),
            beads: g.beads.clone(),
            ko_blocks,
            en_blocks,
        });
    }
    // Unpaired runs: consecutive ungrouped sentences of one block.
    let mut unpaired = Vec::new();
    collect_unpaired(&ko, &ko_by_block, &ko_group, Lang::Ko, &mut unpaired);
    collect_unpaired(&en, &en_by_block, &en_group, Lang::En, &mut unpaired);
    for (u, first_sentence) in unpaired {
        let (side, group_of, leads) = if u.lang != Lang::En {
            (&ko, &ko_group, ko_first)
        } else {
            (&en, &en_group, !ko_first)
        };
        let key = if leads {
            (side.pos[u.block], 0, first_sentence)
        } else {
            // After the pair that holds the nearest earlier sentence of its own side.
            let prev = (0..first_sentence).rev().find_map(|s| group_of[s]);
            match prev {
                Some(gi) => (pair_keys.get(gi).copied().unwrap_or(0), 2, first_sentence),
                None => (0, 0, first_sentence),
            }
        };
        keyed.push((key, Segment::Unpaired(bitext.unpaired.len())));
        bitext.unpaired.push(u);
    }
    keyed.sort_by_key(|(k, _)| *k);
    bitext.order = keyed.into_iter().map(|(_, s)| s).collect();
    bitext.ko_sentences = ko.sentences;
    bitext.en_sentences = en.sentences;
    bitext.ko_blocks = ko.blocks;
    bitext.en_blocks = en.blocks;
    bitext
}

/// Which blocks of `side` may be cut at sentence bounds (a whole translation run together).
/// `by_block` is `side.block_sentences()`.
fn cuttable(
    side: &Side,
    by_block: &[Vec<usize>],
    other: &Side,
    beads: &[Bead],
    is_ko: bool,
) -> Vec<bool> {
    let mut touched: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); side.blocks.len()];
    for bead in beads {
        let (mine, theirs) = if is_ko {
            (&bead.0, &bead.1)
        } else {
            (&bead.1, &bead.0)
        };
        for &s in mine {
            for &t in theirs {
                touched[side.sentences[s].block].insert(other.sentences[t].block);
            }
        }
    }
    let few = side.blocks.len() * 2 <= other.blocks.len();
    let total = side.sentences.len();
    touched
        .iter()
        .zip(by_block)
        .map(|(t, sents)| few && t.len() >= 3 && sents.len() * 3 >= total)
        .collect()
}

/// `by_block` is the side's `block_sentences()`.
fn absorb(
    by_block: &[Vec<usize>],
    cut: &[bool],
    group_of: &mut [Option<usize>],
    groups: &mut [Group],
    is_ko: bool,
) {
    for (b, sents) in by_block.iter().enumerate() {
        if cut[b] {
            continue;
        }
        let Some(gi) = sents.iter().find_map(|&s| group_of[s]) else {
            continue;
        };
        for &s in sents {
            if group_of[s].is_none() {
                group_of[s] = Some(gi);
                if is_ko {
                    groups[gi].ko.insert(s);
                } else {
                    groups[gi].en.insert(s);
                }
            }
        }
    }
}

fn blocks_of(side: &Side, sents: &BTreeSet<usize>) -> Vec<usize> {
    let set: BTreeSet<usize> = sents.iter().map(|&s| side.sentences[s].block).collect();
    set.into_iter().collect()
}

/// A side's text of a pair: whole blocks where the pair holds all their sentences, else the
/// sentences it holds; blocks separated by a blank line. `blocks` is `blocks_of(side, sents)`.
fn side_text(
    side: &Side,
    by_block: &[Vec<usize>],
    blocks: &[usize],
    sents: &BTreeSet<usize>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    for &b in blocks {
        let all = &by_block[b];
        if all.iter().all(|s| sents.contains(s)) {
            parts.push(side.blocks[b].text.clone());
        } else {
            let text: Vec<&str> = all
                .iter()
                .filter(|s| sents.contains(s))
                .map(|&s| side.sentences[s].text.as_str())
                .collect();
            parts.push(text.join(" "));
        }
    }
    parts.join("\n\n")
}

fn pair_kind(ko: &Side, kb: &[usize], en: &Side, eb: &[usize]) -> BlockKind {
    let kinds: Vec<BlockKind> = kb
        .iter()
        .map(|&b| ko.blocks[b].kind)
        .chain(eb.iter().map(|&b| en.blocks[b].kind))
        .collect();
    for k in [BlockKind::Title, BlockKind::Reference, BlockKind::Heading] {
        if kinds.contains(&k) {
            return k;
        }
    }
    kinds.first().copied().unwrap_or(BlockKind::Paragraph)
}

/// Runs of ungrouped sentences within one block, with the index of each run's first sentence.
fn collect_unpaired(
    side: &Side,
    by_block: &[Vec<usize>],
    group_of: &[Option<usize>],
    lang: Lang,
    out: &mut Vec<(Unpaired, usize)>,
) {
    let mut s = 0;
    while s < side.sentences.len() {
        if group_of[s].is_some() {
            s += 1;
            continue;
        }
        let block = side.sentences[s].block;
        let mut e = s;
        while e + 1 < side.sentences.len()
            && group_of[e + 1].is_none()
            && side.sentences[e + 1].block == block
        {
            e += 1;
        }
        let whole = by_block[block].iter().all(|t| (s..=e).contains(t));
        let text = if whole {
            side.blocks[block].text.clone()
        } else {
            (s..=e)
                .map(|t| side.sentences[t].text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        out.push((
            Unpaired {
                lang,
                kind: side.blocks[block].kind,
                text,
                block,
            },
            s,
        ));
        s = e + 1;
    }
    // Blocks without sentences (text in another language) stand alone where they are.
    let mut before = 0;
    for (b, sents) in by_block.iter().enumerate() {
        if sents.is_empty() {
            let block = &side.blocks[b];
            out.push((
                Unpaired {
                    lang: block.lang,
                    kind: block.kind,
                    text: block.text.clone(),
                    block: b,
                },
                before,
            ));
        }
        before += sents.len();
    }
}
