//! Wire formats the generated types share: base64 binary, ISO 8601 durations, flags
//! sets, the impls behind every forward-compatible enum, polymorphic values read by
//! `@odata.type`, and tolerant reading.
//!
//! # Tolerant reading
//!
//! The docs are wrong in a few places (a `string collection` the service sends as a
//! string). A documented member whose JSON does not fit its type does not fail the
//! object: its typed field stays `None` and the member is kept, under its own name, in
//! `additional_properties`, so it serializes back unchanged. [`untyped_members`] (and
//! `registry::untyped_paths`) list such members and unknown ones by JSON path.
//! [`strict`] / [`from_value_strict`] / [`from_str_strict`] restore strict reading, where
//! such a member fails the whole value (for tests and users who want it).

/// `Edm.Binary`: bytes, base64-encoded on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub ::std::vec::Vec<u8>);

impl ::serde::Serialize for Base64 {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        use ::base64::Engine as _;
        serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> ::serde::Deserialize<'de> for Base64 {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        use ::base64::Engine as _;
        let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
        ::base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .or_else(|_| ::base64::engine::general_purpose::URL_SAFE.decode(text.trim()))
            .map(Base64)
            .map_err(::serde::de::Error::custom)
    }
}

/// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`, possibly negative
/// (`-PT17S`, as OData allows).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Duration {
    pub negative: bool,
    pub value: ::iso8601_duration::Duration,
}

impl ::core::fmt::Display for Duration {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        let d = &self.value;
        if self.negative {
            f.write_str("-")?;
        }
        // The crate writes a zero duration as a bare `P`, which is not ISO 8601.
        if [d.year, d.month, d.day, d.hour, d.minute, d.second]
            .iter()
            .all(|v| *v == 0.0)
        {
            return f.write_str("PT0S");
        }
        ::core::fmt::Display::fmt(d, f)
    }
}

impl ::core::str::FromStr for Duration {
    type Err = ::iso8601_duration::ParseDurationError;
    fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
        let (negative, rest) = match text.strip_prefix('-') {
            ::core::option::Option::Some(rest) => (true, rest),
            ::core::option::Option::None => (false, text),
        };
        rest.parse().map(|value| Duration { negative, value })
    }
}

impl ::serde::Serialize for Duration {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for Duration {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(|e| {
            ::serde::de::Error::custom(::std::format!("not an ISO 8601 duration: {e:?}"))
        })
    }
}

/// A value the docs do not list, held by a string enum's `Unrecognized` variant. It is
/// built only by reading a string through the enum (`From<&str>`, `FromStr`, serde), which
/// turns every listed name into its own variant first: `Unrecognized` never holds a known
/// name, so `==`, `Hash` and `match` agree on every value however it was built.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(::std::boxed::Box<str>);

impl UnknownValue {
    // Only `string_enum_impls!` calls this, after matching the listed names; a crate may
    // have no enums.
    #[allow(dead_code)]
    pub(crate) fn new(value: &str) -> Self {
        UnknownValue(value.into())
    }

    /// The value as the service wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ::core::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The value of a flags enum (`"apps,tabs"`): a set of members, comma-separated on the
/// wire. Members the docs do not list stay as `Unrecognized`, and the order read is the
/// order written, so a value reads and writes unchanged; `==` ignores order.
#[derive(Clone, Debug)]
pub struct Flags<E>(::std::vec::Vec<E>);

impl<E> ::core::default::Default for Flags<E> {
    fn default() -> Self {
        Flags(::std::vec::Vec::new())
    }
}

impl<E: ::core::cmp::PartialEq> Flags<E> {
    /// No member set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `member` is set.
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }

    /// Sets `member`; `false` if it was already set.
    pub fn insert(&mut self, member: E) -> bool {
        if self.contains(&member) {
            return false;
        }
        self.0.push(member);
        true
    }

    /// Clears `member`; `false` if it was not set.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.0.len();
        self.0.retain(|m| m != member);
        self.0.len() != before
    }

    /// The members set, in the order read or inserted.
    pub fn iter(&self) -> ::core::slice::Iter<'_, E> {
        self.0.iter()
    }

    /// How many members are set.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no member is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<E: ::core::cmp::PartialEq> ::core::cmp::PartialEq for Flags<E> {
    fn eq(&self, other: &Self) -> bool {
        self.0.iter().all(|m| other.contains(m)) && other.0.iter().all(|m| self.contains(m))
    }
}

