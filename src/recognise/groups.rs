//! Groups ("Russian mercenaries", "fighters from Russia", "local and partisan
//! militias"), peoples ("Syrians"), and bodies of a state ("the Peruvian army",
//! "Peru's foreign ministry").
//!
//! A group is one actor per (origin, qualifiers, head noun): the origin is a
//! nationality, a region or people, or an organisation ("Wagner fighters");
//! quantities and articles are not part of it.

use super::{is_capitalised, mention, Words};
use crate::lexicon::{CueIndex, Lexicon, Surface, PEOPLE_PREFIX, PEOPLE_WHOLE};
use crate::model::{EntityType, Form, Key, Mention};

/// Qualifiers kept in a group's identity; others ("former", "senior") are dropped.
const IDENTITY_QUALIFIERS: &[&str] =
    &["foreign", "local", "young", "government", "pro-government", "opposition", "special", "tribal", "regime"];

/// What a modifier token said about a group.
#[derive(Debug, Default)]
struct Modifiers {
    origin: Option<String>,
    /// Additional coordinated origins ("Russian and Syrian services").
    more_origins: Vec<String>,
    qualifiers: Vec<String>,
    /// Backers from "Russian-backed", "pro-Assad": surface of the backer.
    backers: Vec<String>,
    /// Countries listed after the first origin ("from Chad, Niger and Mali"): each still a
    /// country named, as (country, first token, end token).
    listed: Vec<(usize, usize, usize)>,
    /// Tokens `[start, end)` of the compounds naming a backer ("Islamic State-linked": two).
    backer_tokens: Vec<(usize, usize)>,
    start: usize,
}

/// The origin a lexicon surface gives, if any: a country or non-state origin name.
pub fn origin_of(lex: &Lexicon, form: &str) -> Option<String> {
    lex.lookup(form).iter().find_map(|s| match *s {
        Surface::CountryAdj(c) | Surface::CountryName(c) | Surface::CountryCapital(c) => {
            Some(lex.countries[c].name.clone())
        }
        Surface::OriginAdj(o) | Surface::OriginPlace(o) => Some(lex.origins[o].name.clone()),
        _ => None,
    })
}

/// Whether [`origin_of`] finds an origin for `form` (without building its name).
fn has_origin(lex: &Lexicon, form: &str) -> bool {
    lex.lookup(form).iter().any(|s| {
        matches!(
            s,
            Surface::CountryAdj(_)
                | Surface::CountryName(_)
                | Surface::CountryCapital(_)
                | Surface::OriginAdj(_)
                | Surface::OriginPlace(_)
        )
    })
}

/// A country named by an adjective or name at `form`.
pub fn country_of(lex: &Lexicon, form: &str) -> Option<usize> {
    lex.lookup(form).iter().find_map(|s| match *s {
        Surface::CountryAdj(c) | Surface::CountryName(c) => Some(c),
        _ => None,
    })
}

/// An adjective or name (one or two tokens) ending just before `end`: (start, surface).
fn lexicon_before(lex: &Lexicon, text: &str, s: &Words<'_>, end: usize) -> Option<(usize, String)> {
    for n in [3, 2, 1] {
        if end < n {
            continue;
        }
        // (Capitals first: the cheaper test, and most words fail it.)
        if is_capitalised(s.word(end - n)) && s.with_joined(text, end - n, end, |form| has_origin(lex, form)) {
            return Some((end - n, s.join(text, end - n, end)));
        }
    }
    None
}

