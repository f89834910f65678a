//! Capitalised names: people, organisations, countries.
//!
//! A chunk is a run of capitalised tokens, with name particles and "of"/"for"
//! inside ("Omar al-Hassan", "Andean Observatory for Human Rights"). A chunk is
//! split into its parts: a lexicon entry ("FSB", "Russia"), a title
//! ("Deputy Foreign Minister"), a name. A name is typed by cues: an
//! organisation cue word ("Service", "Ministry"), a given name, a title before
//! it, an apposition after it (", a researcher"), a speech verb after it.

use super::{is_acronym, is_capitalised, mention, Words};
use crate::lexicon::{CuePos, Lexicon, Surface};
use crate::model::{EntityType, Form, Key, Mention};

/// A capitalised single word that may be a surname; decided once the whole document is read.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Sentence index.
    pub sentence: usize,
    /// Token index.
    pub token: usize,
    /// The word (title-cased if it was written in capitals).
    pub word: String,
    /// Whether the context says it is a person (speech verb after, honorific before).
    pub person_context: bool,
    /// Whether it follows a preposition of place ("in Omdurman", "near Bakhmut"): a town
    /// unless the document names a person so.
    pub place_context: bool,
}

/// Lower-case particles that may stand inside a name.
const PARTICLES: &[&str] =
    &["al", "bin", "ibn", "bint", "el", "de", "du", "da", "van", "von", "der", "la", "le", "del", "dos", "di"];

/// Words after a name that make it a person's ("X said").
const PERSON_VERBS: &[&str] =
    &["said", "says", "told", "asked", "added", "wrote", "warned", "insisted", "explained", "argued"];

fn is_name_token(s: &Words<'_>, i: usize) -> bool {
    let w = s.word(i);
    if w == "'s" || w.is_empty() {
        return false;
    }
    if is_capitalised(w) {
        // "Iran-backed", "U.S.-led", "Pro-Assad" are modifiers, not names.
        // (The sentence's lower-case form of the token: `to_lowercase` of it.)
        let lower = s.low(i);
        let modifier = lower.starts_with("pro-")
            || super::split_last_hyphen(lower).is_some_and(|(_, suffix)| {
                matches!(
                    suffix,
                    "backed"
                        | "aligned"
                        | "affiliated"
                        | "linked"
                        | "allied"
                        | "led"
                        | "sponsored"
                        | "supported"
                        | "funded"
                        | "armed"
                        | "controlled"
                        | "based"
                        | "held"
                )
            });
        return !modifier;
    }
    // Ordinals leading a capitalised name: "25th Special Mission Forces Division".
    let ordinal = w.ends_with("th") || w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd");
    ordinal && w.chars().next().is_some_and(|c| c.is_ascii_digit()) && is_capitalised(s.word(i + 1))
}

/// Whether tokens `[a, b)` are exactly a country's name or capital ("Chile for the Brigade" is two names).
fn is_country(lex: &Lexicon, text: &str, s: &Words<'_>, a: usize, b: usize) -> bool {
    lex.lookup(&s.join(text, a, b)).iter().any(|m| matches!(m, Surface::CountryName(_) | Surface::CountryCapital(_)))
}

/// Whether most words of the sentence are capitalised (a headline in title case).
fn is_title_case(s: &Words<'_>) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for w in s.iter().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)) {
        words += 1;
        capitalised += usize::from(is_capitalised(w));
    }
    // Headlines do not end with a full stop; a sentence full of names does.
    let stop = s.iter().next_back().is_some_and(|w| w == ".");
    let share = if stop { 85 } else { 70 };
    words >= 4 && capitalised * 100 >= words * share
}

