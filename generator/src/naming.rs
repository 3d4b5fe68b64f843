//! Every naming rule in one place: Graph wire names → Rust identifiers.
//! Case conversion is heck's; what heck cannot know (keywords, `@odata.type`, dashes,
//! leading digits, collisions) is handled here and pinned by the table tests below.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be raw identifiers (`r#type`).
const RAW_OK: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The struct field that keeps JSON members the docs do not list.
pub const ADDITIONAL_PROPERTIES: &str = "additional_properties";

/// The catch-all variant of every enum, holding values the docs do not list.
pub const ENUM_CATCH_ALL: &str = "Unrecognized";

/// Replaces everything that is not an identifier character by `_`, keeping word breaks.
fn sanitize(name: &str) -> String {
    let trimmed = name.trim().trim_start_matches(['@', '$']);
    trimmed
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn fix_leading_digit(ident: String, prefix: &str) -> String {
    if ident.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("{prefix}{ident}")
    } else if ident.is_empty() {
        format!("{prefix}empty")
    } else {
        ident
    }
}

fn keyword_safe(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RAW_OK.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `displayName` → `display_name`, `@odata.type` → `odata_type`, `type` → `r#type`.
pub fn field_ident(wire: &str) -> String {
    let snake = sanitize(wire).to_snake_case();
    keyword_safe(fix_leading_digit(snake, "x"))
}

/// `connectionOperation` → `ConnectionOperation`.
pub fn type_ident(name: &str) -> String {
    let camel = sanitize(name).to_upper_camel_case();
    keyword_safe(fix_leading_digit(camel, "T"))
}

/// `unknownFutureValue` → `UnknownFutureValue`, `JIS B4` → `JisB4`, `2g` → `V2g`.
pub fn variant_ident(member: &str) -> String {
    let camel = sanitize(member).to_upper_camel_case();
    keyword_safe(fix_leading_digit(camel, "V"))
}

/// Modules the emitter writes itself, beside namespace modules: a namespace segment of
/// that name, or one that looks like an area file (`area_users`), gets a trailing `_`.
const RESERVED_MODULES: &[&str] = &["support", "operation", "operations", "client", "registry"];

/// `microsoft.graph` → `["graph"]`, `microsoft.graph.callRecords` → `["graph", "call_records"]`.
/// A keyword gets a trailing `_`, never `r#`: a module is also a file, and `mod r#type;`
/// would be looked for in `type.rs`.
pub fn module_path(namespace: &str) -> Vec<String> {
    let rest = namespace.strip_prefix("microsoft.").unwrap_or(namespace);
    let mut path: Vec<String> = Vec::new();
    for seg in rest.split('.').filter(|s| !s.is_empty()) {
        let ident = fix_leading_digit(sanitize(seg).to_snake_case(), "ns");
        // `graph::entity::entity` is clippy's module_inception.
        let reserved = RAW_OK.contains(&ident.as_str())
            || NOT_RAW.contains(&ident.as_str())
            || RESERVED_MODULES.contains(&ident.as_str())
            || ident.starts_with("area_")
            || path.last() == Some(&ident);
        path.push(if reserved { format!("{ident}_") } else { ident });
    }
    path
}

/// A field's member constant: `display_name` → `DISPLAY_NAME`, `r#type` → `TYPE`
/// (unique as the field identifiers are: they are lower-case).
pub fn member_const_ident(field: &str) -> String {
    unraw(field).to_ascii_uppercase()
}

/// The identifier without a raw prefix, as serde sees it for renames.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out unique identifiers within one scope (a struct's fields, an enum's variants,
/// a module's items). Claims are made in a deterministic order by the caller; the first
/// claim keeps the plain identifier and later ones get a number: `_2` (snake_case) or
/// `2` (CamelCase).
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeMap<String, usize>,
    /// `_` between an identifier and its number for snake_case scopes; none for CamelCase.
    separator: &'static str,
}

impl Scope {
    /// A scope of snake_case identifiers (fields): `web_url_2`.
    pub fn new() -> Self {
        Scope {
            taken: BTreeMap::new(),
            separator: "_",
        }
    }

    /// A scope of CamelCase identifiers (types, variants): `Completed2`.
    pub fn camel() -> Self {
        Scope {
            taken: BTreeMap::new(),
            separator: "",
        }
    }

    /// Reserves an identifier that generated code uses itself.
    pub fn reserve(&mut self, ident: &str) {
        self.taken.insert(ident.to_string(), 1);
    }

