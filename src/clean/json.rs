//! duet's own JSON output read back (round trip): one article, or the first of an array.

use crate::model::Article;

pub fn read(text: &str) -> Option<Article> {
    if let Ok(a) = serde_json::from_str::<Article>(text) {
        return Some(a);
    }
    serde_json::from_str::<Vec<Article>>(text)
        .ok()
        .and_then(|v| v.into_iter().next())
}
