//! Keep the article, drop the page junk.
//!
//! A scraped page is read line by line. The body starts at the first line that
//! reads like prose (long, ending in sentence punctuation); before it only the
//! headline block is kept (the title-like lines just above the body, walking up
//! past dates and bylines until navigation or a call to action). After the body
//! has begun, the first end marker (newsletter, comments, related headlines,
//! copyright, credits, dumped markup) ends the article. Anywhere, a line that is
//! markup, navigation or a call to action is dropped, and so is a line the
//! corpus repeats across documents.

use crate::model::Span;

/// The boilerplate phrase lists (see `schema/boilerplate.tsv`).
#[derive(Debug, Default, Clone)]
pub struct Boilerplate {
    end: Vec<String>,
    inline: Vec<String>,
    line: Vec<String>,
    start: Vec<String>,
    /// The distinct `line` phrases in one automaton (every line is searched for all of them),
    /// with how often each is listed; `None` when there are none or it could not be built.
    line_matcher: Option<(aho_corasick::AhoCorasick, Vec<usize>)>,
    /// The same phrases for asking only whether a line holds any: a leftmost search, which can
    /// skip ahead with a vectorised prefilter (most lines hold none), where the overlapping
    /// count walks every byte.
    line_any: Option<aho_corasick::AhoCorasick>,
}

/// The compiled-in boilerplate list.
pub const BUILTIN: &str = include_str!("../schema/boilerplate.tsv");

impl Boilerplate {
    /// Parses the boilerplate list.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let mut b = Boilerplate::default();
        for l in text.lines() {
            let l = l.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let mut cols = l.splitn(2, '\t');
            let (Some(cat), Some(phrase)) = (cols.next(), cols.next()) else { continue };
            let phrase = phrase.to_lowercase();
            match cat.trim() {
                "end" => b.end.push(phrase),
                "inline" => b.inline.push(phrase),
                "line" => b.line.push(phrase),
                "start" => b.start.push(phrase),
                _ => {}
            }
        }
        let mut distinct: Vec<&str> = Vec::new();
        let mut listed: Vec<usize> = Vec::new();
        for p in &b.line {
            match distinct.iter().position(|d| d == p) {
                Some(i) => listed[i] += 1,
                None => {
                    distinct.push(p);
                    listed.push(1);
                }
            }
        }
        if !distinct.is_empty() {
            b.line_matcher = aho_corasick::AhoCorasick::new(&distinct).ok().map(|ac| (ac, listed));
            b.line_any = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(&distinct)
                .ok();
        }
        b
    }

    /// How many `line` phrases (counted as often as listed) `lower` contains, up to 2: all
    /// [`classify`] asks.
    fn line_hits(&self, lower: &str) -> usize {
        let Some((ac, listed)) = &self.line_matcher else {
            return self.line.iter().filter(|p| lower.contains(p.as_str())).take(2).count();
        };
        if self.line_any.as_ref().is_some_and(|any| !any.is_match(lower)) {
            return 0;
        }
        let mut first = None;
        for m in ac.find_overlapping_iter(lower) {
            let id = m.pattern().as_usize();
            match first {
                None if listed.get(id).is_some_and(|&n| n >= 2) => return 2,
                None => first = Some(id),
                Some(f) if f != id => return 2,
                Some(_) => {}
            }
        }
        usize::from(first.is_some())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// Prose: the article body.
    Body,
    /// Short, title-like: a headline, subhead or caption.
    Title,
    /// Date, time, byline or dateline: dropped, but does not end the headline block.
    Meta,
    /// Navigation, call to action, markup: dropped.
    Junk,
    /// A marker after which nothing is article.
    End,
    /// A block inside the article that is not article: "Read more:" and its links, an ad.
    Inline,
}

/// After an inline block, the article goes on only at a paragraph this long (shorter lines
/// are the block's links), and only if the block has at most [`INLINE_BLOCK_LINES`] lines.
const INLINE_RESUME_WORDS: usize = 20;
const INLINE_BLOCK_LINES: usize = 6;
/// Junk lines (credits, players) that may stand between the headline and the body.
const MAX_JUNK_UNDER_HEADLINE: usize = 3;

