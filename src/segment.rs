//! Sentences and tokens with byte offsets.
//!
//! Sentences end at `.`, `!` or `?` followed by space and a capital, digit or
//! quote, except after a known abbreviation ("Mr.", "U.S.", "Gen."), an initial
//! ("C."), or inside an open quotation or bracket: a quote and its attribution
//! stay one sentence, which is what speaker attribution needs.

use crate::model::Span;

/// A word or punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets in the document.
    pub span: Span,
    /// Whether the token is a word (letters or digits) rather than punctuation.
    pub word: bool,
}

/// A sentence: its span in the document and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offsets in the document.
    pub span: Span,
    /// Tokens in order.
    pub tokens: Vec<Token>,
}

/// The most tokens a sentence may hold. Later stages take time that grows steeply with sentence
/// length, so a text without sentence breaks (a table, a run-on transcript, a 1 MB line) is cut
/// at the last clause punctuation before this many tokens, or hard when there is none.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Abbreviations after which a period does not end a sentence (lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "capt", "cpt", "adm", "brig", "cmdr", "st",
    "jr", "sr", "sen", "rep", "gov", "pres", "u.s", "u.n", "u.k", "e.u", "e.g", "i.e", "vs", "no", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "dept", "est",
    "approx", "fig", "vol", "rev", "hon", "mt", "ft",
];

/// Abbreviated titles whose period belongs to the word ("Maj. Gen. Ana Ruiz").
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "capt", "cpt", "adm", "brig", "cmdr", "sen",
    "rep", "gov", "pres", "st", "jr", "sr", "rev", "hon", "amb", "cdr", "lieut", "gens",
];

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Splits the text of `blocks` (byte ranges of `text`, e.g. paragraphs kept by
/// the cleaner) into sentences. Sentences never cross a block boundary.
#[must_use]
pub fn segment(text: &str, blocks: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for b in blocks {
        let Some(block) = text.get(b.start..b.end) else { continue };
        let tokens = tokenize(block, b.start);
        split_sentences(text, tokens, &mut out);
    }
    out
}

/// Tokenizes `s`, whose first byte is at `offset` in the document.
///
/// A word is a run of letters, digits and marks, with inner hyphens,
/// apostrophes and periods kept when a letter or digit follows them
/// ("al-Assad", "U.S.", "Kim's" stays "Kim" + "'s"). Everything else that is
/// not space is a one-character punctuation token.
#[must_use]
pub fn tokenize(s: &str, offset: usize) -> Vec<Token> {
    if s.is_ascii() {
        return tokenize_ascii(s, offset);
    }
    // Walked by byte offset, one character at a time, with what the rules look at around it:
    // the character before (inside a word) and up to two after.
    let mut tokens = Vec::new();
    let at = |pos: usize| char_at(s, pos);
    let mut pos = 0;
    while let Some(c) = at(pos) {
        let start = pos;
        let next_pos = pos + c.len_utf8();
        if c.is_whitespace() {
            pos = next_pos;
            continue;
        }
        if !c.is_alphanumeric() {
            // The possessive "'s" is one token.
            if matches!(c, '\'' | '’')
                && at(next_pos) == Some('s')
                && !at(next_pos + 1).is_some_and(char::is_alphanumeric)
            {
                let end = next_pos + 1;
                tokens.push(Token { span: Span::new(offset + start, offset + end), word: true });
                pos = end;
                continue;
            }
            tokens.push(Token { span: Span::new(offset + start, offset + next_pos), word: false });
            pos = next_pos;
            continue;
        }
        // `j` is the character after the word so far, `prev` the word's last character.
        let (mut j, mut prev) = (next_pos, c);
        loop {
            // ASCII letters and digits, most of a word, a byte at a time.
            let run = s
                .as_bytes()
                .get(j..)
                .map_or(0, |r| r.iter().position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)]).unwrap_or(r.len()));
            if run > 0 {
                j += run;
                prev = char::from(s.as_bytes()[j - 1]);
            }
            let Some(c) = at(j) else { break };
            // No other ASCII character goes on a word (see `inner`): what follows it is moot.
            if c.is_ascii() && !matches!(c, '-' | '\'' | '.' | ',') {
                break;
            }
            let after = j + c.len_utf8();
            if c.is_alphanumeric() || is_mark(c) {
                (j, prev) = (after, c);
                continue;
            }
            let next = at(after);
            let next_alnum = next.is_some_and(char::is_alphanumeric);
            let inner = match c {
                '-' | '‑' => next_alnum,
                // "Kim's" splits into "Kim" + "'s"; "O'Brien" stays whole.
                '\'' | '’' if next_alnum => {
                    let next_after = next.map_or(after, |n| after + n.len_utf8());
                    let possessive = next == Some('s') && !at(next_after).is_some_and(char::is_alphanumeric);
                    !possessive
                }
                // "U.S" inside "U.S." — letter, dot, letter.
                '.' if next_alnum && prev.is_alphabetic() && next.is_some_and(char::is_alphabetic) => true,
                // 1,200 and 2.5
                ',' | '.' => next.is_some_and(|n| n.is_ascii_digit()) && prev.is_ascii_digit(),
                _ => false,
            };
            if !inner {
                break;
            }
            (j, prev) = (after, c);
        }
        // Keep the final period of a dotted abbreviation ("U.S.") and of a title ("Gen.").
        let mut end = j;
        if at(j) == Some('.') {
            let word = &s[start..j];
            let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
            if dotted || is_title_abbreviation(word) {
                end = j + 1;
            }
        }
        tokens.push(Token { span: Span::new(offset + start, offset + end), word: true });
        pos = end;
    }
    tokens
}

