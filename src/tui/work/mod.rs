//! Work off the loop: what `update` asks of the world ([`effects`]), background jobs as data
//! ([`job`]), the owned threads that run them ([`worker`], [`cancel`]), loading articles
//! ([`loader`]), pairing jobs ([`pairing`]) and the threads that talk to the library on disk
//! ([`store_worker`]).

pub mod cancel;
pub mod effects;
pub mod job;
pub mod loader;
pub mod pairing;
pub mod store_worker;
pub mod worker;