/// Lines that the corpus repeats across documents, kept as hashes of their [`line_key`]
/// so that a corpus of any size costs eight bytes a line.
#[derive(Debug, Default, Clone)]
pub struct RepeatedLines {
    hashes: rustc_hash::FxHashSet<u64>,
    /// Whether a line of more than [`MAX_REPEATED_WORDS`] words may be one of them: a key or
    /// hash added one by one. Those a corpus repeats ([`RepeatedLines::from_short_hashes`])
    /// are short lines only, so a longer line is none of them and needs no hash.
    long: bool,
}

/// The most words a line the corpus repeats may have ([`crate::pipeline::repeated_lines`]
/// counts the lines of 1 to this many words).
pub(crate) const MAX_REPEATED_WORDS: usize = 20;

impl RepeatedLines {
    /// No repeated lines.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a line key (see [`line_key`]).
    pub fn insert(&mut self, key: String) {
        self.long |= key.split_whitespace().nth(MAX_REPEATED_WORDS).is_some();
        self.hashes.insert(key_hash(&key));
    }

    /// Adds the hash of a line key (see [`line_hash`]).
    pub fn insert_hash(&mut self, hash: u64) {
        self.long = true;
        self.hashes.insert(hash);
    }

    /// The hashes of the keys of lines of 1 to [`MAX_REPEATED_WORDS`] words.
    pub(crate) fn from_short_hashes(hashes: impl IntoIterator<Item = u64>) -> Self {
        RepeatedLines { hashes: hashes.into_iter().collect(), long: false }
    }

    /// Whether a line of `words` words (white-space separated) can be one of them: all can
    /// when some were added one by one, else only the short ones.
    pub(crate) fn may_hold(&self, words: usize) -> bool {
        !self.hashes.is_empty() && (self.long || words <= MAX_REPEATED_WORDS)
    }

    /// Whether the hash of a line key is one of them.
    fn contains_hash(&self, hash: u64) -> bool {
        self.hashes.contains(&hash)
    }

    /// Whether a line key (see [`line_key`]) is one of them.
    #[must_use]
    pub fn contains(&self, key: &str) -> bool {
        self.hashes.contains(&key_hash(key))
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// How many there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether `line` (as written) is one of them.
    #[must_use]
    pub fn contains_line(&self, line: &str) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&line_hash(line))
    }
}

impl FromIterator<u64> for RepeatedLines {
    fn from_iter<I: IntoIterator<Item = u64>>(iter: I) -> Self {
        RepeatedLines { hashes: iter.into_iter().collect(), long: true }
    }
}

/// Normalises a line for repetition counting.
#[must_use]
pub fn line_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    lowercase_into(&line.split_whitespace().collect::<Vec<_>>().join(" "), &mut key);
    key
}

/// A fixed (seedless) 64-bit hash of a line key, the same in every run.
fn key_hash(key: &str) -> u64 {
    use std::hash::Hasher;
    // `DefaultHasher::new` has fixed keys: the same hash in every run and thread.
    let mut h = std::hash::DefaultHasher::new();
    h.write(key.as_bytes());
    h.finish()
}

/// The hash of [`line_key`]`(line)`, without building the key where the line is ASCII.
#[must_use]
pub fn line_hash(line: &str) -> u64 {
    use std::hash::Hasher;
    if !line.is_ascii() {
        return key_hash(&line_key(line));
    }
    // The key's bytes go to the hasher through a small buffer, as they are made: SipHash
    // hashes a series of writes as it would their concatenation.
    let mut h = std::hash::DefaultHasher::new();
    let b = line.as_bytes();
    // Most lines are their own key but for case: words between single spaces, no white space
    // at the ends (vectorised searches tell).
    let single_spaced = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr(b'\x0c', b).is_none()
        && memchr::memmem::find(b, b"  ").is_none();
    if single_spaced {
        for piece in b.chunks(64) {
            let mut buf = [0u8; 64];
            let buf = &mut buf[..piece.len()];
            buf.copy_from_slice(piece);
            ascii_lowercase(buf);
            h.write(buf);
        }
        return h.finish();
    }
    let mut buf = [0u8; 64];
    let mut n = 0;
    // Whether a space is due before the next word (not before the first).
    let mut gap = false;
    let mut started = false;
    for &c in b {
        // The white space of `split_ascii_whitespace`.
        if matches!(c, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r') {
            gap = started;
            continue;
        }
        if n + 2 > buf.len() {
            h.write(&buf[..n]);
            n = 0;
        }
        if gap {
            buf[n] = b' ';
            n += 1;
            gap = false;
        }
        buf[n] = c.to_ascii_lowercase();
        n += 1;
        started = true;
    }
    h.write(&buf[..n]);
    h.finish()
}