/// Finds names in a sentence; single unknown capitalised words go to `pending`.
pub fn find(lex: &Lexicon, text: &str, s: &Words<'_>, taken: &mut [bool], pending: &mut Vec<Pending>) -> Vec<Mention> {
    let mut out = Vec::new();
    speaker_label(lex, text, s, taken, &mut out, pending);
    dateline(lex, s, taken);
    let title_case = is_title_case(s);
    let n = s.len();
    let mut i = 0;
    while i < n {
        if taken[i] || !is_name_token(s, i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < n && !taken[j] && is_name_token(s, j) {
                j += 1;
            } else if j < n
                && !taken[j]
                && s.word(j).len() <= 3
                && s.word(j).chars().all(|c| c.is_ascii_digit())
                && !is_name_token(s, j + 1)
                && s.low(j + 1) != "-"
            {
                // "Radio Sahel 24", "Channel 4": a number closing a name.
                j += 1;
            } else if j + 1 < n
                && (PARTICLES.contains(&s.low(j))
                    || (matches!(s.low(j), "of" | "for") && !is_country(lex, text, s, i, j)))
                && !taken[j + 1]
                && is_name_token(s, j + 1)
            {
                j += 2;
            } else if j + 2 < n
                && matches!(s.low(j), "of" | "for")
                && !is_country(lex, text, s, i, j)
                && s.low(j + 1) == "the"
                && !taken[j + 2]
                && is_name_token(s, j + 2)
            {
                j += 3;
            } else if j + 1 < n
                && s.low(j) == "in"
                && has_org_cue(lex, s, i, j)
                && lex.lookup(&s.join(text, i, j)).is_empty()
                && !lex.lookup(s.word(j + 1)).is_empty()
                && !taken[j + 1]
            {
                // "Islamic Resistance in Iraq"
                j += 2;
            } else if j + 1 < n
                && s.word(j) == "'s"
                && matches!(s.word(j - 1), "People" | "Women")
                && !taken[j + 1]
                && is_name_token(s, j + 1)
            {
                // "People's Defence Forces", "Women's Protection Units": the possessive is the name's.
                j += 2;
            } else if let Some(end) = and_continuation(lex, text, s, taken, i, j) {
                // "Centre for Democracy and Development"
                j = end;
            } else {
                break;
            }
        }
        // "al Qaeda", "el Sisi": an Arabic article written apart, in lower case, opens the name.
        if i > 0 && matches!(s.word(i - 1), "al" | "el") && !taken[i - 1] {
            i -= 1;
        }
        let mut a = i;
        let cued = j - i >= 2 && has_org_cue(lex, s, i, j);
        // Drop leading articles and capitalised common words where capitals are positional.
        while a < j {
            let w = s.word(a);
            let at_start = a == 0 || matches!(s.word(a - 1), "\"" | "“" | "'" | "(" | "[" | "-" | ":" | "‘");
            let known =
                lexicon_at(lex, text, s, a, j).is_some() || lex.given_names.contains(w) || lex.org_cues.contains_key(w);
            let positional = at_start || title_case;
            if matches!(w, "The" | "A" | "An") || (positional && !cued && lex.is_common(w) && !known && !is_acronym(w))
            {
                a += 1;
            } else {
                break;
            }
        }
        if title_case {
            // Split at common words: "Assad Sends Thousands of Syrian" → "Assad", "Syrian".
            let mut k = a;
            let mut start = a;
            while k < j {
                let w = s.word(k);
                let known = !lex.lookup(w).is_empty() || lex.given_names.contains(w);
                if lex.is_common(w) && !known && !is_acronym(w) {
                    analyse(lex, text, s, start, k, &mut out, pending);
                    start = k + 1;
                }
                k += 1;
            }
            analyse(lex, text, s, start, j, &mut out, pending);
        } else {
            analyse(lex, text, s, a, j, &mut out, pending);
        }
        for t in taken.iter_mut().take(j).skip(i) {
            *t = true;
        }
        i = j;
    }
    out
}

