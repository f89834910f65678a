//! Mentions of actors: people, organisations, countries and groups.
//!
//! No model: lexicons (`schema/`) plus capitalisation and context. The stage
//! runs in passes over a document:
//! 1. [`groups`] — lower-case group noun phrases ("hundreds of Russian
//!    mercenaries", "fighters from Russia") and bodies of a state ("the Russian
//!    army", "Peru's foreign ministry");
//! 2. [`names`] — capitalised chunks split into titles, lexicon entries and
//!    names, typed by cues ("Border Guard Service", "Pentagon spokeswoman
//!    Ana Ruiz");
//! 3. [`coref`] — surnames, pronouns, descriptions ("the agency"), bare group
//!    nouns and "the regime" linked to the actor named before.

pub mod coref;
pub mod groups;
pub mod names;

use crate::lexicon::{CueIndex, Lexicon, TokenFacts};
use crate::model::{EntityType, Form, Key, Mention, Span};
use crate::segment::Sentence;

/// A sentence with its token strings, for the passes.
///
/// The strings live end to end in one buffer: each token's normalised text, then its
/// lower-case form only where that differs (most tokens need neither a copy nor a lower-case
/// one of their own).
#[derive(Debug)]
pub struct Words<'a> {
    /// Index of the sentence in the document.
    pub index: usize,
    /// The sentence.
    pub sentence: &'a Sentence,
    /// The token strings.
    buf: String,
    /// Per token, the byte range in `buf` of its text, apostrophes and dashes normalised.
    words: Vec<(usize, usize)>,
    /// Per token, the byte range in `buf` of its lower-case text.
    lower: Vec<(usize, usize)>,
    /// A buffer for [`Words::with_joined`].
    scratch: std::cell::RefCell<String>,
    /// Per token, [`Lexicon::token_facts`] of its lower-case form, for the lexicon of that
    /// number; computed at the first use.
    facts: std::cell::OnceCell<(u64, Vec<TokenFacts>)>,
}

impl<'a> Words<'a> {
    /// Prepares a sentence of `text`.
    #[must_use]
    pub fn new(text: &str, index: usize, sentence: &'a Sentence) -> Self {
        let n = sentence.tokens.len();
        let mut buf = String::with_capacity(sentence.span.end.saturating_sub(sentence.span.start) + 16);
        let (mut words, mut lower) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for t in &sentence.tokens {
            let raw = text.get(t.span.start..t.span.end).unwrap_or("");
            let start = buf.len();
            let (mut plain, mut upper) = (true, false);
            for &b in raw.as_bytes() {
                plain &= b.is_ascii_graphic() && b != b'`';
                upper |= b.is_ascii_uppercase();
            }
            if plain {
                // What `normalize_surface` gives such a token unchanged, without its String;
                // its lower case is its ASCII lower case.
                buf.push_str(raw);
                let end = buf.len();
                words.push((start, end));
                if upper {
                    buf.push_str(raw);
                    buf[end..].make_ascii_lowercase();
                    lower.push((end, buf.len()));
                } else {
                    lower.push((start, end));
                }
                continue;
            }
            buf.push_str(&crate::lexicon::normalize_surface(raw));
            let end = buf.len();
            words.push((start, end));
            let word = &buf[start..end];
            if word.is_ascii() {
                if word.bytes().any(|b| b.is_ascii_uppercase()) {
                    for k in start..end {
                        let b = buf.as_bytes()[k];
                        buf.push(char::from(b.to_ascii_lowercase()));
                    }
                    lower.push((end, buf.len()));
                } else {
                    lower.push((start, end));
                }
            } else {
                let low = word.to_lowercase();
                if low == word {
                    lower.push((start, end));
                } else {
                    buf.push_str(&low);
                    lower.push((end, buf.len()));
                }
            }
        }
        Words {
            index,
            sentence,
            buf,
            words,
            lower,
            scratch: std::cell::RefCell::default(),
            facts: std::cell::OnceCell::new(),
        }
    }

