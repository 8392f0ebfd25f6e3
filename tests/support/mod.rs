//! What the test files share: run the real binary ([`cli`]), the bundled seeds, hand-built
//! fixtures and the headless app driver ([`app`]), a program in a pseudo-terminal ([`pty`]), a
//! bilingual seed split into its two editions ([`editions`]), reading `parse --json` ([`json`]),
//! a scripted loopback HTTP server and outlet-shaped feeds and pages ([`feeds`]).
//!
//! Every test file takes it with `mod support;` and uses what it needs.
#![allow(dead_code, unused_imports)]

pub mod app;
pub mod cli;
pub mod editions;
pub mod feeds;
pub mod json;
pub mod pty;

pub use cli::{
    SEED_000, SEED_004, SEEDS, articles, command, duet, duet_in, duet_render, duet_stdin, fixture,
    ok_json, ok_stdout, repo, run_bounded, seed, text,
};