/// A dateline opening a story: "KYIV/BENGHAZI, March 18 (LW) -", "SEOUL, Oct 18 -", "BAMAKO -".
/// Its places are not actors.
fn dateline(lex: &Lexicon, s: &Words<'_>, taken: &mut [bool]) {
    let mut k = 0;
    while k < s.len()
        && (s.word(k) == "/"
            || (s.word(k).chars().any(char::is_alphabetic)
                && !s.word(k).chars().any(char::is_lowercase)
                && s.word(k).len() > 2))
    {
        k += 1;
    }
    if k == 0 {
        title_case_dateline(lex, s, taken);
        return;
    }
    if !(0..k).any(|t| s.word(t).chars().filter(|c| c.is_alphabetic()).count() > 3) {
        return;
    }
    let dash = (k..(k + 10).min(s.len())).position(|t| matches!(s.word(t), "-" | "—" | "–"));
    if let (Some(d), true) = (dash, matches!(s.word(k), "," | "-" | "—" | "–" | "(")) {
        // The whole dateline up to its dash: places, date, agency tag ("(APW)").
        for t in taken.iter_mut().take(k + d + 1) {
            *t = true;
        }
    }
}

/// A dateline in title case, near the top of a story: "Lima - ", "Bogota, June 12 - ",
/// "Beirut (AFP) — ". One or two capitalised words, then a dash (directly, or after a date or an
/// agency tag), then a capitalised word. A dateline names a town or a capital, never a
/// country or an organisation, which keeps "Russia - Ukraine talks" whole.
fn title_case_dateline(lex: &Lexicon, s: &Words<'_>, taken: &mut [bool]) {
    if s.index > 3 {
        return;
    }
    let place = (0..s.len().min(2)).take_while(|&t| is_capitalised(s.word(t))).count();
    let town = |t: usize| {
        lex.lookup(s.word(t)).iter().all(|x| matches!(x, Surface::CountryCapital(_) | Surface::OriginPlace(_)))
    };
    if place == 0 || !(0..place).all(town) {
        return;
    }
    let is_dash = |t: usize| matches!(s.word(t), "-" | "—" | "–");
    let dash = if is_dash(place) {
        Some(place)
    } else if matches!(s.word(place), "," | "(") {
        (place + 1..(place + 8).min(s.len())).find(|&t| is_dash(t))
    } else {
        None
    };
    if let Some(d) = dash.filter(|&d| d + 1 < s.len() && is_capitalised(s.word(d + 1))) {
        for t in taken.iter_mut().take(d + 1) {
            *t = true;
        }
    }
}

/// Transcript speaker labels at the start of a line: "ANA RUIZ, NORDIC POLICY INSTITUTE:", "RUIZ:".
fn speaker_label(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    taken: &mut [bool],
    out: &mut Vec<Mention>,
    pending: &mut Vec<Pending>,
) {
    let Some(colon) = (0..s.len().min(14)).find(|&k| s.word(k) == ":") else { return };
    if colon == 0 {
        return;
    }
    let label_ok = (0..colon).all(|k| {
        let w = s.word(k);
        !w.chars().any(char::is_lowercase) || matches!(w, "(" | ")")
    });
    if !label_ok || !(0..colon).any(|k| s.word(k).chars().any(char::is_alphabetic)) {
        // "(through translator)" after the name is allowed.
        let paren = (0..colon).find(|&k| s.word(k) == "(");
        if paren.is_none() || !(0..paren.unwrap_or(0)).all(|k| !s.word(k).chars().any(char::is_lowercase)) {
            return;
        }
    }
    let name_end = (0..colon).find(|&k| matches!(s.word(k), "," | "(")).unwrap_or(colon);
    if name_end == 0 {
        return;
    }
    let words: Vec<String> = (0..name_end).map(|k| title_word(s.word(k))).collect();
    if words.len() == 1 {
        pending.push(Pending {
            sentence: s.index,
            token: 0,
            word: words[0].clone(),
            person_context: true,
            place_context: false,
        });
    } else if words.len() <= 4 && lex.given_names.contains(&words[0]) {
        let name = words.join(" ");
        let mut m = mention(text, s, 0, name_end, EntityType::Person, Key::Name(name.clone()), Form::Name);
        m.surface = name;
        // The host's lines introduce others' statements; they are not the host's own claims.
        let role = s.join(text, name_end, colon).to_lowercase();
        if ["anchor", "host", "moderator", "presenter", "correspondent", "reporter"].iter().any(|r| role.contains(r)) {
            m.host = true;
        }
        out.push(m);
    } else {
        return;
    }
    for t in taken.iter_mut().take(colon + 1) {
        *t = true;
    }
}