    /// Number of tokens.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no tokens.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Token `i`, or "" past the end.
    #[must_use]
    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |&(a, b)| &self.buf[a..b])
    }

    /// Lower-case token `i`, or "" past the end. It holds no space: the tokenizer splits at
    /// white space, and neither normalising nor lower-casing makes any.
    #[must_use]
    pub fn low(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |&(a, b)| &self.buf[a..b])
    }

    /// The tokens in order, as [`Words::word`] gives them.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.word(i))
    }

    /// Tokens `[a, b)` joined as written, spaces normalised.
    #[must_use]
    pub fn join(&self, text: &str, a: usize, b: usize) -> String {
        let mut out = String::new();
        self.join_into(text, a, b, &mut out);
        out
    }

    /// Appends [`Words::join`]`(text, a, b)` to `out`.
    pub fn join_into(&self, text: &str, a: usize, b: usize, out: &mut String) {
        if a >= b || b > self.len() {
            return;
        }
        // `normalize_surface` of the whole run maps each character on its own and turns each
        // run of white space into one space. Tokens hold no white space, so where the gaps
        // between them are only white space that is the tokens' own normalised strings (which
        // `Words::new` keeps) joined by a space per non-empty gap; other gaps (text between
        // the tokens that is not theirs) take the long way.
        let t = &self.sentence.tokens;
        let start = out.len();
        for k in a..b {
            if k > a {
                let gap = text.get(t[k - 1].span.end..t[k].span.start);
                match gap {
                    Some(g) if g.bytes().all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) => {
                        if !g.is_empty() {
                            out.push(' ');
                        }
                    }
                    _ => {
                        out.truncate(start);
                        let (s, e) = (t[a].span.start, t[b - 1].span.end);
                        out.push_str(&crate::lexicon::normalize_surface(&text[s..e]));
                        return;
                    }
                }
            }
            out.push_str(self.word(k));
        }
    }

    /// Calls `f` with [`Words::join`]`(text, a, b)`, built in a buffer the sentence keeps for
    /// the purpose (for lookups, which need no string of their own).
    pub fn with_joined<R>(&self, text: &str, a: usize, b: usize, f: impl FnOnce(&str) -> R) -> R {
        match self.scratch.try_borrow_mut() {
            Ok(mut buf) => {
                buf.clear();
                self.join_into(text, a, b, &mut buf);
                f(&buf)
            }
            // In use further up the stack.
            Err(_) => f(&self.join(text, a, b)),
        }
    }

    /// Byte span of tokens `[a, b)`.
    #[must_use]
    pub fn span(&self, a: usize, b: usize) -> Span {
        let t = &self.sentence.tokens;
        Span::new(t[a].span.start, t[b.max(a + 1) - 1].span.end)
    }

    /// Whether lower-case tokens from `i` spell `phrase` (space-separated); returns its length.
    #[must_use]
    pub fn phrase_at(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut n = 0;
        for (k, p) in phrase.split(' ').enumerate() {
            let w = self.low(i + k);
            let ok = match p.strip_suffix('*') {
                Some(prefix) => w.starts_with(prefix),
                None => w == p,
            };
            if !ok {
                return None;
            }
            n += 1;
        }
        Some(n)
    }

    /// [`Lexicon::token_facts`] of lower-case token `i`.
    #[inline]
    pub(crate) fn facts(&self, lex: &Lexicon, i: usize) -> TokenFacts {
        // Computed already for this lexicon (as for all but the first call): read inline.
        if let Some((id, facts)) = self.facts.get() {
            if let Some(&f) = facts.get(i).filter(|_| *id == lex.id() && *id != 0) {
                return f;
            }
        }
        self.facts_first(lex, i)
    }

    /// [`Words::facts`], computing the sentence's facts first where they are not yet.
    #[inline(never)]
    fn facts_first(&self, lex: &Lexicon, i: usize) -> TokenFacts {
        let (id, facts) =
            self.facts.get_or_init(|| (lex.id(), (0..self.len()).map(|k| lex.token_facts(self.low(k))).collect()));
        match facts.get(i) {
            Some(&f) if *id == lex.id() && *id != 0 => f,
            _ => lex.token_facts(self.low(i)),
        }
    }

    /// Whether lower-case token `i` is one of the category's cue words, as
    /// [`Lexicon::is_cue`]`(category, self.low(i))`.
    #[must_use]
    pub fn is_cue_at(&self, lex: &Lexicon, category: &str, i: usize) -> bool {
        // A token holds no space ([`Words::low`]), so a cue word it is (or a one-word `*`
        // phrase it starts with) is also the first word of a phrase of the category: its bit is
        // in the token's mask. Most tokens have no bit at all, and need no lookup of the category.
        if self.facts(lex, i).cues == 0 {
            return false;
        }
        self.is_cue_in(lex, lex.cue_index(category), i)
    }

    /// [`Words::is_cue_at`] for a category's index looked up already ([`Lexicon::cue_index`]).
    pub(crate) fn is_cue_in(&self, lex: &Lexicon, index: Option<&CueIndex>, i: usize) -> bool {
        match index {
            Some(index) if self.facts(lex, i).cues & index.bit != 0 => index.contains(self.low(i)),
            _ => false,
        }
    }

    /// The longest cue phrase of `category` starting at `i`: (length, phrase).
    #[must_use]
    pub fn cue_at<'l>(&self, lex: &'l Lexicon, category: &str, i: usize) -> Option<(usize, &'l str)> {
        // Most tokens start no cue phrase of any category: one lookup per token, not one per
        // token and category.
        if self.facts(lex, i).cues == 0 {
            return None;
        }
        self.cue_in(lex, lex.cue_index(category), i)
    }

    /// [`Words::cue_at`] for a category's index looked up already ([`Lexicon::cue_index`]),
    /// for callers that test many tokens against the same categories.
    pub(crate) fn cue_in<'l>(&self, lex: &Lexicon, index: Option<&'l CueIndex>, i: usize) -> Option<(usize, &'l str)> {
        // Only the phrases whose first word fits token `i` can match. A scan of the whole list
        // in order keeping the longest picks the last of equals: the one with the greatest
        // position among the longest, whatever order the candidates come in.
        let mask = self.facts(lex, i).cues;
        let index = index?;
        if mask & index.bit == 0 {
            return None;
        }
        let mut best: Option<(usize, usize)> = None;
        index.for_each_candidate(self.low(i), |k| {
            let Some((_, words)) = index.phrases.get(k) else { return };
            // The first word fits already (that is what makes it a candidate).
            let fits = words.iter().enumerate().skip(1).all(|(j, (w, prefix))| {
                let t = self.low(i + j);
                if *prefix {
                    t.starts_with(w.as_str())
                } else {
                    t == w
                }
            });
            if fits && best.is_none_or(|b| (words.len(), k) > b) {
                best = Some((words.len(), k));
            }
        });
        best.and_then(|(n, k)| index.phrases.get(k).map(|(p, _)| (n, p.as_str())))
    }
}

