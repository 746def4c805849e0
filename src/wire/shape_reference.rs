//! Recorded shapes: the key of a response kind, a directory of reference shapes to check
//! responses against, and a recorder that writes the shapes a run saw.
//!
//! A response kind is the action called, its outcome (`success`, the error code, or
//! `http-<status>` for a failure without one) and the format: `CreateReverseDtsJob.success.json`,
//! `CreateReverseDtsJob.Throttling.User.xml`. The HTTP status is not part of the key: the shape
//! of a body does not depend on it, and the error-code scenarios check statuses. Each kind is
//! one file, `<key>.shape`, holding the shape's text form.

use super::{Drift, Shape, diff};
use crate::wire::{Document, Format};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The file extension of a recorded shape.
const EXTENSION: &str = "shape";

/// How a response ended, as far as its shape is concerned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// A 2xx answer without an error code.
    Success,
    /// An answer with this error code (`Code`, else `ErrCode`).
    Error(String),
    /// A failed answer without an error code, by HTTP status.
    Status(u16),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Success => f.write_str("success"),
            Outcome::Error(code) => f.write_str(code),
            Outcome::Status(status) => write!(f, "http-{status}"),
        }
    }
}

/// The key of a response kind: action, outcome, format.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeKey {
    /// The action called, as sent (characters a file name cannot hold become `_`).
    pub action: String,
    /// How it ended.
    pub outcome: Outcome,
    /// The response format.
    pub format: Format,
}

impl ShapeKey {
    /// A key; the action and an error code are made safe for a file name.
    pub fn new(action: &str, outcome: Outcome, format: Format) -> ShapeKey {
        let outcome = match outcome {
            Outcome::Error(code) => Outcome::Error(safe(&code, true)),
            other => other,
        };
        ShapeKey {
            action: safe(action, false),
            outcome,
            format,
        }
    }

    /// The file that holds this kind's shape, `<key>.shape`.
    pub fn file_name(&self) -> String {
        format!("{self}.{EXTENSION}")
    }

    /// The key a file name stands for.
    pub fn from_file_name(name: &str) -> Option<ShapeKey> {
        let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
        let (action, rest) = stem.split_once('.')?;
        let (outcome, format) = rest.rsplit_once('.')?;
        let format = Format::parse(format)?;
        let outcome = match outcome {
            "" => return None,
            "success" => Outcome::Success,
            other => match other.strip_prefix("http-").and_then(|s| s.parse().ok()) {
                Some(status) => Outcome::Status(status),
                None => Outcome::Error(other.to_string()),
            },
        };
        (!action.is_empty()).then(|| ShapeKey::new(action, outcome, format))
    }
}

impl fmt::Display for ShapeKey {
    /// `<Action>.<outcome>.<format>`, e.g. `CreateReverseDtsJob.InvalidParameter.xml`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = self.format.as_str().to_ascii_lowercase();
        write!(f, "{}.{}.{format}", self.action, self.outcome)
    }
}

fn safe(text: &str, dots: bool) -> String {
    let keep = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || (dots && c == '.');
    text.chars()
        .map(|c| if keep(c) { c } else { '_' })
        .collect()
}

/// The kind of one exchange's response: its error code (`Code`, else `ErrCode`) when it has
/// one, else `success` for a 2xx status and `http-<status>` otherwise.
pub fn classify(exchange_action: &str, status: u16, document: &Document) -> ShapeKey {
    let code = ["Code", "ErrCode"]
        .iter()
        .find_map(|name| document.value.get_str(name).filter(|code| !code.is_empty()));
    let outcome = match code {
        Some(code) => Outcome::Error(code.to_string()),
        None if (200..300).contains(&status) => Outcome::Success,
        None => Outcome::Status(status),
    };
    ShapeKey::new(exchange_action, outcome, document.format)
}

