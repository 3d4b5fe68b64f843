//! What description text says: placeholders to drop, "Possible values are …" lists,
//! nullability / read-only / required hints, the types Response and Request body prose
//! name. Plain scans, no regex: this runs per cell.

use crate::page::Link;

/// Placeholder phrases that must never become documentation (compared lower-case).
const PLACEHOLDERS: &[&str] = &["not yet documented", "provide description here", "todo:"];

/// A description with its placeholder text removed.
#[derive(Debug, PartialEq, Eq)]
pub struct Stripped {
    pub text: String,
    /// Whether anything was removed.
    pub removed: bool,
}

/// Removes placeholder text.
pub fn strip_placeholders(text: &str) -> Stripped {
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
    let text = out.trim().trim_start_matches(['.', ' ']).trim().to_string();
    Stripped { text, removed }
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

/// Whether a type's description says the type itself is abstract ("An abstract class
/// containing…", "This complex type is abstract"), not that its base is ("inherits from
/// the abstract base type x"). `lower` is lower-case.
pub fn says_abstract(lower: &str) -> bool {
    const PHRASES: &[&str] = &[
        "abstract class",
        "abstract type",
        "abstract base",
        "abstract resource",
        "abstract entity",
        "abstract complex type",
        "is abstract",
    ];
    lower.contains("abstract")
        && PHRASES.iter().any(|p| {
            lower.match_indices(p).any(|(at, _)| {
                let before = &lower[lower.floor_char_boundary(at.saturating_sub(24))..at];
                !before.contains("from")
            })
        })
}

/// Whether `text` says the type inherits from `base` ("inherits from x", "is derived from
/// the x", "inherits from the abstract base type x", …), `base` directly after the words.
pub fn names_base(text: &str, base: &str) -> bool {
    after_base_words(text).any(|rest| {
        rest.strip_prefix(base)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// The text after each "inherits from (the base type) ", "is a subclass of ", … in
/// `lower` (lower-case): where the base's name starts.
fn after_base_words(lower: &str) -> impl Iterator<Item = &str> {
    const VERBS: [&str; 6] = [
        "inherits from ",
        "inherited from ",
        "derived from ",
        "derives from ",
        // "A subclass of [educationResource](educationresource.md)".
        "subclass of ",
        "is a type of ",
    ];
    const FILLERS: [&str; 6] = [
        "the abstract base type ",
        "the base class ",
        "the base type ",
        "base class ",
        "the ",
        "",
    ];
    VERBS.iter().flat_map(move |verb| {
        lower.match_indices(verb).filter_map(move |(at, _)| {
            let rest = &lower[at + verb.len()..];
            FILLERS.iter().find_map(|f| rest.strip_prefix(f))
        })
    })
}

/// "Inherits from directoryObject", "is derived from microsoft.graph.printOperation": a
/// base named without a link, as written in `text`. Only a camelCase or qualified word
/// counts ("derived from ISO 3166" names no type).
pub fn unlinked_base(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    after_base_words(&lower).find_map(|rest| {
        // ASCII lower-casing keeps byte offsets, so `rest` indexes `text` too.
        let at = lower.len() - rest.len();
        let word = text[at..]
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(')
            .next()?
            .trim_matches(|c: char| c == '*' || c == '`' || c == '.' || c == '_');
        let camel = word.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && word.starts_with(|c: char| c.is_ascii_lowercase());
        (super::type_cell::is_type_name(word) && (camel || word.contains('.')))
            .then(|| word.to_string())
    })
}

/// "This is the base type for richer location types such as [room](room.md) and
/// [roomList](roomlist.md)": the links that follow "base type for" (or "base class
/// for") in its sentence, directly, after "such as", "for example" or "which can be", and
/// the rest of their list; only links to pages of the tree. "A base class for apply
/// actions in the [x](x.md)" names no derived type.
pub fn derived_links(text: &str, links: &[Link]) -> Vec<Link> {
    const MARKERS: [&str; 5] = ["such as", "for example", "which can be", "including", ":"];
    let lower = text.to_ascii_lowercase();
    let Some((at, phrase)) = ["base type for ", "base class for "]
        .iter()
        .filter_map(|p| lower.find(p).map(|i| (i, p.len())))
        .min()
    else {
        return Vec::new();
    };
    let end = lower[at..].find(". ").map_or(lower.len(), |e| at + e);
    let mut search = 0;
    let mut last_end = at + phrase;
    let mut out = Vec::new();
    for link in links {
        let Some(pos) = text[search..].find(link.text.as_str()).map(|p| p + search) else {
            continue;
        };
        search = pos + link.text.len();
        if pos < last_end {
            continue;
        }
        if pos > end {
            break;
        }
        let between = &lower[last_end..pos];
        let words =
            between.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '*' || c == '`');
        let follows = if out.is_empty() {
            matches!(words, "" | "the" | "a" | "an") || MARKERS.iter().any(|m| between.contains(m))
        } else {
            matches!(words, "" | "and" | "or")
        };
        let page = link.dest.split('#').next().unwrap_or("");
        let local = page.ends_with(".md") && !page.starts_with("http") && !page.starts_with('/');
        if !(follows && local) {
            break;
        }
        out.push(link.clone());
        last_end = search;
    }
    out
}

/// A type named in Response or Request body prose: the link's text, and whether the
/// prose says a collection of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProseType {
    pub name: String,
    /// The link's destination, which resolves the type when its text is not its name.
    pub link: Option<String>,
    pub collection: bool,
}

/// What Response prose says a method returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseContract {
    pub status: Option<u16>,
    pub ty: Option<ProseType>,
}

/// "If successful, this method returns a `200 OK` response code and a collection of
/// [x](../resources/x.md) objects in the response body": the status and the type, if the
/// paragraph says what the method returns.
pub fn response_contract(text: &str, links: &[Link]) -> Option<ResponseContract> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("returns")?;
    let status = lower[at..]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 3
                && w.starts_with(['1', '2', '3', '4', '5'])
                && w.bytes().all(|b| b.is_ascii_digit())
        })
        .and_then(|w| w.parse().ok());
    let ty = linked_type(text, &lower, at, links).or_else(|| {
        // "… response code and a String in the response body", "… and an **accounts**
        // object": a type named without a link, after the status.
        let and = lower[at..].find(" and ")? + at + " and ".len();
        named_after_article(&text[and..])
    });
    Some(ResponseContract { status, ty })
}

