//! Drivers of the app loop: the terminal runner, entering and restoring the terminal, the input
//! and signal threads, and the headless driver (`duet render`, tests, benches).

pub mod event;
pub mod headless;
pub mod runner;
pub mod terminal;
