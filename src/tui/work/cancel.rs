//! The flag a background job checks now and then: set when its owner no longer wants the
//! result (a newer query, a closed overlay, the app quitting).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when the job's owner no longer wants its result.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    /// The flag itself, for engines that take one (the finder's search).
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}