impl<E: ::core::cmp::PartialEq> ::core::iter::FromIterator<E> for Flags<E> {
    fn from_iter<I: ::core::iter::IntoIterator<Item = E>>(members: I) -> Self {
        let mut flags = Flags::new();
        for member in members {
            flags.insert(member);
        }
        flags
    }
}

impl<'a, E> ::core::iter::IntoIterator for &'a Flags<E> {
    type Item = &'a E;
    type IntoIter = ::core::slice::Iter<'a, E>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<E: for<'a> ::core::convert::From<&'a str> + ::core::cmp::PartialEq> ::core::str::FromStr
    for Flags<E>
{
    type Err = ::core::convert::Infallible;
    fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
        ::core::result::Result::Ok(
            text.split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(E::from)
                .collect(),
        )
    }
}

impl<E: ::core::fmt::Display> ::core::fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        for (i, member) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            ::core::fmt::Display::fmt(member, f)?;
        }
        ::core::result::Result::Ok(())
    }
}

impl<E: ::core::fmt::Display> ::serde::Serialize for Flags<E> {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: for<'a> ::core::convert::From<&'a str> + ::core::cmp::PartialEq>
    ::serde::Deserialize<'de> for Flags<E>
{
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
        let ::core::result::Result::Ok(flags) = text.parse();
        ::core::result::Result::Ok(flags)
    }
}

