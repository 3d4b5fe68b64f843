//! Wire formats the generated types share: base64 binary, ISO 8601 durations and the
//! impls behind every forward-compatible enum.

/// `Edm.Binary`: bytes, base64-encoded on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub ::std::vec::Vec<u8>);

impl ::serde::Serialize for Base64 {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
        use ::base64::Engine as _;
        serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> ::serde::Deserialize<'de> for Base64 {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
        use ::base64::Engine as _;
        let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
        ::base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .or_else(|_| ::base64::engine::general_purpose::URL_SAFE.decode(text.trim()))
            .map(Base64)
            .map_err(::serde::de::Error::custom)
    }
}

/// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`.
pub type Duration = ::iso8601_duration::Duration;

/// `as_str`, `From<&str>`, `FromStr`, `Display` and serde for a string enum whose last
/// variant, `Unrecognized(String)`, keeps values the docs do not list.
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
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::core::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    };
}
pub(crate) use string_enum_impls;