/// [`tokenize`] of ASCII text (most lines): the same rules on bytes, with no character to
/// decode and the letters and digits found by table.
fn tokenize_ascii(s: &str, offset: usize) -> Vec<Token> {
    let b = s.as_bytes();
    let alnum = |i: usize| b.get(i).is_some_and(|&c| ASCII_ALPHANUMERIC[usize::from(c)]);
    // (About one token to six bytes of prose.)
    let mut tokens = Vec::with_capacity(b.len() / 6 + 4);
    let mut pos = 0;
    while let Some(&c) = b.get(pos) {
        let start = pos;
        // `char::is_whitespace` in ASCII: tab to carriage return, and space.
        if matches!(c, b' ' | b'\t'..=b'\r') {
            pos += 1;
            continue;
        }
        if !ASCII_ALPHANUMERIC[usize::from(c)] {
            // The possessive "'s" is one token.
            if c == b'\'' && b.get(pos + 1) == Some(&b's') && !alnum(pos + 2) {
                tokens.push(Token { span: Span::new(offset + start, offset + pos + 2), word: true });
                pos += 2;
                continue;
            }
            tokens.push(Token { span: Span::new(offset + start, offset + pos + 1), word: false });
            pos += 1;
            continue;
        }
        // `j` is the byte after the word so far, `prev` the word's last byte.
        let (mut j, mut prev) = (pos + 1, c);
        loop {
            let run = b
                .get(j..)
                .map_or(0, |r| r.iter().position(|&x| !ASCII_ALPHANUMERIC[usize::from(x)]).unwrap_or(r.len()));
            if run > 0 {
                j += run;
                prev = b[j - 1];
            }
            let Some(&c) = b.get(j) else { break };
            let next = b.get(j + 1).copied();
            let next_alnum = alnum(j + 1);
            let inner = match c {
                b'-' => next_alnum,
                // "Kim's" splits into "Kim" + "'s"; "O'Brien" stays whole.
                b'\'' if next_alnum => {
                    let possessive = next == Some(b's') && !alnum(j + 2);
                    !possessive
                }
                // "U.S" inside "U.S." — letter, dot, letter.
                b'.' if next_alnum && prev.is_ascii_alphabetic() && next.is_some_and(|n| n.is_ascii_alphabetic()) => {
                    true
                }
                // 1,200 and 2.5
                b',' | b'.' => next.is_some_and(|n| n.is_ascii_digit()) && prev.is_ascii_digit(),
                _ => false,
            };
            if !inner {
                break;
            }
            (j, prev) = (j + 1, c);
        }
        // Keep the final period of a dotted abbreviation ("U.S.") and of a title ("Gen.").
        let mut end = j;
        if b.get(j) == Some(&b'.') {
            let word = &s[start..j];
            let dotted = word.contains('.') && word.bytes().all(|c| c.is_ascii_alphabetic() || c == b'.');
            if dotted || is_title_abbreviation(word) {
                end = j + 1;
            }
        }
        tokens.push(Token { span: Span::new(offset + start, offset + end), word: true });
        pos = end;
    }
    tokens
}

