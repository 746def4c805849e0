//! The API document as data.
