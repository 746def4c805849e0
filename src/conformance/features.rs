//! The feature files: embedded in the binary (so `dts-conformance run` works from anywhere) or
//! read from a directory, parsed, expanded, and checked for their tags.
//!
//! Tag scheme: a row tag is the contract row id (`@req.DtsJobId`, `@resp.Success`,
//! `@err.Throttling.User`, `@beh.4`, `@gw.SignatureNonceUsed`) and must name a row of the
//! contract; the only other tags allowed are `@mock-only` and `@mutating`.

use super::target::{MOCK_ONLY, MUTATING};
use crate::contract::{Table, find_row};
use crate::wire::Format;
use cucumber::feature::Ext as _;
use cucumber::gherkin::{self, GherkinEnv};
use std::path::{Path, PathBuf};

/// The feature files compiled into the binary, by file name.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "common_request_rules.feature",
        include_str!("../../features/common_request_rules.feature"),
    ),
    (
        "error_codes.feature",
        include_str!("../../features/error_codes.feature"),
    ),
    (
        "request_parameters.feature",
        include_str!("../../features/request_parameters.feature"),
    ),
    (
        "response_fields.feature",
        include_str!("../../features/response_fields.feature"),
    ),
    (
        "reverse_task_eligibility.feature",
        include_str!("../../features/reverse_task_eligibility.feature"),
    ),
    (
        "reverse_task_workflow.feature",
        include_str!("../../features/reverse_task_workflow.feature"),
    ),
];

/// Why the features could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FeatureError {
    /// A file could not be read.
    #[error("cannot read {path}: {reason}")]
    Read {
        /// The file or directory.
        path: String,
        /// The reason.
        reason: String,
    },
    /// A file is not valid Gherkin, or an outline names a missing Examples column.
    #[error("{path}: {reason}")]
    Parse {
        /// The file.
        path: String,
        /// The parser's reason.
        reason: String,
    },
    /// A tag names no row of the contract, or is not one of the known tags.
    #[error("{path}:{line}: tag @{tag} {reason}")]
    Tag {
        /// The file.
        path: String,
        /// The scenario's line.
        line: usize,
        /// The tag.
        tag: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// One scenario after outline expansion, with everything the runner needs to know of it.
#[derive(Debug, Clone)]
pub struct ScenarioInfo {
    /// The feature's name.
    pub feature: String,
    /// The feature file's path as reports name it, e.g. `features/error_codes.feature`.
    pub file: String,
    /// The scenario's name (Examples values substituted).
    pub name: String,
    /// The scenario's line.
    pub line: usize,
    /// Feature, rule and scenario tags, without `@`.
    pub tags: Vec<String>,
    /// The row tags.
    pub rows: Vec<String>,
    /// The formats the scenario asks for (JSON when it asks for none).
    pub formats: Vec<Format>,
}

impl ScenarioInfo {
    /// The stable id: feature name and scenario name.
    pub fn id(&self) -> String {
        format!("{} / {}", self.feature, self.name)
    }
}

/// Parse and expand the embedded features.
///
/// # Errors
///
/// [`FeatureError`] for a parse error or a bad tag.
pub fn embedded() -> Result<Vec<gherkin::Feature>, FeatureError> {
    EMBEDDED
        .iter()
        .map(|(name, text)| parse(&format!("features/{name}"), text))
        .collect()
}

/// Parse and expand every `*.feature` file of a directory, in name order.
///
/// # Errors
///
/// [`FeatureError`] when the directory cannot be read, or for a parse error or a bad tag.
pub fn from_dir(dir: &Path) -> Result<Vec<gherkin::Feature>, FeatureError> {
    let read_error = |path: &Path, e: std::io::Error| FeatureError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| read_error(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "feature"))
        .collect();
    paths.sort();
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| read_error(path, e))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            parse(&format!("{folder}/{name}"), &text)
        })
        .collect()
}

fn parse(path: &str, text: &str) -> Result<gherkin::Feature, FeatureError> {
    let parse_error = |reason: String| FeatureError::Parse {
        path: path.to_string(),
        reason,
    };
    let mut feature = gherkin::Feature::parse(text, GherkinEnv::default())
        .map_err(|e| parse_error(e.to_string()))?;
    feature.path = Some(PathBuf::from(path));
    let feature = feature
        .expand_examples()
        .map_err(|e| parse_error(e.to_string()))?;
    for info in scenarios(&feature) {
        check_tags(&info)?;
    }
    Ok(feature)
}