/// Which bytes are ASCII letters and digits, by table: the tokenizer asks it of most bytes.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The character at byte `pos` of `s`, if `pos` starts one.
#[inline]
fn char_at(s: &str, pos: usize) -> Option<char> {
    match s.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s.get(pos..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Whether `word` in lower case is one of [`TITLE_ABBREVIATIONS`].
fn is_title_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        // The longest is five letters: most words need no comparison at all.
        return word.len() <= 6 && TITLE_ABBREVIATIONS.iter().any(|t| t.eq_ignore_ascii_case(word));
    }
    TITLE_ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn is_mark(c: char) -> bool {
    // Combining marks keep accented names whole when decomposed.
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn split_sentences(text: &str, tokens: Vec<Token>, out: &mut Vec<Sentence>) {
    let mut current: Vec<Token> = Vec::new();
    let mut in_straight_quote = false;
    let mut curly = 0i32;
    let mut bracket = 0i32;
    let n = tokens.len();
    let mut idx = 0;
    while idx < n {
        if current.len() >= MAX_SENTENCE_TOKENS {
            cut_long(text, &mut current, out);
        }
        let t = tokens[idx];
        current.push(t);
        idx += 1;
        if t.word {
            continue;
        }
        let c = text[t.span.start..].chars().next().unwrap_or(' ');
        let after_stop = current.len() >= 2 && {
            let p = current[current.len() - 2];
            !p.word && matches!(text[p.span.start..].chars().next(), Some('.' | '!' | '?'))
        };
        match c {
            '"' => {
                in_straight_quote = !in_straight_quote;
                // `…Syria." The regime…`: a quote closed after a full stop may end the sentence.
                if !in_straight_quote && after_stop && bracket == 0 && curly == 0 && boundary_after(text, &tokens, idx)
                {
                    flush(&mut current, out);
                }
                continue;
            }
            c if is_close_quote(c) => {
                curly = (curly - 1).max(0);
                if curly == 0 && !in_straight_quote && after_stop && bracket == 0 && boundary_after(text, &tokens, idx)
                {
                    flush(&mut current, out);
                }
                continue;
            }
            c if is_open_quote(c) => curly += 1,
            c if is_close_quote(c) => curly = (curly - 1).max(0),
            '(' | '[' => bracket += 1,
            ')' | ']' => bracket = (bracket - 1).max(0),
            _ => {}
        }
        if !matches!(c, '.' | '!' | '?') || in_straight_quote || curly > 0 || bracket > 0 {
            continue;
        }
        if c == '.' && ends_with_abbreviation(text, &current) {
            continue;
        }
        // Closing quotes or brackets right after the stop belong to this sentence.
        let mut k = idx;
        // Closers attach to the stop: `done."` — a quote after a space opens the next sentence.
        while k < n && !tokens[k].word && tokens[k].span.start == tokens[k - 1].span.end {
            let ch = text[tokens[k].span.start..].chars().next().unwrap_or(' ');
            if ch == '"' || is_close_quote(ch) || ch == ')' || ch == '\'' || ch == '’' {
                k += 1;
            } else {
                break;
            }
        }
        let Some(next) = tokens.get(k) else { continue };
        let last_end = tokens[k - 1].span.end;
        if !text[last_end..next.span.start].chars().any(char::is_whitespace) {
            continue;
        }
        let next_c = text[next.span.start..].chars().next().unwrap_or(' ');
        let starts_new =
            next_c.is_uppercase() || next_c.is_ascii_digit() || next_c == '"' || is_open_quote(next_c) || next_c == '(';
        if !starts_new {
            continue;
        }
        current.extend_from_slice(&tokens[idx..k]);
        idx = k;
        flush(&mut current, out);
    }
    flush(&mut current, out);
}

/// Whether a new sentence starts at `tokens[next]`: after a space, with a capital, digit or quote.
fn boundary_after(text: &str, tokens: &[Token], next: usize) -> bool {
    let (Some(prev), Some(tok)) = (next.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(next)) else {
        return false;
    };
    if !text[prev.span.end..tok.span.start].chars().any(char::is_whitespace) {
        return false;
    }
    let c = text[tok.span.start..].chars().next().unwrap_or(' ');
    c.is_uppercase() || c.is_ascii_digit() || c == '"' || is_open_quote(c)
}

/// Whether the period just pushed follows an abbreviation or an initial.
fn ends_with_abbreviation(text: &str, current: &[Token]) -> bool {
    let [.., prev, dot] = current else { return false };
    if !prev.word || prev.span.end != dot.span.start {
        return false;
    }
    let w = text[prev.span.start..prev.span.end].to_lowercase();
    let single_initial = w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    single_initial || ABBREVIATIONS.contains(&w.trim_end_matches('.'))
}

/// Flushes the head of an over-long sentence: up to and including its last clause punctuation
/// (`,` `;` `:` `—` `–`) in the second half, or everything when there is none. The tail stays in
/// `current`.
fn cut_long(text: &str, current: &mut Vec<Token>, out: &mut Vec<Sentence>) {
    let clause =
        |t: &Token| !t.word && matches!(text[t.span.start..].chars().next(), Some(',' | ';' | ':' | '—' | '–'));
    let at = current.iter().rposition(clause).filter(|&i| i >= current.len() / 2).map_or(current.len(), |i| i + 1);
    let mut head: Vec<Token> = current.drain(..at).collect();
    flush(&mut head, out);
}

fn flush(current: &mut Vec<Token>, out: &mut Vec<Sentence>) {
    if let (Some(first), Some(last)) = (current.first(), current.last()) {
        // A copy of its exact size: `current` keeps its room for the next sentence, which
        // then does not grow from nothing again.
        out.push(Sentence { span: Span::new(first.span.start, last.span.end), tokens: current.clone() });
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<Sentence> {
        segment(text, &[Span::new(0, text.len())])
    }

    /// The tokenizer as it was: over a vector of the characters.
    fn tokenize_by_chars(s: &str, offset: usize) -> Vec<Token> {
        let mut tokens = Vec::new();
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if !c.is_alphanumeric() {
                let mut end = start + c.len_utf8();
                // The possessive "'s" is one token.
                if matches!(c, '\'' | '’') {
                    let next = chars.get(i + 1).map(|x| x.1);
                    let after = chars.get(i + 2).map(|x| x.1);
                    if next == Some('s') && !after.is_some_and(char::is_alphanumeric) {
                        end = chars.get(i + 2).map_or(s.len(), |x| x.0);
                        tokens.push(Token { span: Span::new(offset + start, offset + end), word: true });
                        i += 2;
                        continue;
                    }
                }
                tokens.push(Token { span: Span::new(offset + start, offset + end), word: false });
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_alphanumeric() || is_mark(c) {
                    j += 1;
                    continue;
                }
                let next = chars.get(j + 1).map(|x| x.1);
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                match c {
                    '-' | '‑' | '–' if next_alnum && c != '–' => j += 1,
                    '\'' | '’' if next_alnum => {
                        // "Kim's" splits into "Kim" + "'s"; "O'Brien" stays whole.
                        let rest: String = chars[j + 1..].iter().take(2).map(|x| x.1).collect();
                        let possessive =
                            rest.starts_with('s') && !rest.chars().nth(1).is_some_and(char::is_alphanumeric);
                        if possessive {
                            break;
                        }
                        j += 1;
                    }
                    '.' if next_alnum && chars[j - 1].1.is_alphabetic() && next.is_some_and(char::is_alphabetic) => {
                        // "U.S" inside "U.S." — letter, dot, letter.
                        j += 1;
                    }
                    ',' | '.' if next.is_some_and(|n| n.is_ascii_digit()) && chars[j - 1].1.is_ascii_digit() => {
                        j += 1; // 1,200 and 2.5
                    }
                    _ => break,
                }
            }
            // Keep the final period of a dotted abbreviation ("U.S.") and of a title ("Gen.").
            let mut end_idx = j;
            if j < chars.len() && chars[j].1 == '.' {
                let word: String = chars[i..j].iter().map(|x| x.1).collect();
                let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
                let title = TITLE_ABBREVIATIONS.contains(&word.to_lowercase().as_str());
                if dotted || title {
                    end_idx = j + 1;
                }
            }
            let end = chars.get(end_idx).map_or(s.len(), |x| x.0);
            tokens.push(Token { span: Span::new(offset + start, offset + end), word: true });
            i = end_idx;
        }
        tokens
    }

    /// `tokenize` and `tokenize_by_chars` agree on `texts`, on every string of three of
    /// `alphabet`'s characters, and on `count` pseudo-random strings of `len` of them.
    fn agrees_with_the_tokenizer_over_characters(alphabet: &str, mut texts: Vec<String>, count: usize, len: usize) {
        let alphabet: Vec<char> = alphabet.chars().collect();
        for a in &alphabet {
            for b in &alphabet {
                for c in &alphabet {
                    texts.push([*a, *b, *c].iter().collect());
                }
            }
        }
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..count {
            let mut t = String::new();
            for _ in 0..len {
                x = crate::test_rng::next(x);
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            texts.push(t);
        }
        for t in &texts {
            assert_eq!(tokenize(t, 7), tokenize_by_chars(t, 7), "{t:?}");
        }
    }

    #[test]
    fn tokenize_is_the_tokenizer_over_characters() {
        // The characters the rules look at.
        agrees_with_the_tokenizer_over_characters(
            "aAsS1 .,'’-‑–\u{301}\u{212a}éİ\"“”(\n",
            vec![
                "U.S. Gen. Ana Ruiz's men, 1,200 of them, fought. O'Brien's al-Assad Mr. MR. mr.".into(),
                "Kim’s \u{212a}im's  Lt.Col. e.g. 2.5 a-b a‑b a–b x.-y 'shed 's".into(),
            ],
            20_000,
            12,
        );
    }

    #[test]
    fn tokenize_of_ascii_is_the_tokenizer_over_characters() {
        // The ASCII characters the rules look at: the tokenizer of ASCII text.
        agrees_with_the_tokenizer_over_characters(
            "aAsSzZ09 .,'-\"(\n\t\u{b}\u{1c}\u{7f}_",
            vec!["U.S. Gen. Ana Ruiz's men, 1,200 of them, fought. O'Brien's al-Assad Mr. MR. mr. e.g. 2.5 x.-y 's"
                .into()],
            40_000,
            16,
        );
    }

    #[test]
    fn a_sentence_without_breaks_is_cut_at_clause_punctuation() {
        let text = "Mongolia and Laos recruit Bolivian mercenaries, said Ingrid Solberg, ".repeat(200);
        let s = sentences(&text);
        assert!(s.len() > 1, "one sentence of {} tokens", s[0].tokens.len());
        assert!(s.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
        // Every cut is just after a comma.
        for w in s.windows(2) {
            assert!(text[..w[0].span.end].ends_with(','), "{:?}", &text[w[0].span.start..w[0].span.end]);
        }
        let tokens: usize = s.iter().map(|s| s.tokens.len()).sum();
        assert_eq!(tokens, tokenize(&text, 0).len(), "no token lost");
    }

    #[test]
    fn a_sentence_without_punctuation_is_cut_hard() {
        let text = "word ".repeat(1000);
        let s = sentences(&text);
        assert_eq!(s.len(), 4);
        assert!(s.iter().all(|s| s.tokens.len() == MAX_SENTENCE_TOKENS));
    }

    #[test]
    fn ordinary_sentences_are_not_cut() {
        let s = sentences("Russia recruits fighters, officials said. Wagner denied it.");
        assert_eq!(s.len(), 2);
    }
}
