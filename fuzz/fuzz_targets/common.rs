//! What every cleaned article must satisfy, whatever the input.

pub fn check_article(a: &duet::Article) {
    let fields = [
        &a.title,
        &a.title_en,
        &a.summary,
        &a.outlet,
        &a.published,
        &a.updated,
        &a.image,
    ];
    for s in fields
        .iter()
        .filter_map(|f| f.as_deref())
        .chain(a.subtitles.iter().map(String::as_str))
        .chain(a.authors.iter().map(String::as_str))
        .chain(a.keywords.iter().map(String::as_str))
        .chain(a.categories.iter().map(String::as_str))
        .chain(a.blocks.iter().map(|b| b.text.as_str()))
    {
        assert!(
            !s.chars().any(char::is_control),
            "control character in {s:?}"
        );
    }
}
