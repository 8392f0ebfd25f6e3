//! Widgets the views are drawn with: the width-aware painter ([`paint`]), the one modal box
//! every overlay is drawn in ([`modal`]), the one list widget every list is drawn with
//! ([`list`]), and the two together as a modal list of lines ([`list_box`]).

pub mod list;
pub mod list_box;
pub mod modal;
pub mod paint;
