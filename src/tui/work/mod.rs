//! Work off the loop: what `update` asks of the world ([`effects`]), background jobs as data
//! ([`job`]) and why they fail ([`error`]), the owned threads that run them ([`worker`],
//! [`cancel`]), loading articles ([`loader`]), the pairing jobs ([`pairing`]) and the threads
//! that talk to the library on disk ([`disk_worker`]).

pub mod cancel;
pub mod disk_worker;
pub mod effects;
pub mod error;
pub mod job;
pub mod loader;
pub mod pairing;
pub mod worker;