/// `as_str`, `From<&str>`, `FromStr`, `Display` and serde for a string enum whose last
/// variant, `Unrecognized(UnknownValue)`, keeps values the docs do not list.
// The non-generic methods here and in `struct_serde!` are `#[inline]`, so that they are
// compiled in the crates that call them: otherwise a debug build of this crate compiles
// every one of them (thousands), with the drop glue of every type they touch.
// A feature may have no enums.
#[allow(unused_macros)]
macro_rules! string_enum_impls {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value as Graph writes it.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unrecognized(other) => other.as_str(),
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unrecognized(crate::support::UnknownValue::new(other)),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::core::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum_impls;

/// `Serialize` and `Deserialize` for a generated struct: each documented member by its
/// JSON name, every other member in `additional_properties`. Written here rather than
/// derived because serde's derive made up two thirds of this crate's check time; this
/// expands to one `match` per struct, and the loops live in [`read_members`].
// A feature may have no structs.
#[allow(unused_macros)]
macro_rules! struct_serde {
    ($name:ident { $($(#[$gate:meta])* $field:ident = $wire:literal),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                crate::support::write_struct(self, ::core::option::Option::None, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_map(crate::support::read_members::<Self>())
            }
        }

        impl ::core::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                crate::support::debug_members(self, f)
            }
        }

        impl crate::support::Members for $name {
            const NAME: &'static str = ::core::stringify!($name);

            #[inline]
            fn member_slot(
                &mut self,
                key: &str,
            ) -> ::core::option::Option<&mut dyn crate::support::Slot> {
                match key {
                    $($(#[$gate])* $wire => ::core::option::Option::Some(&mut self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }

            #[inline]
            fn additional_properties(
                &mut self,
            ) -> &mut ::serde_json::Map<::std::string::String, ::serde_json::Value> {
                &mut self.additional_properties
            }

            fn write_members<M: ::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
                tag: ::core::option::Option<&'static str>,
            ) -> ::core::result::Result<(), M::Error> {
                // A struct with no documented member writes nothing to `out`.
                #[allow(unused_mut)]
                let mut out = crate::support::MemberWriter::start(map, tag, &self.additional_properties);
                $($(#[$gate])* crate::support::write_member(&mut out, $wire, &self.$field);)*
                out.finish(&self.additional_properties)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use struct_serde;

/// A generated struct, read member by member (see `struct_serde!`).
#[doc(hidden)]
pub trait Members: ::core::default::Default {
    const NAME: &'static str;
    /// The field of `key` if it is a documented member. A type-erased slot keeps each
    /// member to one coercion here; the reading itself is generic code in [`read_rest`].
    fn member_slot(&mut self, key: &str) -> ::core::option::Option<&mut dyn Slot>;
    fn additional_properties(
        &mut self,
    ) -> &mut ::serde_json::Map<::std::string::String, ::serde_json::Value>;
    /// Writes the members: `@odata.type` first (the value's own, else `tag`), then the
    /// typed fields, then the other additional ones.
    fn write_members<M: ::serde::ser::SerializeMap>(
        &self,
        map: &mut M,
        tag: ::core::option::Option<&'static str>,
    ) -> ::core::result::Result<(), M::Error>;
}

/// The OData annotation that names a value's type (`#microsoft.graph.user`).
const ODATA_TYPE: &str = "@odata.type";

/// The `Debug` of every generated struct: `User { displayName: "Adele", … }`, the members
/// present in the order they are written, by their JSON names, each value as JSON. Absent
/// members are left out (a Graph type has dozens), and one generic function instead of a
/// derive per struct keeps this crate quick to build.
#[doc(hidden)]
pub fn debug_members<T: Members>(value: &T, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
    let mut members = DebugMembers::default();
    let written = value.write_members(&mut members, ::core::option::Option::None);
    let mut out = f.debug_struct(T::NAME);
    for (key, value) in &members.entries {
        out.field(key, &DebugJson(value));
    }
    if written.is_err() {
        return out.finish_non_exhaustive();
    }
    out.finish()
}

/// Collects the members `Members::write_members` writes, as JSON values in order.
#[derive(Default)]
struct DebugMembers {
    entries: ::std::vec::Vec<(::std::string::String, ::serde_json::Value)>,
    key: ::core::option::Option<::std::string::String>,
}

impl ::serde::ser::SerializeMap for DebugMembers {
    type Ok = ();
    type Error = ::serde_json::Error;

    fn serialize_key<K: ?::core::marker::Sized + ::serde::Serialize>(
        &mut self,
        key: &K,
    ) -> ::core::result::Result<(), Self::Error> {
        self.key = ::core::option::Option::Some(match ::serde_json::to_value(key)? {
            ::serde_json::Value::String(key) => key,
            other => other.to_string(),
        });
        ::core::result::Result::Ok(())
    }

    fn serialize_value<V: ?::core::marker::Sized + ::serde::Serialize>(
        &mut self,
        value: &V,
    ) -> ::core::result::Result<(), Self::Error> {
        let key = self.key.take().unwrap_or_default();
        self.entries.push((key, ::serde_json::to_value(value)?));
        ::core::result::Result::Ok(())
    }

    fn end(self) -> ::core::result::Result<(), Self::Error> {
        ::core::result::Result::Ok(())
    }
}

/// A JSON value in `Debug` output: as JSON text, pretty with `{:#?}`.
struct DebugJson<'a>(&'a ::serde_json::Value);

impl ::core::fmt::Debug for DebugJson<'_> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        if f.alternate() {
            write!(f, "{:#}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// The `Serialize` of every generated struct; `tag` is the `@odata.type` to write when the
/// value has none of its own (a derived type inside a polymorphic enum).
#[doc(hidden)]
pub fn write_struct<T: Members, S: ::serde::Serializer>(
    value: &T,
    tag: ::core::option::Option<&'static str>,
    serializer: S,
) -> ::core::result::Result<S::Ok, S::Error> {
    use ::serde::ser::SerializeMap as _;
    let mut map = serializer.serialize_map(::core::option::Option::None)?;
    value.write_members(&mut map, tag)?;
    map.end()
}

/// Writes a struct's members in order and keeps the first error, so that each member is
/// one plain call in `struct_serde!` (a `?` per member made writing the costliest part of
/// this crate's check time).
#[doc(hidden)]
pub struct MemberWriter<'a, M: ::serde::ser::SerializeMap> {
    map: &'a mut M,
    error: ::core::option::Option<M::Error>,
}

impl<'a, M: ::serde::ser::SerializeMap> MemberWriter<'a, M> {
    /// Writes `@odata.type` first, as OData asks of a request body: the value's own, else
    /// `tag`.
    pub fn start(
        map: &'a mut M,
        tag: ::core::option::Option<&'static str>,
        additional: &::serde_json::Map<::std::string::String, ::serde_json::Value>,
    ) -> Self {
        let written = match (additional.get(ODATA_TYPE), tag) {
            (::core::option::Option::Some(own), _) => map.serialize_entry(ODATA_TYPE, own),
            (::core::option::Option::None, ::core::option::Option::Some(tag)) => {
                map.serialize_entry(ODATA_TYPE, tag)
            }
            (::core::option::Option::None, ::core::option::Option::None) => {
                ::core::result::Result::Ok(())
            }
        };
        MemberWriter { map, error: written.err() }
    }

    /// Writes the additional members but `@odata.type`, which [`MemberWriter::start`]
    /// wrote first.
    pub fn finish(
        self,
        additional: &::serde_json::Map<::std::string::String, ::serde_json::Value>,
    ) -> ::core::result::Result<(), M::Error> {
        if let ::core::option::Option::Some(error) = self.error {
            return ::core::result::Result::Err(error);
        }
        for (key, value) in additional {
            if key != ODATA_TYPE {
                self.map.serialize_entry(key, value)?;
            }
        }
        ::core::result::Result::Ok(())
    }
}

/// The map visitor behind every generated struct's `Deserialize`.
#[doc(hidden)]
pub fn read_members<T: Members>() -> impl for<'de> ::serde::de::Visitor<'de, Value = T> {
    MembersVisitor(::core::marker::PhantomData)
}

struct MembersVisitor<T>(::core::marker::PhantomData<T>);

impl<'de, T: Members> ::serde::de::Visitor<'de> for MembersVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "a JSON object for {}", T::NAME)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> ::core::result::Result<T, A::Error> {
        let mut value = T::default();
        let element = listing::enter_object();
        read_rest(&mut value, &mut map)?;
        listing::leave_object(element);
        ::core::result::Result::Ok(value)
    }
}

/// Reads the members left in `map` into `value`: documented ones into their fields, the
/// others into `additional_properties`.
fn read_rest<'de, T: Members, A: ::serde::de::MapAccess<'de>>(
    value: &mut T,
    map: &mut A,
) -> ::core::result::Result<(), A::Error> {
    while let ::core::option::Option::Some(Key(key)) = map.next_key::<Key<'de>>()? {
        let member: ::serde_json::Value = map.next_value()?;
        match value.member_slot(&key) {
            ::core::option::Option::Some(slot) => {
                if let ::core::option::Option::Some(raw) = read_field::<A::Error>(&key, slot, member)? {
                    value.additional_properties().insert(::std::borrow::Cow::into_owned(key), raw);
                }
            }
            ::core::option::Option::None => {
                listing::found(&key, UntypedKind::Unknown);
                value
                    .additional_properties()
                    .insert(::std::borrow::Cow::into_owned(key), member);
            }
        }
    }
    ::core::result::Result::Ok(())
}

/// `Serialize`, `Deserialize` and [`Polymorphic`] for the enum of a polymorphic base
/// (`AnyDirectoryObject`): one variant per derived type, by its qualified Graph name, and the
/// fallback variant holding the base itself. Reading compares `@odata.type` (without its
/// `#`, ignoring ASCII case) with each name in turn; a variant whose feature is off is
/// compiled out of the enum and of this table, so its values read as the base.
// A feature may have no polymorphic bases.
#[allow(unused_macros)]
macro_rules! polymorphic_serde {
    ($name:ident($base:ident) { $($(#[$gate:meta])* $variant:ident = $wire:literal),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $($(#[$gate])* Self::$variant(value) => crate::support::write_struct(
                        &**value,
                        ::core::option::Option::Some(::core::concat!("#", $wire)),
                        serializer,
                    ),)*
                    Self::$base(value) => {
                        crate::support::write_struct(&**value, ::core::option::Option::None, serializer)
                    }
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_map(crate::support::read_polymorphic::<Self>())
            }
        }

        impl crate::support::Polymorphic for $name {
            const NAME: &'static str = ::core::stringify!($name);

            fn read_variant<'de, A: ::serde::de::MapAccess<'de>>(
                name: &str,
                rest: crate::support::Rest<'_, A>,
            ) -> ::core::result::Result<Self, A::Error> {
                $($(#[$gate])* if name.eq_ignore_ascii_case($wire) {
                    return rest.derived().map(Self::$variant);
                })*
                let _ = name;
                rest.base().map(Self::$base)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use polymorphic_serde;

/// The enum of a polymorphic base, read by `@odata.type` (see `polymorphic_serde!`).
#[doc(hidden)]
pub trait Polymorphic: ::core::marker::Sized {
    const NAME: &'static str;
    /// Reads the rest of the object as the variant `name` (the `@odata.type` without `#`)
    /// selects, or as the base.
    fn read_variant<'de, A: ::serde::de::MapAccess<'de>>(
        name: &str,
        rest: Rest<'_, A>,
    ) -> ::core::result::Result<Self, A::Error>;
}

/// The map visitor behind every polymorphic enum's `Deserialize`.
#[doc(hidden)]
pub fn read_polymorphic<T: Polymorphic>() -> impl for<'de> ::serde::de::Visitor<'de, Value = T> {
    PolymorphicVisitor(::core::marker::PhantomData)
}

struct PolymorphicVisitor<T>(::core::marker::PhantomData<T>);

impl<'de, T: Polymorphic> ::serde::de::Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "a JSON object for {}", T::NAME)
    }

    /// `@odata.type` usually comes first (OData asks writers to put it there): the rest is
    /// then read straight into the selected type. Otherwise the members are buffered until
    /// it is found.
    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> ::core::result::Result<T, A::Error> {
        let element = listing::enter_object();
        let mut rest = Rest {
            map: &mut map,
            buffered: ::std::vec::Vec::new().into_iter(),
            pending: ::core::option::Option::None,
            tag: ::core::option::Option::None,
            done: false,
        };
        let name = match rest.map.next_key::<Key<'de>>()? {
            ::core::option::Option::None => {
                rest.done = true;
                ::std::string::String::new()
            }
            ::core::option::Option::Some(Key(key)) if key == ODATA_TYPE => {
                let tag: ::serde_json::Value = rest.map.next_value()?;
                let name = tag.as_str().unwrap_or_default().to_owned();
                rest.tag = ::core::option::Option::Some(tag);
                name
            }
            ::core::option::Option::Some(Key(key)) => {
                let first: ::serde_json::Value = rest.map.next_value()?;
                let mut members = ::std::vec![(key.into_owned(), first)];
                while let ::core::option::Option::Some(Key(key)) = rest.map.next_key::<Key<'de>>()? {
                    members.push((key.into_owned(), rest.map.next_value()?));
                }
                rest.done = true;
                let name = members
                    .iter()
                    .find(|(key, _)| key == ODATA_TYPE)
                    .and_then(|(_, tag)| tag.as_str())
                    .unwrap_or_default()
                    .to_owned();
                rest.buffered = members.into_iter();
                name
            }
        };
        let value = T::read_variant(name.strip_prefix('#').unwrap_or(&name), rest);
        listing::leave_object(element);
        value
    }
}

/// The members of a polymorphic value not read yet: those buffered while looking for
/// `@odata.type`, then those still in the input.
#[doc(hidden)]
pub struct Rest<'a, A> {
    map: &'a mut A,
    buffered: ::std::vec::IntoIter<(::std::string::String, ::serde_json::Value)>,
    pending: ::core::option::Option<::serde_json::Value>,
    /// `@odata.type`, when it came first and was read already.
    tag: ::core::option::Option<::serde_json::Value>,
    /// The input has no members left.
    done: bool,
}

impl<'de, A: ::serde::de::MapAccess<'de>> Rest<'_, A> {
    /// Reads the value as a derived type (and counts it, see [`count_dispatched`]).
    pub fn derived<T: Members>(self) -> ::core::result::Result<::std::boxed::Box<T>, A::Error> {
        DISPATCHED.with(|n| n.set(n.get().wrapping_add(1)));
        self.base()
    }

    /// Reads the value as the base (or as a derived type, see [`Rest::derived`]).
    pub fn base<T: Members>(mut self) -> ::core::result::Result<::std::boxed::Box<T>, A::Error> {
        let mut value = T::default();
        if let ::core::option::Option::Some(tag) = self.tag.take() {
            value.additional_properties().insert(ODATA_TYPE.into(), tag);
        }
        read_rest(&mut value, &mut self)?;
        ::core::result::Result::Ok(::std::boxed::Box::new(value))
    }
}

impl<'de, A: ::serde::de::MapAccess<'de>> ::serde::de::MapAccess<'de> for Rest<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> ::core::result::Result<::core::option::Option<K::Value>, A::Error> {
        if let ::core::option::Option::Some((key, value)) = self.buffered.next() {
            self.pending = ::core::option::Option::Some(value);
            let key = ::serde::de::value::StringDeserializer::<A::Error>::new(key);
            return seed.deserialize(key).map(::core::option::Option::Some);
        }
        if self.done {
            return ::core::result::Result::Ok(::core::option::Option::None);
        }
        self.map.next_key_seed(seed)
    }

    fn next_value_seed<V: ::serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> ::core::result::Result<V::Value, A::Error> {
        match self.pending.take() {
            ::core::option::Option::Some(value) => {
                seed.deserialize(value).map_err(::serde::de::Error::custom)
            }
            ::core::option::Option::None => self.map.next_value_seed(seed),
        }
    }
}

