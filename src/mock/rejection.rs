//! Refusals, and the error bodies they become.
//!
//! Gateway refusals (signature, timestamp, nonce, access key, token, throttling) get the POP
//! error body: `RequestId`, `HostId`, `Code`, `Message`, `Recommend`, which every official SDK
//! reads. Refusals by the DTS service itself (a bad DtsJobId, a job state, an injected
//! `ServiceUnavailable`) carry in addition the operation's own fields (`Success` "false",
//! `ErrCode`, `ErrMessage`, and `HttpStatusCode` where the operation has it), typed as the
//! operation types them.

use super::throttle::Denied;
use crate::contract::{self, Action, BusinessError};
use crate::wire::Value;

/// A refused request.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// The HTTP status.
    pub status: u16,
    /// The error code.
    pub code: String,
    /// The message.
    pub message: String,
    /// Whether the DTS service refused (and not the gateway in front of it).
    pub by_service: bool,
    /// For `Throttling.User`: the bucket's answer, for the rate-limit headers.
    pub throttled: Option<Denied>,
}

impl Rejection {
    /// A gateway refusal from the contract's gateway table, `{name}` filled with `name`.
    pub fn gateway(row_id: &str, name: &str) -> Rejection {
        match contract::GATEWAY_ERRORS.iter().find(|g| g.id == row_id) {
            Some(row) => Rejection {
                status: row.http_status,
                code: row.code_for(name),
                message: row.message_for(name),
                by_service: false,
                throttled: None,
            },
            None => Rejection::internal(&format!("no gateway row {row_id}")),
        }
    }

    /// A refusal from the document's error table, `%s` filled with `parameter`.
    pub fn documented(code: &str, parameter: &str, by_service: bool) -> Rejection {
        match contract::documented_error(code) {
            Some(row) => Rejection {
                status: row.http_status,
                code: row.code.to_string(),
                message: row.message_for(parameter),
                by_service,
                throttled: None,
            },
            None => Rejection::internal(&format!("no documented error {code}")),
        }
    }

    /// A DTS business refusal where the document is silent.
    pub fn business(error: &BusinessError) -> Rejection {
        Rejection {
            status: error.http_status,
            code: error.code.to_string(),
            message: error.message.to_string(),
            by_service: true,
            throttled: None,
        }
    }

    /// `Throttling.User`, with the bucket's answer.
    pub fn throttled(denied: Denied) -> Rejection {
        Rejection {
            throttled: Some(denied),
            ..Rejection::documented("Throttling.User", "", false)
        }
    }

    /// `InternalError`: a defect of the endpoint, never a designed answer.
    pub fn internal(detail: &str) -> Rejection {
        tracing::error!(detail, "internal error");
        Rejection {
            status: 500,
            code: "InternalError".into(),
            message: "The request processing has failed due to some unknown error, exception \
                      or failure."
                .into(),
            by_service: false,
            throttled: None,
        }
    }

    /// The error body: the POP fields, plus the operation's own fields for a service refusal.
    pub fn body(&self, request_id: &str, action: Option<Action>) -> Value {
        let recommend = format!(
            "https://api.aliyun.com/troubleshoot?q={}&product=Dts&requestId={request_id}",
            self.code
        );
        let mut fields = vec![
            ("RequestId".to_string(), Value::str(request_id)),
            ("HostId".to_string(), Value::str(contract::HOST_ID)),
            ("Code".to_string(), Value::str(&self.code)),
            ("Message".to_string(), Value::str(&self.message)),
            ("Recommend".to_string(), Value::str(recommend)),
        ];
        if self.by_service {
            fields.extend(self.service_fields(action));
        }
        Value::Obj(fields)
    }

    fn service_fields(&self, action: Option<Action>) -> Vec<(String, Value)> {
        let mut fields = Vec::new();
        match action {
            Some(Action::DescribeDtsJobs) => {
                fields.push(("HttpStatusCode".into(), Value::Int(i64::from(self.status))));
                fields.push(("Success".into(), Value::Bool(false)));
            }
            Some(Action::CreateReverseDtsJob) => {
                fields.push(("HttpStatusCode".into(), Value::str(self.status.to_string())));
                fields.push(("Success".into(), Value::str("false")));
            }
            Some(Action::StartReverseWriter) | None => {
                fields.push(("Success".into(), Value::str("false")));
            }
        }
        fields.push(("ErrCode".into(), Value::str(&self.code)));
        fields.push(("ErrMessage".into(), Value::str(&self.message)));
        fields
    }
}