    /// Returns `ident`, or a suffixed variant if it is taken, and whether it was renamed.
    pub fn claim(&mut self, ident: String) -> (String, bool) {
        let key = unraw(&ident).to_string();
        match self.taken.get(&key).copied() {
            None => {
                self.taken.insert(key, 1);
                (ident, false)
            }
            Some(_) => {
                // `Self_` + 2 is `Self2` in a CamelCase scope: `Self_2` is not CamelCase.
                let stem = match self.separator {
                    "" => unraw(&ident).trim_end_matches('_'),
                    _ => unraw(&ident),
                };
                let mut n = 2;
                loop {
                    let candidate = format!("{stem}{}{n}", self.separator);
                    if !self.taken.contains_key(&candidate) {
                        self.taken.insert(candidate.clone(), 1);
                        self.taken.insert(key, n);
                        return (candidate, true);
                    }
                    n += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_constants_are_the_field_in_upper_case() {
        assert_eq!(member_const_ident("display_name"), "DISPLAY_NAME");
        assert_eq!(member_const_ident("r#type"), "TYPE");
    }

    #[test]
    fn fields() {
        let table = [
            ("displayName", "display_name"),
            ("id", "id"),
            ("type", "r#type"),
            ("self", "self_"),
            ("move", "r#move"),
            ("use", "r#use"),
            ("loop", "r#loop"),
            ("final", "r#final"),
            ("@odata.type", "odata_type"),
            ("@odata.etag", "odata_etag"),
            ("site@odata.bind", "site_odata_bind"),
            ("connection-id", "connection_id"),
            ("3dModel", "x3d_model"),
            ("Version", "version"),
            ("ToRecipients", "to_recipients"),
            ("webURL", "web_url"),
            ("oauth2PermissionGrants", "oauth2_permission_grants"),
            ("$deltatoken", "deltatoken"),
            ("", "xempty"),
        ];
        for (wire, ident) in table {
            assert_eq!(field_ident(wire), ident, "{wire}");
        }
    }

    #[test]
    fn types_and_variants() {
        let types = [
            ("connectionOperation", "ConnectionOperation"),
            ("iosVppApp", "IosVppApp"),
            ("self", "Self_"),
            ("result", "Result"),
            ("3dThing", "T3dThing"),
        ];
        for (wire, ident) in types {
            assert_eq!(type_ident(wire), ident, "{wire}");
        }
        let variants = [
            ("unknownFutureValue", "UnknownFutureValue"),
            ("JIS B4", "JisB4"),
            ("North America 5x7in", "NorthAmerica5x7in"),
            ("AzureADMyOrg", "AzureAdMyOrg"),
            ("self", "Self_"),
            ("none", "None"),
            ("2g", "V2g"),
            ("inprogress", "Inprogress"),
        ];
        for (wire, ident) in variants {
            assert_eq!(variant_ident(wire), ident, "{wire}");
        }
    }

    #[test]
    fn modules() {
        assert_eq!(module_path("microsoft.graph"), ["graph"]);
        assert_eq!(
            module_path("microsoft.graph.callRecords"),
            ["graph", "call_records"]
        );
        assert_eq!(
            module_path("microsoft.graph.externalConnectors"),
            ["graph", "external_connectors"]
        );
        // Keywords and the emitter's own modules (found by `corpus --mutate`).
        assert_eq!(module_path("microsoft.graph.type"), ["graph", "type_"]);
        assert_eq!(module_path("microsoft.graph.self"), ["graph", "self_"]);
        assert_eq!(module_path("microsoft.support"), ["support_"]);
        assert_eq!(
            module_path("microsoft.graph.operations"),
            ["graph", "operations_"]
        );
        assert_eq!(
            module_path("microsoft.graph.area_users"),
            ["graph", "area_users_"]
        );
        assert_eq!(
            module_path("microsoft.graph.entity.entity"),
            ["graph", "entity", "entity_"]
        );
    }

    #[test]
    fn camel_collisions_of_keyword_names_stay_camel_case() {
        let mut scope = Scope::camel();
        assert_eq!(scope.claim(type_ident("self")), ("Self_".into(), false));
        assert_eq!(scope.claim(type_ident("Self")), ("Self2".into(), true));
    }

    #[test]
    fn collisions_are_suffixed_in_claim_order() {
        let mut scope = Scope::new();
        scope.reserve(ADDITIONAL_PROPERTIES);
        assert_eq!(scope.claim("web_url".into()), ("web_url".into(), false));
        assert_eq!(scope.claim("web_url".into()), ("web_url_2".into(), true));
        assert_eq!(scope.claim("r#type".into()), ("r#type".into(), false));
        assert_eq!(
            scope.claim("additional_properties".into()),
            ("additional_properties_2".into(), true)
        );
    }
}
