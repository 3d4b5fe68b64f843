//! Name resolution across the docs tree: which definition a written name, link or
//! anchor means. The link's target page first, then exact names, then letter case, then
//! the same short name in another namespace. Lookups report nothing: they return a
//! [`Resolution`] saying which fallback found the name, and the caller reports it.
//!
//! Qualified names are plain `String`s compared as text. A `QualifiedName` newtype would
//! have to reach `model.rs`'s `TypeDef.base`/`Property.ty` and thus every emit stage
//! reading them, so it is left for a change that covers the stages together.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
pub use crate::qualified_name::{namespace_of, page_stem, short};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefKind {
    Type,
    Enum,
}

/// What a lookup found, and by which fallback. Lookups report nothing: the caller
/// decides whether a fallback is worth a diagnostic ([`Resolution::report`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Defined under this name: exactly as written, qualified by the page's namespace
    /// or `microsoft.graph`, or the type of that short name on the linked page.
    Exact(String),
    /// A link whose text matches nothing on its page, resolved by its anchor
    /// (`#bodytype-values` → `bodyType`).
    Anchor(String),
    /// An unqualified name defined in exactly one other namespace; it claims no
    /// namespace, so nothing disagrees.
    SoleShortName(String),
    /// Matches only when letter case is ignored (G0604).
    CaseFolded { name: String, written: String },
    /// A qualified name whose namespace differs from the only definition with that
    /// short name (G0203).
    OtherNamespace {
        name: String,
        written: String,
        defined_at: Origin,
    },
    /// A link's text is the plural of the one type its page defines (G0605).
    PluralLink { name: String, written: String },
    /// Defined nowhere: `guess` is the qualified name the docs most likely mean.
    NotFound { guess: String },
}

impl Resolution {
    /// The definition found, if any.
    pub fn found(&self) -> Option<&str> {
        match self {
            Resolution::Exact(name)
            | Resolution::Anchor(name)
            | Resolution::SoleShortName(name)
            | Resolution::CaseFolded { name, .. }
            | Resolution::OtherNamespace { name, .. }
            | Resolution::PluralLink { name, .. } => Some(name),
            Resolution::NotFound { .. } => None,
        }
    }

    /// `Ok` with the definition found, or `Err` with the likely meant name.
    pub fn into_result(self) -> Result<String, String> {
        match self {
            Resolution::Exact(name)
            | Resolution::Anchor(name)
            | Resolution::SoleShortName(name)
            | Resolution::CaseFolded { name, .. }
            | Resolution::OtherNamespace { name, .. }
            | Resolution::PluralLink { name, .. } => Ok(name),
            Resolution::NotFound { guess } => Err(guess),
        }
    }

    /// Reports the fallback that found the name, if it took one. `NotFound` is left to
    /// the caller, which knows what the name was for.
    pub fn report(&self, origin: &Origin, diags: &mut Diagnostics) {
        match self {
            Resolution::CaseFolded { name, written } => diags.report(
                Code::TypeCaseMismatch,
                origin,
                format!("`{written}` matches `{name}` only when letter case is ignored"),
            ),
            Resolution::OtherNamespace {
                name,
                written,
                defined_at,
            } => diags.push(
                Diagnostic::new(
                    Code::NamespaceMismatch,
                    origin,
                    format!("`{written}` is defined as `{name}`; the namespaces disagree and the definition's is used"),
                )
                .with_related(defined_at, format!("`{name}` is defined here")),
            ),
            Resolution::PluralLink { name, written } => diags.report(
                Code::TypeLinkPlural,
                origin,
                format!("`{written}` links to the page of `{name}`, its singular; read as `{name}`"),
            ),
            Resolution::Exact(_)
            | Resolution::Anchor(_)
            | Resolution::SoleShortName(_)
            | Resolution::NotFound { .. } => {}
        }
    }

    /// Reports the fallback taken and returns the result, as [`Resolution::into_result`].
    pub fn reported(self, origin: &Origin, diags: &mut Diagnostics) -> Result<String, String> {
        self.report(origin, diags);
        self.into_result()
    }
}

/// What a qualified name is defined as, and where first.
#[derive(Clone, Debug)]
pub struct Definition {
    pub kind: DefKind,
    pub origin: Origin,
}