/// "SOKOLOVSKYY" → "Sokolovskyy"; "MIN-HO" → "Min-ho".
fn title_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut first = true;
    for c in w.chars() {
        if first {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        first = false;
    }
    out
}

/// Where a body's name goes on past "and" at `j`: "Centre for Democracy and Development",
/// "Institute for Peace and Security Studies". Only after a head cue with "for"/"of" ("Centre
/// for …"), when the words so far name nothing known and those after "and" name no known actor
/// or person ("the Ministry of Defence and Wagner" is two) — unless the whole is a listed name.
fn and_continuation(lex: &Lexicon, text: &str, s: &Words<'_>, taken: &[bool], i: usize, j: usize) -> Option<usize> {
    if s.low(j) != "and" || j + 1 >= s.len() || taken[j + 1] || !is_name_token(s, j + 1) {
        return None;
    }
    let head_of = (i..j).any(|k| {
        matches!(lex.org_cues.get(s.word(k)), Some(CuePos::Head | CuePos::Any)) && matches!(s.low(k + 1), "for" | "of")
    });
    if !head_of || !lex.lookup(&s.join(text, i, j)).is_empty() {
        return None;
    }
    let mut end = j + 1;
    while end < s.len() && !taken[end] && is_name_token(s, end) {
        end += 1;
    }
    if !lex.lookup(&s.join(text, i, end)).is_empty() {
        // "Group for the Support of Islam and Muslims", listed whole.
        return Some(end);
    }
    let known = (j + 1..end).any(|k| {
        (k..end).any(|e| !lex.lookup(&s.join(text, k, e + 1)).is_empty())
            || lex.given_names.contains(s.word(k))
            || lex.titles.contains_key(s.low(k))
    });
    (!known).then_some(end)
}

fn has_org_cue(lex: &Lexicon, s: &Words<'_>, a: usize, b: usize) -> bool {
    (a..b).any(|k| match lex.org_cues.get(s.word(k)) {
        Some(CuePos::Any) => true,
        Some(CuePos::Head) => k + 1 == b || matches!(s.low(k + 1), "for" | "of" | "on" | "in"),
        Some(CuePos::Lead) => k == a,
        None => false,
    })
}

/// The longest title starting at `k` within `[k, b)`, in tokens.
fn title_at(lex: &Lexicon, s: &Words<'_>, k: usize, b: usize) -> Option<usize> {
    (1..=lex.max_title_words.min(b - k)).rev().find(|&n| {
        let phrase: Vec<&str> = (k..k + n).map(|t| s.low(t)).collect();
        lex.titles.contains_key(&phrase.join(" "))
    })
}

/// The longest lexicon entry starting at `a` within `[a, b)`: (length, meaning).
fn lexicon_at(lex: &Lexicon, text: &str, s: &Words<'_>, a: usize, b: usize) -> Option<(usize, Surface)> {
    for n in (1..=lex.max_surface_words.min(b - a)).rev() {
        let form = s.join(text, a, a + n);
        let mut meanings = lex.lookup(&form);
        if meanings.is_empty()
            && form.chars().filter(|c| c.is_alphabetic()).count() > 3
            && !form.chars().any(char::is_lowercase)
        {
            // Datelines and labels in capitals: "BAGHDAD", "NORTH KOREA".
            let titled: Vec<String> = form.split(' ').map(title_word).collect();
            meanings = lex.lookup(&titled.join(" "));
        }
        let best = meanings.iter().copied().min_by_key(|m| match m {
            Surface::Org(_) => 0,
            Surface::CountryName(_) => 1,
            Surface::CountryCapital(_) => 2,
            Surface::CountryPeople(_) => 3,
            Surface::CountryAdj(_) => 4,
            _ => 5,
        });
        if let Some(m) = best {
            return Some((n, m));
        }
    }
    None
}

