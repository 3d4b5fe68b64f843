//! Where `Box` is needed: a struct that contains itself through non-collection fields
//! (directly or through other structs) has infinite size. Fields whose target is in the
//! same strongly connected component as their owner are boxed; `Vec` already indirects.

use std::collections::BTreeSet;

use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;

use super::names::Field;

/// `fields[i]` lists the non-collection struct-typed fields of struct `i` as
/// `(field index, target struct)`. Returns the (struct, field index) pairs to box.
pub fn boxed_fields(
    structs: &[(String, Vec<Field<'_>>)],
    is_struct: impl Fn(&str) -> bool,
) -> BTreeSet<(String, usize)> {
    let mut graph: DiGraphMap<&str, ()> = DiGraphMap::new();
    for (owner, fields) in structs {
        graph.add_node(owner.as_str());
        for f in fields {
            let ty = f.property.ty.as_str();
            if !f.property.collection && is_struct(ty) {
                graph.add_edge(owner.as_str(), ty, ());
            }
        }
    }
    let mut component = std::collections::HashMap::new();
    for (i, scc) in tarjan_scc(&graph).into_iter().enumerate() {
        for n in scc {
            component.insert(n, i);
        }
    }
    let mut out = BTreeSet::new();
    for (owner, fields) in structs {
        for (i, f) in fields.iter().enumerate() {
            let ty = f.property.ty.as_str();
            if f.property.collection || !is_struct(ty) {
                continue;
            }
            let same = ty == owner
                || component
                    .get(owner.as_str())
                    .is_some_and(|c| component.get(ty) == Some(c));
            if same {
                out.insert((owner.clone(), i));
            }
        }
    }
    out
}
