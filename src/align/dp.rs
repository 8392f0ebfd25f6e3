//! Dynamic programming over sentence beads, banded around the diagonal.
//!
//! Cell (i, j) holds the cheapest way to align the first `i` Korean and `j` English sentences.
//! Only cells within `width` of the diagonal are filled, so time and memory grow with
//! `n · width`; if the best path runs along the band's edge, the band doubles and the DP runs
//! again (as Vecalign does), until the path stays inside or the band covers everything.

use super::anchors::Features;
use super::cost::{Params, Scorer};

/// The bead shapes the DP considers: (Korean sentences, English sentences).
pub const SHAPES: &[(usize, usize)] = &[
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// The most cells one DP fills: the band is never wider than this allows (for 10,000 Korean
/// sentences, 200 either side of the diagonal; documents of up to 1,400 sentences are never
/// limited). About 40 MB at its largest.
pub const MAX_DP_CELLS: usize = 4_000_000;

/// Beads as (Korean range start, count, English range start, count), in document order.
pub type Path = Vec<(usize, usize, usize, usize)>;

/// Align two sentence lists; returns the bead path.
pub fn align(ko: &[Features], en: &[Features], params: Params) -> Path {
    align_within(ko, en, params, MAX_DP_CELLS)
}

/// The only path when one side has no sentences (`n` Korean, `m` English): each sentence a
/// bead of its own.
pub fn one_sided(n: usize, m: usize) -> Path {
    let mut path = Vec::with_capacity(n + m);
    path.extend((0..n).map(|i| (i, 1, 0, 0)));
    path.extend((0..m).map(|j| (n, 0, j, 1)));
    path
}

/// [`align`] with the band held within `max_cells` cells.
fn align_within(ko: &[Features], en: &[Features], params: Params, max_cells: usize) -> Path {
    let (n, m) = (ko.len(), en.len());
    if n == 0 || m == 0 {
        return one_sided(n, m);
    }
    let full = n.max(m);
    let mut width = if full <= 200 { full } else { 48 };
    // The band stops doubling at the cell budget: two documents that never line up (10,000
    // sentences against 10,000 of wildly other lengths) would otherwise fill n·m cells.
    let max_width = max_width(n, width, full, max_cells);
    loop {
        let band = Band::new(ko, en, width);
        let scorer = Scorer::new(ko, en, params, |i| band.range(i));
        let (path, touched_edge) = run(&band, &scorer);
        if !touched_edge || width >= max_width {
            return path;
        }
        width = (width * 2).min(max_width);
    }
}

/// The widest band for `n` Korean sentences: within the cell budget, never narrower than the
/// first band tried nor wider than the whole matrix.
fn max_width(n: usize, first: usize, full: usize, max_cells: usize) -> usize {
    (max_cells / (2 * (n + 1))).clamp(first, full)
}

/// For each Korean index `i` (0..=n), the English cells `lo[i]..=hi[i]` that are filled.
struct Band {
    n: usize,
    m: usize,
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    /// The band follows the diagonal in characters, not in sentence counts: cell (i, j) is on
    /// it when the first `i` Korean sentences are as long, relative to the whole, as the first
    /// `j` English ones.
    fn new(ko: &[Features], en: &[Features], width: usize) -> Band {
        let (n, m) = (ko.len(), en.len());
        let total_ko: f64 = ko.iter().map(|f| f.chars.max(1.0)).sum();
        let total_en: f64 = en.iter().map(|f| f.chars.max(1.0)).sum();
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        let mut offset = Vec::with_capacity(n + 2);
        offset.push(0);
        let (mut cum_ko, mut cum_en, mut j) = (0.0, 0.0, 0usize);
        for i in 0..=n {
            if i > 0 {
                cum_ko += ko[i - 1].chars.max(1.0);
            }
            let target = cum_ko / total_ko * total_en;
            while j < m && cum_en + en[j].chars.max(1.0) / 2.0 < target {
                cum_en += en[j].chars.max(1.0);
                j += 1;
            }
            let centre = if i == n { m } else { j };
            let l = centre.saturating_sub(width);
            let h = (centre + width).min(m);
            lo.push(l);
            hi.push(h);
            let last = offset.last().copied().unwrap_or(0);
            offset.push(last + (h - l + 1));
        }
        Band {
            n,
            m,
            lo,
            hi,
            offset,
        }
    }

    fn range(&self, i: usize) -> (usize, usize) {
        let i = i.min(self.n);
        (self.lo[i], self.hi[i])
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        if i > self.n || j < self.lo[i] || j > self.hi[i] {
            return None;
        }
        Some(self.offset[i] + (j - self.lo[i]))
    }

    fn cells(&self) -> usize {
        self.offset[self.n + 1]
    }

    /// Is (i, j) at an edge of the band that is not an edge of the whole matrix? Never when the
    /// band covers everything (`width >= max(n, m)` gives `lo = 0`, `hi = m` on every row).
    fn at_edge(&self, i: usize, j: usize) -> bool {
        let near = |x: usize, y: usize| x.abs_diff(y) <= 2;
        (self.lo[i] > 0 && near(j, self.lo[i])) || (self.hi[i] < self.m && near(j, self.hi[i]))
    }
}

fn run(band: &Band, scorer: &Scorer) -> (Path, bool) {
    let cells = band.cells();
    let mut cost = vec![f64::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    if let Some(start) = band.index(0, 0) {
        cost[start] = 0.0;
    }
    for i in 0..=band.n {
        for j in band.lo[i]..=band.hi[i] {
            // Inside the band, so `band.index(i, j)` is this.
            let here = band.offset[i] + (j - band.lo[i]);
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut arg = u8::MAX;
            for (s, &(a, b)) in SHAPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(prev) = band.index(i - a, j - b) else {
                    continue;
                };
                let c = cost[prev];
                if !c.is_finite() {
                    continue;
                }
                let total = c + scorer.bead(i - a, a, j - b, b);
                if total < best {
                    best = total;
                    arg = s as u8;
                }
            }
            cost[here] = best;
            back[here] = arg;
        }
    }
    // Trace back from (n, m).
    let mut path = Vec::new();
    let (mut i, mut j) = (band.n, band.m);
    let mut touched = false;
    while i > 0 || j > 0 {
        let Some(here) = band.index(i, j) else {
            break;
        };
        let Some(&(a, b)) = SHAPES.get(back[here] as usize) else {
            break;
        };
        if band.at_edge(i, j) {
            touched = true;
        }
        path.push((i - a, a, j - b, b));
        i -= a;
        j -= b;
    }
    path.reverse();
    (path, touched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(lens: &[f64]) -> Vec<Features> {
        lens.iter()
            .map(|&l| Features {
                chars: l,
                ..Features::default()
            })
            .collect()
    }

    #[test]
    fn one_to_one_by_length() {
        let ko = feats(&[20.0, 40.0, 30.0]);
        let en = feats(&[39.0, 78.0, 58.0]);
        let path = align(&ko, &en, Params::default());
        assert_eq!(path, vec![(0, 1, 0, 1), (1, 1, 1, 1), (2, 1, 2, 1)]);
    }

    #[test]
    fn banded_path_covers_long_documents() {
        let lens: Vec<f64> = (0..1500).map(|i| 20.0 + (i * 37 % 50) as f64).collect();
        let ko = feats(&lens);
        let en = feats(&lens.iter().map(|l| l * 1.94).collect::<Vec<_>>());
        let path = align(&ko, &en, Params::default());
        assert_eq!(path.len(), 1500);
        assert!(path.iter().all(|&(i, a, j, b)| i == j && a == 1 && b == 1));
    }

    #[test]
    fn the_band_stays_within_the_cell_budget() {
        let max = MAX_DP_CELLS;
        assert_eq!(max_width(10_000, 48, 10_000, max), 199);
        assert_eq!(max_width(1_000, 48, 1_000, max), 1_000);
        assert_eq!(max_width(150, 150, 150, max), 150);
        assert_eq!(max_width(1_000_000, 48, 1_000_000, max), 48);
        for n in [10, 1_000, 10_000, 100_000] {
            let w = max_width(n, 48.min(n), n, max);
            assert!((n + 1) * (2 * w + 1) <= max + 2 * (n + 1) || w == 48.min(n));
        }
    }

    #[test]
    fn documents_that_never_line_up_stop_at_the_budget() {
        // Korean lengths even, English front-loaded: the path leaves every band it is given.
        let n = 1_000;
        let ko = feats(&vec![20.0; n]);
        let en = feats(
            &(0..n)
                .map(|j| if j < n / 2 { 200.0 } else { 2.0 })
                .collect::<Vec<_>>(),
        );
        // 100,000 cells: bands of 48, then 49 (not the 1,000 that covering it all would take).
        let path = align_within(&ko, &en, Params::default(), 100_000);
        let (ko_n, en_n) = path
            .iter()
            .fold((0, 0), |(a, b), &(_, x, _, y)| (a + x, b + y));
        assert_eq!((ko_n, en_n), (n, n));
    }
}