fn analyse(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    a: usize,
    b: usize,
    out: &mut Vec<Mention>,
    pending: &mut Vec<Pending>,
) {
    if a >= b {
        return;
    }
    // A title inside the chunk: what precedes it qualifies, what follows is the person.
    for k in a..b {
        if let Some(mut n) = title_at(lex, s, k, b) {
            // "Deputy" + "Defence Minister": titles chain.
            while k + n < b {
                match title_at(lex, s, k + n, b) {
                    Some(more) if k + n + more < b || k == a => n += more,
                    _ => break,
                }
            }
            if k + n < b
                && !has_org_cue(lex, s, k + n, b)
                && lexicon_at(lex, text, s, k + n, b)
                    .is_none_or(|(len, m)| len < b - k - n || matches!(m, Surface::CountryAdj(_)))
            {
                analyse(lex, text, s, a, k, out, pending);
                person(text, s, k + n, b, out);
                return;
            }
            if k + n == b && k == a {
                // "the Peruvian Defence Minister" — a description of a person named elsewhere.
                let title = (k..k + n).map(|t| s.low(t)).collect::<Vec<_>>().join(" ");
                out.push(mention(
                    text,
                    s,
                    a,
                    b,
                    EntityType::Person,
                    Key::Name(format!("title:{title}")),
                    Form::Reference,
                ));
                return;
            }
        }
    }
    // A name alone in quotes ("Special Andean Battalion", "Bolivian Legion") names a unit or body.
    let quoted = a > 0 && matches!(s.word(a - 1), "\"" | "“") && matches!(s.word(b), "\"" | "”");
    if quoted
        && b - a >= 2
        && !lex.given_names.contains(s.word(a))
        && lexicon_at(lex, text, s, a, b).is_none_or(|(n, _)| n < b - a)
    {
        org(lex, text, s, a, b, out);
        return;
    }
    // The whole chunk is cued as an organisation.
    let whole_lex = lexicon_at(lex, text, s, a, b).filter(|(n, _)| *n == b - a);
    // A given name first makes a person ("Hamza Bank" aside) unless the chunk ends in a head cue
    // that no surname is: "Hamza Division", "Omar Brigade".
    let last = s.word(b - 1);
    let unit_head = matches!(lex.org_cues.get(last), Some(CuePos::Head)) && !lex.family_names.contains(last);
    if whole_lex.is_none()
        && b - a >= 2
        && has_org_cue(lex, s, a, b)
        && (!lex.given_names.contains(s.word(a)) || unit_head)
    {
        org(lex, text, s, a, b, out);
        return;
    }
    if let Some((n, meaning)) = lexicon_at(lex, text, s, a, b) {
        emit_lexicon(lex, text, s, a, a + n, meaning, out);
        analyse(lex, text, s, a + n, b, out, pending);
        return;
    }
    unknown(lex, text, s, a, b, out, pending);
}