/// Runs `read` and counts the values that it read as a derived type of a polymorphic base
/// (`@odata.type` named a derived type this crate has); values kept raw are not counted.
pub fn count_dispatched<R>(read: impl ::core::ops::FnOnce() -> R) -> (R, usize) {
    let before = DISPATCHED.with(::core::cell::Cell::get);
    let result = read();
    (
        result,
        DISPATCHED.with(::core::cell::Cell::get).wrapping_sub(before),
    )
}

/// A field every variant of a polymorphic enum has, borrowed from one variant (boxed in
/// some structs, not in others).
#[doc(hidden)]
pub fn shared<T: ?::core::marker::Sized, B: ::core::borrow::Borrow<T>>(
    field: &::core::option::Option<B>,
) -> ::core::option::Option<&T> {
    field.as_ref().map(::core::borrow::Borrow::borrow)
}

/// A documented member's field, set from its JSON by [`read_field`].
#[doc(hidden)]
pub trait Slot {
    /// Sets the field from `raw`; on error the field is left as it was.
    fn set(&mut self, raw: &::serde_json::Value) -> ::core::result::Result<(), ::serde_json::Error>;
}

impl<T: ::serde::de::DeserializeOwned> Slot for ::core::option::Option<T> {
    fn set(&mut self, raw: &::serde_json::Value) -> ::core::result::Result<(), ::serde_json::Error> {
        *self = <::core::option::Option<T> as ::serde::Deserialize>::deserialize(raw)?;
        ::core::result::Result::Ok(())
    }
}

