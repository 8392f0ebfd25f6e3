//! Widgets the views are drawn with: the width-aware painter ([`paint`]) and the modal list box
//! ([`list_box`]).

pub mod list_box;
pub mod paint;
