//! Documents in: files, directories (recursively, `*.txt`) and standard input.
//!
//! Any input is taken without a panic; what cannot be used is refused with one reason, so that
//! the caller can name the file, skip it and go on (see `docs/hardening.md`):
//!
//! | input                                   | result                                               |
//! |-----------------------------------------|------------------------------------------------------|
//! | missing path, unreadable file or folder | [`Error::Read`]                                      |
//! | directory without `*.txt` files         | [`Error::NoArticles`]                                |
//! | empty, blank or markup-only file        | [`Error::NoText`]                                    |
//! | larger than [`Options::max_doc_bytes`]  | [`Error::TooLarge`], without reading it              |
//! | NUL bytes (binary data)                 | [`Error::NotText`]                                   |
//! | UTF-8, with or without BOM              | read                                                 |
//! | UTF-16 with BOM                         | decoded (malformed units become U+FFFD, with a note) |
//! | invalid UTF-8 that is clearly Windows-1252 / Latin-1 | decoded, with a note                    |
//! | any other invalid UTF-8                 | [`Error::NotText`] naming the first bad byte         |
//!
//! Document ids are file names, made unique where two inputs share one (see [`collect`]).

use crate::error::{Error, Result};
use crate::model::Document;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default limit on the size of one document: 10 MiB.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 10 * 1024 * 1024;

/// How documents are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Documents larger than this many bytes are skipped ([`Error::TooLarge`]).
    pub max_doc_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_doc_bytes: DEFAULT_MAX_DOC_BYTES }
    }
}

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// A source with the id of its document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The document id: unique among the inputs of one [`collect`].
    pub id: String,
    /// Where to read it.
    pub source: Source,
}

/// A document as read, with a note when reading it needed a guess (an encoding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The document.
    pub document: Document,
    /// A one-line note on how it was read ("not UTF-8; read as Windows-1252"), if any.
    pub note: Option<String>,
}

/// One file found, before ids are given.
struct Found {
    source: Source,
    /// The path relative to the input it was found under (the path as given for a file input).
    relative: String,
    /// The path as given or as walked.
    shown: String,
    /// Identity for removing repeats: the canonical path where there is one.
    key: PathBuf,
    /// Whether it was found by walking a directory (then its relative path is the shorter).
    walked: bool,
}

/// Expands the inputs into sources sorted by document id; directories are walked for `*.txt`.
/// Paths that cannot be used come back as errors beside the sources found.
///
/// A file reached twice (named twice, or named and inside a named directory) counts once.
/// Its id is its file name; where two files share a name, each gets its path relative to the
/// directory it was found under (`2023/report.txt`), or failing that the path as given. Ids
/// depend only on the set of files, never on the order of `inputs`.
#[must_use]
pub fn collect(inputs: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            found.push(Found {
                source: Source::Stdin,
                relative: "stdin".into(),
                shown: "stdin".into(),
                key: PathBuf::from("-"),
                walked: false,
            });
        } else if p.is_dir() {
            let before = found.len();
            let mut visited = BTreeSet::new();
            walk(p, p, &mut visited, &mut found, &mut errors);
            if found.len() == before {
                errors.push(Error::NoArticles { path: p.clone() });
            }
        } else if p.exists() {
            let shown = slashed(p);
            found.push(Found {
                source: Source::File(p.clone()),
                relative: shown.clone(),
                shown,
                key: key_of(p),
                walked: false,
            });
        } else {
            errors.push(Error::Read {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            });
        }
    }
    // One entry per file, the same one whatever the order of the inputs: the one found in a
    // directory where there is one.
    found.sort_by(|a, b| (&a.key, !a.walked, &a.relative, &a.shown).cmp(&(&b.key, !b.walked, &b.relative, &b.shown)));
    found.dedup_by(|a, b| a.key == b.key);
    let mut inputs = assign_ids(found);
    inputs.sort();
    (inputs, errors)
}

