//! `Client`: cheap to clone, shares one stack and one connection pool.

use std::fmt;
use std::sync::Arc;

use amazon_pay_signing::{
    Algorithm, ButtonSignature, Environment, PublicKeyId, Region, Signer, sign_button_payload,
};

use crate::Error;
use crate::layers::{
    AuthTokenService, EndpointService, IdempotencyService, RetryService, TimeoutService,
    TraceService,
};
use crate::transport::Transport;

/// The client's stack from the endpoint to retry, over the attempt's [`Transport`] (the
/// attempt layers, those added with `ClientBuilder::layer`, the transport): one concrete type,
/// so a call clones and calls it without boxing it.
pub(crate) type Stack = EndpointService<
    AuthTokenService<IdempotencyService<TraceService<TimeoutService<RetryService<Transport>>>>>,
>;

/// An Amazon Pay API v2 client.
///
/// Build one with [`Client::builder`] and share it: clones share the stack, the signer and the
/// connection pool.
///
/// This module owns the client's parts and what it reads from them; the methods of other
/// concerns live with them: `builder` in `config`, `send` in `call`, `raw_request` in `raw`,
/// one method per operation in `operations`.
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientParts>,
}

pub(crate) struct ClientParts {
    pub(crate) service: Stack,
    pub(crate) signer: Arc<dyn Signer>,
    pub(crate) public_key_id: PublicKeyId,
    pub(crate) algorithm: Algorithm,
    pub(crate) region: Region,
    pub(crate) environment: Environment,
    pub(crate) base_url: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("public_key_id", &self.inner.public_key_id.as_str())
            .field("algorithm", &self.inner.algorithm)
            .field("region", &self.inner.region)
            .field("environment", &self.inner.environment)
            .field("base_url", &self.inner.base_url)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub(crate) fn from_parts(parts: ClientParts) -> Self {
        Client {
            inner: Arc::new(parts),
        }
    }

    pub(crate) fn service(&self) -> Stack {
        self.inner.service.clone()
    }

    /// The environment (sandbox or live).
    pub fn environment(&self) -> Environment {
        self.inner.environment
    }

    /// The region.
    pub fn region(&self) -> Region {
        self.inner.region
    }

    /// The signature algorithm of requests and button payloads.
    pub fn algorithm(&self) -> Algorithm {
        self.inner.algorithm
    }

    /// The public key id.
    pub fn public_key_id(&self) -> &PublicKeyId {
        &self.inner.public_key_id
    }

    /// The base URL requests go to, such as `https://pay-api.amazon.com/live`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Signs a button payload (the exact JSON string rendered in the page) with the client's
    /// key and algorithm; the result names the algorithm and key id the button config must echo.
    /// Runs on the calling thread: call it from blocking code or `spawn_blocking` in bulk.
    pub fn sign_button_payload(&self, payload: &str) -> Result<ButtonSignature, Error> {
        sign_button_payload(
            payload,
            &self.inner.public_key_id,
            self.inner.algorithm,
            self.inner.signer.as_ref(),
        )
        .map_err(crate::layers::signing_error)
    }
}
