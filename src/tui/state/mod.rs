//! The app's data and its pure logic, none of which sees `App`: the open article ([`doc`],
//! [`reading`]), the screen's geometry ([`layout`]), the library list ([`library_list`], its
//! order and filters in [`library_filter`], the documents kept in [`doc_cache`]), the library on
//! disk ([`disk`]), translation pairs ([`pairs`]), entities ([`entities`]), bookmarks, the
//! finder, the cursor every list on screen keeps ([`list_cursor`]), and the overlay on top
//! ([`overlay`]).

pub mod bookmarks;
pub mod disk;
pub mod doc;
pub mod doc_cache;
pub mod entities;
pub mod finder;
pub mod layout;
pub mod library_filter;
pub mod library_list;
pub mod list_cursor;
pub mod overlay;
pub mod pairs;
pub mod reading;