/// The hash of [`line_key`]`(line)` itself: [`line_hash`] but where `line` is ASCII with a
/// vertical tab, at which `line_key` splits and `line_hash` does not.
fn exact_key_hash(line: &str) -> u64 {
    if line.is_ascii() && line.as_bytes().contains(&0x0b) {
        key_hash(&line_key(line))
    } else {
        line_hash(line)
    }
}

/// Returns the byte ranges of `text` that are article: one span per kept line.
#[must_use]
pub fn clean(text: &str, junk: &Boilerplate, repeated: &RepeatedLines) -> Vec<Span> {
    clean_noting(text, junk, repeated, None)
}

/// [`clean`], also putting in `own` (when given) the [`line_key`]s of the lines of `text` (any
/// line: blank, dropped or kept) that are in `repeated`, sorted, each once: what a state record
/// keeps. The line hashes serve both, where asking apart would hash each line twice.
pub(crate) fn clean_noting(
    text: &str,
    junk: &Boilerplate,
    repeated: &RepeatedLines,
    mut own: Option<&mut Vec<String>>,
) -> Vec<Span> {
    if let Some(keys) = own.as_deref_mut() {
        keys.clear();
    }
    // Whether the empty key is one of them: a blank line's, asked once.
    let mut blank_repeated = None;
    let mut lines: Vec<(Span, LineKind)> = Vec::new();
    let mut pos = 0;
    let mut in_script = false;
    let mut lower = String::new();
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        lowercase_into(trimmed, &mut lower);
        // (`classify` compares the count with numbers up to 25 only.)
        let words = words_up_to(trimmed, CLASSIFY_WORDS);
        // (A line of more words than a repeated one has needs no hash.)
        let may_repeat = repeated.may_hold(words);
        // Whether the line's key is repeated, where `own` asked.
        let mut key_repeated = None;
        if let (Some(keys), true) = (own.as_deref_mut(), may_repeat) {
            let hit = if trimmed.is_empty() {
                *blank_repeated.get_or_insert_with(|| repeated.contains_line(""))
            } else {
                repeated.contains_hash(exact_key_hash(trimmed))
            };
            if hit {
                keys.push(line_key(trimmed));
            }
            key_repeated = Some(hit);
        }
        // (Both tags need a '<': one byte search rules them out for most lines.)
        let tag = lower.as_bytes().contains(&b'<');
        if in_script {
            if tag && lower.contains("</script") {
                in_script = false;
            }
            lines.push((span, LineKind::Junk));
            continue;
        }
        if tag && lower.contains("<script") && !lower.contains("</script") {
            in_script = true;
        }
        let mut kind = classify(trimmed, &lower, words, junk);
        if kind != LineKind::Blank && kind != LineKind::End && may_repeat {
            // The key's hash is the line's, but for an ASCII line with a vertical tab.
            let exact = trimmed.is_ascii() && trimmed.as_bytes().contains(&0x0b);
            let hit = match key_repeated {
                Some(hit) if !exact => hit,
                _ => repeated.contains_line(trimmed),
            };
            if hit {
                kind = LineKind::Junk;
            }
        }
        lines.push((span, kind));
    }
    if let Some(keys) = own {
        keys.sort();
        keys.dedup();
    }
    let Some(first_body) = lines.iter().position(|(_, k)| *k == LineKind::Body) else {
        // No prose at all: keep the title-like lines (a short note or a headline list).
        return lines.iter().filter(|(_, k)| *k == LineKind::Title).map(|(s, _)| *s).collect();
    };
    let mut keep = vec![false; lines.len()];
    // The headline block: walk up from the body.
    let mut skipped = 0;
    for i in (0..first_body).rev() {
        // A breadcrumb between the headline and the body ("Home | World | Middle East") is
        // passed over, neither kept nor the end of the block.
        if matches!(lines[i].1, LineKind::Junk | LineKind::Title)
            && is_breadcrumb(&text[lines[i].0.start..lines[i].0.end])
        {
            continue;
        }
        match lines[i].1 {
            LineKind::Blank | LineKind::Meta => {}
            LineKind::Title => keep[i] = true,
            // A photo credit or a "Listen to this article" between the headline and the body:
            // passed over, a few at most.
            LineKind::Junk if skipped < MAX_JUNK_UNDER_HEADLINE => skipped += 1,
            _ => break,
        }
    }
    let mut bodies = 0;
    // Lines since an inline block opened ("Read more:"), while it lasts.
    let mut inline: Option<usize> = None;
    for (i, (span, kind)) in lines.iter().enumerate().skip(first_body) {
        if let Some(n) = inline.as_mut() {
            let resumes = *kind == LineKind::Body
                && words_up_to(&text[span.start..span.end], INLINE_RESUME_WORDS) >= INLINE_RESUME_WORDS;
            if !resumes {
                if *kind != LineKind::Blank {
                    *n += 1;
                }
                if *n > INLINE_BLOCK_LINES || (*kind == LineKind::End && bodies >= 2) {
                    break;
                }
                continue;
            }
            inline = None;
        }
        match kind {
            LineKind::End if bodies >= 2 => break,
            LineKind::Inline => inline = Some(0),
            LineKind::Body => {
                bodies += 1;
                keep[i] = true;
            }
            LineKind::Title => keep[i] = true,
            _ => {}
        }
    }
    lines.iter().zip(keep).filter(|(_, k)| *k).map(|((s, _), _)| *s).collect()
}