/// Reads the documented member `key` into `slot`. Tolerant (the default): a value that
/// does not fit leaves `slot` empty and is handed back, to be kept under `key` with the
/// additional members, so it serializes back unchanged. Strict: it fails the whole value.
/// Buffering the value costs a copy per level; it keeps the whole rule here, in one
/// function, rather than in each struct.
#[doc(hidden)]
pub fn read_field<E: ::serde::de::Error>(
    key: &str,
    slot: &mut dyn Slot,
    raw: ::serde_json::Value,
) -> ::core::result::Result<::core::option::Option<::serde_json::Value>, E> {
    if STRICT.with(::core::cell::Cell::get) {
        return slot
            .set(&raw)
            .map(|()| ::core::option::Option::None)
            .map_err(|error| E::custom(::core::format_args!("member `{key}`: {error}")));
    }
    let mark = listing::enter_member(key, raw.is_array());
    let dispatched = DISPATCHED.with(::core::cell::Cell::get);
    let typed = slot.set(&raw);
    listing::leave_member();
    match typed {
        ::core::result::Result::Ok(()) => ::core::result::Result::Ok(::core::option::Option::None),
        ::core::result::Result::Err(error) => {
            // What was listed or dispatched inside the member is moot: the whole member is
            // kept raw.
            listing::rollback(mark);
            DISPATCHED.with(|n| n.set(dispatched));
            listing::found(key, UntypedKind::KeptRaw(error.to_string()));
            ::core::result::Result::Ok(::core::option::Option::Some(raw))
        }
    }
}

