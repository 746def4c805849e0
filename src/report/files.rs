//! Writing every report of a run into one directory.

use super::error::ReportError;
use super::results::RunResults;
use super::{cucumber_json, html, junit, markdown, results_file};
use std::path::{Path, PathBuf};

/// Where reports go when no directory is given, relative to the working directory.
pub const DEFAULT_DIR: &str = "target/conformance";

/// The file name of the results record.
pub const RESULTS_FILE_NAME: &str = "results.json";

/// The files [`write_all`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The directory holding them.
    pub dir: PathBuf,
    /// `junit.xml`.
    pub junit: PathBuf,
    /// `cucumber.json`.
    pub cucumber: PathBuf,
    /// `results.json`, the next run's baseline.
    pub results: PathBuf,
    /// `report.md`.
    pub markdown: PathBuf,
    /// `report.html`.
    pub html: PathBuf,
}

impl Written {
    /// Every file, in the order they are written.
    pub fn files(&self) -> [&Path; 5] {
        [
            &self.results,
            &self.junit,
            &self.cucumber,
            &self.markdown,
            &self.html,
        ]
    }
}

/// Write `junit.xml`, `cucumber.json`, `results.json`, `report.md` and `report.html` for a
/// run into `dir` ([`DEFAULT_DIR`] when `None`), creating it if needed. The Markdown and HTML
/// reports compare the run with `baseline` when one is given.
///
/// # Errors
///
/// [`ReportError::Write`] when the directory cannot be created or a file cannot be written;
/// [`ReportError::Serialise`] if a JSON report cannot be serialised.
pub fn write_all(
    results: &RunResults,
    dir: Option<&Path>,
    baseline: Option<&RunResults>,
) -> Result<Written, ReportError> {
    let dir = dir.map_or_else(|| PathBuf::from(DEFAULT_DIR), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|source| ReportError::Write {
        path: dir.clone(),
        source,
    })?;
    let written = Written {
        junit: dir.join(junit::FILE_NAME),
        cucumber: dir.join(cucumber_json::FILE_NAME),
        results: dir.join(RESULTS_FILE_NAME),
        markdown: dir.join(markdown::FILE_NAME),
        html: dir.join(html::FILE_NAME),
        dir,
    };
    results_file::write(results, &written.results)?;
    write(&written.junit, &junit::render(results))?;
    write(&written.cucumber, &cucumber_json::render(results)?)?;
    write(&written.markdown, &markdown::render(results, baseline))?;
    write(&written.html, &html::render(results, baseline))?;
    Ok(written)
}

fn write(path: &Path, text: &str) -> Result<(), ReportError> {
    std::fs::write(path, text).map_err(|source| ReportError::Write {
        path: path.to_path_buf(),
        source,
    })
}