/// Finds groups, peoples and state bodies; marks their tokens taken.
pub fn find(lex: &Lexicon, text: &str, s: &Words<'_>, taken: &mut [bool]) -> Vec<Mention> {
    let mut out = Vec::new();
    // The two categories every token is tested against, looked up once.
    let (bodies, governments) = (lex.cue_index("state_body"), lex.cue_index("government"));
    let led_bodies = lex.cue_index("led_body");
    let mut i = 0;
    while i < s.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        // "the US-led coalition": the body and its leader, tried at the "-led" compound.
        if let Some((ms, next)) = led_body(lex, text, s, i, taken, led_bodies) {
            for m in &ms {
                mark(taken, m.tokens);
            }
            out.extend(ms);
            i = next;
            continue;
        }
        // Bodies of a state, governments, peoples: each a whole phrase, tried in this order.
        let phrase = state_body(lex, text, s, i, bodies)
            .or_else(|| government(lex, text, s, i, governments))
            .or_else(|| people(lex, text, s, i));
        if let Some((m, next)) = phrase {
            mark(taken, m.tokens);
            out.push(m);
            i = next;
            continue;
        }
        if let Some(ms) = group(lex, text, s, i, taken) {
            for m in &ms {
                mark(taken, m.tokens);
            }
            out.extend(ms);
        }
        i += 1;
    }
    out
}

fn mark(taken: &mut [bool], (a, b): (usize, usize)) {
    for t in taken.iter_mut().take(b).skip(a) {
        *t = true;
    }
}

/// "Peruvian army", "Peru's foreign ministry", "the Chilean Armed Forces".
fn state_body(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    i: usize,
    bodies: Option<&CueIndex>,
) -> Option<(Mention, usize)> {
    // (`cue_at(lex, "state_body", i)`, the category looked up by the caller.)
    let (n, phrase) = s.cue_in(lex, bodies, i)?;
    // The adjective or possessor just before.
    let (start, country) = if i >= 2 && s.word(i - 1) == "'s" {
        let (st, form) = lexicon_before(lex, text, s, i - 1)?;
        (st, country_of(lex, &form)?)
    } else {
        let (st, form) = lexicon_before(lex, text, s, i)?;
        (st, country_of(lex, &form)?)
    };
    let canonical = lex.canonical_cues.get(phrase).map_or(phrase, String::as_str);
    let name = &lex.countries[country].name;
    let key = Key::Name(format!("{name} {canonical}"));
    let mut m = mention(text, s, start, i + n, EntityType::Organization, key, Form::Name);
    m.surface = normalize_possessive(&m.surface);
    Some((m, i + n))
}

/// "the US-led coalition", "a NATO-led mission", "the Saudi-led military coalition": a body
/// (`led_body` cues) named by the state or organisation that leads it, at the "-led" compound
/// `i` ("Saudi-led", or "U.S." "-" "led" as the tokenizer splits a dotted abbreviation). One
/// Organization per (leader, body), with the leader as its backer (an ally), and the leader's
/// own mention. The index just after the body.
fn led_body(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    i: usize,
    taken: &[bool],
    bodies: Option<&CueIndex>,
) -> Option<(Vec<Mention>, usize)> {
    // The cheap test first: most tokens do not end in "led".
    let word = s.word(i);
    if !s.low(i).ends_with("led") {
        return None;
    }
    // The leader's tokens [start, end) and its name as written.
    let (start, end, leader) = if s.low(i) == "led" && i >= 2 && s.word(i - 1) == "-" {
        let (start, form) = lexicon_before(lex, text, s, i - 1)
            .or_else(|| org_named(lex, s.word(i - 2)).map(|_| (i - 2, s.word(i - 2).to_string())))?;
        (start, i - 1, form)
    } else {
        let (part, suffix) = super::split_last_hyphen(word)?;
        if !suffix.eq_ignore_ascii_case("led") || part.is_empty() {
            return None;
        }
        // "United States-led", "Islamic State-led": capitalised words before the compound.
        let longer = (1..=2.min(i)).rev().find_map(|n| {
            let a = i - n;
            if !(a..i).all(|t| is_capitalised(s.word(t))) {
                return None;
            }
            let name = format!("{} {part}", s.join(text, a, i));
            (has_origin(lex, &name) || org_named(lex, &name).is_some()).then_some((a, name))
        });
        let (start, name) = longer.unwrap_or((i, part.to_string()));
        (start, i + 1, name)
    };
    if taken[start..=i].iter().any(|t| *t) {
        return None;
    }
    // Up to two lower-case words between: "the US-led international coalition".
    let mut h = i + 1;
    let body = loop {
        if let Some(found) = s.cue_in(lex, bodies, h) {
            break found;
        }
        let w = s.word(h);
        if h >= i + 3 || w.is_empty() || !w.chars().all(|c| c.is_lowercase()) {
            return None;
        }
        h += 1;
    };
    let (n, phrase) = body;
    let (kind, key, name) = if let Some(o) = org_named(lex, &leader) {
        let kind = if lex.orgs[o].is_group { EntityType::Group } else { EntityType::Organization };
        (kind, Key::Name(lex.orgs[o].name.clone()), lex.orgs[o].name.clone())
    } else {
        let c = lex.lookup(&leader).iter().find_map(|x| match *x {
            Surface::CountryAdj(c) | Surface::CountryName(c) | Surface::CountryCapital(c) => Some(c),
            _ => None,
        })?;
        let name = lex.countries[c].name.clone();
        (EntityType::Country, Key::Country(name.clone()), name)
    };
    let canonical = lex.canonical_cues.get(phrase).map_or(phrase, String::as_str);
    let body_key = Key::Name(format!("{name}-led {canonical}"));
    let mut m = mention(text, s, start, h + n, EntityType::Organization, body_key, Form::Name);
    m.backers.push(leader.clone());
    let form = if kind == EntityType::Country { Form::Metonym } else { Form::Name };
    let mut by = mention(text, s, start, end, kind, key, form);
    by.surface = leader;
    Some((vec![m, by], h + n))
}