::std::thread_local! {
    static STRICT: ::core::cell::Cell<bool> = const { ::core::cell::Cell::new(false) };
    /// Values read as a derived type so far on this thread (see [`count_dispatched`]).
    static DISPATCHED: ::core::cell::Cell<usize> = const { ::core::cell::Cell::new(0) };
    static LISTING: ::core::cell::RefCell<::core::option::Option<listing::Listing>> =
        const { ::core::cell::RefCell::new(::core::option::Option::None) };
}

/// Runs `read` with strict reading on this thread: a documented member whose JSON does
/// not fit its type fails the whole value instead of being kept raw.
pub fn strict<R>(read: impl ::core::ops::FnOnce() -> R) -> R {
    struct Restore(bool);
    impl ::core::ops::Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(STRICT.with(|s| s.replace(true)));
    read()
}

/// `serde_json::from_value`, strictly (see [`strict`]).
pub fn from_value_strict<T: ::serde::de::DeserializeOwned>(
    value: ::serde_json::Value,
) -> ::core::result::Result<T, ::serde_json::Error> {
    strict(|| ::serde_json::from_value(value))
}

/// `serde_json::from_str`, strictly (see [`strict`]).
pub fn from_str_strict<T: ::serde::de::DeserializeOwned>(
    text: &str,
) -> ::core::result::Result<T, ::serde_json::Error> {
    strict(|| ::serde_json::from_str(text))
}

