//! What description text says: placeholders to drop, "Possible values are …" lists,
//! nullability / read-only / required hints. Plain scans, no regex: this runs per cell.

/// Placeholder phrases that must never become documentation (compared lower-case).
const PLACEHOLDERS: &[&str] = &["not yet documented", "provide description here", "todo:"];

/// Removes placeholder text; returns the cleaned text and whether anything was removed.
pub fn strip_placeholders(text: &str) -> (String, bool) {
    let mut out = text.to_string();
    let mut removed = false;
    // `**TODO: …**` spans first, so their bold markers go with them.
    while let Some(start) = out.find("**TODO") {
        let end = out[start + 2..]
            .find("**")
            .map_or(out.len(), |e| start + 2 + e + 2);
        out.replace_range(start..end, "");
        removed = true;
    }
    loop {
        let lower = out.to_ascii_lowercase();
        let Some((pos, phrase)) = PLACEHOLDERS
            .iter()
            .filter_map(|p| lower.find(p).map(|i| (i, *p)))
            .min()
        else {
            break;
        };
        // A phrase runs to the end of its sentence.
        let tail = &out[pos + phrase.len()..];
        let end = tail
            .find(['.', '\n'])
            .map_or(out.len(), |e| pos + phrase.len() + e + 1);
        out.replace_range(pos..end, "");
        removed = true;
    }
    let cleaned = out.trim().trim_start_matches(['.', ' ']).trim().to_string();
    (cleaned, removed)
}

/// Hints the description gives about a property.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Hints {
    pub not_nullable: bool,
    pub read_only: bool,
    pub required: bool,
}

pub fn hints(description: &str) -> Hints {
    let lower = description.to_ascii_lowercase();
    Hints {
        not_nullable: lower.contains("not nullable")
            || lower.contains("non-nullable")
            || lower.contains("cannot be null"),
        read_only: lower.contains("read-only")
            || lower.contains("read only")
            || lower.contains("readonly"),
        required: has_word(&lower, "required") && !lower.contains("not required"),
    }
}

fn has_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

const VALUE_PHRASES: &[&str] = &[
    "possible values are",
    "possible values include",
    "possible values:",
    "the possible values are",
    "allowed values are",
    "allowed values:",
    "supported values are",
    "supported values:",
    "valid values are",
    "can be one of",
    "one of the following values",
];

/// The members of an inline "Possible values are: `a`, `b`, `c`." list, if there is one.
/// `code` holds the cell's inline-code spans; backticked members are preferred.
pub fn possible_values(text: &str, code: &[String]) -> Vec<String> {
    // ASCII lowercasing keeps byte offsets, so `pos` indexes `text` too.
    let lower = text.to_ascii_lowercase();
    if !lower.contains("value") && !lower.contains("one of") {
        return Vec::new();
    }
    let Some((pos, phrase)) = VALUE_PHRASES
        .iter()
        .filter_map(|p| lower.find(p).map(|i| (i, *p)))
        .min()
    else {
        return Vec::new();
    };
    let rest = text[pos + phrase.len()..].trim_start_matches([':', ' ']);
    // The list ends at the first sentence end that is not inside a member.
    let end = rest
        .char_indices()
        .find(|(i, c)| {
            *c == '.' && rest[i + 1..].starts_with([' ', '\n']) || *c == ';' || *c == '\n'
        })
        .map_or(rest.len(), |(i, _)| i);
    let list = rest[..end].trim_end_matches('.');
    let mut members = Vec::new();
    for part in list.split(',') {
        let mut p = part.trim();
        for prefix in ["and ", "or "] {
            if let Some(stripped) = p.strip_prefix(prefix) {
                p = stripped.trim();
            }
        }
        let p = p
            .trim_matches(|c: char| c == '`' || c == '"' || c == '\'' || c == '*')
            .trim();
        let is_code = code.iter().any(|c| c.trim() == p);
        let ident = !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_code || ident {
            members.push(p.to_string());
        } else if !members.is_empty() {
            break;
        }
    }
    if members.len() < 2 {
        return Vec::new();
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(
            strip_placeholders("**TODO: Add Description**"),
            (String::new(), true)
        );
        assert_eq!(
            strip_placeholders("**TODO: Add Description**. Possible values are: `a`, `b`."),
            ("Possible values are: `a`, `b`.".to_string(), true)
        );
        assert_eq!(
            strip_placeholders("Not yet documented"),
            (String::new(), true)
        );
        assert_eq!(
            strip_placeholders("A name. Read-only."),
            ("A name. Read-only.".to_string(), false)
        );
    }

    #[test]
    fn values() {
        let code: Vec<String> = ["unspecified", "inprogress", "completed"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            possible_values(
                "Status. Possible values are: unspecified, inprogress, completed.",
                &code
            ),
            code
        );
        assert_eq!(
            possible_values("The possible values are: low, medium, and high.", &[]),
            ["low", "medium", "high"]
        );
        assert!(possible_values("A plain description.", &[]).is_empty());
    }

    #[test]
    fn description_hints() {
        let h = hints("The id. Read-only. Not nullable.");
        assert!(h.read_only && h.not_nullable && !h.required);
        assert!(hints("Required. The name.").required);
        assert!(!hints("Not required.").required);
    }
}
