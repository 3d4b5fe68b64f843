//! What a base type's own page says of the types derived from it: a `## Derived types`
//! table (`participantjoiningresponse.md`) and "is the base type for [room](room.md)"
//! prose. The schema stage turns each claim into a base candidate of the named type.

use crate::page::{Link, Located, Page, Table, TableKind};

use super::prose;
use super::type_cell::is_type_name;

/// A type the page names as derived from its own type.
#[derive(Debug, Clone)]
pub struct DerivedClaim {
    /// The derived type's link (or bare name, with an empty destination) and its line.
    pub link: Located<Link>,
    pub form: DerivedForm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DerivedForm {
    /// A row of a `## Derived types` table.
    Table,
    /// "is the base type for [x](x.md)" in the paragraphs above the first section.
    Prose,
}

/// The claims of a `## Derived types` table: each row's first cell, its link or a bare
/// type name.
pub fn table_claims(table: &Table) -> Vec<DerivedClaim> {
    debug_assert_eq!(table.kind, TableKind::DerivedTypes);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let cell = row.cells.first()?;
            let link = cell.links.first().cloned().or_else(|| {
                let name = cell.text.trim().trim_matches('`');
                is_type_name(name).then(|| Link {
                    text: name.to_string(),
                    dest: String::new(),
                })
            })?;
            Some(DerivedClaim {
                link: Located {
                    value: link,
                    origin: row.origin.clone(),
                },
                form: DerivedForm::Table,
            })
        })
        .collect()
}

/// The claims of the intro's "base type for [x](x.md) and [y](y.md)" sentences.
pub fn prose_claims(page: &Page) -> Vec<DerivedClaim> {
    page.intro
        .iter()
        .flat_map(|p| {
            prose::derived_links(&p.text, &p.links)
                .into_iter()
                .map(|link| DerivedClaim {
                    link: Located {
                        value: link,
                        origin: p.origin.clone(),
                    },
                    form: DerivedForm::Prose,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostics::Origin;
    use crate::page::{Cell, Row};

    fn row(line: u32, first: Cell) -> Row {
        Row {
            origin: Origin::new(&Arc::from("resources/base.md"), line),
            cells: vec![first, Cell::default()],
        }
    }

    #[test]
    fn table_rows_name_derived_types_by_link_or_bare_name() {
        let linked = Cell {
            text: "acceptJoinResponse".into(),
            links: vec![Link {
                text: "acceptJoinResponse".into(),
                dest: "./acceptjoinresponse.md".into(),
            }],
            ..Cell::default()
        };
        let bare = Cell {
            text: "`rejectJoinResponse`".into(),
            ..Cell::default()
        };
        let prose = Cell {
            text: "see below".into(),
            ..Cell::default()
        };
        let table = Table {
            origin: Origin::new(&Arc::from("resources/base.md"), 10),
            kind: TableKind::DerivedTypes,
            headings: vec!["Derived types".into()],
            columns: vec!["Type".into(), "Description".into()],
            rows: vec![row(12, linked), row(13, bare), row(14, prose)],
        };
        let claims = table_claims(&table);
        let names: Vec<(&str, &str, u32)> = claims
            .iter()
            .map(|c| {
                (
                    c.link.value.text.as_str(),
                    c.link.value.dest.as_str(),
                    c.link.origin.line,
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("acceptJoinResponse", "./acceptjoinresponse.md", 12),
                ("rejectJoinResponse", "", 13)
            ],
            "a cell that is no type name makes no claim"
        );
        assert!(claims.iter().all(|c| c.form == DerivedForm::Table));
    }
}