fn emit_lexicon(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    a: usize,
    b: usize,
    meaning: Surface,
    out: &mut Vec<Mention>,
) {
    let m = match meaning {
        Surface::Org(o) => {
            let kind = if lex.orgs[o].is_group { EntityType::Group } else { EntityType::Organization };
            let mut m = mention(text, s, a, b, kind, Key::Name(lex.orgs[o].name.clone()), Form::Name);
            m.same_as =
                super::groups::named_body(lex, &lex.orgs[o].name, super::groups::possessor_before(lex, text, s, a));
            m
        }
        Surface::CountryName(c) => {
            // "Libya bases", "the Syria border": a place named for its country.
            let form = if s.is_cue_at(lex, "place_after", b) { Form::Place } else { Form::Name };
            mention(text, s, a, b, EntityType::Country, Key::Country(lex.countries[c].name.clone()), form)
        }
        Surface::CountryCapital(c) => {
            let before = |d: usize| if a >= d { s.low(a - d) } else { "" };
            // "in Geneva", "the city of Hama", "In the capital, Damascus,".
            let place =
                matches!(before(1), "in" | "at" | "near" | "inside" | "outside" | "around" | "into" | "via" | "across")
                    || (before(1) == "of" && matches!(before(2), "city" | "capital" | "town"))
                    || (before(1) == "," && matches!(before(2), "capital" | "city"));
            let form = if place { Form::Place } else { Form::Metonym };
            mention(text, s, a, b, EntityType::Country, Key::Country(lex.countries[c].name.clone()), form)
        }
        Surface::CountryAdj(c) => {
            mention(text, s, a, b, EntityType::Country, Key::Country(lex.countries[c].name.clone()), Form::Adjective)
        }
        _ => return,
    };
    out.push(m);
}

fn org(lex: &Lexicon, text: &str, s: &Words<'_>, a: usize, b: usize, out: &mut Vec<Mention>) {
    let surface = s.join(text, a, b);
    let mut m = mention(text, s, a, b, EntityType::Organization, Key::Name(surface.clone()), Form::Name);
    m.same_as = super::groups::named_body(lex, &surface, super::groups::possessor_before(lex, text, s, a));
    m.surface = surface;
    out.push(m);
}

fn person(text: &str, s: &Words<'_>, a: usize, b: usize, out: &mut Vec<Mention>) {
    let surface = s.join(text, a, b);
    out.push(mention(text, s, a, b, EntityType::Person, Key::Name(surface), Form::Name));
}

/// The next word after `b`, skipping closing quotes.
fn next_word<'a>(s: &'a Words<'_>, b: usize) -> (usize, &'a str) {
    let mut k = b;
    while matches!(s.word(k), "\"" | "”" | "'" | "’" | ")") {
        k += 1;
    }
    (k, s.low(k))
}

