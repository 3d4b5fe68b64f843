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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_a_qualified_name() {
        assert_eq!(short("microsoft.graph.user"), "user");
        assert_eq!(namespace_of("microsoft.graph.user"), "microsoft.graph");
        assert_eq!(namespace_of("user"), "");
        assert_eq!(page_stem("../resources/User.md#properties"), "user");
    }
}
