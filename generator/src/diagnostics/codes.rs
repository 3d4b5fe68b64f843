//! The stable diagnostic codes. A code never changes meaning once released; new
//! problems get new codes. README's code table is checked against this list.

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something the docs say that we could not use; output is missing or degraded.
    Error,
    /// A defect in the docs that we worked around; the output still says what the docs mean.
    Warning,
    /// Worth knowing, nothing lost.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $meaning:literal;)*) => {
        /// Every kind of defect the generator reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// All codes, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable code written in reports and README.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The default severity.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the code means.
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)* }
            }
        }
    };
}

codes! {
    ReadFailed = "G0001", Error, "the file could not be read or is not UTF-8 text";
    EmptyPage = "G0002", Warning, "the page is empty";
    FrontmatterMissing = "G0101", Warning, "the page has no YAML frontmatter block";
    FrontmatterInvalid = "G0102", Error, "the YAML frontmatter does not parse; its fields are ignored";
    DocTypeUnknown = "G0103", Warning, "`doc_type` is missing or not one of the known page types";
    PlaceholderText = "G0104", Note, "a placeholder (TODO, \"Not yet documented\", …) was dropped instead of becoming documentation";
    NamespaceMissing = "G0201", Warning, "the page has no `Namespace:` line; the namespace was taken from elsewhere";
    NamespaceMalformed = "G0202", Warning, "the `Namespace:` line is malformed or repeated";
    NamespaceMismatch = "G0203", Warning, "two places put the same type in different namespaces";
    AnnotationLenient = "G0301", Warning, "an annotation is not strict JSON but was read leniently";
    AnnotationInvalid = "G0302", Error, "an annotation's JSON cannot be read; the block it describes is skipped";
    AnnotationUnattached = "G0303", Warning, "an annotation is not followed by a code fence, so nothing reads it";
    AnnotationUnknownBlockType = "G0304", Warning, "an annotation has a missing or unknown `blockType`";
    AnnotationNoType = "G0305", Warning, "a resource annotation has no `@odata.type`";
    ResourceAnnotationMissing = "G0306", Warning, "a resource page has no resource annotation; the type name was taken from the title";
    ResourcePageEmpty = "G0307", Warning, "a resource page has neither a resource annotation nor a property table, so it defines no type";
    FenceUnclosed = "G0401", Error, "a code fence is never closed and swallows the rest of the page";
    CommentUnclosed = "G0402", Error, "an HTML comment is never closed and hides the rest of the page";
    JsonLenient = "G0403", Warning, "a JSON example is not strict JSON but was read leniently";
    JsonInvalid = "G0404", Warning, "a JSON example cannot be read as JSON";
    HttpInvalid = "G0405", Warning, "an HTTP request or response block is malformed (request line, status line)";
    RequestUrlInvalid = "G0406", Warning, "a request URL is a stub, points outside Graph or has a bad version segment";
    ResponseUnpaired = "G0407", Warning, "a response example has no request before it, or a request has no response";
    LinkBroken = "G0409", Warning, "a relative link points to a page that is not in the docs tree (`graph-docs check` only)";
    AnchorBroken = "G0410", Warning, "a link's `#anchor` matches no heading of its page (`graph-docs check` only)";
    InvisibleCharacter = "G0408", Note, "an invisible character (NBSP, U+202F, zero-width space) was read as a space";
    TableRagged = "G0501", Warning, "a table row has more or fewer cells than its header";
    TableNotRendered = "G0502", Warning, "pipe-table text that markdown does not render as a table (delimiter row mismatch)";
    TableUnknownHeading = "G0503", Warning, "a property-like table sits under a heading we do not recognise, so it is not used";
    TableEmpty = "G0504", Note, "a table has a header but no rows";
    TableNoNameColumn = "G0505", Warning, "a property or enum table has no recognisable name column";
    TypeCellNormalized = "G0601", Note, "an unusual Type cell was mapped to a type (its meaning is clear)";
    TypeCellUnparsed = "G0602", Warning, "a Type cell cannot be read as a type; the property is typed as untyped JSON";
    TypeUnknown = "G0603", Error, "a type is referenced but defined nowhere; the property is typed as untyped JSON";
    TypeCaseMismatch = "G0604", Note, "a type name or link resolved only when letter case is ignored";
    TypeLinkPlural = "G0605", Note, "a link's text is the plural of the one type its page defines; that type is used";
    PropertyDuplicate = "G0701", Warning, "a property is listed twice for the same type";
    PropertyConflict = "G0702", Warning, "two places disagree on a property's type or collection flag; the higher-precedence one wins";
    PropertyJsonOnly = "G0703", Warning, "a property appears in the JSON representation but in no table";
    PropertyNameCleaned = "G0704", Note, "a property name had markup or a suffix such as `(deprecated)` that was removed";
    PropertyNameInvalid = "G0705", Warning, "a property name cannot be a JSON member name (path, link or empty); the row is skipped";
    PropertyApiOnly = "G0706", Warning, "a request body table lists a member that the type's resource page does not; it is not added to the type";
    BaseConflict = "G0801", Warning, "two places disagree on a type's base type";
    BaseUnknown = "G0802", Error, "a base type is defined nowhere";
    InheritanceCycle = "G0803", Error, "base types form a cycle; the cycle is broken at the reported type";
    KindConflict = "G0804", Warning, "a name is defined both as an enum and as a structured type";
    KeyMissing = "G0805", Warning, "`keyProperty` names a property the type does not have";
    RepeatedBaseRows = "G0806", Note, "a type states no base but repeats every property of a base type of its family; the page should say whether it derives from it (no base is taken)";
    TableDelimiterTabs = "G0506", Note, "a table's delimiter row has tab characters, which markdown does not accept there; they were read as spaces";
    EnumMembersDiffer = "G0901", Warning, "the same enum is listed with different members in different places; the members are merged";
    EnumNameSynthesized = "G0902", Warning, "a property's possible values have no enum name; one was made from the type and property names";
    EnumValueInvalid = "G0903", Warning, "an enum member's value is not an integer";
    EnumMemberDuplicate = "G0904", Warning, "an enum lists the same member twice";
    EnumTableOfStringValues = "G0905", Note, "a values table belongs to a property whose Type cell says String; it defines no enum type";
    RustNameCollision = "G1001", Note, "two names map to the same Rust identifier; one was renamed deterministically";
    NameInvalid = "G1002", Warning, "a type or namespace name is not a qualified name of ASCII identifiers (a hyphen, no namespace, non-ASCII, over 100 characters a segment); what it names is skipped";
    ExampleRoundTripFailed = "G1101", Warning, "a JSON example does not survive deserialize → serialize through its generated type";
    ExampleTypeUnknown = "G1102", Note, "a JSON example names a type that is not in the schema, so it cannot be checked";
    ExampleMemberKeptRaw = "G1103", Note, "a member of a JSON example does not fit its documented type; tolerant reading keeps it raw (the docs' table or example is wrong)";
    OperationExampleFailed = "G1104", Warning, "a request/response example pair does not reproduce through its operation's request type (method, path, query, body) or its response does not decode into the typed output and round-trip";
    ExampleQueryUndocumented = "G1105", Note, "a request example uses a query parameter the page does not document for its operation";
    OperationNameCollision = "G1201", Note, "two operations of one namespace would have the same name; the later one got a deterministic suffix";
    PathTemplateInvalid = "G1202", Warning, "a path template's parameter or function call is malformed (unbalanced braces or parentheses, empty name); its parameters are not read";
    PermissionsUnread = "G1203", Warning, "an operation's permissions are missing or cannot be read (no table, unknown table shape, placeholder scopes); they are left unknown";
    IncludeMissing = "G1204", Warning, "an `[!INCLUDE]` names a file the docs tree does not have; what it holds is unknown";
    QueryOptionsUnread = "G1205", Warning, "a query parameters section says nothing readable about the OData options the operation supports; they are left unknown";
    RequestHeaderUnread = "G1206", Warning, "a request header row cannot be read (no header name, or a row that is not a header); it is skipped";
}