/// A short line of section names joined by separators: "Home | World | Middle East",
/// "News > Africa > Sudan".
fn is_breadcrumb(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let separators = words.iter().filter(|w| matches!(**w, "|" | ">" | "›" | "»" | "/" | "·")).count();
    words.len() <= 12 && separators >= 1 && separators * 2 >= words.len() / 2 && !line.contains(['.', ',', '"'])
}

/// The words of a line that [`classify`] needs counted: it tells counts apart only up to 25.
const CLASSIFY_WORDS: usize = 26;

/// The kind of `line` (trimmed), given its lower case and its number of words counted up to
/// [`CLASSIFY_WORDS`] (the same kind for any count from there on).
fn classify(line: &str, lower: &str, words: usize, junk: &Boilerplate) -> LineKind {
    if line.is_empty() {
        return LineKind::Blank;
    }
    let stripped = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && !"<©_-*".contains(c));
    let markup = is_markup(line);
    // End markers are short lines (a heading, a form, a credit) or markup.
    if (words <= 15 || markup) && junk.end.iter().any(|p| stripped.starts_with(p.as_str())) {
        return LineKind::End;
    }
    if words <= 15 && junk.inline.iter().any(|p| stripped.starts_with(p.as_str())) {
        return LineKind::Inline;
    }
    // A long paragraph is junk only when it carries two calls to action.
    // (Markup is junk whatever the count: the phrases need no search then.)
    if markup || {
        let hits = junk.line_hits(lower);
        (hits >= 1 && words <= 20) || hits >= 2
    } {
        return LineKind::Junk;
    }
    if words <= 12 && junk.start.iter().any(|p| stripped.starts_with(p.as_str())) {
        return LineKind::Meta;
    }
    if has_separator(line) && !ends_like_sentence(line) {
        return if has_date(line, lower) { LineKind::Meta } else { LineKind::Junk };
    }
    // Lines wholly in brackets: stage directions, timecodes.
    if (line.starts_with('[') && line.ends_with(']')) || (line.starts_with('(') && line.ends_with(')') && words <= 6) {
        return LineKind::Junk;
    }
    if words <= 12 && has_date(line, lower) {
        return LineKind::Meta;
    }
    if words >= 12 && ends_like_sentence(line) {
        return LineKind::Body;
    }
    if words >= 25 {
        return LineKind::Body;
    }
    // A short exclamation is a call to action ("Support The Lisbon Herald!"), not a headline.
    if words <= 8 && line.ends_with('!') {
        return LineKind::Junk;
    }
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return LineKind::Junk;
    }
    // A list of headlines run together with wide gaps.
    if line.contains("     ") {
        return LineKind::Junk;
    }
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    if letters > 8 && upper * 10 >= letters * 9 && !line.contains(':') {
        // ALL-CAPS short line: a masthead or section label.
        return LineKind::Junk;
    }
    LineKind::Title
}