/// Every scenario of a feature, rules included, in file order.
pub fn scenarios(feature: &gherkin::Feature) -> Vec<ScenarioInfo> {
    let file = feature
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let plain = feature.scenarios.iter().map(|s| (None, s));
    let ruled = feature
        .rules
        .iter()
        .flat_map(|r| r.scenarios.iter().map(move |s| (Some(r), s)));
    plain
        .chain(ruled)
        .map(|(rule, scenario)| {
            let tags: Vec<String> = feature
                .tags
                .iter()
                .chain(rule.map(|r| r.tags.iter()).into_iter().flatten())
                .chain(&scenario.tags)
                .cloned()
                .collect();
            ScenarioInfo {
                feature: feature.name.clone(),
                file: file.clone(),
                name: scenario.name.clone(),
                line: scenario.position.line,
                rows: tags.iter().filter(|t| is_row_tag(t)).cloned().collect(),
                formats: formats(scenario),
                tags,
            }
        })
        .collect()
}

fn is_row_tag(tag: &str) -> bool {
    Table::ALL
        .iter()
        .any(|table| tag.starts_with(&format!("{}.", table.prefix())))
}

fn check_tags(info: &ScenarioInfo) -> Result<(), FeatureError> {
    for tag in &info.tags {
        let reason = if is_row_tag(tag) {
            find_row(tag)
                .is_none()
                .then_some("names no row of the contract")
        } else {
            (tag != MOCK_ONLY && tag != MUTATING)
                .then_some("is unknown: use a row id, @mock-only or @mutating")
        };
        if let Some(reason) = reason {
            return Err(FeatureError::Tag {
                path: info.file.clone(),
                line: info.line,
                tag: tag.clone(),
                reason: reason.to_string(),
            });
        }
    }
    Ok(())
}

/// The formats a scenario asks for: each `the caller asks for <FORMAT> responses` step, or
/// JSON (the client's default) when it has none.
fn formats(scenario: &gherkin::Scenario) -> Vec<Format> {
    let mut formats: Vec<Format> = scenario
        .steps
        .iter()
        .filter_map(|step| {
            let rest = step.value.strip_prefix("the caller asks for ")?;
            Format::parse(rest.strip_suffix(" responses")?)
        })
        .collect();
    if formats.is_empty() {
        formats.push(Format::Json);
    }
    formats.sort();
    formats.dedup();
    formats
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::all_rows;

    fn all_scenarios() -> Vec<ScenarioInfo> {
        embedded()
            .expect("the embedded features parse")
            .iter()
            .flat_map(scenarios)
            .collect()
    }

    #[test]
    fn the_embedded_features_are_exactly_the_files_in_the_features_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("features");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("features/ exists")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|name| name.ends_with(".feature"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = EMBEDDED
            .iter()
            .map(|(name, _)| (*name).to_string())
            .collect();
        assert_eq!(embedded, on_disk, "add new feature files to EMBEDDED");
        for (name, text) in EMBEDDED {
            let disk = std::fs::read_to_string(dir.join(name)).expect("readable");
            assert_eq!(&disk, text, "{name} is embedded as it is on disk");
        }
    }

    #[test]
    fn every_row_of_the_contract_is_tagged_by_a_scenario_in_each_format_it_applies_to() {
        let scenarios = all_scenarios();
        let mut untraced = Vec::new();
        for row in all_rows() {
            let covering: Vec<&ScenarioInfo> = scenarios
                .iter()
                .filter(|s| s.rows.iter().any(|r| r == row.id))
                .collect();
            let formats: &[Format] = if row.per_format {
                &Format::ALL
            } else {
                &[Format::Json]
            };
            for format in formats {
                let any_format = !row.per_format && !covering.is_empty();
                if !any_format && !covering.iter().any(|s| s.formats.contains(format)) {
                    untraced.push(format!("{} in {format}", row.id));
                }
            }
        }
        assert!(untraced.is_empty(), "rows without a scenario: {untraced:?}");
    }

    #[test]
    fn a_tag_naming_no_row_is_refused_with_its_place() {
        let text = "Feature: f\n  @resp.Nope\n  Scenario: s\n    Given a step\n";
        let error = parse("features/x.feature", text).expect_err("an unknown row tag");
        assert_eq!(
            error.to_string(),
            "features/x.feature:3: tag @resp.Nope names no row of the contract"
        );
        let text = "Feature: f\n  @wip\n  Scenario: s\n    Given a step\n";
        assert!(
            parse("features/x.feature", text).is_err(),
            "unknown plain tags are refused too"
        );
    }

    #[test]
    fn scenario_ids_are_unique_so_reports_can_compare_runs() {
        let scenarios = all_scenarios();
        let mut ids: Vec<String> = scenarios.iter().map(ScenarioInfo::id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate scenario names");
    }
}