/// A JSON member that did not land in a typed field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untyped {
    /// Where, as a JSON Pointer from the value read (`/members/0/availability`).
    pub path: ::std::string::String,
    pub kind: UntypedKind,
}

/// Why a member did not land in a typed field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UntypedKind {
    /// The docs do not list the member for its type.
    Unknown,
    /// The docs list it, but its JSON does not fit the documented type (the message says
    /// how); it is kept raw.
    KeptRaw(::std::string::String),
}

/// Runs `read` (deserializations of generated types) and lists, by JSON path, the
/// members that did not land in typed fields. Annotations (`@odata.type`,
/// `member@odata.nextLink`) are not listed: they are OData's, not the docs'.
pub fn untyped_members<R>(
    read: impl ::core::ops::FnOnce() -> R,
) -> (R, ::std::vec::Vec<Untyped>) {
    struct Restore(::core::option::Option<listing::Listing>);
    impl ::core::ops::Drop for Restore {
        fn drop(&mut self) {
            LISTING.with(|l| *l.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(LISTING.with(|l| l.replace(::core::option::Option::Some(
        ::core::default::Default::default(),
    ))));
    let result = read();
    let found = LISTING.with(|l| {
        l.borrow_mut()
            .as_mut()
            .map(|l| ::core::mem::take(&mut l.found))
            .unwrap_or_default()
    });
    (result, found)
}

/// The JSON path being read, kept only inside `untyped_members`.
mod listing {
    use super::{LISTING, Untyped, UntypedKind};

    #[derive(Default)]
    pub(super) struct Listing {
        path: ::std::vec::Vec<::std::string::String>,
        /// Per member being read: the index of the next array element, if it is an array.
        arrays: ::std::vec::Vec<::core::option::Option<usize>>,
        pub(super) found: ::std::vec::Vec<Untyped>,
    }

    fn with<R>(f: impl ::core::ops::FnOnce(&mut Listing) -> R) -> ::core::option::Option<R> {
        LISTING.with(|l| l.borrow_mut().as_mut().map(f))
    }

    /// An object starts; inside an array member it is the next element. `true` if an index
    /// was pushed onto the path.
    pub(super) fn enter_object() -> bool {
        with(|l| match l.arrays.last_mut() {
            ::core::option::Option::Some(::core::option::Option::Some(next)) => {
                l.path.push(next.to_string());
                *next += 1;
                true
            }
            _ => false,
        })
        .unwrap_or(false)
    }

    pub(super) fn leave_object(pushed: bool) {
        if pushed {
            with(|l| l.path.pop());
        }
    }

    /// A documented member's value is read; returns the mark to roll back to.
    pub(super) fn enter_member(key: &str, is_array: bool) -> usize {
        with(|l| {
            l.path.push(key.into());
            l.arrays.push(is_array.then_some(0));
            l.found.len()
        })
        .unwrap_or(0)
    }

    pub(super) fn leave_member() {
        with(|l| {
            l.path.pop();
            l.arrays.pop();
        });
    }

    pub(super) fn rollback(mark: usize) {
        with(|l| l.found.truncate(mark));
    }

    pub(super) fn found(key: &str, kind: UntypedKind) {
        if key.contains('@') {
            return;
        }
        with(|l| {
            let mut path = ::std::string::String::new();
            for segment in l.path.iter().map(::std::string::String::as_str).chain([key]) {
                path.push('/');
                path.push_str(&segment.replace('~', "~0").replace('/', "~1"));
            }
            l.found.push(Untyped { path, kind });
        });
    }
}

/// A member name, borrowed from the input when it can be.
struct Key<'de>(::std::borrow::Cow<'de, str>);

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> ::serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> ::core::result::Result<Key<'de>, E> {
                ::core::result::Result::Ok(Key(::std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> ::core::result::Result<Key<'de>, E> {
                ::core::result::Result::Ok(Key(::std::borrow::Cow::Owned(v.into())))
            }
            fn visit_string<E>(
                self,
                v: ::std::string::String,
            ) -> ::core::result::Result<Key<'de>, E> {
                ::core::result::Result::Ok(Key(::std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Writes `key: value` unless the value is absent or an earlier member failed. A free
/// function rather than a method of [`MemberWriter`]: a path call is the cheapest to check,
/// and `struct_serde!` makes one per member.
#[doc(hidden)]
pub fn write_member<M: ::serde::ser::SerializeMap, T: ::serde::Serialize>(
    out: &mut MemberWriter<'_, M>,
    key: &'static str,
    value: &::core::option::Option<T>,
) {
    if let (::core::option::Option::Some(value), ::core::option::Option::None) = (value, &out.error) {
        out.error = out.map.serialize_entry(key, value).err();
    }
}

/// Whether two JSON values say the same thing, as a round trip through the generated
/// types must preserve it: date-times, dates, times of day, durations, GUIDs and base64
/// compare by meaning (`…27.6832592+03:00` equals `…27.683259200+03:00`), numbers by
/// value, and a member whose value is `null` equals an absent member (an `Option` field
/// reads both as `None`).
#[cfg(feature = "registry")]
pub fn same_meaning(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.iter().all(|(k, p)| match y.get(k) {
                ::core::option::Option::Some(q) => same_meaning(p, q),
                ::core::option::Option::None => p.is_null(),
            }) && y.iter().all(|(k, q)| x.contains_key(k) || q.is_null())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_meaning(p, q))
        }
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (::core::option::Option::Some(p), ::core::option::Option::Some(q)) => {
                p == q || ((p - q).abs() <= 1e-6 * p.abs().max(q.abs()))
            }
            _ => x == y,
        },
        (Value::String(x), Value::String(y)) => x == y || same_text_meaning(x, y),
        _ => a == b,
    }
}

/// The JSON path of the first place where two values differ in meaning
/// ([`same_meaning`]): `value[0].start`, or `""` for the values themselves; `None` when
/// they mean the same.
#[cfg(feature = "registry")]
pub fn first_difference(a: &::serde_json::Value, b: &::serde_json::Value) -> ::core::option::Option<::std::string::String> {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            // Each key once: a key in both maps must not be visited twice (that doubles
            // the work at every level of nesting).
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (p, q) = (x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null));
                if let ::core::option::Option::Some(rest) = first_difference(p, q) {
                    return ::core::option::Option::Some(join_path(k, &rest));
                }
            }
            ::core::option::Option::None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q).map(|rest| join_path(&format!("[{i}]"), &rest))),
        _ => (!same_meaning(a, b)).then(::std::string::String::new),
    }
}

