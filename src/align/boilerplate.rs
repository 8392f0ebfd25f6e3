//! Material one side carries alone, recognised by its form: bylines and e-mails, datelines,
//! related links, share and subscribe lines, photo captions and credits, copyright lines.

/// Boilerplate that one side carries alone: bylines and e-mails, related links, share buttons,
/// photo captions and credits, copyright lines.
pub fn score(text: &str) -> f64 {
    let t = text.trim();
    let lower = t.to_lowercase();
    let email = t.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(a, d)| !a.is_empty() && d.contains('.'))
    });
    let starts = [
        "read ",
        "read more",
        "related",
        "share this",
        "관련기사",
        "관련 기사",
        "이 기사를",
        "▲",
        "△",
        "[사진",
        "사진=",
        "photo:",
        "photo credit",
        "copyright",
        "©",
        "저작권자",
        "ⓒ",
        "click ",
        "subscribe",
        "sign up",
        "advertisement",
        "역주=",
        "번역=",
        "[photo",
        "(photo",
        "image:",
        "image copyright",
        "image caption",
        "media caption",
        "credit:",
        "follow us",
        "많이 본",
        "많이 읽은",
        "구독",
        "기사제보",
        "공유하기",
    ];
    // Short lines that are page furniture wherever they stand.
    let furniture = [
        "newsletter",
        "print this",
        "email this",
        "댓글",
        "좋아요",
        "다른 기사",
    ];
    let short = t.chars().count() <= 60;
    let marks = [
        "all rights reserved",
        "무단전재",
        "무단 전재",
        "재배포 금지",
        "getty images",
        "(ap photo",
        "(reuters)",
        "기자 =",
        "특파원 =",
    ];
    // `[서울=코리아뉴스] 박민수 기자`: a dateline or a short line ending in a reporter's title.
    let dateline = t.starts_with('[') && t.split(']').next().is_some_and(|h| h.contains('='));
    let reporter = t.chars().count() <= 40
        && [
            "기자",
            "특파원",
            "통신원",
            "기자=",
            "Reporter",
            "Correspondent",
        ]
        .iter()
        .any(|r| t.trim_end_matches(['.', ' ']).ends_with(r));
    if email
        || dateline
        || reporter
        || (short && furniture.iter().any(|f| lower.contains(f)))
        || starts.iter().any(|s| lower.starts_with(s))
        || marks.iter().any(|m| lower.contains(m))
    {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate() {
        assert_eq!(score("이서연 기자 lee.seoyeon@example.co.kr"), 1.0);
        assert_eq!(score("READ LeBron to make Lakers debut"), 1.0);
        assert_eq!(score("Rangers suffered another defeat."), 0.0);
        assert_eq!(score("Sign up for our daily newsletter"), 1.0);
        assert_eq!(score("[PHOTO] The victim was found in the area."), 1.0);
    }
}
