//! Name resolution across the docs tree: which definition a written name, link or
//! anchor means. Exact matches first, then the link's target page, then letter case,
//! then the same short name in another namespace, each fallback reported.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
pub use crate::qualified_name::{namespace_of, page_stem, short};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefKind {
    Type,
    Enum,
}

/// Every defined qualified name, with lookups by lower-case name, short name and page.
#[derive(Debug, Default)]
pub struct Index {
    pub defs: BTreeMap<String, (DefKind, Origin)>,
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
        self.defs
            .insert(qualified.to_string(), (kind, origin.clone()));
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
        self.defs.get(qualified).map(|d| d.0)
    }

    /// The definition a qualified name written on an API page or in an example means:
    /// exact, then case-insensitive, then the only definition with that short name.
    pub fn identify(
        &self,
        qualified: &str,
        origin: &Origin,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        let q = self.canon(qualified);
        if self.defs.contains_key(&q) {
            return Some(q);
        }
        if let Some([hit]) = self
            .by_lower
            .get(&q.to_ascii_lowercase())
            .map(Vec::as_slice)
        {
            diags.report(
                Code::TypeCaseMismatch,
                origin,
                format!("`{qualified}` matches `{hit}` only when letter case is ignored"),
            );
            return Some(hit.clone());
        }
        if let Some([hit]) = self
            .by_short
            .get(&short(&q).to_ascii_lowercase())
            .map(Vec::as_slice)
        {
            let def_origin = &self.defs[hit].1;
            let d = Diagnostic::new(
                Code::NamespaceMismatch,
                origin,
                format!("`{qualified}` is defined as `{hit}`; the namespaces disagree and the definition's is used"),
            )
            .with_related(def_origin, format!("`{hit}` is defined here"));
            diags.push(d);
            return Some(hit.clone());
        }
        None
    }

    /// Resolves a name from a Type cell or a base-type link. `Err` carries the
    /// qualified name the docs most likely mean, for the schema to keep.
    pub fn resolve(
        &self,
        name: &str,
        link: Option<&str>,
        ctx: &Ctx<'_>,
        origin: &Origin,
        diags: &mut Diagnostics,
    ) -> Result<String, String> {
        if let Some(link) = link
            && let Some(hit) = self.resolve_link(name, link, ctx, origin, diags)
        {
            return Ok(hit);
        }
        if name.contains('.') {
            return self
                .identify(name, origin, diags)
                .ok_or_else(|| self.canon(name));
        }
        let ns = self.canon_ns(ctx.namespace);
        for candidate in [format!("{ns}.{name}"), format!("microsoft.graph.{name}")] {
            if self.defs.contains_key(&candidate) {
                return Ok(candidate);
            }
        }
        for candidate in [format!("{ns}.{name}"), format!("microsoft.graph.{name}")] {
            if let Some([hit]) = self
                .by_lower
                .get(&candidate.to_ascii_lowercase())
                .map(Vec::as_slice)
            {
                diags.report(
                    Code::TypeCaseMismatch,
                    origin,
                    format!("`{name}` matches `{hit}` only when letter case is ignored"),
                );
                return Ok(hit.clone());
            }
        }
        if let Some(hits) = self.by_short.get(&name.to_ascii_lowercase()) {
            let exact: Vec<&String> = hits.iter().filter(|h| short(h) == name).collect();
            let pick = match (exact.as_slice(), hits.as_slice()) {
                ([one], _) => Some((*one).clone()),
                (_, [one]) => Some(one.clone()),
                _ => None,
            };
            if let Some(hit) = pick {
                if short(&hit) != name {
                    diags.report(
                        Code::TypeCaseMismatch,
                        origin,
                        format!("`{name}` matches `{hit}` only when letter case is ignored"),
                    );
                }
                return Ok(hit);
            }
            return Err(format!("{ns}.{name}"));
        }
        Err(format!("{ns}.{name}"))
    }

    fn resolve_link(
        &self,
        name: &str,
        link: &str,
        ctx: &Ctx<'_>,
        origin: &Origin,
        diags: &mut Diagnostics,
    ) -> Option<String> {
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
            return Some(hit.clone());
        }
        if let Some(hit) = defs.iter().find(|d| short(d).eq_ignore_ascii_case(wanted)) {
            diags.report(
                Code::TypeCaseMismatch,
                origin,
                format!("`{name}` matches `{hit}` only when letter case is ignored"),
            );
            return Some(hit.clone());
        }
        // `[namedLocations](namedlocation.md)`: a plural of the one type the page defines.
        if let [only] = defs.as_slice()
            && wanted
                .to_ascii_lowercase()
                .strip_suffix('s')
                .is_some_and(|singular| singular.eq_ignore_ascii_case(short(only)))
        {
            diags.report(
                Code::TypeLinkPlural,
                origin,
                format!("`{name}` links to the page of `{only}`, its singular; read as `{only}`"),
            );
            return Some(only.clone());
        }
        let anchor = anchor.to_ascii_lowercase();
        let anchor = anchor.strip_suffix("-values").unwrap_or(&anchor);
        if !anchor.is_empty() {
            return defs
                .iter()
                .find(|d| short(d).to_ascii_lowercase() == anchor)
                .cloned();
        }
        None
    }
}