/// Gives each file its id: the file name, the relative path where names clash, the path as
/// shown where those clash too, and a `#n` suffix as the last resort.
fn assign_ids(found: Vec<Found>) -> Vec<Input> {
    let candidates: [fn(&Found) -> String; 3] = [
        |f| match &f.source {
            Source::File(p) => p.file_name().map_or_else(|| f.shown.clone(), |n| n.to_string_lossy().into_owned()),
            Source::Stdin => "stdin".to_string(),
        },
        |f| f.relative.clone(),
        |f| f.shown.clone(),
    ];
    let mut level = vec![0usize; found.len()];
    for _ in 0..candidates.len() {
        let ids: Vec<String> = found.iter().zip(&level).map(|(f, &l)| candidates[l](f)).collect();
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for id in &ids {
            *count.entry(id.as_str()).or_default() += 1;
        }
        let mut changed = false;
        for (i, id) in ids.iter().enumerate() {
            if count[id.as_str()] > 1 && level[i] + 1 < candidates.len() {
                level[i] += 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut used = BTreeSet::new();
    found
        .into_iter()
        .zip(level)
        .map(|(f, l)| {
            let base = candidates[l](&f);
            let mut id = base.clone();
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{base}#{n}");
                n += 1;
            }
            used.insert(id.clone());
            Input { id, source: f.source }
        })
        .collect()
}

/// The path with `/` between its parts, for ids that read the same on every platform.
fn slashed(p: &Path) -> String {
    let parts: Vec<String> = p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let joined = parts.join("/");
    if p.has_root() && joined.starts_with("//") {
        joined[1..].to_string()
    } else {
        joined
    }
}

fn key_of(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Walks `dir` (under the input `root`) for `*.txt` files, in sorted order. A directory reached
/// again through a symbolic link is not walked twice, so link loops end.
fn walk(root: &Path, dir: &Path, visited: &mut BTreeSet<PathBuf>, out: &mut Vec<Found>, errors: &mut Vec<Error>) {
    let canonical = key_of(dir);
    if visited.contains(&canonical) {
        return;
    }
    visited.insert(canonical.clone());
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(Error::Read { path: dir.to_path_buf(), source });
            return;
        }
    };
    // The entry's own type (no system call where the file system gives it): a plain file's
    // canonical path is its directory's with its name, so only links and unknown types need a
    // `stat` and a `canonicalize` of their own (a corpus is 100,000s of plain files).
    let mut paths: Vec<(std::ffi::OsString, PathBuf, Option<std::fs::FileType>)> =
        entries.filter_map(|e| e.ok().map(|e| (e.file_name(), e.path(), e.file_type().ok()))).collect();
    // All entries share `dir`, so their order is their names' order (each name taken once from
    // its entry, not parsed out of its path at every comparison).
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, p, kind) in paths {
        let plain = kind.filter(|k| !k.is_symlink());
        if plain.map_or_else(|| p.is_dir(), |k| k.is_dir()) {
            walk(root, &p, visited, out, errors);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            let relative = p.strip_prefix(root).map_or_else(|_| slashed(&p), slashed);
            let key = match plain {
                Some(k) if k.is_file() => canonical.join(&name),
                _ => key_of(&p),
            };
            out.push(Found { relative, shown: slashed(&p), key, walked: true, source: Source::File(p) });
        }
    }
}

/// The document id of a source on its own: its file name (or `stdin`). [`collect`] may give a
/// longer id where names clash.
#[must_use]
pub fn doc_id(source: &Source) -> String {
    match source {
        Source::File(p) => p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
        Source::Stdin => "stdin".to_string(),
    }
}

/// Reads one document with the default [`Options`], its id from [`doc_id`].
///
/// # Errors
/// As [`load`].
pub fn read(source: &Source) -> Result<Document> {
    let input = Input { id: doc_id(source), source: source.clone() };
    load(&input, &Options::default()).map(|l| l.document)
}

/// Reads one document.
///
/// # Errors
/// [`Error::Read`] when it cannot be read, [`Error::TooLarge`] past `options.max_doc_bytes`,
/// [`Error::NotText`] when it is not text, [`Error::NoText`] when it holds none.
pub fn load(input: &Input, options: &Options) -> Result<Loaded> {
    let limit = options.max_doc_bytes;
    let (path, bytes) = match &input.source {
        Source::File(p) => {
            let read_err = |source| Error::Read { path: p.clone(), source };
            let file = std::fs::File::open(p).map_err(read_err)?;
            let size = file.metadata().map_err(read_err)?.len();
            if size > limit {
                return Err(Error::TooLarge { path: p.clone(), size, limit });
            }
            (p.clone(), read_limited_sized(file, p, limit, size)?)
        }
        Source::Stdin => (PathBuf::from("-"), read_limited(std::io::stdin().lock(), Path::new("-"), limit)?),
    };
    let (text, note) = decode(&path, bytes)?;
    check_has_text(&path, &text)?;
    let date = crate::clean::find_date(&text);
    let note = note.map(|n| format!("{}: {n}", path.display()));
    Ok(Loaded { document: Document { id: input.id.clone(), text, date }, note })
}

