//! Uploaded files (dispute evidence): an id and an upload URL, no content kept.

use serde_json::{Value, json};

use super::record::Record;
use super::{Ctx, Reply, Store};
use crate::clock::api_timestamp;

pub(crate) fn upload(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> Reply {
    let id = format!("amzn1.file.{}", store.ids.uuid());
    let out = json!({
        "id": id, "type": body["type"], "purpose": body["purpose"],
        "url": format!("{}/uploads/{id}", ctx.base_url), "size": 0,
        "uploadTimestamp": api_timestamp(ctx.now),
        "urlExpirationTimestamp": api_timestamp(ctx.now + time::Duration::minutes(15)),
    });
    store.files.insert(id, Record::new(ctx, out.clone()));
    Reply::ok(out)
}
