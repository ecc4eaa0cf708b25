//! Declarative macros shared by every module: open string enums, id newtypes,
//! chained setters and `Debug` implementations that redact buyer personal data.

/// Defines an open string enum: the known variants plus `Unknown(String)`.
///
/// The generated type is `#[non_exhaustive]`, has `as_str()`, `Display`,
/// an infallible `FromStr`, `From<&str>`, `From<String>`, and is serialized
/// as its wire string. Unknown values are kept and written back unchanged.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $wire, "`")] $variant, )+
            /// A value this version does not know; the wire string is kept as received.
            Unknown(String),
        }

        impl $name {
            /// Every known variant, in declaration order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The wire string of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(s) => s.as_str(),
                }
            }

            /// Parses a wire string; unknown strings become `Unknown`.
            pub fn parse(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }

            /// Whether this is a value this version does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(s))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::parse(s)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $( $wire => $name::$variant, )+
                    _ => $name::Unknown(s),
                }
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::macros::OpenEnumVisitor::<Self>::new(stringify!($name)))
            }
        }
    };
}

/// Defines an opaque string id newtype.
///
/// `secret` ids (tokens) print `[redacted]` in `Debug`; `Display` and
/// `as_str()` always give the value because paths and headers need it.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        id_type!(@def $(#[$meta])* $name);
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }
    };
    ($(#[$meta:meta])* secret $name:ident) => {
        id_type!(@def $(#[$meta])* $name);
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&$crate::macros::Redacted).finish()
            }
        }
    };
    (@def $(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string as this id (ids are opaque; no check is made).
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The owned string.
            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self(s.to_owned()))
            }
        }
    };
}

/// Implements `Debug` for a struct whose listed `pii` fields hold buyer
/// personal data: they print as `[redacted]` (or `None`) unless the
/// `pii-debug` feature is on. `plain` fields print normally.
macro_rules! pii_debug {
    ($name:ident { plain: [$($plain:ident),* $(,)?], pii: [$($pii:ident),* $(,)?] $(,)? }) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut d = f.debug_struct(stringify!($name));
                $( d.field(stringify!($plain), &self.$plain); )*
                $( d.field(stringify!($pii), &$crate::macros::Pii(&self.$pii)); )*
                d.finish()
            }
        }
    };
}

/// Defines chained `#[must_use]` setters, inside an `impl` block. Each entry
/// carries its doc comment and takes one of three shapes:
///
/// - `field: impl Into<T>` — `fn field(mut self, value: impl Into<T>)` stores
///   `Some(value.into())`;
/// - `field: T` — `fn field(mut self, value: T)` stores `Some(value)`;
/// - `name => field.push(T)` — `fn name(mut self, value: T)` appends to the
///   `Vec` in `field`.
macro_rules! setters {
    () => {};
    ( $(#[$meta:meta])* $field:ident: impl Into<$ty:ty> $(, $($rest:tt)*)? ) => {
        $(#[$meta])*
        #[must_use]
        pub fn $field(mut self, value: impl Into<$ty>) -> Self {
            self.$field = Some(value.into());
            self
        }
        $crate::macros::setters! { $($($rest)*)? }
    };
    ( $(#[$meta:meta])* $field:ident: $ty:ty $(, $($rest:tt)*)? ) => {
        $(#[$meta])*
        #[must_use]
        pub fn $field(mut self, value: $ty) -> Self {
            self.$field = Some(value);
            self
        }
        $crate::macros::setters! { $($($rest)*)? }
    };
    ( $(#[$meta:meta])* $name:ident => $field:ident.push($ty:ty) $(, $($rest:tt)*)? ) => {
        $(#[$meta])*
        #[must_use]
        pub fn $name(mut self, value: $ty) -> Self {
            self.$field.push(value);
            self
        }
        $crate::macros::setters! { $($($rest)*)? }
    };
}

pub(crate) use {id_type, open_enum, pii_debug, setters};

/// Prints `[redacted]`.
pub(crate) struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Wraps a personal-data field for `Debug`: redacted unless `pii-debug` is on.
pub(crate) struct Pii<'a, T>(pub(crate) &'a T);

impl<T: PiiField> std::fmt::Debug for Pii<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if cfg!(feature = "pii-debug") {
            self.0.debug_inner(f)
        } else {
            self.0.debug_redacted(f)
        }
    }
}

/// How a personal-data field prints.
pub(crate) trait PiiField {
    fn debug_inner(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result;
    fn debug_redacted(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result;
}

impl<T: std::fmt::Debug> PiiField for Option<T> {
    fn debug_inner(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
    fn debug_redacted(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Some(_) => f.write_str("Some([redacted])"),
            None => f.write_str("None"),
        }
    }
}

impl PiiField for String {
    fn debug_inner(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
    fn debug_redacted(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl PiiField for serde_json::Map<String, serde_json::Value> {
    fn debug_inner(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
    fn debug_redacted(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.keys()).finish()
    }
}

/// Deserializes an open enum from a string.
pub(crate) struct OpenEnumVisitor<T> {
    name: &'static str,
    _marker: std::marker::PhantomData<T>,
}

impl<T> OpenEnumVisitor<T> {
    pub(crate) fn new(name: &'static str) -> Self {
        Self {
            name,
            _marker: std::marker::PhantomData,
        }
    }
}

impl<T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'_> for OpenEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a {} string", self.name)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from(v))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<T, E> {
        Ok(T::from(v))
    }
}