/// `line.split_whitespace().take(cap).count()`: the words of `line`, counted up to `cap`.
pub(crate) fn words_up_to(line: &str, cap: usize) -> usize {
    let bytes = line.as_bytes();
    if !bytes.is_ascii() {
        return line.split_whitespace().take(cap).count();
    }
    // Eight bytes at a time: a word starts at a byte that is no space after one that is (or
    // at the start). The spaces are the ASCII characters `char::is_whitespace` accepts:
    // 9 to 13 (tab, line feed, vertical tab, form feed, carriage return) and 32.
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    // For bytes below 128, `v + (128 - lo)` has its high bit set exactly when `v >= lo`, and no
    // sum carries into the next byte.
    let at_least = |w: u64, lo: u64| w + (128 - lo) * ONES;
    let mut words = 0;
    // Whether the byte before the next is a space (the start of the line counts as one).
    let mut after_space = HIGHS & 0x80;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let control = at_least(w, 9) & !at_least(w, 14);
        let blank = at_least(w, 32) & !at_least(w, 33);
        let space = (control | blank) & HIGHS;
        let starts = !space & HIGHS & ((space << 8) | after_space);
        words += starts.count_ones() as usize;
        if words >= cap {
            return cap;
        }
        after_space = (space >> 56) & 0x80;
    }
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let mut in_word = after_space == 0;
    for &b in chunks.remainder() {
        let word = !space(b);
        words += usize::from(word && !in_word);
        in_word = word;
    }
    words.min(cap)
}

fn ends_like_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', ':'])
}

/// Whether `line` holds " | ", " > " or " / ".
fn has_separator(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'|', b'>', b'/', b).any(|i| i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' '))
}

fn is_markup(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('<') || t.starts_with("{\"") || t.starts_with("[{") {
        return true;
    }
    if line.len() <= 20 {
        return false;
    }
    // The marks are ASCII, so counting bytes counts them (three vectorised passes of three
    // marks each, rather than nine comparisons a byte).
    let b = line.as_bytes();
    let punct = memchr::memchr3_iter(b'{', b'}', b'[', b).count()
        + memchr::memchr3_iter(b']', b'<', b'>', b).count()
        + memchr::memchr3_iter(b'=', b'"', b':', b).count();
    let chars = if b.is_ascii() { b.len() } else { line.chars().count() };
    punct * 8 > chars
}

/// Whether `line` (`lower` in lower case) carries a date or a time.
fn has_date(line: &str, lower: &str) -> bool {
    let b = line.as_bytes();
    // 2013-06-06, 07/06/2025, 14-03-2022, 18:20
    for w in b.windows(5) {
        if w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && (w[2] == b':' || w[2] == b'-' || w[2] == b'/')
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
        {
            return true;
        }
    }
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may ",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan ",
        "feb ",
        "mar ",
        "apr ",
        "jun ",
        "jul ",
        "aug ",
        "sep ",
        "sept ",
        "oct ",
        "nov ",
        "dec ",
    ];
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    has_year && MONTHS.iter().any(|m| lower.contains(m))
}

