//! One file per subcommand; each calls the same library functions the reader uses.

pub mod align;
pub mod pairs;
pub mod parse;
pub mod read;
pub mod render;