/// `a` + `b` as a path: `a.b`, `a[0]`, `[0].b`.
#[cfg(feature = "registry")]
pub fn join_path(head: &str, rest: &str) -> ::std::string::String {
    if rest.is_empty() {
        head.to_string()
    } else if rest.starts_with('[') {
        format!("{head}{rest}")
    } else {
        format!("{head}.{rest}")
    }
}

#[cfg(feature = "registry")]
fn same_text_meaning(x: &str, y: &str) -> bool {
    use ::base64::Engine as _;
    if let (::core::result::Result::Ok(p), ::core::result::Result::Ok(q)) = (
        ::chrono::DateTime::parse_from_rfc3339(x),
        ::chrono::DateTime::parse_from_rfc3339(y),
    ) {
        return p == q && p.offset() == q.offset();
    }
    if let (::core::result::Result::Ok(p), ::core::result::Result::Ok(q)) = (
        x.parse::<::chrono::NaiveDate>(),
        y.parse::<::chrono::NaiveDate>(),
    ) {
        return p == q;
    }
    if let (::core::result::Result::Ok(p), ::core::result::Result::Ok(q)) = (
        x.parse::<::chrono::NaiveTime>(),
        y.parse::<::chrono::NaiveTime>(),
    ) {
        return p == q;
    }
    if let (::core::result::Result::Ok(p), ::core::result::Result::Ok(q)) =
        (x.parse::<::uuid::Uuid>(), y.parse::<::uuid::Uuid>())
    {
        return p == q;
    }
    if let (::core::result::Result::Ok(p), ::core::result::Result::Ok(q)) =
        (x.parse::<Duration>(), y.parse::<Duration>())
    {
        return p == q;
    }
    let engine = ::base64::engine::general_purpose::STANDARD;
    matches!(
        (engine.decode(x), engine.decode(y)),
        (::core::result::Result::Ok(p), ::core::result::Result::Ok(q)) if p == q
    )
}