/// "the Syrian regime", "Mali's government", "the Malian government": the state itself.
fn government(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    i: usize,
    governments: Option<&CueIndex>,
) -> Option<(Mention, usize)> {
    if !s.is_cue_in(lex, governments, i)
        || s.low(i + 1).starts_with("force")
        || s.low(i + 1) == "'s" && s.low(i + 2).starts_with("force")
    {
        return None;
    }
    let (start, form) = if i >= 2 && s.word(i - 1) == "'s" {
        lexicon_before(lex, text, s, i - 1)?
    } else {
        lexicon_before(lex, text, s, i)?
    };
    let country = country_of(lex, &form)?;
    let key = Key::Country(lex.countries[country].name.clone());
    let mut m = mention(text, s, start, i + 1, EntityType::Country, key, Form::Metonym);
    m.surface = normalize_possessive(&m.surface);
    Some((m, i + 1))
}

/// The state body a named organisation is, where its name says which ("National Intelligence
/// Service" after "South Korea's", "Security Service of Ukraine"): the key a lower-case
/// description ("Chile's security service") resolves to.
#[must_use]
pub fn named_body(lex: &Lexicon, name: &str, possessor: Option<usize>) -> Option<Key> {
    let lower = name.to_lowercase();
    let country = possessor.or_else(|| {
        let (_, last) = name.rsplit_once(" of ")?;
        lex.lookup(last.trim_start_matches("the ")).iter().find_map(|s| match *s {
            Surface::CountryName(c) => Some(c),
            _ => None,
        })
    })?;
    let body = lex.cue_list("body_word").iter().find(|w| lower.contains(w.as_str()))?;
    let canonical = lex.canonical_cues.get(body).map_or(body.as_str(), String::as_str);
    Some(Key::Name(format!("{} {canonical}", lex.countries[country].name)))
}

/// The country named as possessor just before token `a` ("South Korea's …").
#[must_use]
pub fn possessor_before(lex: &Lexicon, text: &str, s: &Words<'_>, a: usize) -> Option<usize> {
    if a < 2 || s.word(a - 1) != "'s" {
        return None;
    }
    let (_, form) = lexicon_before(lex, text, s, a - 1)?;
    lex.lookup(&form).iter().find_map(|x| match *x {
        Surface::CountryName(c) => Some(c),
        _ => None,
    })
}