/// Every defined qualified name, with lookups by lower-case name, short name and page.
#[derive(Debug, Default)]
pub struct Index {
    pub defs: BTreeMap<String, Definition>,
    by_lower: HashMap<String, Vec<String>>,
    by_short: HashMap<String, Vec<String>>,
    by_page: HashMap<String, Vec<String>>,
    namespaces: HashMap<String, String>,
}

/// Where a name is used: the page's namespace and file.
pub struct Ctx<'a> {
    pub namespace: &'a str,
    pub file: &'a Arc<str>,
}

impl Index {
    /// Registers a namespace spelling; the first one seen for a lower-case form wins.
    pub fn add_namespace(&mut self, ns: &str) {
        self.namespaces
            .entry(ns.to_ascii_lowercase())
            .or_insert_with(|| ns.to_string());
    }

    /// The canonical spelling of a namespace (`microsoft.graph.termstore` → `…termStore`).
    pub fn canon_ns(&self, ns: &str) -> String {
        self.namespaces
            .get(&ns.to_ascii_lowercase())
            .cloned()
            .unwrap_or_else(|| ns.to_string())
    }

    pub fn canon(&self, qualified: &str) -> String {
        match qualified.rsplit_once('.') {
            Some((ns, name)) => format!("{}.{name}", self.canon_ns(ns)),
            None => qualified.to_string(),
        }
    }

    /// Adds a definition; returns false if the name was already defined.
    pub fn define(&mut self, qualified: &str, kind: DefKind, origin: &Origin) -> bool {
        if self.defs.contains_key(qualified) {
            return false;
        }
        let definition = Definition {
            kind,
            origin: origin.clone(),
        };
        self.defs.insert(qualified.to_string(), definition);
        self.by_lower
            .entry(qualified.to_ascii_lowercase())
            .or_default()
            .push(qualified.to_string());
        self.by_short
            .entry(short(qualified).to_ascii_lowercase())
            .or_default()
            .push(qualified.to_string());
        self.by_page
            .entry(page_stem(&origin.file))
            .or_default()
            .push(qualified.to_string());
        true
    }

    /// The one structured type the page at `link` defines, if it defines exactly one.
    pub fn sole_type_on_page(&self, link: &str) -> Option<String> {
        match self.by_page.get(&page_stem(link))?.as_slice() {
            [only] if self.kind(only) == Some(DefKind::Type) => Some(only.clone()),
            _ => None,
        }
    }

    pub fn kind(&self, qualified: &str) -> Option<DefKind> {
        self.defs.get(qualified).map(|d| d.kind)
    }

    /// The definition a qualified name written on an API page or in an example means:
    /// exact, then case-insensitive, then the only definition with that short name.
    pub fn identify(&self, qualified: &str) -> Resolution {
        let q = self.canon(qualified);
        if self.defs.contains_key(&q) {
            return Resolution::Exact(q);
        }
        if let Some([hit]) = self
            .by_lower
            .get(&q.to_ascii_lowercase())
            .map(Vec::as_slice)
        {
            return Resolution::CaseFolded {
                name: hit.clone(),
                written: qualified.to_string(),
            };
        }
        if let Some([hit]) = self
            .by_short
            .get(&short(&q).to_ascii_lowercase())
            .map(Vec::as_slice)
        {
            return Resolution::OtherNamespace {
                name: hit.clone(),
                written: qualified.to_string(),
                defined_at: self.defs[hit].origin.clone(),
            };
        }
        Resolution::NotFound { guess: q }
    }

    /// Resolves a name from a Type cell or a base-type link: through the link's page
    /// first, then as a qualified name, then in the page's namespace and
    /// `microsoft.graph`, then by letter case, then by short name.
    pub fn resolve(&self, name: &str, link: Option<&str>, ctx: &Ctx<'_>) -> Resolution {
        if let Some(link) = link
            && let Some(hit) = self.resolve_link(name, link, ctx)
        {
            return hit;
        }
        if name.contains('.') {
            return self.identify(name);
        }
        let ns = self.canon_ns(ctx.namespace);
        let candidates = [format!("{ns}.{name}"), format!("microsoft.graph.{name}")];
        if let Some(hit) = candidates.iter().find(|c| self.defs.contains_key(*c)) {
            return Resolution::Exact(hit.clone());
        }
        let case_folded = |hit: &String| Resolution::CaseFolded {
            name: hit.clone(),
            written: name.to_string(),
        };
        for candidate in &candidates {
            if let Some([hit]) = self
                .by_lower
                .get(&candidate.to_ascii_lowercase())
                .map(Vec::as_slice)
            {
                return case_folded(hit);
            }
        }
        let guess = || Resolution::NotFound {
            guess: format!("{ns}.{name}"),
        };
        let Some(hits) = self.by_short.get(&name.to_ascii_lowercase()) else {
            return guess();
        };
        let exact: Vec<&String> = hits.iter().filter(|h| short(h) == name).collect();
        match (exact.as_slice(), hits.as_slice()) {
            ([one], _) => Resolution::SoleShortName((*one).clone()),
            // No exact spelling, so the one definition differs in letter case.
            (_, [one]) => case_folded(one),
            _ => guess(),
        }
    }