/// The first date in the first lines of a text, as `YYYY-MM-DD`, where one is written there.
#[must_use]
pub fn find_date(text: &str) -> Option<String> {
    // A date in the first 2,000 characters. Those are at most 8,000 bytes; the first date
    // there is the answer when it ends within the 2,000 characters (a date is ASCII, so its
    // end is a character boundary), and no later one can be. So the characters are counted
    // once, up to the date found, instead of walked to the 2,000th for every text.
    let b = &text.as_bytes()[..text.len().min(HEAD_CHARS * 4)];
    // A date's first dash is its fifth byte: only the dashes need a look, in order, so the
    // first date found is the one at the least position.
    for dash in memchr::memchr_iter(b'-', b) {
        let Some(i) = dash.checked_sub(4) else { continue };
        let Some(w) = b.get(i..i + 10) else { break };
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        if digits(0..4) && w[7] == b'-' && digits(5..7) && digits(8..10) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let date = text.get(i..i + 10)?;
            let y: u32 = date[..4].parse().ok()?;
            let m: u32 = date[5..7].parse().ok()?;
            let d: u32 = date[8..].parse().ok()?;
            if (1900..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                return (text[..i + 10].chars().count() <= HEAD_CHARS).then(|| date.to_string());
            }
        }
    }
    None
}

/// How many characters from the start of a text [`find_date`] looks at.
const HEAD_CHARS: usize = 2000;

/// `s.to_lowercase()`, written into `out`: ASCII lower-cased eight bytes at a time, and the
/// standard library's rules only for a line with a character beyond ASCII that has a lower
/// case of its own.
pub(crate) fn lowercase_into(s: &str, out: &mut String) {
    // Most characters beyond ASCII in a line (quotes, dashes, small letters) are their own
    // lower case; a capital one (or a capital sigma, whose lower case depends on its place)
    // sends the line to `str::to_lowercase`.
    let own_lower = |c: char| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    };
    if !s.is_ascii() && !s.chars().filter(|c| !c.is_ascii()).all(own_lower) {
        out.clear();
        out.push_str(&s.to_lowercase());
        return;
    }
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.clear();
    bytes.extend_from_slice(s.as_bytes());
    ascii_lowercase(&mut bytes);
    // (Only ASCII capitals changed, to ASCII: the bytes are still UTF-8.)
    *out = String::from_utf8(bytes).unwrap_or_else(|_| s.to_lowercase());
}