/// "Peru 's foreign ministry" → "Peru's foreign ministry".
fn normalize_possessive(s: &str) -> String {
    s.replace(" 's", "'s")
}

/// Plural demonyms: "Syrians", "North Koreans", "Kurds".
fn people(lex: &Lexicon, text: &str, s: &Words<'_>, i: usize) -> Option<(Mention, usize)> {
    // A form naming a people is this token or starts with it (two tokens joined start with the
    // first): most tokens are neither, and need no join and lookup.
    let form = lex.people_form(s.word(i));
    if form == 0 {
        return None;
    }
    for n in [2, 1] {
        if i + n > s.len() || form & if n == 1 { PEOPLE_WHOLE } else { PEOPLE_PREFIX } == 0 {
            continue;
        }
        let meanings = s.with_joined(text, i, i + n, |form| lex.lookup(form));
        let origin = meanings.iter().find_map(|x| match *x {
            Surface::CountryPeople(c) => Some(lex.countries[c].name.clone()),
            Surface::OriginPeople(o) => Some(lex.origins[o].name.clone()),
            _ => None,
        });
        if let Some(origin) = origin {
            // "French soldiers": an adjective here, left to the group pass.
            let next = s.low(i + n);
            if lex.group_nouns.contains_key(next) || s.cue_at(lex, "state_body", i + n).is_some() {
                return None;
            }
            // "the French", "the British": the people named like the adjective stand for the state.
            let state = meanings.iter().find_map(|x| match *x {
                Surface::CountryAdj(c) => Some(c),
                _ => None,
            });
            if let Some(c) = state {
                let key = Key::Country(lex.countries[c].name.clone());
                return Some((mention(text, s, i, i + n, EntityType::Country, key, Form::Metonym), i + n));
            }
            // "Russians" as part of a longer name ("Russians Join Fight" headline) is still the people.
            let key = Key::Group { origin, qualifiers: String::new(), head: "people".into() };
            return Some((mention(text, s, i, i + n, EntityType::Group, key, Form::Name), i + n));
        }
    }
    None
}

