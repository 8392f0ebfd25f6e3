//! Requests on worker threads, at most a few at once overall and one at a time per host:
//! a worker takes the first job whose host nobody is asking, holds that host only for the
//! request itself (work after it, like cleaning a page, runs with the host free again), and
//! a server that asked duet to wait (429 `Retry-After`) is not asked again in this refresh.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

/// The hosts being asked and the ones that asked to wait.
#[derive(Default)]
pub struct Hosts {
    state: Mutex<HostState>,
    freed: Condvar,
}

#[derive(Default)]
struct HostState {
    busy: HashSet<String>,
    wait_until: HashMap<String, Instant>,
}

/// Holding a host: dropping it frees the host for the next worker.
pub struct HostSlot<'a> {
    hosts: &'a Hosts,
    host: String,
}

impl Drop for HostSlot<'_> {
    fn drop(&mut self) {
        if let Ok(mut s) = self.hosts.state.lock() {
            s.busy.remove(&self.host);
        }
        self.hosts.freed.notify_all();
    }
}

impl Hosts {
    /// Wait for `host` to be free and take it; `None` when it asked duet to wait (until the
    /// instant returned in `Err`).
    pub fn take(&self, host: &str) -> Result<HostSlot<'_>, Instant> {
        let Ok(mut s) = self.state.lock() else {
            return Err(Instant::now());
        };
        loop {
            if let Some(&until) = s.wait_until.get(host)
                && until > Instant::now()
            {
                return Err(until);
            }
            if s.busy.insert(host.to_string()) {
                return Ok(HostSlot {
                    hosts: self,
                    host: host.to_string(),
                });
            }
            s = match self.freed.wait_timeout(s, Duration::from_millis(200)) {
                Ok((s, _)) => s,
                Err(_) => return Err(Instant::now()),
            };
        }
    }

    /// The host answered 429: leave it alone for `wait`.
    pub fn back_off(&self, host: &str, wait: Duration) {
        if let Ok(mut s) = self.state.lock() {
            s.wait_until.insert(host.to_string(), Instant::now() + wait);
        }
    }
}

/// Run `work(job, hosts)` for every job on `workers` threads, jobs whose host (`host_of`) is
/// busy waiting while others go ahead; `sink` gets each result on this thread, as it comes,
/// and returns `false` to stop (workers finish their current job and quit).
pub fn run<T, R>(
    jobs: Vec<T>,
    workers: usize,
    host_of: impl Fn(&T) -> String + Sync,
    work: impl Fn(T, &Hosts) -> R + Sync,
    mut sink: impl FnMut(R) -> bool,
) where
    T: Send,
    R: Send,
{
    let hosts = Hosts::default();
    let queue: Mutex<VecDeque<T>> = Mutex::new(jobs.into());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::sync_channel::<R>(workers.max(1) * 2);
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            let tx = tx.clone();
            let (queue, stop, hosts, work, host_of) = (&queue, &stop, &hosts, &work, &host_of);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let Some(job) = next_job(queue, hosts, host_of) else {
                        break;
                    };
                    if tx.send(work(job, hosts)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for r in rx.iter() {
            if !sink(r) {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
        drop(rx);
    });
}

/// The first queued job whose host is not being asked (or, when every queued job's host is
/// busy, the first one: its worker then waits for the host in [`Hosts::take`]).
fn next_job<T>(
    queue: &Mutex<VecDeque<T>>,
    hosts: &Hosts,
    host_of: &(impl Fn(&T) -> String + Sync),
) -> Option<T> {
    let mut q = queue.lock().ok()?;
    if q.is_empty() {
        return None;
    }
    let busy: HashSet<String> = hosts
        .state
        .lock()
        .map(|s| s.busy.clone())
        .unwrap_or_default();
    let at = (0..q.len().min(4096))
        .find(|&i| q.get(i).is_some_and(|j| !busy.contains(&host_of(j))))
        .unwrap_or(0);
    q.remove(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn one_request_at_a_time_per_host_and_a_bound_overall() {
        let per_host: Mutex<HashMap<String, usize>> = Mutex::default();
        let worst_host = AtomicUsize::new(0);
        let now = AtomicUsize::new(0);
        let worst = AtomicUsize::new(0);
        let jobs: Vec<(String, usize)> = (0..40).map(|i| (format!("h{}", i % 3), i)).collect();
        let mut done = 0;
        run(
            jobs,
            4,
            |(h, _)| h.clone(),
            |(h, _), hosts| {
                let _slot = hosts.take(&h).ok();
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                worst.fetch_max(n, Ordering::SeqCst);
                {
                    let mut m = per_host.lock().unwrap();
                    let c = m.entry(h.clone()).or_default();
                    *c += 1;
                    worst_host.fetch_max(*c, Ordering::SeqCst);
                }
                std::thread::sleep(Duration::from_millis(2));
                *per_host.lock().unwrap().get_mut(&h).unwrap() -= 1;
                now.fetch_sub(1, Ordering::SeqCst);
            },
            |()| {
                done += 1;
                true
            },
        );
        assert_eq!(done, 40);
        assert_eq!(worst_host.load(Ordering::SeqCst), 1);
        assert!(
            worst.load(Ordering::SeqCst) <= 3,
            "three hosts, so at most three at once"
        );
    }

    #[test]
    fn a_host_that_asked_to_wait_is_not_asked() {
        let hosts = Hosts::default();
        hosts.back_off("h", Duration::from_secs(60));
        assert!(hosts.take("h").is_err());
        assert!(hosts.take("other").is_ok());
    }
}