fn unknown(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    a: usize,
    b: usize,
    out: &mut Vec<Mention>,
    pending: &mut Vec<Pending>,
) {
    let (nk, next) = next_word(s, b);
    let next2 = format!("{next} {}", s.low(nk + 1));
    let prev = if a > 0 { s.low(a - 1) } else { "" };
    let org_after = s.is_cue_at(lex, "org_after", nk) || lex.is_cue("org_after", &next2);
    if org_after {
        org(lex, text, s, a, b, out);
        return;
    }
    if s.is_cue_at(lex, "place_after", nk) {
        return;
    }
    // "the rights group Mwatana", "the daily Kommersant": a body named after its kind. Not after
    // a speech verb or a title ("the group's leader Ana Ruiz" has a title before the name).
    if a > 0 && s.is_cue_at(lex, "org_before", a - 1) && !lex.given_names.contains(s.word(a)) {
        org(lex, text, s, a, b, out);
        return;
    }
    // "a publication known as X"
    if a >= 2 && s.low(a - 1) == "as" && s.low(a - 2) == "known" {
        let cued = (a.saturating_sub(6)..a - 2).any(|k| s.is_cue_at(lex, "org_after", k));
        if cued {
            org(lex, text, s, a, b, out);
            return;
        }
    }
    let first = s.word(a);
    let n = b - a;
    let title_before =
        a > 0 && (lex.titles.contains_key(prev) || lex.group_nouns.get(prev).is_some_and(|(_, plural)| !plural));
    // "according to X Y", "said X Y": the speaker's slot.
    let speaker_slot = (a >= 2 && s.low(a - 2) == "according" && s.low(a - 1) == "to")
        || (a >= 1 && PERSON_VERBS.contains(&s.low(a - 1)))
        || (a >= 1 && s.low(a - 1) == "citing");
    let speech_after = PERSON_VERBS.contains(&next) || speaker_slot;
    // "told troops in Omdurman", "fought near Mae Sot": a place, unless possessive ("in Ruiz's
    // view") or titled.
    // "the Turkish city of Gaziantep" likewise.
    let place_of = prev == "of" && a >= 2 && s.is_cue_at(lex, "place_after", a - 2);
    let locative = (place_of
        || matches!(prev, "in" | "near" | "at" | "outside" | "around" | "across" | "into" | "towards" | "toward"))
        && !s.word(b).starts_with('\'')
        && !title_before;
    if n == 1 {
        // Unknown two-letter capitals are time zones and abbreviations ("ET", "PM"), not bodies.
        if is_acronym(first) && !lex.is_common(first) && first.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            out.push(mention(text, s, a, b, EntityType::Organization, Key::Name(first.to_string()), Form::Acronym));
            return;
        }
        let honorific = a > 0 && matches!(lex.titles.get(prev), Some(crate::lexicon::TitleKind::Honorific));
        // A common word ("They", "Observer") is no surname, whatever follows it.
        if lex.is_common(first) && !lex.family_names.contains(first) {
            return;
        }
        pending.push(Pending {
            sentence: s.index,
            token: a,
            word: first.to_string(),
            // "men from Sabha said": a place before the verb, not a speaker.
            person_context: (speech_after && !matches!(prev, "from" | "in" | "at" | "near" | "of" | "to"))
                || honorific
                || title_before,
            place_context: locative || prev == "from",
        });
        return;
    }
    let given = (lex.given_names.contains(first) || lex.family_names.contains(first))
        && !(a..b).any(|k| s.word(k).chars().any(|c| c.is_ascii_digit()));
    // "Ana Ruiz, a researcher", "Julián Restrepo, 29, a former infantryman".
    let age = s.word(b + 1).chars().all(|c| c.is_ascii_digit()) && !s.word(b + 1).is_empty() && s.word(b + 2) == ",";
    let apposition = s.word(b) == ","
        && (matches!(s.low(b + 1), "a" | "an" | "the")
            || (age && matches!(s.low(b + 3), "a" | "an" | "the" | "who" | "said" | "told")))
        && n <= 4;
    let all_uncommon = (a..b).all(|k| !lex.is_common(s.word(k)) || PARTICLES.contains(&s.low(k)));
    // "The group's spokesman, Khine Thu Kha, told": a name in apposition to a role.
    // "A spokesman for the RSF, Al-Fateh Qurashi, said": the role may name its body first.
    let role = |k: usize| lex.titles.contains_key(s.low(k)) || s.is_cue_at(lex, "speaker_role", k);
    let role_before = a >= 2
        && (role(a - 2)
            || (a.saturating_sub(7)..a - 2).rev().any(|k| {
                role(k)
                    && matches!(s.low(k + 1), "for" | "of")
                    && (k + 2..a - 1).all(|t| s.low(t) == "the" || is_capitalised(s.word(t)))
            }));
    let role_apposition =
        prev == "," && role_before && (matches!(s.word(b), "," | ".") || PERSON_VERBS.contains(&next)) && n <= 4;
    if n <= 5
        && !locative
        && (given
            || title_before
            || ((speech_after || apposition) && all_uncommon && n <= 3)
            || (role_apposition && all_uncommon))
    {
        person(text, s, a, b, out);
        return;
    }
    // Unknown capitalised phrase: a place, an event, a name we cannot type. Leave it out,
    // but a lexicon entry at its end still counts ("Near East Russia").
    if let Some(k) = (a + 1..b).find(|&k| lexicon_at(lex, text, s, k, b).is_some()) {
        analyse(lex, text, s, k, b, out, pending);
    }
}
