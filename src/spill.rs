//! Evidence sentences kept on disk.
//!
//! The supporting sentences are most of a large graph's memory (about 300 MB on a 1 GB
//! corpus). A build writes each of them once, as the resolver takes it in, to a temporary
//! file in the output directory, and the graph keeps only its place ([`Sentence::Stored`]);
//! the exporters read the text back by place ([`SentenceReader::read`]) when they write it.
//! The file is removed from the directory as soon as it is open (where the system does not
//! allow that, when the file or its reader is dropped), so a killed run leaves nothing behind. The page cache, not the process, then
//! holds the text.

use crate::model::{Sentence, StoredSentence};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Bytes gathered before one write to the file.
const BUFFER: usize = 1 << 20;

/// Where the resolver writes the sentences it keeps.
#[derive(Debug)]
pub struct SentenceFile {
    /// The file, until [`SentenceFile::finish`] hands it to the reader.
    file: Option<File>,
    /// The file's path, while it must still be removed.
    path: Option<PathBuf>,
    /// Bytes not yet written to the file.
    pending: Vec<u8>,
    /// Bytes written to the file.
    written: u64,
    /// The first write that failed; later reads report it.
    error: Option<io::Error>,
}

impl SentenceFile {
    /// Creates the file in `dir` (an output directory), removing it from the directory at once
    /// where the system allows.
    ///
    /// # Errors
    /// When the file cannot be created.
    pub fn create_in(dir: &Path) -> io::Result<Self> {
        let path = dir.join(format!(".actorgraph-sentences-{}.tmp", std::process::id()));
        let file = File::options().read(true).write(true).create(true).truncate(true).open(&path)?;
        let path = if std::fs::remove_file(&path).is_ok() { None } else { Some(path) };
        Ok(SentenceFile { file: Some(file), path, pending: Vec::with_capacity(BUFFER), written: 0, error: None })
    }

    /// Stores `text` and returns its place; a text too long for a place, or one that comes
    /// after a failed write, is held instead.
    pub fn push(&mut self, text: &str) -> Sentence {
        let offset = self.written + self.pending.len() as u64;
        let Some(place) = StoredSentence::new(offset, text.len()).filter(|_| self.error.is_none()) else {
            return Sentence::Text(text.into());
        };
        self.pending.extend_from_slice(text.as_bytes());
        if self.pending.len() >= BUFFER {
            self.write_pending();
        }
        Sentence::Stored(place)
    }

    fn write_pending(&mut self) {
        if self.error.is_none() {
            let written = match &mut self.file {
                Some(f) => f.write_all(&self.pending),
                None => Err(io::ErrorKind::NotFound.into()),
            };
            match written {
                Ok(()) => self.written += self.pending.len() as u64,
                Err(e) => self.error = Some(e),
            }
        }
        self.pending.clear();
    }

    /// Writes what is pending and opens the file for reading.
    #[must_use]
    pub fn finish(mut self) -> SentenceReader {
        self.write_pending();
        self.pending = Vec::new();
        SentenceReader { file: self.file.take(), path: self.path.take(), error: self.error.take() }
    }
}

impl Drop for SentenceFile {
    fn drop(&mut self) {
        // Not finished (a build that failed): the file goes with it.
        self.file = None;
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Reads stored sentences back, from any number of threads at once.
#[derive(Debug)]
pub struct SentenceReader {
    file: Option<File>,
    path: Option<PathBuf>,
    error: Option<io::Error>,
}

impl SentenceReader {
    /// Whether a write failed (the stored sentences after it cannot be read).
    #[must_use]
    pub fn write_error(&self) -> Option<&io::Error> {
        self.error.as_ref()
    }

    /// The text at `place`.
    ///
    /// # Errors
    /// When the file cannot be read there, or an earlier write failed.
    pub fn read(&self, place: StoredSentence) -> io::Result<String> {
        if let Some(e) = &self.error {
            return Err(io::Error::new(e.kind(), format!("evidence sentences were not saved: {e}")));
        }
        let file = self.file.as_ref().ok_or(io::ErrorKind::NotFound)?;
        let mut buf = vec![0; place.len()];
        read_at(file, &mut buf, place.offset())?;
        String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

impl Drop for SentenceReader {
    fn drop(&mut self) {
        // Closed first: some systems remove no open file.
        self.file = None;
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_read_back_as_written() {
        let dir = std::env::temp_dir().join(format!("actorgraph-spill-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut file = SentenceFile::create_in(&dir).expect("create");
        let long = "x".repeat(BUFFER + 3);
        let texts = ["Ana said «hello».", "", long.as_str(), "Ünïcödé 🚀 line."];
        let places: Vec<Sentence> = texts.iter().map(|t| file.push(t)).collect();
        let reader = file.finish();
        for (text, place) in texts.iter().zip(&places) {
            let Sentence::Stored(p) = place else { panic!("held: {text}") };
            assert_eq!(reader.read(*p).expect("read"), *text);
        }
        drop(reader);
        let left: Vec<_> = std::fs::read_dir(&dir).expect("list").collect();
        assert!(left.is_empty(), "the file is gone");
        let _ = std::fs::remove_dir(&dir);
    }

    #[test]
    fn places_pack_offset_and_length() {
        let p = StoredSentence::new(StoredSentence::MAX_OFFSET, 17).expect("fits");
        assert_eq!((p.offset(), p.len()), (StoredSentence::MAX_OFFSET, 17));
        assert!(StoredSentence::new(0, 1 << 24).is_none());
        assert!(StoredSentence::new(1 << 40, 1).is_none());
        assert_eq!(std::mem::size_of::<Sentence>(), 16);
    }
}
