//! Qualified names (`microsoft.graph.user`) and the page stems links resolve through:
//! plain string helpers every stage may use.

/// `microsoft.graph.user` → `user`.
pub fn short(q: &str) -> &str {
    q.rsplit('.').next().unwrap_or(q)
}

/// `microsoft.graph.user` → `microsoft.graph`; empty for an unqualified name.
pub fn namespace_of(q: &str) -> &str {
    q.rsplit_once('.').map_or("", |(ns, _)| ns)
}

/// `../resources/user.md#x` → `user`.
pub fn page_stem(path: &str) -> String {
    let path = path.split(['#', '?']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or(path);
    last.trim_end_matches(".md").to_ascii_lowercase()
}

/// Longest namespace segment or type name kept: a namespace segment becomes a module
/// file name, which file systems cap at 255 bytes.
pub const MAX_SEGMENT: usize = 100;

/// Why `q` cannot name a type or enum (so that every stage after the schema can map it
/// to Rust), or `None` when it can: dot-separated ASCII identifiers, a namespace and a
/// name, each at most [`MAX_SEGMENT`] characters.
pub fn defect(q: &str) -> Option<&'static str> {
    if namespace_of(q).is_empty() {
        return Some("it has no namespace");
    }
    for seg in q.split('.') {
        if seg.is_empty() {
            return Some("it has an empty segment");
        }
        if !seg.is_ascii() {
            return Some("it is not ASCII");
        }
        if !seg.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            || !seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Some(
                "a segment is not an identifier (a hyphen, a space, a leading digit, punctuation)",
            );
        }
        if seg.len() > MAX_SEGMENT {
            return Some("a segment is over 100 characters");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defects_of_names() {
        assert_eq!(defect("microsoft.graph.user"), None);
        assert_eq!(defect("microsoft.graph.callRecords.session_2"), None);
        assert_eq!(defect("call-transfer"), Some("it has no namespace"));
        assert!(defect("microsoft.graph.call-transfer").is_some_and(|d| d.contains("hyphen")));
        assert_eq!(defect("microsoft.graph.größe"), Some("it is not ASCII"));
        assert_eq!(defect("microsoft..graph"), Some("it has an empty segment"));
        assert!(defect("microsoft.graph.1st").is_some());
        let long = format!("microsoft.graph.{}", "x".repeat(101));
        assert_eq!(defect(&long), Some("a segment is over 100 characters"));
        assert_eq!(
            defect(&format!("microsoft.graph.{}", "x".repeat(100))),
            None
        );
    }

    #[test]
    fn parts_of_a_qualified_name() {
        assert_eq!(short("microsoft.graph.user"), "user");
        assert_eq!(namespace_of("microsoft.graph.user"), "microsoft.graph");
        assert_eq!(namespace_of("user"), "");
        assert_eq!(page_stem("../resources/User.md#properties"), "user");
    }
}
