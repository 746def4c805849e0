//! Stable identifiers for every row of the contract, and the index over all of them.

use super::{BEHAVIOUR, DOCUMENTED_ERRORS, GATEWAY_ERRORS, REQUEST_PARAMETERS, RESPONSE_FIELDS};

/// The table of the document (or of the surrounding reference) a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// The document's request parameter table.
    Request,
    /// The document's response parameter table.
    Response,
    /// The document's error code table.
    Error,
    /// The promises of the document's description, as numbered clauses.
    Behaviour,
    /// The common request rules of the RPC gateway that every call meets.
    Gateway,
}

impl Table {
    /// Every table, in report order.
    pub const ALL: [Table; 5] = [
        Table::Request,
        Table::Response,
        Table::Error,
        Table::Behaviour,
        Table::Gateway,
    ];

    /// The tag prefix of this table's rows, e.g. `req` for `@req.DtsJobId`.
    pub fn prefix(self) -> &'static str {
        match self {
            Table::Request => "req",
            Table::Response => "resp",
            Table::Error => "err",
            Table::Behaviour => "beh",
            Table::Gateway => "gw",
        }
    }

    /// A reader's name for the table.
    pub fn title(self) -> &'static str {
        match self {
            Table::Request => "Request parameters",
            Table::Response => "Response parameters",
            Table::Error => "Error codes",
            Table::Behaviour => "Described behaviour",
            Table::Gateway => "Common request rules",
        }
    }
}

/// A stable row identifier such as `req.DtsJobId`, `err.Throttling.User` or `beh.4`.
///
/// Scenarios cite rows with a tag of the same text (`@resp.DtsInstanceId`).
pub type RowId = &'static str;

/// One row of the contract, as the coverage matrix lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The stable identifier.
    pub id: RowId,
    /// The table it belongs to.
    pub table: Table,
    /// What the row is about, as the document names it.
    pub title: &'static str,
    /// Whether the row must be covered in JSON and in XML (response shapes and error bodies),
    /// rather than once in any format (request parameters and behaviour).
    pub per_format: bool,
}

/// Every row of the contract, table by table, in document order.
pub fn all_rows() -> Vec<Row> {
    let request = REQUEST_PARAMETERS.iter().map(|p| Row {
        id: p.id,
        table: Table::Request,
        title: p.name,
        per_format: false,
    });
    let response = RESPONSE_FIELDS.iter().map(|f| Row {
        id: f.id,
        table: Table::Response,
        title: f.name,
        per_format: true,
    });
    let errors = DOCUMENTED_ERRORS.iter().map(|e| Row {
        id: e.id,
        table: Table::Error,
        title: e.code,
        per_format: true,
    });
    let behaviour = BEHAVIOUR.iter().map(|c| Row {
        id: c.id,
        table: Table::Behaviour,
        title: c.text,
        per_format: false,
    });
    let gateway = GATEWAY_ERRORS
        .iter()
        .filter(|g| g.required_coverage)
        .map(|g| Row {
            id: g.id,
            table: Table::Gateway,
            title: g.code,
            per_format: false,
        });
    request
        .chain(response)
        .chain(errors)
        .chain(behaviour)
        .chain(gateway)
        .collect()
}

/// The row with this identifier, if the contract has one.
pub fn find_row(id: &str) -> Option<Row> {
    all_rows().into_iter().find(|row| row.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn row_ids_are_unique_and_carry_their_table_prefix() {
        let rows = all_rows();
        let mut seen = HashSet::new();
        for row in &rows {
            assert!(seen.insert(row.id), "duplicate row id {}", row.id);
            let prefix = format!("{}.", row.table.prefix());
            assert!(
                row.id.starts_with(&prefix),
                "{} lacks prefix {prefix}",
                row.id
            );
            assert!(
                row.id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.')
            );
        }
    }

    #[test]
    fn every_table_of_the_document_has_rows() {
        let rows = all_rows();
        for table in Table::ALL {
            assert!(
                rows.iter().any(|row| row.table == table),
                "{table:?} is empty"
            );
        }
    }
}
