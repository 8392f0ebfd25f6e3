//! Pure text code shared by the stages: sanitising, language of a span, sentences, display width
//! and wrapping, Hangul syllable arithmetic, calendar days. Nothing here touches a terminal.

pub mod date;
pub mod furniture;
pub mod hangul;
pub mod lang;
pub mod particles;
pub mod sanitize;
pub mod sentences;
pub mod sounds;
pub mod width;
pub mod wrap;

pub use lang::detect as detect_lang;
pub use sanitize::{fold_whitespace, sanitize};
pub use width::{AmbiguousWidth, str_width};
pub use wrap::{Row, wrap};
