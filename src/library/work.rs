//! A small parallel map for import and background processing: items are taken in order by
//! `workers` threads; results are handed to the caller's thread in the items' order.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// Threads to use: the machine's parallelism, at least 1, at most 8.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 8))
}

/// Run `f` on every item on `workers` threads; `sink` gets the results in item order on this
/// thread and returns `false` to stop early (workers finish their current item and quit).
pub fn par_map<T, R>(
    items: Vec<T>,
    workers: usize,
    f: impl Fn(T) -> R + Sync,
    sink: impl FnMut(R) -> bool,
) where
    T: Send,
    R: Send,
{
    par_map_ahead(items, workers, workers * 4, f, sink);
}

/// [`par_map`] with up to `ahead` results waiting for the sink: a sink that now and then
/// takes long (a batch written to the database) then keeps the workers busy meanwhile, and
/// memory stays bounded by `ahead` results.
pub fn par_map_ahead<T, R>(
    items: Vec<T>,
    workers: usize,
    ahead: usize,
    f: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> bool,
) where
    T: Send,
    R: Send,
{
    let queue = Mutex::new(items.into_iter().enumerate());
    let stop = AtomicBool::new(false);
    // Bounded: a slow sink holds back the workers instead of piling up results.
    let (tx, rx) = mpsc::sync_channel::<(usize, R)>(ahead.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            let tx = tx.clone();
            let (queue, stop, f) = (&queue, &stop, &f);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let next = match queue.lock() {
                        Ok(mut q) => q.next(),
                        Err(_) => None,
                    };
                    let Some((i, item)) = next else { break };
                    if tx.send((i, f(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        'recv: for (i, r) in rx.iter() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next) {
                next += 1;
                if !sink(r) {
                    stop.store(true, Ordering::Relaxed);
                    break 'recv;
                }
            }
        }
        // Dropping the receiver unblocks workers waiting to send, so the scope can join them.
        drop(rx);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order() {
        let mut out = Vec::new();
        par_map(
            (0..100).collect(),
            4,
            |x: i32| x * 2,
            |r| {
                out.push(r);
                true
            },
        );
        assert_eq!(out, (0..100).map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn sink_can_stop_early() {
        let mut n = 0;
        par_map(
            (0..1000).collect(),
            3,
            |x: i32| x,
            |_| {
                n += 1;
                n < 10
            },
        );
        assert_eq!(n, 10);
    }
}