/// Why recorded shapes could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ShapeError {
    /// A directory or file could not be read.
    #[error("cannot read {path}: {reason}")]
    Read {
        /// What was being read.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// A directory or file could not be written.
    #[error("cannot write {path}: {reason}")]
    Write {
        /// What was being written.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// A `.shape` file whose name is not `<Action>.<outcome>.<json|xml>.shape`.
    #[error("{path}: expected a name like CreateReverseDtsJob.success.json.shape")]
    FileName {
        /// The file.
        path: PathBuf,
    },
    /// A `.shape` file whose content is not a shape.
    #[error("{path}:{line}: {reason}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

/// A directory of recorded shapes, one `<key>.shape` file per response kind.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    shapes: BTreeMap<ShapeKey, Shape>,
}

impl Reference {
    /// Read every `*.shape` file of `dir`; other files are ignored.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Read`] when the directory or a file cannot be read,
    /// [`ShapeError::FileName`] and [`ShapeError::Parse`] for a `.shape` file that is not one.
    pub fn load(dir: &Path) -> Result<Reference, ShapeError> {
        read_shapes(dir, &|name: &str, path: &Path| {
            if Path::new(name).extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                return Ok(None);
            }
            let key = ShapeKey::from_file_name(name).ok_or_else(|| ShapeError::FileName {
                path: path.to_path_buf(),
            })?;
            Ok(Some((key, false)))
        })
    }

    /// Load the insta snapshots of a directory as a reference: every `<key>.snap` file whose
    /// name is a response key (`CreateReverseDtsJob.success.json.snap`), its header skipped.
    /// Other snapshots in the directory are ignored.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Read`] when the directory or a file cannot be read,
    /// [`ShapeError::Parse`] when a snapshot's body is not a shape.
    pub fn from_snapshots(dir: &Path) -> Result<Reference, ShapeError> {
        read_shapes(dir, &|name: &str, _: &Path| {
            let key = name
                .strip_suffix(".snap")
                .and_then(|stem| ShapeKey::from_file_name(&format!("{stem}.{EXTENSION}")));
            Ok(key.map(|key| (key, true)))
        })
    }

    /// The recorded shape of a response kind.
    pub fn get(&self, key: &ShapeKey) -> Option<&Shape> {
        self.shapes.get(key)
    }

    /// The recorded response kinds, in order.
    pub fn keys(&self) -> impl Iterator<Item = &ShapeKey> {
        self.shapes.keys()
    }

    /// How many response kinds are recorded.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// Check a response against the recorded shape of its kind.
    ///
    /// # Errors
    ///
    /// Every [`Drift`] from the recorded shape, or a single [`Drift::Unreferenced`] when the
    /// kind was never recorded.
    pub fn check(
        &self,
        action: &str,
        outcome: &Outcome,
        format: Format,
        document: &Document,
    ) -> Result<(), Vec<Drift>> {
        self.check_key(&ShapeKey::new(action, outcome.clone(), format), document)
    }

    /// [`Reference::check`] with the key already built, e.g. by [`classify`].
    ///
    /// # Errors
    ///
    /// As [`Reference::check`].
    pub fn check_key(&self, key: &ShapeKey, document: &Document) -> Result<(), Vec<Drift>> {
        let Some(reference) = self.shapes.get(key) else {
            return Err(vec![Drift::Unreferenced {
                key: key.to_string(),
            }]);
        };
        let drifts = diff(reference, &Shape::of(document));
        if drifts.is_empty() {
            Ok(())
        } else {
            Err(drifts)
        }
    }
}

/// Writes the shapes a run saw into a directory, in the format [`Reference::load`] reads.
///
/// Responses of one kind seen several times are merged (see [`Shape::merge`]), so the
/// recording, used as a reference, accepts every response it was made from. Each record
/// rewrites that kind's file at once; files of kinds this run did not see are left alone.
#[derive(Debug)]
pub struct Recorder {
    dir: PathBuf,
    seen: Mutex<BTreeMap<ShapeKey, Shape>>,
}

impl Recorder {
    /// A recorder writing into `dir`, which is created if needed.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Write`] when the directory cannot be created.
    pub fn create(dir: impl Into<PathBuf>) -> Result<Recorder, ShapeError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|e| ShapeError::Write {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        Ok(Recorder {
            dir,
            seen: Mutex::new(BTreeMap::new()),
        })
    }

    /// The directory written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Classify one exchange's response (see [`classify`]) and record its shape.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Write`] when the kind's file cannot be written.
    pub fn record_response(
        &self,
        exchange_action: &str,
        status: u16,
        document: &Document,
    ) -> Result<ShapeKey, ShapeError> {
        let key = classify(exchange_action, status, document);
        self.record(&key, document)?;
        Ok(key)
    }

    /// Record the shape of a response of kind `key`, merged with what was seen before.
    ///
    /// # Errors
    ///
    /// [`ShapeError::Write`] when the kind's file cannot be written.
    pub fn record(&self, key: &ShapeKey, document: &Document) -> Result<(), ShapeError> {
        let shape = Shape::of(document);
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let merged = match seen.get(key) {
            Some(earlier) => earlier.merge(&shape),
            None => shape,
        };
        let text = format!("# the shape of {key} responses, as recorded\n{merged}");
        let path = self.dir.join(key.file_name());
        let partial = self.dir.join(format!(".{}.partial", key.file_name()));
        let failed = |e: std::io::Error| ShapeError::Write {
            path: path.clone(),
            reason: e.to_string(),
        };
        std::fs::write(&partial, text).map_err(failed)?;
        std::fs::rename(&partial, &path).map_err(failed)?;
        seen.insert(key.clone(), merged);
        Ok(())
    }
}

/// Which file of a directory holds which response kind's shape: `None` to skip the file,
/// else its key and whether the shape follows an insta snapshot header.
type Selector<'a> = dyn Fn(&str, &Path) -> Result<Option<(ShapeKey, bool)>, ShapeError> + 'a;

/// Read the shapes of the files of `dir` that `select` picks.
fn read_shapes(dir: &Path, select: &Selector<'_>) -> Result<Reference, ShapeError> {
    let unreadable = |path: &Path, e: std::io::Error| ShapeError::Read {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut shapes = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))? {
        let path = entry.map_err(|e| unreadable(dir, e))?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let Some((key, snapshot)) = select(name, &path)? else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| unreadable(&path, e))?;
        let body = if snapshot {
            snapshot_body(&text)
        } else {
            &text
        };
        let shape = Shape::parse(body).map_err(|e| ShapeError::Parse {
            path: path.clone(),
            line: e.line,
            reason: e.reason,
        })?;
        shapes.insert(key, shape);
    }
    Ok(Reference { shapes })
}

/// The body of an insta snapshot: what follows its `---` header block, if it has one.
fn snapshot_body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    rest.split_once("\n---\n").map_or(text, |(_, body)| body)
}