/// A group noun phrase headed at `i`; several mentions when origins are coordinated.
fn group(lex: &Lexicon, text: &str, s: &Words<'_>, i: usize, taken: &[bool]) -> Option<Vec<Mention>> {
    let low = s.low(i);
    // The noun, or the last word of a two-word one, is this token: most tokens are no such word.
    if !s.facts(lex, i).group_noun_last && !low.strip_prefix("ex-").is_some_and(|r| lex.token_facts(r).group_noun_last)
    {
        return None;
    }
    // Two-word heads ("special forces", "young men") are listed with a space.
    let two = if i > 0 && !taken[i - 1] { two_word_noun(lex, s.low(i - 1), low) } else { None };
    let (head_start, (noun_ix, plural)) = match two {
        Some(x) => (i - 1, x),
        // "ex-soldiers" are soldiers (as "former soldiers" are).
        None => (i, *lex.group_nouns.get(low).or_else(|| lex.group_nouns.get(low.strip_prefix("ex-")?))?),
    };
    let mut head_end = i + 1;
    // A singular noun names a group only when generic: "any foreign mercenary who comes".
    let generic = head_start > 0 && matches!(s.low(head_start.saturating_sub(1)), "any" | "every" | "each")
        || (head_start > 1 && matches!(s.low(head_start - 2), "any" | "every" | "each"));
    if !plural && low != "personnel" && !generic {
        return None;
    }
    // "gang recruits children", "Wagner recruits hundreds of prisoners": a noun that is also a
    // recruiting verb, with an object after it, is the verb.
    if two.is_none() && s.is_cue_at(lex, "recruits", i) && recruit_object_at(lex, s, i + 1) {
        return None;
    }
    // "the junta forcibly conscripts Rohingya": after an adverb the word is the verb.
    let before = s.low(head_start.saturating_sub(1));
    let focus = matches!(
        before,
        "mostly"
            | "mainly"
            | "largely"
            | "especially"
            | "particularly"
            | "primarily"
            | "chiefly"
            | "only"
            | "allegedly"
            | "reportedly"
            | "supposedly"
            | "purportedly"
            | "apparently"
    );
    if head_start > 0
        && before.len() > 4
        && before.ends_with("ly")
        && !focus
        && !s.is_cue_at(lex, "qualifier", head_start - 1)
    {
        return None;
    }
    if is_capitalised(s.word(i)) && i > 0 && is_capitalised(s.word(i - 1)) && lexicon_before(lex, text, s, i).is_none()
    {
        // Part of a capitalised name ("Tiger Forces"): the names pass decides.
        return None;
    }
    let head = lex.group_noun_list[noun_ix].singular.clone();
    let mut m = left_modifiers(lex, text, s, head_start, taken);
    // Right side: "fighters from Russia (and Europe)", "militants of Russian origin", "volunteers in the Middle East".
    // Not after a possessive: "withdrew its last troops from X" names where they were, not who.
    let mut d = m.start;
    // ("its 2,500 troops from Iraq": a number between.)
    while d > 0
        && (matches!(s.low(d - 1), "last" | "remaining" | "own" | "first" | "few")
            || s.low(d - 1).starts_with(|c: char| c.is_ascii_digit()))
    {
        d -= 1;
    }
    let possessed = d > 0 && matches!(s.low(d - 1), "its" | "their" | "our" | "his" | "her" | "'s");
    if m.origin.is_none() && !possessed {
        let mut after = i + 1;
        while matches!(s.word(after), "\"" | "”" | "’") {
            after += 1;
        }
        let (origin, end) = right_origin(lex, text, s, after, m.backers.is_empty());
        if let Some(o) = origin {
            m.origin = Some(o);
            head_end = end;
            // "fighters from Chad, Niger and the Central African Republic": one group each.
            let (more, end) = more_origins_from(lex, text, s, end);
            if !more.is_empty() {
                m.more_origins = more.iter().map(|(o, _)| o.clone()).collect();
                m.listed = more.into_iter().map(|(_, at)| at).collect();
                head_end = end;
            }
        }
    }
    let mut qualifiers = m.qualifiers.clone();
    if !m.backers.is_empty() {
        // "Iran-backed (Shiite) militias": a state backer identifies the group before a people does.
        if let Some(b) = m.backers.first().and_then(|b| origin_of(lex, b)) {
            m.origin = Some(b);
            m.more_origins.clear();
            qualifiers.push("backed".into());
        }
    }
    qualifiers.sort();
    qualifiers.dedup();
    let key = Key::Group {
        origin: m.origin.clone().unwrap_or_default(),
        qualifiers: qualifiers.join(" "),
        head: head.clone(),
    };
    let label = group_label(lex, &key, &lex.group_noun_list[noun_ix].plural);
    let mut first = mention(text, s, m.start, head_end, EntityType::Group, key, Form::Name);
    first.label = label;
    first.surface = strip_quantities(&first.surface);
    first.backers.clone_from(&m.backers);
    let mut extra_backers = Vec::new();
    // The backer named in the compound is an actor of its own ("Norwegian-backed" → Norway).
    for (&(t, end), b) in m.backer_tokens.iter().zip(&m.backers) {
        if let Some(o) = org_named(lex, b) {
            // "Islamic State-linked insurgents": the organisation is an actor too.
            let kind = if lex.orgs[o].is_group { EntityType::Group } else { EntityType::Organization };
            let mut backer = mention(text, s, t, end, kind, Key::Name(lex.orgs[o].name.clone()), Form::Name);
            backer.surface.clone_from(b);
            extra_backers.push(backer);
            continue;
        }
        if let Some(c) = country_of(lex, b).or_else(|| {
            lex.lookup(b).iter().find_map(|x| match *x {
                Surface::CountryCapital(c) => Some(c),
                _ => None,
            })
        }) {
            let mut backer = mention(
                text,
                s,
                t,
                end,
                EntityType::Country,
                Key::Country(lex.countries[c].name.clone()),
                Form::Metonym,
            );
            backer.surface.clone_from(b);
            extra_backers.push(backer);
        }
    }
    let coordinated = !m.more_origins.is_empty();
    if coordinated {
        // "Chadian and Nigerien fighters": this one is the "Nigerien fighters".
        let origin = match &first.key {
            Key::Group { origin, .. } => origin.clone(),
            _ => String::new(),
        };
        first.surface = format!("{} {}", adjective_of(lex, &origin), s.join(text, head_start, i + 1));
    }
    let mut out = vec![first];
    out.extend(extra_backers);
    for &(c, a, b) in &m.listed {
        let name = Key::Country(lex.countries[c].name.clone());
        out.push(mention(text, s, a, b, EntityType::Country, name, Form::Name));
    }
    for o in m.more_origins {
        let key = Key::Group { origin: o.clone(), qualifiers: qualifiers.join(" "), head: head.clone() };
        let mut extra = mention(text, s, m.start, head_end, EntityType::Group, key, Form::Name);
        extra.surface = format!("{} {}", adjective_of(lex, &o), s.join(text, head_start, i + 1));
        out.push(extra);
    }
    Some(out)
}