/// "a String in the response body", "an accounts object", "a collection of String
/// objects", "a String collection": the type a phrase names without a link.
fn named_after_article(text: &str) -> Option<ProseType> {
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '*' || c == '`' || c == ',' || c == '.'));
    let mut word = words.next()?;
    if matches!(word.to_ascii_lowercase().as_str(), "a" | "an" | "the") {
        word = words.next()?;
    }
    let mut collection = false;
    if word.eq_ignore_ascii_case("collection") {
        if !words.next()?.eq_ignore_ascii_case("of") {
            return None;
        }
        collection = true;
        word = words.next()?;
    }
    let next = words.next().unwrap_or("").to_ascii_lowercase();
    collection |= next == "collection";
    let names_type = matches!(
        next.as_str(),
        "object" | "objects" | "collection" | "in" | "value"
    );
    let stop = [
        "new", "updated", "empty", "json", "list", "value", "response", "status", "no",
    ];
    (names_type
        && super::type_cell::is_type_name(word)
        && !stop.contains(&word.to_ascii_lowercase().as_str()))
    .then(|| ProseType {
        name: word.to_string(),
        link: None,
        collection,
    })
}

/// "In the request body, supply a JSON representation of a [x](../resources/x.md)
/// object": the type, if the paragraph names one.
pub fn request_contract(text: &str, links: &[Link]) -> Option<ProseType> {
    let lower = text.to_ascii_lowercase();
    let (at, phrase) = [
        "json representation",
        "values for the relevant",
        "values of the relevant",
        "provide the new",
        "provide the modified",
        "provide a new",
    ]
    .iter()
    .filter_map(|p| lower.find(p).map(|i| (i, *p)))
    .min()?;
    linked_type(text, &lower, at, links).or_else(|| {
        // "JSON representation for the iosVppApp object": Intune pages name the type
        // without a link.
        let rest = text[at + phrase.len()..].trim_start();
        let rest = ["of ", "for "]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .unwrap_or(rest);
        named_after_article(rest)
    })
}

