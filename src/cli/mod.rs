//! One file per subcommand; each calls the same library functions the reader uses.

pub mod align;
pub mod dict;
pub mod entities;
pub mod export;
pub mod feed;
pub mod find;
pub mod import;
pub mod library;
pub mod list;
pub mod lookup;
pub mod pairs;
pub mod parse;
pub mod progress;
pub mod read;
pub mod remove;
pub mod render;