/// `w.rsplit_once('-')`, by a byte search (a hyphen is one byte, and no other character's
/// UTF-8 holds it): the part before the last hyphen and the part after.
#[must_use]
pub fn split_last_hyphen(w: &str) -> Option<(&str, &str)> {
    let k = w.bytes().rposition(|b| b == b'-')?;
    Some((w.get(..k)?, w.get(k + 1..)?))
}

/// Whether a token starts with a capital letter (or is a particle-prefixed name: "al-Assad").
#[must_use]
pub fn is_capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // (Every particle starts with an 'a', an 'e' or a 'w'.)
        Some('a' | 'e' | 'w') => {
            for p in ["al-", "el-", "ad-", "ar-", "as-", "an-", "ash-", "wal-"] {
                if let Some(rest) = w.strip_prefix(p) {
                    return rest.chars().next().is_some_and(char::is_uppercase);
                }
            }
            false
        }
        _ => false,
    }
}

/// Whether a token is an acronym: two to eight letters, mostly capitals ("FSB", "FAMa", "CSP-DPA").
#[must_use]
pub fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    (2..=9).contains(&w.chars().count())
        && upper >= 2
        && upper * 4 >= letters * 3
        && w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && w.chars().next().is_some_and(char::is_uppercase)
}

/// Builds a mention over tokens `[a, b)` of `s`.
#[must_use]
pub fn mention(text: &str, s: &Words<'_>, a: usize, b: usize, kind: EntityType, key: Key, form: Form) -> Mention {
    let mut surface = s.join(text, a, b);
    // `16,000 "volunteers" in the Middle East`: quotation marks are not part of a name.
    const QUOTES: [char; 5] = ['"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}'];
    if surface.contains(QUOTES) {
        surface = crate::lexicon::normalize_surface(&surface.replace(QUOTES, " "));
    }
    Mention {
        sentence: s.index,
        tokens: (a, b),
        span: s.span(a, b),
        surface,
        kind,
        key,
        form,
        same_as: None,
        backers: Vec::new(),
        host: false,
        label: None,
    }
}

/// Finds the mentions of a document's sentences, in text order.
#[must_use]
pub fn recognise(lex: &Lexicon, text: &str, sentences: &[Sentence]) -> Vec<Mention> {
    let words: Vec<Words<'_>> = sentences.iter().enumerate().map(|(i, s)| Words::new(text, i, s)).collect();
    recognise_words(lex, text, &words)
}

/// [`recognise`] over sentences prepared already (one [`Words`] per sentence, in order), so
/// that the relation stage can use the same ones.
#[must_use]
pub fn recognise_words(lex: &Lexicon, text: &str, words: &[Words<'_>]) -> Vec<Mention> {
    let mut mentions = Vec::new();
    let mut pending = Vec::new();
    for s in words {
        let mut taken = vec![false; s.len()];
        let mut found = groups::find(lex, text, s, &mut taken);
        found.extend(names::find(lex, text, s, &mut taken, &mut pending));
        mentions.extend(found);
    }
    coref::resolve_pending(text, words, &mut mentions, pending);
    mentions.sort_by_key(|m| (m.sentence, m.tokens.0, m.tokens.1));
    coref::link(lex, text, words, &mut mentions);
    mentions.sort_by_key(|m| (m.sentence, m.tokens.0, m.tokens.1));
    mentions
}
