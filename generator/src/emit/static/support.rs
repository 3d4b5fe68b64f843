//! Wire formats the generated types share: base64 binary, ISO 8601 durations and the
//! impls behind every forward-compatible enum.

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

/// `as_str`, `From<&str>`, `FromStr`, `Display` and serde for a string enum whose last
/// variant, `Unrecognized(String)`, keeps values the docs do not list.
// A feature may have no enums.
#[allow(unused_macros)]
macro_rules! string_enum_impls {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value as Graph writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unrecognized(other) => other,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unrecognized(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for $name {
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
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                $($(#[$gate])* crate::support::write_member(&mut map, $wire, &self.$field)?;)*
                for (key, value) in &self.additional_properties {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_map(crate::support::read_members::<Self>())
            }
        }

        impl crate::support::Members for $name {
            const NAME: &'static str = ::core::stringify!($name);

            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::core::result::Result<bool, A::Error> {
                match key {
                    $($(#[$gate])* $wire => {
                        self.$field = map.next_value()?;
                        ::core::result::Result::Ok(true)
                    })*
                    _ => {
                        let _ = map;
                        ::core::result::Result::Ok(false)
                    }
                }
            }

            fn additional_properties(
                &mut self,
            ) -> &mut ::serde_json::Map<::std::string::String, ::serde_json::Value> {
                &mut self.additional_properties
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
    /// Reads the value of `key` if it is a documented member; `false` leaves it unread.
    fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> ::core::result::Result<bool, A::Error>;
    fn additional_properties(
        &mut self,
    ) -> &mut ::serde_json::Map<::std::string::String, ::serde_json::Value>;
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
        while let ::core::option::Option::Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if !value.read_member(&key, &mut map)? {
                let member: ::serde_json::Value = map.next_value()?;
                value
                    .additional_properties()
                    .insert(::std::borrow::Cow::into_owned(key), member);
            }
        }
        ::core::result::Result::Ok(value)
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

/// Writes `key: value` unless the value is absent.
#[doc(hidden)]
pub fn write_member<M: ::serde::ser::SerializeMap, T: ::serde::Serialize>(
    map: &mut M,
    key: &'static str,
    value: &::core::option::Option<T>,
) -> ::core::result::Result<(), M::Error> {
    match value {
        ::core::option::Option::Some(value) => map.serialize_entry(key, value),
        ::core::option::Option::None => ::core::result::Result::Ok(()),
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