/// The group noun listed as the two words `first second`, if any.
fn two_word_noun(lex: &Lexicon, first: &str, second: &str) -> Option<(usize, bool)> {
    thread_local! {
        // Called for most tokens: one buffer per thread rather than a string per call.
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        b.push_str(first);
        b.push(' ');
        b.push_str(second);
        lex.group_nouns.get(b.as_str()).copied()
    })
}

/// The canonical label of a group: qualifiers, the origin's adjective and the plural head
/// ("Russian mercenaries", "foreign fighters", "Iran-backed militias"); `None` for a bare noun.
#[must_use]
pub fn group_label(lex: &Lexicon, key: &Key, plural: &str) -> Option<String> {
    let Key::Group { origin, qualifiers, .. } = key else { return None };
    if origin.is_empty() && qualifiers.is_empty() {
        return None;
    }
    let adjective = lex
        .countries
        .iter()
        .find(|c| &c.name == origin)
        .map(|c| c.adjective.clone())
        .or_else(|| lex.origins.iter().find(|o| &o.name == origin).map(|o| o.adjective.clone()))
        .unwrap_or_else(|| origin.clone());
    let backed = qualifiers.split(' ').any(|q| q == "backed");
    let mut words: Vec<String> =
        qualifiers.split(' ').filter(|q| !q.is_empty() && *q != "backed").map(str::to_string).collect();
    if !origin.is_empty() {
        words.push(if backed { format!("{origin}-backed") } else { adjective });
    }
    words.push(plural.to_string());
    Some(words.join(" "))
}

/// The adjective of an origin: a country's or a non-state origin's, else the origin as written.
fn adjective_of(lex: &Lexicon, origin: &str) -> String {
    lex.countries
        .iter()
        .find(|c| c.name == origin)
        .map(|c| c.adjective.clone())
        .or_else(|| lex.origins.iter().find(|x| x.name == origin).map(|x| x.adjective.clone()))
        .unwrap_or_else(|| origin.to_string())
}

/// The canonical label of a group key, looking its head noun up for the plural.
#[must_use]
pub fn label_for_key(lex: &Lexicon, key: &Key) -> Option<String> {
    let Key::Group { head, .. } = key else { return None };
    let plural = lex.group_noun_list.iter().find(|g| &g.singular == head).map_or(head.as_str(), |g| g.plural.as_str());
    group_label(lex, key, plural)
}

/// Removes leading numbers and quantity words from a surface form ("300 to 400 people").
fn strip_quantities(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let mut k = 0;
    while k < words.len().saturating_sub(1) {
        let w = words[k].to_lowercase();
        if w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            || ["the", "a", "an", "some", "these", "those"].contains(&w.as_str())
        {
            k += 1;
        } else {
            break;
        }
    }
    words[k..].join(" ")
}