    fn resolve_link(&self, name: &str, link: &str, ctx: &Ctx<'_>) -> Option<Resolution> {
        if link.starts_with("http") && !link.contains("graph/api/resources") {
            return None;
        }
        let (path, anchor) = link.split_once('#').unwrap_or((link, ""));
        let stem = if path.is_empty() {
            page_stem(ctx.file)
        } else {
            page_stem(path)
        };
        let defs = self.by_page.get(&stem)?;
        let wanted = short(name);
        if let Some(hit) = defs.iter().find(|d| short(d) == wanted) {
            return Some(Resolution::Exact(hit.clone()));
        }
        if let Some(hit) = defs.iter().find(|d| short(d).eq_ignore_ascii_case(wanted)) {
            return Some(Resolution::CaseFolded {
                name: hit.clone(),
                written: name.to_string(),
            });
        }
        // `[namedLocations](namedlocation.md)`: a plural of the one type the page defines.
        if let [only] = defs.as_slice()
            && wanted
                .to_ascii_lowercase()
                .strip_suffix('s')
                .is_some_and(|singular| singular.eq_ignore_ascii_case(short(only)))
        {
            return Some(Resolution::PluralLink {
                name: only.clone(),
                written: name.to_string(),
            });
        }
        let anchor = anchor.to_ascii_lowercase();
        let anchor = anchor.strip_suffix("-values").unwrap_or(&anchor);
        if anchor.is_empty() {
            return None;
        }
        defs.iter()
            .find(|d| short(d).to_ascii_lowercase() == anchor)
            .map(|hit| Resolution::Anchor(hit.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::test_support::{at, related};

    /// An index of types, each defined on the page `resources/{short name}.md` unless
    /// given as `name@page`.
    fn index(names: &[&str]) -> Index {
        let mut index = Index::default();
        for spec in names {
            let (q, page) = match spec.split_once('@') {
                Some((q, page)) => (q, page.to_string()),
                None => (
                    *spec,
                    format!("resources/{}.md", short(spec).to_ascii_lowercase()),
                ),
            };
            index.add_namespace(namespace_of(q));
            index.define(q, DefKind::Type, &at(&page, 5));
        }
        index
    }

    fn resolve(index: &Index, name: &str, link: Option<&str>, namespace: &str) -> Resolution {
        let file: Arc<str> = Arc::from("api/some-page.md");
        let ctx = Ctx {
            namespace,
            file: &file,
        };
        index.resolve(name, link, &ctx)
    }

    fn reported(resolution: &Resolution) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::default();
        resolution.report(&at("api/some-page.md", 9), &mut diags);
        diags.into_sorted()
    }

    #[test]
    fn exact_names_resolve_without_a_report() {
        let index = index(&["microsoft.graph.user", "microsoft.graph.security.alert"]);
        for (name, link, ns, want) in [
            ("user", None, "microsoft.graph", "microsoft.graph.user"),
            (
                "microsoft.graph.user",
                None,
                "microsoft.graph",
                "microsoft.graph.user",
            ),
            (
                "alert",
                None,
                "microsoft.graph.security",
                "microsoft.graph.security.alert",
            ),
            // Unqualified names fall back to `microsoft.graph`.
            (
                "user",
                None,
                "microsoft.graph.security",
                "microsoft.graph.user",
            ),
            (
                "user",
                Some("../resources/user.md"),
                "microsoft.graph",
                "microsoft.graph.user",
            ),
        ] {
            let r = resolve(&index, name, link, ns);
            assert_eq!(r, Resolution::Exact(want.to_string()), "{name} in {ns}");
            assert!(reported(&r).is_empty());
        }
    }

    #[test]
    fn letter_case_fallback_is_g0604() {
        let index = index(&["microsoft.graph.user"]);
        for (name, link) in [
            ("User", None),
            ("microsoft.graph.User", None),
            ("User", Some("user.md")),
        ] {
            let r = resolve(&index, name, link, "microsoft.graph");
            assert_eq!(
                r,
                Resolution::CaseFolded {
                    name: "microsoft.graph.user".to_string(),
                    written: name.to_string(),
                },
                "{name} via {link:?}"
            );
            let diags = reported(&r);
            assert_eq!(diags.len(), 1);
            assert_eq!(diags[0].kind, Code::TypeCaseMismatch);
            assert_eq!(
                diags[0].message,
                format!("`{name}` matches `microsoft.graph.user` only when letter case is ignored")
            );
        }
    }

    #[test]
    fn wrong_namespace_resolves_to_the_sole_short_name() {
        let index = index(&["microsoft.graph.fileAttachment"]);
        let r = resolve(
            &index,
            "Microsoft.OutlookServices.FileAttachment",
            None,
            "microsoft.graph",
        );
        assert_eq!(
            r,
            Resolution::OtherNamespace {
                name: "microsoft.graph.fileAttachment".to_string(),
                written: "Microsoft.OutlookServices.FileAttachment".to_string(),
                defined_at: at("resources/fileattachment.md", 5),
            }
        );
        let diags = reported(&r);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].kind, Code::NamespaceMismatch);
        assert_eq!(
            related(&diags[0]),
            Some(at("resources/fileattachment.md", 5)),
            "the other place is named"
        );
    }

