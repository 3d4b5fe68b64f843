//! The intermediate schema: what the whole docs tree defines, one definition per
//! qualified name, each fact with the places it came from. Serialized as the `--schema` JSON.

use serde::Serialize;

use crate::diagnostics::Origin;
pub use crate::facts::{
    ExampleMessage, ExampleRequest, ExampleResponse, FunctionArgument, FunctionCall,
    OperationExample, PathParameter, PathTemplate, Permission, PermissionSet, RequestHeader,
    Requirement, Support,
};

#[derive(Clone, Debug, Default, Serialize)]
pub struct Schema {
    pub types: Vec<TypeDef>,
    pub enums: Vec<EnumDef>,
    pub operations: Vec<Operation>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Has or inherits a key.
    Entity,
    Complex,
}

#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    pub namespace: String,
    pub name: String,
    pub kind: Kind,
    /// Fully qualified base type.
    pub base: Option<String>,
    /// Which form of the docs gave `base`, and where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_from: Option<BaseFrom>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    pub open: bool,
    /// The key property, own or inherited.
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The docs' workload (`ms.prod`) of the page that defines the type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Own properties; inherited ones are reached through `base`.
    pub properties: Vec<Property>,
    pub sources: Vec<Origin>,
}

/// The statement a base type comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseFrom {
    pub form: BaseForm,
    pub source: Origin,
}

/// The forms of the docs that give a type its base, highest precedence first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseForm {
    /// The resource annotation's `baseType`.
    Annotation,
    /// The type's page: "Inherits from [x]", "is derived from the [x]", "A subclass of
    /// [x]", "is a type of [x]", or the same with a bare camelCase name.
    Prose,
    /// "Inherited from [x]" notes in the type's property rows.
    InheritedFromRow,
    /// A row of the `## Derived types` table on the base's page.
    DerivedTypesTable,
    /// "is the base type for [x]" on the base's page.
    BaseTypeForProse,
    /// Nothing stated on an entity type (key `id`): Graph's convention, `microsoft.graph.entity`.
    ImplicitEntity,
}

impl BaseForm {
    /// The name in the schema JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BaseForm::Annotation => "annotation",
            BaseForm::Prose => "prose",
            BaseForm::InheritedFromRow => "inherited_from_row",
            BaseForm::DerivedTypesTable => "derived_types_table",
            BaseForm::BaseTypeForProse => "base_type_for_prose",
            BaseForm::ImplicitEntity => "implicit_entity",
        }
    }
}

impl TypeDef {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Property {
    pub name: String,
    /// Fully qualified type or Edm primitive name.
    #[serde(rename = "type")]
    pub ty: String,
    pub collection: bool,
    pub navigation: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// "Possible values are …" on a property that is not typed as an enum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_values: Vec<String>,
    pub sources: Vec<Origin>,
    /// Where diagnostics about the property point, when not at `sources[0]` (a JSON
    /// member's own line; the sources name the representation).
    #[serde(skip)]
    pub at: Option<Origin>,
    /// Known only from a JSON representation, not from any table.
    #[serde(skip)]
    pub from_example: bool,
    /// Known only from an API page's request body table, on a type that has a resource
    /// page (dropped once inheritance is known unless an ancestor declares it).
    #[serde(skip)]
    pub api_only: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumDef {
    pub namespace: String,
    pub name: String,
    /// The docs' workload (`ms.prod`) of the page that defines the enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub flags: bool,
    pub members: Vec<Member>,
    pub sources: Vec<Origin>,
}

impl EnumDef {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub name: String,
    /// The numeric value the docs give, if any (member-only lists give none).
    pub value: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// The page's file stem (`group-list-members`), unique per namespace: a second
    /// operation of that name gets `-<method>` (then `-2`, `-3`, …), with G1201.
    pub name: String,
    /// The namespace of the page that documents the operation.
    pub namespace: String,
    /// The docs' workload (`ms.prod`) of the page: the cargo feature of its request type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub method: String,
    pub paths: Vec<String>,
    /// The same paths with their parameters and function calls, each with its line.
    pub templates: Vec<PathTemplate>,
    pub request: Option<String>,
    pub response: Option<Response>,
    /// Parameters of actions and functions (Request body and Parameters tables not
    /// describing a type).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// What the query parameters section says; `null` when the page has none (unknown).
    pub query: Option<QueryOptions>,
    /// The Request headers (and Optional request headers) tables.
    pub headers: Vec<RequestHeader>,
    /// The permissions tables (on the page or in the file its `[!INCLUDE]` shows);
    /// `null` when the page documents none that could be read.
    pub permissions: Option<Vec<PermissionSet>>,
    pub sources: Vec<Origin>,
    /// The page's request/response example pairs (as written), for exercising the
    /// typed request (`xtask corpus`); not part of the schema JSON.
    #[serde(skip)]
    pub examples: Vec<OperationExample>,
}

/// The OData query options an operation supports, and its own query parameters.
#[derive(Clone, Debug, Serialize)]
pub struct QueryOptions {
    pub support: Support,
    /// Options named as supported (`$select`), lower-cased.
    pub supported: Vec<String>,
    /// Options named as not supported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_supported: Vec<String>,
    /// Operation-specific parameters (`startDateTime`), typed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    pub source: Origin,
}

#[derive(Clone, Debug, Serialize)]
pub struct Response {
    pub status: Option<u16>,
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub collection: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub collection: bool,
    pub source: Origin,
}