fn left_modifiers(lex: &Lexicon, text: &str, s: &Words<'_>, head: usize, taken: &[bool]) -> Modifiers {
    let mut m = Modifiers { start: head, ..Modifiers::default() };
    let mut k = head;
    let mut after_and = false;
    while k > 0 {
        let j = k - 1;
        if taken[j] {
            break;
        }
        let low = s.low(j);
        let word = s.word(j);
        if let Some((start, form)) = lexicon_before(lex, text, s, k) {
            if taken[start..k].iter().any(|t| *t) {
                break;
            }
            let Some(origin) = origin_of(lex, &form) else { break };
            if m.origin.is_none() && after_and {
                // "armed by Chile, officials said": a name before a comma is no origin of a
                // head with none of its own ("Russian and Syrian services" has "Syrian").
                break;
            }
            if m.origin.is_none() {
                m.origin = Some(origin);
            } else if after_and {
                m.more_origins.push(origin);
            } else {
                break;
            }
            after_and = false;
            k = start;
            m.start = start;
            continue;
        }
        if (low == "and" || low == ",") && k < head + 1 + m.qualifiers.len() + usize::from(m.origin.is_some()) * 3 {
            after_and = true;
            k = j;
            continue;
        }
        if let Some((backer, suffix)) = super::split_last_hyphen(word) {
            if lex.is_cue("backed", &suffix.to_lowercase()) || suffix.eq_ignore_ascii_case("led") {
                let (start, backer) = org_backer(lex, text, s, j, backer, taken).unwrap_or((j, backer.to_string()));
                m.backers.push(backer);
                m.backer_tokens.push((start, j + 1));
                k = start;
                m.start = start;
                continue;
            }
        }
        if let Some(rest) = low.strip_prefix("pro-") {
            if !rest.is_empty() && rest != "government" {
                m.backers.push(word[4..].to_string());
                k = j;
                m.start = j;
                continue;
            }
        }
        // "have armed local militias": after an auxiliary the participle is the verb.
        if low.ends_with("ed") && j > 0 && matches!(s.low(j - 1), "has" | "have" | "had") {
            break;
        }
        if s.is_cue_at(lex, "qualifier", j) {
            if IDENTITY_QUALIFIERS.contains(&low) {
                m.qualifiers.push(low.to_string());
            }
            k = j;
            m.start = j;
            continue;
        }
        // An organisation as origin: "Wagner fighters".
        if is_capitalised(word) && j + 1 == head && m.origin.is_none() {
            if let Some(org) = org_named(lex, word).map(|o| lex.orgs[o].name.clone()) {
                m.origin = Some(org);
                k = j;
                m.start = j;
                continue;
            }
        }
        break;
    }
    if after_and {
        // A dangling "and" belongs to the sentence, not the group.
        m.start = m.start.max(k);
    }
    m
}

/// Whether a recruited object starts at token `i`: a plural group noun, a number or a word
/// of quantity ("hundreds of", "more"), possibly after an adjective of origin ("Syrian").
fn recruit_object_at(lex: &Lexicon, s: &Words<'_>, i: usize) -> bool {
    let low = s.low(i);
    if low.is_empty() {
        return false;
    }
    let number = low.starts_with(|c: char| c.is_ascii_digit());
    // Quantity words that start a phrase ("hundreds", "several"), not those inside one ("to", "of").
    let quantity = s.is_cue_at(lex, "quantity", i)
        && !matches!(
            low,
            "the"
                | "a"
                | "an"
                | "of"
                | "to"
                | "all"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "these"
                | "those"
                | "over"
                | "up"
                | "at"
                | "than"
                | "less"
        );
    let noun = |t: usize| lex.group_nouns.get(s.low(t)).is_some_and(|&(_, plural)| plural);
    number || quantity || noun(i) || (has_origin(lex, s.word(i)) && noun(i + 1))
}

