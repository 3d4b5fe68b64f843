//! Path templates of the HTTP request section → their path parameters and the function
//! calls written in them (`/users/{id | userPrincipalName}/calendar/getSchedule`,
//! `…/range(address='{address}')`).

use heck::ToLowerCamelCase;
use serde::Serialize;

use crate::diagnostics::Origin;

/// One path template of an operation (an alternative addressing of it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathTemplate {
    pub path: String,
    pub parameters: Vec<PathParameter>,
    /// Function or action segments: `name(args)` anywhere, or the last segment when the
    /// page's file name names it (`calendar-getschedule.md` → `getSchedule`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<FunctionCall>,
    pub source: Origin,
}

/// A `{…}` or `<…>` placeholder of a path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathParameter {
    /// As written between the braces (`id | userPrincipalName`).
    pub written: String,
    /// A usable name: the written one in lowerCamelCase, or, when that is a generic `id`,
    /// one made from the segment before it (`/groups/{id}` → `groupId`).
    pub name: String,
}

/// A function call or action segment of a path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionCall {
    pub name: String,
    pub arguments: Vec<FunctionArgument>,
}

/// `address='{address}'`, `640` (positional): a function argument as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionArgument {
    pub name: Option<String>,
    pub value: String,
    /// The path parameter the value is, when it is a placeholder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

/// Parses a template's placeholders and function calls; `action` is the last word of
/// the page's file name when it can name an action (`getschedule`). `Err` says why the
/// template cannot be read.
pub fn parse_template(
    path: &str,
    action: Option<&str>,
    source: Origin,
) -> Result<PathTemplate, String> {
    let path_only = path.split('?').next().unwrap_or(path);
    let mut parameters: Vec<PathParameter> = Vec::new();
    let mut functions = Vec::new();
    let segments = split_segments(path_only)?;
    let mut previous = "";
    for (i, seg) in segments.iter().enumerate() {
        let (head, args) = match seg.find('(') {
            Some(open) if seg.ends_with(')') => (&seg[..open], Some(&seg[open + 1..seg.len() - 1])),
            Some(_) => {
                return Err(format!(
                    "segment `{seg}` opens a parenthesis it does not close"
                ));
            }
            None => (*seg, None),
        };
        for written in placeholders(head)? {
            let name = usable_name(&written, previous, &parameters);
            parameters.push(PathParameter { written, name });
        }
        let is_last = i + 1 == segments.len();
        if let Some(args) = args {
            let arguments = arguments(args, &mut parameters, head)?;
            functions.push(FunctionCall {
                name: head.to_string(),
                arguments,
            });
        } else if is_last
            && action.is_some_and(|a| a.eq_ignore_ascii_case(head.trim_end_matches('/')))
        {
            functions.push(FunctionCall {
                name: head.to_string(),
                arguments: Vec::new(),
            });
        }
        previous = head;
    }
    Ok(PathTemplate {
        path: path.to_string(),
        parameters,
        functions,
        source,
    })
}

/// Splits on `/` outside braces and parentheses (`{path and filename}`, `range(address='A1:B2')`).
fn split_segments(path: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let (mut depth_brace, mut depth_paren, mut start) = (0i32, 0i32, 0usize);
    for (i, c) in path.char_indices() {
        match c {
            '{' => depth_brace += 1,
            '}' => depth_brace -= 1,
            '(' => depth_paren += 1,
            ')' => depth_paren -= 1,
            '/' if depth_brace == 0 && depth_paren == 0 => {
                out.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        if depth_brace < 0 || depth_paren < 0 {
            return Err(format!("`{c}` at column {} closes nothing", i + 1));
        }
    }
    if depth_brace != 0 || depth_paren != 0 {
        return Err("a `{` or `(` is never closed".to_string());
    }
    out.push(&path[start..]);
    Ok(out.into_iter().filter(|s| !s.is_empty()).collect())
}

/// The `{…}` and `<…>` placeholders in a piece of path, as written (trimmed).
fn placeholders(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '<']) {
        let close_char = if rest[open..].starts_with('{') {
            '}'
        } else {
            '>'
        };
        let Some(len) = rest[open..].find(close_char) else {
            return Err(format!("`{}` is never closed", &rest[open..open + 1]));
        };
        let inner = rest[open + 1..open + len].trim();
        if inner.is_empty() {
            return Err("an empty placeholder".to_string());
        }
        out.push(inner.to_string());
        rest = &rest[open + len + 1..];
    }
    Ok(out)
}

/// `address='{address}',format=json` → arguments; placeholders become path parameters.
fn arguments(
    args: &str,
    parameters: &mut Vec<PathParameter>,
    function: &str,
) -> Result<Vec<FunctionArgument>, String> {
    let mut out = Vec::new();
    for arg in args.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        let (name, value) = match arg.split_once('=') {
            Some((n, v)) => (Some(n.trim().to_string()), v.trim()),
            None => (None, arg),
        };
        let written = placeholders(value)?;
        let parameter = match written.into_iter().next() {
            Some(w) => {
                let hint = name.as_deref().unwrap_or(function);
                let usable = usable_name(&w, hint, parameters);
                parameters.push(PathParameter {
                    written: w,
                    name: usable.clone(),
                });
                Some(usable)
            }
            None => None,
        };
        out.push(FunctionArgument {
            name,
            value: value.to_string(),
            parameter,
        });
    }
    Ok(out)
}

