//! The request journal: what the mock answered, for tests and the control API.

use serde::Serialize;
use std::collections::VecDeque;

/// One answered request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalEntry {
    /// The request id of the answer.
    pub request_id: String,
    /// The AccessKeyId the request named, if it named one.
    pub access_key_id: Option<String>,
    /// The action, if one was recognised.
    pub action: Option<String>,
    /// `GET` or `POST` (or what else came).
    pub method: String,
    /// `V1`, `V3` or `none`.
    pub signature: String,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The error code, for a failed request.
    pub code: Option<String>,
}

/// A bounded journal: the oldest entries go first.
#[derive(Debug)]
pub struct Journal {
    entries: VecDeque<JournalEntry>,
    capacity: usize,
}

impl Journal {
    /// An empty journal that keeps at most `capacity` entries.
    pub fn new(capacity: usize) -> Journal {
        Journal {
            entries: VecDeque::with_capacity(capacity.min(1024)),
            capacity,
        }
    }

    /// Append an entry, dropping the oldest when full.
    pub fn push(&mut self, entry: JournalEntry) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Entries for one account (or all), oldest first.
    pub fn entries(&self, access_key_id: Option<&str>) -> Vec<JournalEntry> {
        self.entries
            .iter()
            .filter(|e| access_key_id.is_none() || e.access_key_id.as_deref() == access_key_id)
            .cloned()
            .collect()
    }

    /// How many entries are held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
