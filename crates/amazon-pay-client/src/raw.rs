//! The raw request: a signed call to any path, for operations not modelled yet.

use std::borrow::Cow;

use http::Method;

use crate::Error;
use crate::call::Call;
use crate::client::Client;
use crate::operation::{Idempotency, Operation, OperationInfo, json_body, path_segment};

macro_rules! raw_infos {
    ($($name:ident = $method:ident, $idempotency:ident;)*) => {
        $(static $name: OperationInfo = OperationInfo::new(
            "RawRequest",
            Method::$method,
            "(raw)",
            Idempotency::$idempotency,
            env!("CARGO_PKG_NAME"),
        );)*
    };
}

raw_infos! {
    RAW_GET = GET, NotSent;
    RAW_POST = POST, Optional;
    RAW_PUT = PUT, NotSent;
    RAW_PATCH = PATCH, NotSent;
    RAW_DELETE = DELETE, NotSent;
}

impl Client {
    /// A signed call to any path below the base URL (such as `/v2/charges/C01`), for operations
    /// not modelled yet. Add a query with [`Call::query`] and a body with [`Call::json`]; the
    /// answer is raw JSON (`serde_json::Value::Null` for an empty body). POST calls get an
    /// idempotency key like typed ones.
    pub fn raw_request(&self, method: Method, path: impl Into<String>) -> Call<RawRequest> {
        self.send(RawRequest::new(method, path))
    }
}

/// A request to any path: method, raw path (each segment is encoded), query, JSON body.
/// Built by [`Client::raw_request`](crate::Client::raw_request); its operation name (in spans
/// and errors) is `RawRequest`.
#[derive(Debug)]
pub struct RawRequest {
    method: Method,
    path: String,
    query: Vec<(Cow<'static, str>, String)>,
    body: Result<Option<Vec<u8>>, String>,
}

impl RawRequest {
    fn new(method: Method, path: impl Into<String>) -> Self {
        RawRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: Ok(None),
        }
    }
}

impl Operation for RawRequest {
    type Response = serde_json::Value;

    fn info(&self) -> &'static OperationInfo {
        match self.method {
            Method::POST => &RAW_POST,
            Method::PUT => &RAW_PUT,
            Method::PATCH => &RAW_PATCH,
            Method::DELETE => &RAW_DELETE,
            _ => &RAW_GET,
        }
    }

    fn path(&self) -> Result<String, Error> {
        if !matches!(
            self.method,
            Method::GET | Method::POST | Method::PUT | Method::PATCH | Method::DELETE
        ) {
            return Err(Error::invalid_input(format!(
                "the method {} is not used by the API",
                self.method
            )));
        }
        let Some(rest) = self.path.strip_prefix('/') else {
            return Err(Error::invalid_input("the path must start with `/`"));
        };
        if rest.contains(['?', '#']) {
            return Err(Error::invalid_input(
                "the path must not contain `?` or `#`: pass query parameters with `query`",
            ));
        }
        let mut out = String::with_capacity(self.path.len() + 8);
        for segment in rest.split('/') {
            out.push('/');
            out.push_str(&path_segment(segment, "path segment")?);
        }
        Ok(out)
    }

    fn query(&self) -> Vec<(Cow<'static, str>, String)> {
        self.query.clone()
    }

    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        self.body.clone().map_err(Error::invalid_input)
    }
}

impl Call<RawRequest> {
    /// Adds a query parameter (raw; the client encodes it).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.operation_mut()
            .query
            .push((Cow::Owned(name.into()), value.into()));
        self
    }

    /// Sets the JSON body (serialized now, once).
    pub fn json<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.operation_mut().body = json_body(body).map_err(|e| e.message().to_owned());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_per_segment() {
        let r = RawRequest::new(Method::GET, "/v2/buyers/a b");
        assert_eq!(r.path().unwrap(), "/v2/buyers/a%20b");
        for bad in ["v2/x", "/v2/../x", "/v2//x", "/v2/x?y=1", "/v2/x/"] {
            assert!(RawRequest::new(Method::GET, bad).path().is_err(), "{bad}");
        }
        assert!(RawRequest::new(Method::OPTIONS, "/v2").path().is_err());
    }

    #[test]
    fn post_gets_an_idempotent_info() {
        assert_eq!(
            RawRequest::new(Method::POST, "/v2/x").info().idempotency,
            Idempotency::Optional
        );
        assert_eq!(
            RawRequest::new(Method::GET, "/v2/x").info().idempotency,
            Idempotency::NotSent
        );
    }
}