/// A usable parameter name, unique among `taken`.
fn usable_name(written: &str, previous: &str, taken: &[PathParameter]) -> String {
    let first = written.split('|').next().unwrap_or(written).trim();
    let generic = matches!(
        first.to_ascii_lowercase().as_str(),
        "id" | "id_value" | "id-value" | "key"
    );
    let base = if generic && !previous.is_empty() {
        let segment = previous
            .rsplit('.')
            .next()
            .unwrap_or(previous)
            .trim_start_matches('$')
            .trim_end_matches(':');
        format!("{}-id", singular(segment)).to_lower_camel_case()
    } else {
        first.to_lower_camel_case()
    };
    let base = if base.is_empty() {
        "param".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|p| p.name == name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// `users` → `user`, `policies` → `policy`; other words unchanged.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// The word of a page's file name that can name an action or function in its path:
/// the last one, unless the one before it says the page lists, gets, creates, updates or
/// deletes something (`group-list-members` names no action, `team-clone` does).
pub fn action_word(stem: &str) -> Option<&str> {
    let mut words = stem.rsplit('-');
    let last = words.next()?;
    let before = words.next()?;
    const VERBS: &[&str] = &[
        "list", "get", "post", "put", "create", "update", "delete", "add", "remove",
    ];
    (!VERBS.contains(&before) && !VERBS.contains(&last)).then_some(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn parse(path: &str, action: Option<&str>) -> Result<PathTemplate, String> {
        let file: Arc<str> = Arc::from("api/x.md");
        parse_template(path, action, Origin::new(&file, 1))
    }

    fn names(t: &PathTemplate) -> Vec<(&str, &str)> {
        t.parameters
            .iter()
            .map(|p| (p.written.as_str(), p.name.as_str()))
            .collect()
    }

    #[test]
    fn generic_ids_are_named_after_the_segment_before_them() {
        let t = parse("/users/{id | userPrincipalName}/messages/{id}", None).unwrap();
        assert_eq!(
            names(&t),
            [("id | userPrincipalName", "userId"), ("id", "messageId")]
        );
        let t = parse("/policies/{id}", None).unwrap();
        assert_eq!(names(&t), [("id", "policyId")]);
    }

    #[test]
    fn specific_names_are_kept_in_camel_case_and_made_unique() {
        let t = parse("/teams/{team-id}/channels/{channel_id}/{team-id}", None).unwrap();
        assert_eq!(
            names(&t),
            [
                ("team-id", "teamId"),
                ("channel_id", "channelId"),
                ("team-id", "teamId2")
            ]
        );
        let t = parse("/drive/root:/{path and filename}:/content", None).unwrap();
        assert_eq!(names(&t), [("path and filename", "pathAndFilename")]);
    }

    #[test]
    fn function_calls_give_their_arguments_and_parameters() {
        let t = parse(
            "/workbook/worksheets/{id|name}/range(address='{address}')",
            None,
        )
        .unwrap();
        assert_eq!(
            names(&t),
            [("id|name", "worksheetId"), ("address", "address")]
        );
        assert_eq!(t.functions[0].name, "range");
        assert_eq!(
            t.functions[0].arguments,
            [FunctionArgument {
                name: Some("address".into()),
                value: "'{address}'".into(),
                parameter: Some("address".into()),
            }]
        );
        let t = parse("/charts/{id}/image(width=640,height=480)", None).unwrap();
        assert_eq!(t.functions[0].arguments.len(), 2);
        assert_eq!(t.functions[0].arguments[1].parameter, None);
        let t = parse("/reports/x()", None).unwrap();
        assert!(t.functions[0].arguments.is_empty());
    }

    #[test]
    fn the_page_name_marks_a_bare_last_segment_as_an_action() {
        let t = parse(
            "/me/calendar/getSchedule",
            action_word("calendar-getschedule"),
        )
        .unwrap();
        assert_eq!(t.functions[0].name, "getSchedule");
        let t = parse("/groups/{id}/members", action_word("group-list-members")).unwrap();
        assert!(t.functions.is_empty());
        assert_eq!(action_word("user-delta"), Some("delta"));
        assert_eq!(action_word("group-list-members"), None);
        assert_eq!(action_word("user-get"), None);
        assert_eq!(action_word("driveitem-put-content"), None);
    }

    #[test]
    fn malformed_templates_are_errors() {
        assert!(parse("/users/{id/messages", None).is_err());
        assert!(parse("/users/{}/messages", None).is_err());
        assert!(parse("/range(address='A1'", None).is_err());
        assert!(parse("/users/id}/x", None).is_err());
    }

    #[test]
    fn query_strings_are_not_part_of_the_path() {
        let t = parse("/security/alerts?$filter={property} eq '{value}'", None).unwrap();
        assert!(t.parameters.is_empty());
    }
}
