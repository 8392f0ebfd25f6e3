//! The reader: one `App` state, one loop, views split by pane.