/// The first link after byte `from` that points at a resource page and whose text is a
/// type name; a collection when "collection of", "array of" or "list of" comes between.
fn linked_type(text: &str, lower: &str, from: usize, links: &[Link]) -> Option<ProseType> {
    let mut search = 0;
    for link in links {
        let name = link
            .text
            .trim_matches(|c: char| c == '*' || c == '`' || c == '_' || c.is_whitespace());
        // Links come in text order: find each one's text after the previous one's.
        let Some(pos) = text[search..].find(link.text.as_str()).map(|p| p + search) else {
            continue;
        };
        search = pos + link.text.len();
        let dest = link
            .dest
            .split('#')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let resource_page =
            dest.ends_with(".md") && !dest.contains("/api/") && !dest.starts_with("http");
        if pos < from || !resource_page {
            continue;
        }
        // "[named location](namedlocation.md)": the page it links to says the type.
        let name = if super::type_cell::is_type_name(name) {
            name.to_string()
        } else if dest.contains("resources/") {
            crate::qualified_name::page_stem(&dest)
        } else {
            continue;
        };
        let between = &lower[from..pos];
        let after = &lower[pos + link.text.len()..];
        let collection = ["collection of", "array of", "list of"]
            .iter()
            .any(|w| between.contains(w))
            || after.trim_start().starts_with("collection");
        return Some(ProseType {
            name,
            link: Some(link.dest.clone()),
            collection,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, dest: &str) -> Link {
        Link {
            text: text.into(),
            dest: dest.into(),
        }
    }

    #[test]
    fn response_prose() {
        let text = "If successful, this method returns a 200 OK response code and a collection of mobileApp objects in the response body.";
        let c = response_contract(
            text,
            &[link("mobileApp", "../resources/intune-apps-mobileapp.md")],
        )
        .unwrap();
        assert_eq!(c.status, Some(200));
        let ty = c.ty.unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("mobileApp", true));

        let text = "If successful, this method returns 204 No Content. See errors for more.";
        let c = response_contract(text, &[link("errors", "/graph/errors")]).unwrap();
        assert_eq!((c.status, c.ty), (Some(204), None));
        assert_eq!(response_contract("No response.", &[]), None);

        let text = "If successful, this method returns a 200 OK response code and a String in the response body.";
        let ty = response_contract(text, &[]).unwrap().ty.unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("String", false));
        let text = "If successful, this method returns 200 OK and an accounts object in the response body.";
        assert_eq!(
            response_contract(text, &[]).unwrap().ty.unwrap().name,
            "accounts"
        );
        let text = "If successful, this method returns a 200 OK response code and a deviceManagementScript collection in the response body.";
        let l = [link("deviceManagementScript", "../resources/intune-x.md")];
        assert!(response_contract(text, &l).unwrap().ty.unwrap().collection);
        let text = "If successful, this method returns a 204 No Content response code and an empty response body.";
        assert_eq!(response_contract(text, &[]).unwrap().ty, None);
    }

    #[test]
    fn base_type_prose() {
        let says = |text: &str, base: &str| names_base(&text.to_ascii_lowercase(), base);
        assert!(says("Inherits from entity.", "entity"));
        assert!(says(
            "Inherits from base class identityUserFlow.",
            "identityuserflow"
        ));
        assert!(says(
            "The drive resource is derived from baseItem and…",
            "baseitem"
        ));
        assert!(says("Derived from the place.", "place"));
        assert!(says("Inherited from DomainDnsRecord.", "domaindnsrecord"));
        assert!(says("Inherits from the abstract base type x.", "x"));
        assert!(!says("Derived from placeholder.", "place"));
        assert!(!says("Inherits from this base type, see group.", "group"));
        // The forms education and access review pages use.
        assert!(says(
            "A subclass of educationResource that represents a file.",
            "educationresource"
        ));
        assert!(says(
            "This is a type of accessReviewScope.",
            "accessreviewscope"
        ));
    }

    #[test]
    fn unlinked_base_prose() {
        assert_eq!(
            unlinked_base("Inherits from directoryObject.").as_deref(),
            Some("directoryObject")
        );
        assert_eq!(
            unlinked_base("This type is derived from microsoft.graph.printOperation.").as_deref(),
            Some("microsoft.graph.printOperation")
        );
        // Not a camelCase or qualified word: no type.
        assert_eq!(unlinked_base("The code is derived from ISO 3166."), None);
        assert_eq!(unlinked_base("Inherits from entity."), None);
    }

    #[test]
    fn derived_type_prose() {
        let links = [
            link("room", "room.md"),
            link("roomList", "roomlist.md"),
            link("place", "place.md"),
        ];
        let text =
            "This is the base type for richer location types such as room and roomList. See place.";
        let found = derived_links(text, &links);
        assert_eq!(found, links[..2], "links of the sentence, not the next one");
        let text = "Represents an abstract base type for policy types that control Microsoft identity platform.";
        let external = [link(
            "Microsoft identity platform",
            "/azure/active-directory/x",
        )];
        assert!(
            derived_links(text, &external).is_empty(),
            "links leaving the tree"
        );
        let text = "A room, derived from place.";
        assert!(derived_links(text, &links).is_empty(), "no base-type words");
        let text = "Represents a base class for apply actions in the room of a place.";
        assert!(
            derived_links(text, &links).is_empty(),
            "a link that is not the list"
        );
        let text = "This is a base type for a person, which can be a room or roomList.";
        assert_eq!(derived_links(text, &links), links[..2]);
        let text = "It is the base type for room.";
        assert_eq!(derived_links(text, &links), links[..1], "directly after");
    }

    #[test]
    fn abstract_prose() {
        assert!(says_abstract(
            "an abstract class containing the base properties"
        ));
        assert!(says_abstract(
            "this complex type is abstract. refer to the specific types"
        ));
        assert!(says_abstract(
            "it is an abstract type that will never be instantiated"
        ));
        assert!(!says_abstract(
            "inherits from the abstract base type place."
        ));
        assert!(!says_abstract(
            "represents an abstract definition for a task"
        ));
    }

    #[test]
    fn request_prose() {
        let text = "In the request body, supply a JSON representation of a contact object.";
        let ty = request_contract(text, &[link("contact", "../resources/contact.md")]).unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("contact", false));
        let text = "In the request body, supply a JSON representation for the iosVppApp object.";
        assert_eq!(request_contract(text, &[]).unwrap().name, "iosVppApp");
        let text = "In the request body, supply a JSON representation of the properties to update.";
        assert_eq!(request_contract(text, &[]), None);
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            strip_placeholders("**TODO: Add Description**"),
            Stripped {
                text: String::new(),
                removed: true
            }
        );
        assert_eq!(
            strip_placeholders("**TODO: Add Description**. Possible values are: `a`, `b`."),
            Stripped {
                text: "Possible values are: `a`, `b`.".to_string(),
                removed: true
            }
        );
        assert_eq!(
            strip_placeholders("Not yet documented"),
            Stripped {
                text: String::new(),
                removed: true
            }
        );
        assert_eq!(
            strip_placeholders("A name. Read-only."),
            Stripped {
                text: "A name. Read-only.".to_string(),
                removed: false
            }
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