/// `bytes.make_ascii_lowercase()`, eight bytes at a time where they are ASCII.
fn ascii_lowercase(bytes: &mut [u8]) {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    // For bytes below 128, `v + (128 - lo)` has its high bit set exactly when `v >= lo`.
    let at_least = |w: u64, lo: u64| w + (128 - lo) * ONES;
    let mut chunks = bytes.chunks_exact_mut(8);
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        if w & HIGHS == 0 {
            // A capital ('A' to 'Z') gains 0x20: its high bit shifted down.
            let upper = at_least(w, u64::from(b'A')) & !at_least(w, u64::from(b'Z') + 1) & HIGHS;
            chunk.copy_from_slice(&(w | (upper >> 2)).to_le_bytes());
        } else {
            chunk.make_ascii_lowercase();
        }
    }
    chunks.into_remainder().make_ascii_lowercase();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_date` as it was: every position of the first 2,000 characters tried.
    fn find_date_by_position(text: &str) -> Option<String> {
        let head = &text[..text.char_indices().nth(2000).map_or(text.len(), |(i, _)| i)];
        let b = head.as_bytes();
        for i in 0..b.len().saturating_sub(9) {
            let w = &b[i..i + 10];
            let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
            if digits(0..4)
                && w[4] == b'-'
                && digits(5..7)
                && w[7] == b'-'
                && digits(8..10)
                && (i == 0 || !b[i - 1].is_ascii_digit())
            {
                let (y, m, d): (u32, u32, u32) =
                    (head[i..i + 4].parse().ok()?, head[i + 5..i + 7].parse().ok()?, head[i + 8..i + 10].parse().ok()?);
                if (1900..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some(head[i..i + 10].to_string());
                }
            }
        }
        None
    }

    #[test]
    fn find_date_is_the_first_date_by_position() {
        let pad = |n: usize, c: char| c.to_string().repeat(n);
        let mut texts = vec![
            String::new(),
            "2024-05-12".into(),
            "-2024-05-12".into(),
            "12024-05-12 2023-01-02".into(),
            "2024-13-12 then 1999-12-31".into(),
            "x--2024-05-1 2024-05-12-".into(),
            "2024-05-1".into(),
            "1899-01-01 2100-01-01 2099-12-31".into(),
        ];
        for n in [1985, 1990, 1991, 1992, 1995, 2000] {
            texts.push(format!("{}2024-05-12", pad(n, 'a')));
            texts.push(format!("{}2024-05-12", pad(n / 2, 'é')));
            texts.push(format!("é{}2024-05-12", pad(n, 'a')));
        }
        for t in &texts {
            assert_eq!(find_date(t), find_date_by_position(t), "{t:?}");
        }
    }

    #[test]
    fn line_hash_is_the_hash_of_the_ascii_key() {
        // As it was: the words joined in a buffer, lower-cased, hashed.
        let joined = |line: &str| {
            let mut b = String::new();
            for w in line.split_ascii_whitespace() {
                if !b.is_empty() {
                    b.push(' ');
                }
                b.push_str(w);
            }
            b.make_ascii_lowercase();
            key_hash(&b)
        };
        let alphabet = [b'a', b'Z', b' ', b'\t', b'\n', b'\x0b', b'\x0c', b'\r', b'!', b'~', b'@', b'['];
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for n in 0..6000 {
            let mut line = Vec::new();
            for _ in 0..n % 150 {
                x = crate::test_rng::next(x);
                // Half the lines with single spaces only, the rest with any white space.
                let c = alphabet[(x % alphabet.len() as u64) as usize];
                let single = n % 2 == 1 && (c.is_ascii_whitespace() && (line.last() == Some(&b' ') || line.is_empty()));
                line.push(if single {
                    b'x'
                } else if n % 2 == 1 && c.is_ascii_whitespace() {
                    b' '
                } else {
                    c
                });
            }
            if n % 2 == 1 && line.last() == Some(&b' ') {
                line.pop();
            }
            let line = String::from_utf8(line).unwrap_or_default();
            assert_eq!(line_hash(&line), joined(&line), "{line:?}");
            if !line.contains('\u{b}') {
                assert_eq!(line_hash(&line), key_hash(&line_key(&line)), "{line:?}");
            }
            assert_eq!(exact_key_hash(&line), key_hash(&line_key(&line)), "{line:?}");
        }
    }

    #[test]
    fn find_date_counts_characters_of_any_width() {
        for (n, c) in [(499, '€'), (500, '€'), (1990, '€'), (1991, '€'), (496, '😀'), (1991, '😀'), (2500, '😀')]
        {
            for t in
                [format!("{}2024-05-12", c.to_string().repeat(n)), format!("{}x2024-05-12", c.to_string().repeat(n))]
            {
                assert_eq!(find_date(&t), find_date_by_position(&t), "{n} {c}");
            }
        }
    }

    #[test]
    fn lowercase_into_is_to_lowercase() {
        let mut out = String::from("old");
        for s in [
            "",
            "ABC def",
            "Émile ZOLA’s “Quote”",
            "İSTANBUL",
            "ΟΔΟΣ ΟΔΟΣ.",
            "Σ",
            "aΣ b",
            "STRASSE ẞ",
            "\u{212a}elvin 1,200 — ÅNGSTRÖM",
            "日本語 ABC",
            "x\u{10400}Y",
        ] {
            lowercase_into(s, &mut out);
            assert_eq!(out, s.to_lowercase(), "{s:?}");
        }
        // Capitals and other characters at every place of the eight-byte chunks.
        let alphabet = ["A", "Z", "a", "@", "[", "`", "{", " ", "É", "é", "İ", "\u{212a}", "ẞ", "’", "日", "😀", "Σ"];
        // Mostly ASCII, as lines are; a sigma only now and then.
        let piece = |x: u64| {
            let i = (x % 64) as usize;
            alphabet.get(i).copied().unwrap_or(if i % 2 == 0 { "B" } else { "c" })
        };
        for s in crate::test_rng::strings(0x9e37_79b9_7f4a_7c15, 3000, 40, piece) {
            lowercase_into(&s, &mut out);
            assert_eq!(out, s.to_lowercase(), "{s:?}");
        }
    }

    #[test]
    fn is_markup_counts_marks_against_characters() {
        // As it was: one pass counting marks and characters.
        let by_bytes = |line: &str| {
            let t = line.trim_start();
            if t.starts_with('<') || t.starts_with("{\"") || t.starts_with("[{") {
                return true;
            }
            if line.len() <= 20 {
                return false;
            }
            let (mut punct, mut chars) = (0usize, 0usize);
            for &c in line.as_bytes() {
                punct += usize::from(matches!(c, b'{' | b'}' | b'[' | b']' | b'<' | b'>' | b'=' | b'"' | b':'));
                chars += usize::from((c as i8) >= -0x40);
            }
            punct * 8 > chars
        };
        let alphabet = ["a", " ", "{", "}", "[", "]", "<", ">", "=", "\"", ":", "é", "€", "😀", "x"];
        // Marks rarer than letters, so that both answers come up.
        let piece = |x: u64| alphabet.get((x % 40) as usize).copied().unwrap_or("b");
        for line in crate::test_rng::strings(0x9e37_79b9_7f4a_7c15, 3000, 60, piece) {
            assert_eq!(is_markup(&line), by_bytes(&line), "{line:?}");
        }
    }

    #[test]
    fn words_up_to_is_split_whitespace_take_count() {
        let long = "word ".repeat(30);
        for line in
            ["", " ", "a", " a  b\tc\x0bd\x0ce\rf\ng ", "a\u{1c}b", "é  è\u{a0}x", "\u{3000}y z", "x\x0b", &long]
        {
            for cap in [0, 1, 2, 3, 21] {
                assert_eq!(words_up_to(line, cap), line.split_whitespace().take(cap).count(), "{line:?} {cap}");
            }
        }
        // Every placement of spaces and words across the eight-byte chunks.
        let alphabet = [b'a', b' ', b'\t', b'\n', b'\x0b', b'\x0c', b'\r', b'\x1c', b'\x08', b'!', b'~', b'\x0e'];
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for n in 0..2000 {
            let mut line = Vec::new();
            for _ in 0..n % 41 {
                x = crate::test_rng::next(x);
                line.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let line = String::from_utf8(line).unwrap_or_default();
            for cap in [0, 1, 2, 3, 5, 8, 21, 100] {
                assert_eq!(words_up_to(&line, cap), line.split_whitespace().take(cap).count(), "{line:?} {cap}");
            }
        }
    }

    #[test]
    fn a_long_line_added_by_hand_is_still_found() {
        let long = "word ".repeat(30);
        let mut by_hand = RepeatedLines::new();
        by_hand.insert(line_key(&long));
        assert!(by_hand.may_hold(30) && by_hand.contains_line(&long));
        let corpus = RepeatedLines::from_short_hashes([line_hash("a short line")]);
        assert!(corpus.may_hold(20) && !corpus.may_hold(21));
    }

    #[test]
    fn line_hits_counts_listed_phrases_up_to_two() {
        let b = Boilerplate::parse("line\tsign in\nline\tsign\nline\tcookie\nline\tcookie\n");
        assert_eq!(b.line_hits("nothing here"), 0);
        assert_eq!(b.line_hits("please sign here"), 1);
        // "sign in" and "sign" overlap: two phrases.
        assert_eq!(b.line_hits("sign in"), 2);
        // One phrase listed twice counts twice.
        assert_eq!(b.line_hits("our cookie"), 2);
        assert_eq!(b.line_hits("a cookie and a sign"), 2);
        assert_eq!(b.line_hits("signal"), 1);
    }
}