/// Reads at most `limit` bytes: a stream (or a file that grows, or `/dev/zero`) is not read past it.
fn read_limited(r: impl Read, path: &Path, limit: u64) -> Result<Vec<u8>> {
    read_into(r, path, limit, Vec::new())
}

/// [`read_limited`] of a file whose size was `size`: room for it and one byte more, so that
/// reading it takes one read and the one that finds its end, not a series of growing ones.
fn read_limited_sized(r: impl Read, path: &Path, limit: u64, size: u64) -> Result<Vec<u8>> {
    let room = usize::try_from(size.min(limit).saturating_add(1)).unwrap_or(0);
    read_into(r, path, limit, Vec::with_capacity(room))
}

fn read_into(r: impl Read, path: &Path, limit: u64, mut bytes: Vec<u8>) -> Result<Vec<u8>> {
    r.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(Error::TooLarge { path: path.to_path_buf(), size, limit });
    }
    Ok(bytes)
}

/// Refuses text with nothing to read: empty, only whitespace, or no letter or digit outside
/// markup tags (`<…>`) and entities (`&…;`).
fn check_has_text(path: &Path, text: &str) -> Result<()> {
    let reason = if text.is_empty() {
        "empty file"
    } else if text.trim().is_empty() {
        "only whitespace"
    } else if !has_words(text) {
        "only markup or symbols"
    } else {
        return Ok(());
    };
    Err(Error::NoText { path: path.to_path_buf(), reason: reason.into() })
}

fn has_words(text: &str) -> bool {
    let mut in_tag = false;
    let mut in_entity = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '&' if !in_tag => in_entity = true,
            ';' | ' ' | '\n' => in_entity = false,
            c if c.is_alphanumeric() && !in_tag && !in_entity => return true,
            _ => {}
        }
    }
    false
}

/// Decodes a document's bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, or — when the bytes
/// are not UTF-8 but clearly single-byte Western text — Windows-1252 (a superset of the
/// printable Latin-1). Returns the text and a note when the encoding was a guess or the text
/// needed repair. Binary data and other invalid UTF-8 are refused.
///
/// ```
/// use actorgraph::ingest::decode;
/// use std::path::Path;
///
/// let (text, note) = decode(Path::new("a.txt"), b"Caf\xe9 Wagner".to_vec())?;
/// assert_eq!(text, "Café Wagner");
/// assert_eq!(note.as_deref(), Some("not UTF-8 (invalid at byte 3); read as Windows-1252"));
/// assert!(decode(Path::new("b.bin"), b"\x89PNG\0\0".to_vec()).is_err());
/// # Ok::<(), actorgraph::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotText`] with the reason.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, Option<String>)> {
    let not_text = |reason: String| Error::NotText { path: path.to_path_buf(), reason };
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if text.contains('\0') {
                return Err(not_text(format!("binary data (NUL characters) in {}", encoding.name())));
            }
            let note = malformed.then(|| format!("malformed {} replaced by U+FFFD", encoding.name()));
            return Ok((text.into_owned(), note));
        }
    }
    let mut body = bytes;
    if body.starts_with(b"\xEF\xBB\xBF") {
        body.drain(..3);
    }
    if body.contains(&0) {
        return Err(not_text("binary data (NUL bytes)".into()));
    }
    // One pass of UTF-8 validation: the bytes become the text, or come back with the place
    // of the first bad one.
    let (body, bad_at) = match String::from_utf8(body) {
        Ok(text) => return Ok((text, None)),
        Err(e) => {
            let bad_at = e.utf8_error().valid_up_to();
            (e.into_bytes(), bad_at)
        }
    };
    let body = body.as_slice();
    if clearly_single_byte(body) {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
        return Ok((text.into_owned(), Some(format!("not UTF-8 (invalid at byte {bad_at}); read as Windows-1252"))));
    }
    Err(not_text(format!("invalid UTF-8 at byte {bad_at}, and not clearly Latin-1 or Windows-1252 either")))
}

