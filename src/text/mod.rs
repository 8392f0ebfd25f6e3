//! Pure text code shared by the stages: sanitising, language of a span, sentences, display width
//! and wrapping. Nothing here touches a terminal.
