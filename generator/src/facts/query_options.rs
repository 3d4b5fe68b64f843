//! `## Optional query parameters` (and `## Query parameters`) prose and tables → the
//! OData query options an operation supports. A page without such a section says
//! nothing: unknown, not "none".

use serde::Serialize;

/// How much of OData's query options the page says the operation supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// "supports the OData query parameters", naming none.
    All,
    /// "supports some of the OData query parameters", naming none.
    Some,
    /// Only the options it names.
    Listed,
    /// "does not support the OData query parameters".
    None,
    /// The section says nothing readable (reported).
    Unknown,
}

/// What the section's prose says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProseOptions {
    pub support: Support,
    /// Named as supported (`$select`), lower-cased, in order.
    pub supported: Vec<String>,
    /// Named as not supported ("`$expand` is not supported").
    pub unsupported: Vec<String>,
}

/// The OData system query options, lower-cased.
const OPTIONS: &[&str] = &[
    "$select",
    "$filter",
    "$expand",
    "$top",
    "$orderby",
    "$search",
    "$count",
    "$skip",
    "$skiptoken",
    "$format",
    "$deltatoken",
    "$apply",
    "$levels",
];

/// The `$options` a text names, lower-cased, each once, in order.
pub fn named_options(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut out: Vec<String> = Vec::new();
    for (at, _) in lower.match_indices('$') {
        let word: String = lower[at..]
            .chars()
            .enumerate()
            .take_while(|(i, c)| *i == 0 || c.is_ascii_alphabetic())
            .map(|(_, c)| c)
            .collect();
        if OPTIONS.contains(&word.as_str()) && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Reads the section's paragraphs, sentence by sentence.
pub fn prose_options<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> ProseOptions {
    let mut found = ProseOptions {
        support: Support::Unknown,
        supported: Vec::new(),
        unsupported: Vec::new(),
    };
    for p in paragraphs {
        for sentence in p.split(". ") {
            read_sentence(sentence, &mut found);
        }
    }
    found.supported.retain(|o| !found.unsupported.contains(o));
    if found.support == Support::Unknown && !found.supported.is_empty() {
        found.support = Support::Listed;
    }
    found
}

fn read_sentence(sentence: &str, found: &mut ProseOptions) {
    let lower = sentence.to_ascii_lowercase();
    let options = named_options(sentence);
    let negative = [
        "not support",
        "n't support",
        "not supported",
        "isn't supported",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let about_odata = lower.contains("query parameter") || lower.contains("query option");
    // A section that reads just "None." or "Not supported.".
    let bare = lower.trim().trim_end_matches('.');
    if (bare == "none" || bare == "not supported") && found.supported.is_empty() {
        found.support = Support::None;
        return;
    }
    if negative {
        // "does not support the OData query parameters (e.g. $expand is not supported
        // here)": the whole set; "`$expand` is not supported": that option only.
        let wholly = about_odata
            && (lower.contains("does not support")
                || lower.contains("doesn't support")
                || lower.contains("do not support"));
        if wholly && found.supported.is_empty() {
            found.support = Support::None;
        }
        for o in options {
            if !found.unsupported.contains(&o) {
                found.unsupported.push(o);
            }
        }
        return;
    }
    if !["support", "use ", "require"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return;
    }
    if options.is_empty()
        && about_odata
        && lower.contains("support")
        && found.support == Support::Unknown
    {
        found.support = if lower.contains("some of") {
            Support::Some
        } else {
            Support::All
        };
    }
    for o in options {
        if !found.supported.contains(&o) {
            found.supported.push(o);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ProseOptions {
        prose_options([text])
    }

    #[test]
    fn generic_support_names_no_option() {
        let r = read(
            "This method supports the [OData query parameters](/graph/query-parameters) to help customize the response.",
        );
        assert_eq!(r.support, Support::All);
        assert!(r.supported.is_empty());
        let r = read(
            "This method supports some of the OData query parameters to help customize the response.",
        );
        assert_eq!(r.support, Support::Some);
    }

    #[test]
    fn named_options_are_listed_in_any_case() {
        let r = read(
            "This method supports the `$select`, `$filter` and `$orderBy` OData query parameters to help customize the response.",
        );
        assert_eq!(r.support, Support::Listed);
        assert_eq!(r.supported, ["$select", "$filter", "$orderby"]);
        let r = read(
            "This method supports the [OData query parameters](x) to help customize the response, including `$search`, `$count`, and `$filter`.",
        );
        assert_eq!(r.supported, ["$search", "$count", "$filter"]);
    }

    #[test]
    fn does_not_support_is_none() {
        let r = read(
            "This method does not support the OData query parameters to customize the response.",
        );
        assert_eq!(r.support, Support::None);
        let r = read(
            "This method does not support the OData query parameters to help customize the response (e.g. $filter is not supported here).",
        );
        assert_eq!(r.support, Support::None);
        assert_eq!(r.unsupported, ["$filter"]);
    }

    #[test]
    fn partial_restrictions_remove_one_option() {
        let r = prose_options([
            "This method supports the `$select` and `$expand` OData query parameters.",
            "The `$expand` parameter is not supported on this resource.",
        ]);
        assert_eq!(r.support, Support::Listed);
        assert_eq!(r.supported, ["$select"]);
        assert_eq!(r.unsupported, ["$expand"]);
    }

    #[test]
    fn bare_none_and_required_options() {
        assert_eq!(read("None.").support, Support::None);
        assert_eq!(read("Not supported.").support, Support::None);
        let r = read(
            "This function requires the `$filter` OData query parameter to return a collection.",
        );
        assert_eq!(
            (r.support, r.supported),
            (Support::Listed, vec!["$filter".to_string()])
        );
    }

    #[test]
    fn unreadable_prose_is_unknown() {
        let r = read("Tracking changes incurs a round of one or more delta function calls.");
        assert_eq!(r.support, Support::Unknown);
        assert_eq!(
            named_options("use $skipToken or $deltaToken, not $foo"),
            ["$skiptoken", "$deltatoken"]
        );
    }
}