/// A known organisation named over the capitalised words before a backer compound and its
/// first part: "Islamic State-linked" is "Islamic" + "State". Its first token and name as written.
fn org_backer(
    lex: &Lexicon,
    text: &str,
    s: &Words<'_>,
    j: usize,
    part: &str,
    taken: &[bool],
) -> Option<(usize, String)> {
    if !is_capitalised(part) {
        return None;
    }
    (1..=3.min(j)).rev().find_map(|n| {
        let start = j - n;
        if taken[start..j].iter().any(|t| *t) || !(start..j).all(|t| is_capitalised(s.word(t))) {
            return None;
        }
        let name = format!("{} {part}", s.join(text, start, j));
        org_named(lex, &name).map(|_| (start, name))
    })
}

/// The organisation of the lexicon that `form` names, if any.
fn org_named(lex: &Lexicon, form: &str) -> Option<usize> {
    lex.lookup(form).iter().find_map(|x| match *x {
        Surface::Org(o) => Some(o),
        _ => None,
    })
}

/// The countries listed after the first of "from X, Y and (the) Z" (each with its country
/// index and tokens), and where the list ends; none unless the list closes with "and".
type Listed = (String, (usize, usize, usize));
fn more_origins_from(lex: &Lexicon, text: &str, s: &Words<'_>, i: usize) -> (Vec<Listed>, usize) {
    let mut more = Vec::new();
    let mut end = i;
    let mut closed = false;
    loop {
        let mut j = end;
        let mut last = false;
        match s.low(j) {
            "," if s.low(j + 1) == "and" => {
                j += 2;
                last = true;
            }
            "," => j += 1,
            "and" => {
                j += 1;
                last = true;
            }
            _ => break,
        }
        if s.low(j) == "the" {
            j += 1;
        }
        let Some((o, country, n)) = [3, 2, 1].into_iter().find_map(|n| {
            let form = s.join(text, j, j + n);
            lex.lookup(&form).iter().find_map(|x| match *x {
                // Countries only: "militants from Russia and Europe" are the Russian militants
                // (a region so added is where they came through as often as who they are).
                Surface::CountryName(c) => Some((lex.countries[c].name.clone(), c, n)),
                _ => None,
            })
        }) else {
            break;
        };
        more.push((o, (country, j, j + n)));
        end = j + n;
        if last {
            closed = true;
            break;
        }
    }
    if closed {
        (more, end)
    } else {
        (Vec::new(), i)
    }
}

/// "from Russia (and Europe)", "of Russian origin", "in the Middle East" after a head noun.
fn right_origin(lex: &Lexicon, text: &str, s: &Words<'_>, i: usize, regions: bool) -> (Option<String>, usize) {
    match s.low(i) {
        "from" => {
            let mut j = i + 1;
            if s.low(j) == "the" {
                j += 1;
            }
            for n in [3, 2, 1] {
                let form = s.join(text, j, j + n);
                if let Some(o) = origin_of(lex, &form) {
                    // "from Western countries"
                    let mut end = j + n;
                    if matches!(s.low(end), "countries" | "states" | "nations") {
                        end += 1;
                    }
                    return (Some(o), end);
                }
            }
        }
        "of" => {
            let form = s.word(i + 1).to_string();
            if s.low(i + 2) == "origin" {
                if let Some(o) = origin_of(lex, &form) {
                    return (Some(o), i + 3);
                }
            }
        }
        // Only "in the Middle East", "in the Sahel": a region with an article, not a town.
        "in" if regions && s.low(i + 1) == "the" => {
            let j = i + 2;
            for n in [3, 2, 1] {
                let form = s.join(text, j, j + n);
                // Only regions (not countries): "fighters in Syria" is where, not who.
                let region = lex.lookup(&form).iter().find_map(|x| match *x {
                    Surface::OriginPlace(o) => Some(lex.origins[o].name.clone()),
                    _ => None,
                });
                if let Some(o) = region {
                    return (Some(o), j + n);
                }
            }
        }
        _ => {}
    }
    (None, i)
}
