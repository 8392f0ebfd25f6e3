//! The app's data and its pure logic, none of which sees `App`: the open article ([`doc`],
//! [`reading`]), the screen's geometry ([`layout`]), the library list ([`entries`], its order and
//! filters in [`shelf`]), the library on disk ([`store`]), translation pairs ([`pairs`]), entities
//! ([`hints`]), bookmarks, the finder, and the overlay on top ([`overlay`]).

pub mod bookmarks;
pub mod doc;
pub mod entries;
pub mod finder;
pub mod hints;
pub mod layout;
pub mod overlay;
pub mod pairs;
pub mod reading;
pub mod shelf;
pub mod store;
