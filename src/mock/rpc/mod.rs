//! The RPC surface: every request to `/` goes through [`handle`].
//!
//! The order of checks follows the gateway: method and path, size and encoding, `Format`,
//! `Action` and `Version`, authentication (signature, timestamp, nonce, token), flow control,
//! injected faults, and only then the operation.

mod auth;
mod describe;
mod ops;
mod params;

use super::Defect;
use super::journal::JournalEntry;
use super::rejection::Rejection;
use super::respond::{self, new_request_id};
use super::state::{State, lock};
use crate::contract::{API_VERSION, Action};
use crate::wire::Format;
use auth::{Caller, Scheme};
use axum::body::Body;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use params::Incoming;
use std::sync::Arc;

/// One authenticated call on its way to an operation.
pub struct Call<'a> {
    /// The mock's state.
    pub state: &'a State,
    /// The decoded request.
    pub incoming: &'a Incoming,
    /// The authenticated caller.
    pub caller: &'a Caller,
    /// The response format.
    pub format: Format,
    /// The request id of the answer.
    pub request_id: &'a str,
}

/// What the pipeline learnt about a request before it was answered, for the error body and
/// the journal.
struct Context {
    request_id: String,
    format: Format,
    action: Option<Action>,
    access_key_id: Option<String>,
    scheme: Option<Scheme>,
}

/// The XML root for an action's success response (`WrongXmlRoot` defect aside).
pub fn root_for(state: &State, action: Action) -> String {
    if state.has(Defect::WrongXmlRoot) {
        "Response".to_string()
    } else {
        action.xml_root()
    }
}

/// Answer one RPC request. Never panics on input: every refusal is a documented error body.
pub async fn handle(
    AxumState(state): AxumState<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let mut context = Context {
        request_id: new_request_id(),
        format: sniff_format(&state, uri.query()),
        action: None,
        access_key_id: None,
        scheme: None,
    };
    let method_name = method.to_string();
    let (response, code) = match pipeline(&state, &mut context, method, &uri, headers, body).await {
        Ok(response) => (response, None),
        Err(mut rejection) => {
            if rejection.code == "InvalidParameter" && state.has(Defect::InvalidParameterStatus400)
            {
                rejection.status = 400;
            }
            let response = respond::failure(
                context.format,
                &context.request_id,
                context.action,
                &rejection,
            );
            (response, Some(rejection.code))
        }
    };
    record(
        &state,
        context,
        method_name,
        response.status().as_u16(),
        code,
    );
    response
}

fn sniff_format(state: &State, query: Option<&str>) -> Format {
    query
        .and_then(params::sniff_format)
        .and_then(|raw| Format::parse(&raw))
        .unwrap_or(state.config.default_format)
}

async fn pipeline(
    state: &State,
    context: &mut Context,
    method: Method,
    uri: &Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Rejection> {
    if method != Method::GET && method != Method::POST {
        return Err(Rejection::gateway("gw.UnsupportedHTTPMethod", ""));
    }
    if uri.path() != "/" {
        return Err(Rejection::gateway("gw.InvalidApi.NotFound", ""));
    }
    let limit = state.config.limits.max_body_bytes;
    let body = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| Rejection::gateway("gw.RequestTooLarge", ""))?;
    if uri.query().and_then(params::sniff_format).is_none() {
        let sniffed = std::str::from_utf8(&body)
            .ok()
            .and_then(params::sniff_format);
        if let Some(format) = sniffed.and_then(|raw| Format::parse(&raw)) {
            context.format = format;
        }
    }
    let incoming = params::read(
        method,
        uri.query(),
        headers,
        body.to_vec(),
        &state.config.limits,
    )?;
    context.format = match incoming.param("Format") {
        None => state.config.default_format,
        Some(raw) => Format::parse(raw)
            .ok_or_else(|| Rejection::gateway("gw.InvalidParameter.Format", ""))?,
    };
    let action = resolve_action(&incoming)?;
    context.action = Some(action);
    let scheme = auth::scheme_of(&incoming);
    context.scheme = Some(scheme);
    context.access_key_id = auth::claimed_key(&incoming, scheme);
    let caller = auth::authenticate(state, &incoming, scheme)?;
    admit(&caller, action).await?;
    let call = Call {
        state,
        incoming: &incoming,
        caller: &caller,
        format: context.format,
        request_id: &context.request_id,
    };
    match action {
        Action::CreateReverseDtsJob => ops::create_reverse(&call),
        Action::StartReverseWriter => ops::start_writer(&call),
        Action::DescribeDtsJobs => describe::describe(&call),
    }
}

fn resolve_action(incoming: &Incoming) -> Result<Action, Rejection> {
    let name = incoming
        .param_or_header("Action", "x-acs-action")
        .ok_or_else(|| Rejection::gateway("gw.MissingParameter", "Action"))?;
    let action =
        Action::from_name(name).ok_or_else(|| Rejection::gateway("gw.InvalidApi.NotFound", ""))?;
    let version = incoming
        .param_or_header("Version", "x-acs-version")
        .ok_or_else(|| Rejection::gateway("gw.MissingParameter", "Version"))?;
    if version != API_VERSION {
        return Err(Rejection::gateway("gw.InvalidVersion", ""));
    }
    Ok(action)
}

/// Flow control, then injected faults (latency first, then failure).
async fn admit(caller: &Caller, action: Action) -> Result<(), Rejection> {
    let (throttled, effect) = {
        let mut account = lock(&caller.account);
        let throttled = account.bucket.take().err();
        let mut effect = super::faults::Effect::default();
        if throttled.is_none() {
            for fault in &mut account.faults {
                let e = fault.apply(action);
                effect.fail |= e.fail;
                effect.latency = effect.latency.max(e.latency);
            }
        }
        (throttled, effect)
    };
    if let Some(denied) = throttled {
        return Err(Rejection::throttled(denied));
    }
    if !effect.latency.is_zero() {
        tokio::time::sleep(effect.latency).await;
    }
    if effect.fail {
        return Err(Rejection::documented("ServiceUnavailable", "", true));
    }
    Ok(())
}

fn record(state: &State, context: Context, method: String, status: u16, code: Option<String>) {
    let entry = JournalEntry {
        request_id: context.request_id,
        access_key_id: context.access_key_id,
        action: context.action.map(|a| a.name().to_string()),
        method,
        signature: context.scheme.map_or("none", Scheme::as_str).to_string(),
        status,
        code,
    };
    state.journal().push(entry);
}
