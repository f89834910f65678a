//! Documents in: files, directories (recursively, `*.txt`) and standard input.

use crate::error::{Error, Result};
use crate::model::Document;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// Expands the inputs into sources, sorted by document id; directories are walked for `*.txt`.
/// Unreadable paths come back as errors beside the sources found.
#[must_use]
pub fn collect(inputs: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out, &mut errors);
        } else if p.exists() {
            out.push(Source::File(p.clone()));
        } else {
            errors.push(Error::Read {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            });
        }
    }
    out.sort_by(|a, b| doc_id(a).cmp(&doc_id(b)).then_with(|| a.cmp(b)));
    out.dedup();
    (out, errors)
}

fn walk(dir: &Path, out: &mut Vec<Source>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(Error::Read { path: dir.to_path_buf(), source });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out, errors);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(Source::File(p));
        }
    }
}

/// The document id of a source: its file name.
#[must_use]
pub fn doc_id(source: &Source) -> String {
    match source {
        Source::File(p) => p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
        Source::Stdin => "stdin".to_string(),
    }
}

/// Reads one document.
///
/// # Errors
/// [`Error::Read`] when it cannot be read, [`Error::NotText`] when it is not UTF-8 text.
pub fn read(source: &Source) -> Result<Document> {
    let (path, bytes) = match source {
        Source::File(p) => (p.clone(), std::fs::read(p).map_err(|e| Error::Read { path: p.clone(), source: e })?),
        Source::Stdin => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map_err(|e| Error::Read { path: "-".into(), source: e })?;
            (PathBuf::from("-"), b)
        }
    };
    let text = decode(&path, bytes)?;
    let date = crate::clean::find_date(&text);
    Ok(Document { id: doc_id(source), text, date })
}

/// Decodes UTF-8 (a BOM is dropped); binary data is refused.
///
/// # Errors
/// [`Error::NotText`] with the reason.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if bytes.contains(&0) {
        return Err(Error::NotText { path: path.to_path_buf(), reason: "binary data (NUL bytes)".into() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| Error::NotText {
        path: path.to_path_buf(),
        reason: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })
}