    #[test]
    fn unqualified_name_from_another_namespace_is_not_a_disagreement() {
        let index = index(&["microsoft.graph.security.alert"]);
        let r = resolve(&index, "alert", None, "microsoft.graph");
        assert_eq!(
            r,
            Resolution::SoleShortName("microsoft.graph.security.alert".to_string())
        );
        assert!(reported(&r).is_empty());
    }

    #[test]
    fn short_name_in_two_namespaces_is_not_guessed() {
        let index = index(&[
            "microsoft.graph.security.alert@resources/security-alert.md",
            "microsoft.graph.partner.alert@resources/partner-alert.md",
        ]);
        let r = resolve(&index, "alert", None, "microsoft.graph");
        assert_eq!(
            r,
            Resolution::NotFound {
                guess: "microsoft.graph.alert".to_string()
            }
        );
    }

    #[test]
    fn plural_link_text_is_g0605() {
        let index = index(&["microsoft.graph.namedLocation"]);
        let r = resolve(
            &index,
            "namedLocations",
            Some("namedlocation.md"),
            "microsoft.graph",
        );
        assert_eq!(
            r,
            Resolution::PluralLink {
                name: "microsoft.graph.namedLocation".to_string(),
                written: "namedLocations".to_string(),
            }
        );
        let diags = reported(&r);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].kind, Code::TypeLinkPlural);
    }

    #[test]
    fn link_anchor_names_an_enum_on_a_shared_page() {
        let mut index = index(&["microsoft.graph.user"]);
        index.define(
            "microsoft.graph.bodyType",
            DefKind::Enum,
            &at("resources/enums.md", 40),
        );
        index.define(
            "microsoft.graph.importance",
            DefKind::Enum,
            &at("resources/enums.md", 50),
        );
        let r = resolve(
            &index,
            "Body type",
            Some("enums.md#bodytype-values"),
            "microsoft.graph",
        );
        assert_eq!(
            r,
            Resolution::Anchor("microsoft.graph.bodyType".to_string())
        );
    }

    #[test]
    fn not_found_guesses_the_page_namespace_and_reports_nothing() {
        let index = index(&["microsoft.graph.user"]);
        let r = resolve(&index, "gadget", None, "microsoft.graph.security");
        assert_eq!(
            r,
            Resolution::NotFound {
                guess: "microsoft.graph.security.gadget".to_string()
            }
        );
        assert_eq!(r.found(), None);
        // What an unknown name means depends on its use; the caller reports it.
        assert!(reported(&r).is_empty());
        let r = resolve(&index, "microsoft.graph.gadget", None, "microsoft.graph");
        assert_eq!(r.into_result(), Err("microsoft.graph.gadget".to_string()));
    }
}
