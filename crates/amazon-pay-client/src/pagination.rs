//! Streams over paginated lists: they follow `nextToken` until the service sends none.

use std::pin::Pin;

use amazon_pay_types::{
    Disbursement, DisbursementList, DisbursementsQuery, NextToken, Report, ReportList, ReportsQuery,
};
use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use crate::client::Client;
use crate::{Error, ErrorKind};

/// A stream of items across pages; an error ends it.
pub type Pages<T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'static>>;

struct Pager<Q> {
    client: Client,
    query: Option<Q>,
    last_token: Option<NextToken>,
}

/// One page: the items and the token of the next page.
type Page<T> = (Vec<T>, Option<NextToken>);

fn paginate<Q, T, F, Fut>(
    client: &Client,
    query: Q,
    fetch: F,
    set_token: fn(&mut Q, NextToken),
) -> Pages<T>
where
    Q: Clone + Send + 'static,
    T: Send + 'static,
    F: Fn(Client, Q) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Page<T>, Error>> + Send + 'static,
{
    let start = Pager {
        client: client.clone(),
        query: Some(query),
        last_token: None,
    };
    let pages = stream::unfold(start, move |mut pager| {
        let fetch = &fetch;
        let query = pager.query.take();
        let client = pager.client.clone();
        let fut = query.clone().map(|q| fetch(client, q));
        async move {
            let (fut, mut query) = (fut?, query?);
            match fut.await {
                Ok((items, next)) => {
                    match next.filter(|t| !t.as_str().is_empty()) {
                        Some(token) if pager.last_token.as_ref() == Some(&token) => {
                            let err = Error::new(
                                ErrorKind::Decode,
                                "the service sent the same nextToken twice; stopping",
                            );
                            return Some((Err(err), pager));
                        }
                        Some(token) => {
                            set_token(&mut query, token.clone());
                            pager.last_token = Some(token);
                            pager.query = Some(query);
                        }
                        None => {}
                    }
                    Some((Ok(items), pager))
                }
                Err(err) => Some((Err(err), pager)),
            }
        }
    });
    Box::pin(pages.flat_map(|page| match page {
        Ok(items) => stream::iter(items.into_iter().map(Ok).collect::<Vec<_>>()),
        Err(err) => stream::iter(vec![Err(err)]),
    }))
}

impl Client {
    /// Every report matching `query`, across pages (Get Reports, following `nextToken`).
    pub fn all_reports(&self, query: &ReportsQuery) -> Pages<Report> {
        paginate(
            self,
            query.clone(),
            |client, query: ReportsQuery| async move {
                let page: ReportList = client.get_reports(&query).await?.into_body();
                Ok((page.reports.unwrap_or_default(), page.next_token))
            },
            |query, token| query.next_token = Some(token),
        )
    }

    /// Every disbursement of `query`'s period, across pages (Get Disbursements, following
    /// `nextToken`).
    pub fn all_disbursements(&self, query: &DisbursementsQuery) -> Pages<Disbursement> {
        paginate(
            self,
            query.clone(),
            |client, query: DisbursementsQuery| async move {
                let page: DisbursementList = client.get_disbursements(&query).await?.into_body();
                Ok((page.disbursements, page.next_token))
            },
            |query, token| query.next_token = Some(token),
        )
    }
}