/// Whether bytes that are not UTF-8 read clearly as Windows-1252 text: no valid multi-byte UTF-8
/// sequence (that would be mixed encodings), no control bytes but whitespace, no byte that
/// Windows-1252 leaves undefined, no run of three or more bytes above ASCII, and at most one in
/// five non-space bytes above ASCII.
fn clearly_single_byte(bytes: &[u8]) -> bool {
    let mixed = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
    let control = bytes.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C));
    let undefined = bytes.iter().any(|&b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
    let long_run = bytes.windows(3).any(|w| w.iter().all(|&b| b >= 0x80));
    let visible = bytes.iter().filter(|b| !b.is_ascii_whitespace()).count();
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    !mixed && !control && !undefined && !long_run && high * 5 <= visible
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<(String, Option<String>)> {
        decode(Path::new("t.txt"), bytes.to_vec())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec(b"Zo\xc3\xab").unwrap(), ("Zoë".into(), None));
        assert_eq!(dec(b"\xEF\xBB\xBFZo\xc3\xab").unwrap(), ("Zoë".into(), None));
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Zoë".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Zoë".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(dec(&le).unwrap(), ("Zoë".into(), None));
        assert_eq!(dec(&be).unwrap(), ("Zoë".into(), None));
        // A lone surrogate.
        let (text, note) = dec(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]).unwrap();
        assert_eq!(text, "a\u{FFFD}b");
        assert!(note.unwrap().contains("U+FFFD"));
    }

    #[test]
    fn latin1_is_decoded_with_a_note() {
        let (text, note) = dec(b"Caf\xe9 de la Paix, \x93quoted\x94").unwrap();
        assert_eq!(text, "Café de la Paix, \u{201C}quoted\u{201D}");
        assert!(note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn other_invalid_utf8_is_refused() {
        // A lone surrogate written as UTF-8 bytes; mixed encodings; random high bytes.
        for bad in [&b"abc \xED\xA0\x80 def"[..], b"Zo\xc3\xab and Caf\xe9", b"x\xfd\xfc\xfb\xfa", b"a\x01\xe9"] {
            let err = dec(bad).unwrap_err().to_string();
            assert!(err.contains("invalid UTF-8 at byte"), "{err}");
        }
    }

    #[test]
    fn binary_is_refused() {
        assert!(dec(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err().to_string().contains("binary"));
        let utf16_nul = [0xFF, 0xFE, 0, 0];
        assert!(dec(&utf16_nul).unwrap_err().to_string().contains("binary"));
    }

    #[test]
    fn text_checks() {
        let p = Path::new("t.txt");
        assert!(check_has_text(p, "").unwrap_err().to_string().contains("empty file"));
        assert!(check_has_text(p, " \n\t").unwrap_err().to_string().contains("whitespace"));
        let markup = "<html><body class=\"x\"><div>&nbsp;&amp;</div><br/></body></html>\n";
        assert!(check_has_text(p, markup).unwrap_err().to_string().contains("markup"));
        assert!(check_has_text(p, "<p>Wagner</p>").is_ok());
        assert!(check_has_text(p, "AT&T recruits").is_ok());
    }

    fn input(id: &str) -> Input {
        Input { id: id.into(), source: Source::Stdin }
    }

    #[test]
    fn ids_clash_resolution() {
        let f = |p: &str, rel: &str| Found {
            source: Source::File(PathBuf::from(p)),
            relative: rel.into(),
            shown: p.into(),
            key: PathBuf::from(p),
            walked: true,
        };
        let ids: Vec<String> = assign_ids(vec![
            f("a/2023/x.txt", "2023/x.txt"),
            f("a/2024/x.txt", "2024/x.txt"),
            f("b/x.txt", "x.txt"),
            f("c/x.txt", "x.txt"),
            f("a/y.txt", "y.txt"),
        ])
        .into_iter()
        .map(|i| i.id)
        .collect();
        assert_eq!(ids, ["2023/x.txt", "2024/x.txt", "b/x.txt", "c/x.txt", "y.txt"]);
        assert!(input("a") < input("b"));
    }
}
