//! Links inside a document: surnames to full names, acronyms to their
//! expansion, pronouns and descriptions to the actor named before, bare group
//! nouns to the group they repeat, "the regime" to its state.

use super::names::Pending;
use super::{is_capitalised, mention, Words};
use crate::lexicon::Lexicon;
use crate::model::{EntityType, Form, Key, Mention};

fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// Turns pending single words into person mentions where the document names the person in full,
/// or where the context says it is a person.
pub fn resolve_pending(text: &str, words: &[Words<'_>], mentions: &mut Vec<Mention>, pending: Vec<Pending>) {
    type Person = (Vec<String>, Key, String, (usize, usize));
    let persons: Vec<Person> = mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person && m.form == Form::Name)
        .map(|m| (m.surface.split(' ').map(fold).collect(), m.key.clone(), m.surface.clone(), (m.sentence, m.tokens.0)))
        .filter(|(parts, _, _, _): &Person| parts.len() >= 2)
        .collect();
    // "Mohamed Hamdan Dagalo, known as Hemedti": a nickname, then the name for the rest.
    let mut nicknames: Vec<(String, Key)> = Vec::new();
    for p in &pending {
        let s = &words[p.sentence];
        let t = p.token;
        let cue = if t >= 2 && s.low(t - 2) == "known" && s.low(t - 1) == "as" {
            Some(t - 2)
        } else if t >= 1 && matches!(s.low(t - 1), "nicknamed" | "dubbed" | "alias" | "aka") {
            Some(t - 1)
        } else {
            None
        };
        let Some(mut k) = cue else { continue };
        if k > 0 && s.low(k - 1) == "also" {
            k -= 1;
        }
        if k == 0 || s.low(k - 1) != "," {
            continue;
        }
        let named = mentions.iter().find(|m| {
            m.sentence == p.sentence && m.tokens.1 == k - 1 && m.kind == EntityType::Person && m.form == Form::Name
        });
        if let Some(m) = named {
            nicknames.push((fold(&p.word), m.key.clone()));
        }
    }
    for p in pending {
        let w = fold(&p.word);
        if let Some((_, key)) = nicknames.iter().find(|(n, _)| *n == w) {
            let mut m =
                mention(text, &words[p.sentence], p.token, p.token + 1, EntityType::Person, key.clone(), Form::Partial);
            m.surface = p.word.clone();
            mentions.push(m);
            continue;
        }
        let w = w.strip_prefix("al-").unwrap_or(&w).to_string();
        // The nearest full name before, else the first after; by the last name part, then the
        // first (family name first: "Kim", "Yoon").
        let at = (p.sentence, p.token);
        let last_matches =
            |parts: &Vec<String>| parts.last().is_some_and(|l| *l == w || l.strip_prefix("al-") == Some(w.as_str()));
        let first_matches = |parts: &Vec<String>| parts.first().is_some_and(|f| *f == w);
        let pick = |f: &dyn Fn(&Vec<String>) -> bool| {
            persons
                .iter()
                .filter(|(parts, _, _, pos)| f(parts) && *pos < at)
                .max_by_key(|x| x.3)
                .or_else(|| persons.iter().filter(|(parts, _, _, pos)| f(parts) && *pos > at).min_by_key(|x| x.3))
        };
        let hit = pick(&last_matches).or_else(|| pick(&first_matches)).map(|(a, b, c, _)| (a, b, c));
        let s = &words[p.sentence];
        if let Some((_, key, _)) = hit {
            let mut m = mention(text, s, p.token, p.token + 1, EntityType::Person, key.clone(), Form::Partial);
            m.surface = p.word.clone();
            mentions.push(m);
        } else if p.place_context && !p.person_context {
            // "in Omdurman": a town, as no person of the document has that name.
        } else {
            // Named by context ("Varga said"), or only a candidate that resolution keeps
            // if the corpus names the person in full elsewhere.
            let form = if p.person_context { Form::Name } else { Form::Partial };
            let mut m = mention(text, s, p.token, p.token + 1, EntityType::Person, Key::Name(p.word.clone()), form);
            m.surface = p.word.clone();
            mentions.push(m);
        }
    }
}

/// Pronouns that refer back to a person.
const PERSON_PRONOUNS: &[&str] = &["he", "she"];

/// Resolves acronyms in brackets, descriptions, pronouns, bare group nouns and "the regime".
/// `mentions` must be in text order; new reference mentions are appended.
pub fn link(lex: &Lexicon, text: &str, words: &[Words<'_>], mentions: &mut Vec<Mention>) {
    // Stated identities: "Border Guard Service (BGS)", "the Andean Defence Pact,
    // or RATS", "the 11th Corps, better known as the Storm Corps", "known by its acronym HUR".
    // Acronyms the text defines otherwise than the lexicon: "Syrian National Army (SNA)".
    let mut defined: Vec<(String, Key, EntityType)> = Vec::new();
    for i in 1..mentions.len() {
        let (before, after) = mentions.split_at_mut(i);
        let m = &mut after[0];
        let prev = &before[i - 1];
        if prev.sentence != m.sentence
            || prev.form != Form::Name
            || !matches!(prev.kind, EntityType::Organization | EntityType::Group)
        {
            continue;
        }
        let s = &words[m.sentence];
        let (gap_from, gap_to) = (prev.tokens.1, m.tokens.0);
        if gap_to < gap_from || gap_to - gap_from > 9 {
            continue;
        }
        let gap: Vec<&str> = (gap_from..gap_to).map(|t| s.low(t)).collect();
        let acronym_like = m.tokens.1 - m.tokens.0 == 1 && m.surface.chars().filter(|c| c.is_uppercase()).count() >= 2;
        let bracketed = gap == ["("] && acronym_like;
        let or_acronym = gap == [",", "or"] && acronym_like;
        let known_as = gap.first() == Some(&",")
            && gap.contains(&"known")
            && (gap.last() == Some(&"as") || gap.last() == Some(&"the") || gap.contains(&"acronym"));
        if !(bracketed || or_acronym || known_as) {
            continue;
        }
        // "the Arakan Army (AA)": two capitals alone may have been read as a name.
        let spelt_out = acronym_like && m.kind == EntityType::Person && initials_match(&m.surface, &prev.surface);
        if !matches!(m.kind, EntityType::Organization | EntityType::Group) && !spelt_out {
            continue;
        }
        if spelt_out {
            m.kind = prev.kind;
            m.key = prev.key.clone();
            defined.push((m.surface.clone(), prev.key.clone(), prev.kind));
        }
        m.same_as = Some(prev.key.clone());
        if acronym_like {
            m.form = Form::Acronym;
            if lex.lookup(&m.surface).is_empty() {
                // An acronym we do not know is the expansion's.
                m.kind = prev.kind;
                m.key = prev.key.clone();
            } else if m.key != prev.key && initials_match(&m.surface, &prev.surface) {
                // One we know, spelt out as another name: this text means that name.
                m.kind = prev.kind;
                m.key = prev.key.clone();
                defined.push((m.surface.clone(), prev.key.clone(), prev.kind));
            }
        }
    }
    for m in mentions.iter_mut() {
        if let Some((_, key, kind)) = defined.iter().find(|(acronym, key, _)| *acronym == m.surface && m.key != *key) {
            m.key = key.clone();
            m.kind = *kind;
            m.same_as = None;
        }
    }
    descriptions_and_groups(lex, text, words, mentions);
    mentions.sort_by_key(|m| (m.sentence, m.tokens.0, m.tokens.1));
    pronouns(lex, text, words, mentions);
}

/// Title descriptions ("the Peruvian Defence Minister") → the person introduced with that title;
/// bare group nouns → the group they repeat, or the state that sends them; otherwise dropped.
fn descriptions_and_groups(lex: &Lexicon, text: &str, words: &[Words<'_>], mentions: &mut Vec<Mention>) {
    let snapshot = mentions.clone();
    mentions.retain_mut(|m| {
        if let Key::Name(k) = &m.key {
            if let Some(title) = k.strip_prefix("title:") {
                let found = person_with_title(text, words, &snapshot, m, title);
                return match found {
                    Some(p) => {
                        m.key = p.key.clone();
                        m.surface = p.surface.clone();
                        true
                    }
                    None => false,
                };
            }
        }
        // "Wagner Group mercenaries", "Africa Corps instructors": a named body right before a bare
        // group noun is its origin, as "Wagner fighters" is.
        if let Key::Group { origin, qualifiers, head } = &m.key {
            if origin.is_empty() && qualifiers.is_empty() && m.form == Form::Name {
                let body = snapshot.iter().find(|n| {
                    n.sentence == m.sentence
                        && n.tokens.1 == m.tokens.0
                        && matches!(n.kind, EntityType::Organization | EntityType::Group)
                        && matches!(n.form, Form::Name | Form::Acronym)
                        && matches!(n.key, Key::Name(_))
                });
                // "Africa Corps units", "Storm Corps special forces": the body itself, not a group.
                let body_itself = lex.is_cue("body_itself", head);
                if body.is_some() && body_itself {
                    return false;
                }
                if let Some(Key::Name(name)) = body.map(|n| &n.key) {
                    let body = body.map(|n| (n.surface.clone(), n.tokens.0, n.span.start));
                    if let Some((surface, start, byte)) = body {
                        m.key = Key::Group { origin: name.clone(), qualifiers: String::new(), head: head.clone() };
                        m.label = Some(format!("{surface} {}", m.surface));
                        m.surface = format!("{surface} {}", m.surface);
                        m.tokens.0 = start;
                        m.span.start = byte;
                        return true;
                    }
                }
            }
        }
        if let Key::Group { origin, qualifiers, head } = &m.key {
            if origin.is_empty() && qualifiers.is_empty() && m.form != Form::Reference && !head.contains(' ') {
                                // The most recent qualified group with that head ("militias" after "local militias").
                let antecedent = snapshot
                    .iter()
                    .filter(|o| (o.sentence, o.tokens.0) < (m.sentence, m.tokens.0))
                    .filter(|o| matches!(&o.key, Key::Group { head: h, origin: og, qualifiers: q } if h == head && (!og.is_empty() || !q.is_empty())))
                    .max_by_key(|o| (o.sentence, o.tokens.0));
                // "Burundi has sent troops" after "Rwandan troops": the sender's own, not the
                // troops named before.
                let sent = sender(&snapshot, m).filter(|_| armed(lex, head) && sent_by_verb(lex, &words[m.sentence], &snapshot, m));
                if let Some(country) = sent {
                    m.key = Key::Group { origin: country, qualifiers: String::new(), head: head.clone() };
                    m.label = super::groups::label_for_key(lex, &m.key);
                    m.form = Form::Partial;
                } else if let Some(o) = antecedent {
                    m.key = o.key.clone();
                    m.label.clone_from(&o.label);
                    m.form = Form::Partial;
                                                } else if let Some(country) = sender(&snapshot, m)
                    .filter(|_| armed(lex, head) && !lex.is_cue("state_opponent", &head.to_lowercase()))
                {
                    // "North Korea has dispatched 1,500 troops": the troops are the sender's.
                    m.key = Key::Group { origin: country, qualifiers: String::new(), head: head.clone() };
                    m.label = super::groups::label_for_key(lex, &m.key);
                    m.form = Form::Partial;
                } else {
                    // A bare "fighters" or "men" names no actor; "the rebels", "jihadists" do.
                    return names_actor_bare(lex, m) || recruited(lex, &words[m.sentence], m.tokens);
                }
            }
        }
        true
    });
}

/// Whether an acronym spells the initials of a name's main words: "SNA", "Syrian National Army".
fn initials_match(acronym: &str, name: &str) -> bool {
    let initials: String = name
        .split([' ', '-'])
        .filter(|w| !matches!(w.to_lowercase().as_str(), "of" | "the" | "for" | "and" | "in" | "on" | "al"))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_uppercase).collect();
    !letters.is_empty() && initials == letters
}

/// Whether the speaker of the speech verb at `t` is an unnamed person: "one former sergeant told",
/// "said a 52-year-old father".
fn unnamed_speaker(lex: &Lexicon, s: &Words<'_>, t: usize, here: &[Mention]) -> bool {
    let person_noun = |k: usize| {
        let w = s.low(k);
        lex.is_cue("person_noun", w)
            || lex.titles.contains_key(w)
            || lex.group_nouns.get(w).is_some_and(|(_, plural)| !plural)
    };
    let covered = |a: usize, b: usize| here.iter().any(|m| m.tokens.0 < b && a < m.tokens.1);
    let det = |k: usize| matches!(s.low(k), "a" | "an" | "one" | "another");
    // Before the verb: DET … NOUN right before it.
    let before = t >= 2
        && person_noun(t - 1)
        && (t.saturating_sub(5)..t - 1).rev().find(|&k| det(k)).is_some_and(|k| !covered(k, t));
    // "One said", "Another told": one of a group just mentioned.
    let pronoun = t >= 1
        && matches!(s.low(t - 1), "one" | "another")
        && (t == 1 || matches!(s.low(t - 2), "," | "and" | "but" | "\"" | "“" | "”"));
    // After it: "said a … father".
    // (Not when a named person before the verb is its speaker: "Ruiz, 29, said a friend …".)
    let named_before = here.iter().any(|m| m.kind == EntityType::Person && m.tokens.1 <= t);
    let after = !named_before
        && det(t + 1)
        && (t + 2..(t + 6).min(s.len())).find(|&k| person_noun(k)).is_some_and(|k| !covered(t + 1, k + 1));
    before || after || pronoun
}

/// The latest of the last 60 mentions in `before` of type `kind` whose surface has the word
/// `word` ("Myanmar junta" for "the junta", "Myanmar's military" for "the military").
fn latest_called(before: &[Mention], kind: EntityType, word: &str) -> Option<usize> {
    (0..before.len()).rev().take(60).find(|&o| {
        let m = &before[o];
        m.kind == kind && m.surface.to_lowercase().split(' ').any(|w| w == word)
    })
}

/// The latest mention of the state named most often in `before` (adjectives and places aside),
/// if one is named more often than every other.
fn topic_state(before: &[Mention]) -> Option<usize> {
    let mut counts: Vec<(&Key, usize, usize)> = Vec::new();
    for (i, m) in before.iter().enumerate() {
        if m.kind != EntityType::Country || matches!(m.form, Form::Adjective | Form::Place) {
            continue;
        }
        match counts.iter_mut().find(|(k, _, _)| *k == &m.key) {
            Some(c) => {
                c.1 += 1;
                c.2 = i;
            }
            None => counts.push((&m.key, 1, i)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [first, second, ..] if first.1 == second.1 => None,
        [first, ..] => Some(first.2),
        [] => None,
    }
}

/// Pronouns and descriptions ("he", "they", "the agency", "the regime") → the actor named before.
/// `mentions` must be in text order; the references are appended.
fn pronouns(lex: &Lexicon, text: &str, words: &[Words<'_>], mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    let mut last_person: Option<usize> = None;

    let mut last_org: Option<usize> = None;
    let mut last_plural_group: Option<usize> = None;
    let mut last_singular: Option<usize> = None;
    let mut last_named_group: Option<usize> = None;
    let mut last_country_gov: Option<usize> = None;
    // The latest body that spoke ("the monitor said"): what "…, it said." means.
    let mut last_speaking_body: Option<usize> = None;
    let mut idx = 0;
    // Looked up once, not by name at every token.
    let says = lex.cue_index("says");
    // Whether each token of the sentence is inside one of its mentions, marked once per
    // sentence rather than sought per token.
    let mut covered: Vec<bool> = Vec::new();
    // The speaker of the transcript turn ("TOMAS VARGA, CORRESPONDENT: …", on over the sentences
    // of its line), whom the turn's own "he" or "she" does not mean: speakers say "I".
    let mut turn: Option<Key> = None;
    let mut prev_end = 0;
    for s in words {
        // Mentions are in text order: those of this sentence are one run (not a document-wide scan per token).
        let here = &mentions[mentions.partition_point(|m| m.sentence < s.index)..];
        let here = &here[..here.partition_point(|m| m.sentence <= s.index)];
        if text.get(prev_end..s.sentence.span.start).is_none_or(|gap| gap.contains('\n')) {
            turn = None;
        }
        prev_end = s.sentence.span.end;
        if let Some(label) = here.iter().find(|m| m.tokens.0 == 0 && speaker_label(s, m)) {
            turn = Some(label.key.clone());
        }
        covered.clear();
        covered.resize(s.len(), false);
        for m in here {
            for c in covered.iter_mut().take(m.tokens.1).skip(m.tokens.0) {
                *c = true;
            }
        }
        let mut in_quote = false;
        for (t, &inside) in covered.iter().enumerate() {
            if matches!(s.word(t), "\"" | "“" | "”") {
                in_quote = !in_quote;
            }
            // Advance over mentions that start before this token.
            while idx < mentions.len() && (mentions[idx].sentence, mentions[idx].tokens.0) <= (s.index, t) {
                let m = &mentions[idx];
                // A lone capitalised word not yet known to be a person is no antecedent.
                let weak = m.form == Form::Partial && matches!(&m.key, Key::Name(n) if !n.contains(' '));
                if m.kind == EntityType::Person
                    && m.form != Form::Reference
                    && !weak
                    && !vocative(&words[m.sentence], m)
                {
                    last_person = Some(idx);
                }
                // Pronouns take up actors named as subjects or objects, not places in a phrase
                // ("regions bordering Mongolia, it added").
                // A backer inside a compound ("Iran" in "Iran-backed militias") is not what "it" means.
                // The body in "Wagner Group mercenaries" is still the one "the group" means.
                let nested = mentions.get(idx + 1).is_some_and(|n| {
                    n.sentence == m.sentence
                        && n.tokens.0 == m.tokens.0
                        && n.tokens.1 > m.tokens.1
                        && !matches!((&n.key, &m.key), (Key::Group { origin, .. }, Key::Name(name)) if origin == name)
                });
                if m.form != Form::Reference && !nested && salient(&words[m.sentence], m) {
                    match (m.kind, &m.key) {
                        // A bare noun kept as what is recruited ("recruits children") is no
                        // antecedent of "they": the recruiters are.
                        (EntityType::Group, Key::Group { origin, qualifiers, .. })
                            if !origin.is_empty()
                                || !qualifiers.is_empty()
                                || names_actor_bare(lex, m)
                                || m.surface.contains(' ') =>
                        {
                            last_plural_group = Some(idx);
                        }
                        (EntityType::Organization | EntityType::Country, _)
                            if !matches!(m.form, Form::Adjective | Form::Place) =>
                        {
                            last_singular = Some(idx);
                        }
                        _ => {}
                    }
                    if let (EntityType::Group, Key::Name(_)) = (m.kind, &m.key) {
                        last_singular = Some(idx);
                    }
                    match (m.kind, &m.key) {
                        (EntityType::Organization, _) => last_org = Some(idx),
                        (EntityType::Group, Key::Name(_)) => last_named_group = Some(idx),
                        _ => {}
                    }
                }
                if m.kind == EntityType::Country && !matches!(m.form, Form::Adjective | Form::Place) {
                    last_country_gov = Some(idx);
                }
                let speaks = words[m.sentence].is_cue_in(lex, says, m.tokens.1);
                if speaks && m.kind != EntityType::Person && !matches!(m.form, Form::Adjective | Form::Place) {
                    last_speaking_body = Some(idx);
                }
                idx += 1;
            }
            let low = s.low(t);
            if s.is_cue_in(lex, says, t) && unnamed_speaker(lex, s, t, here) {
                // "…, one former sergeant told the BBC. He said …": "he" is that sergeant.
                last_person = None;
            }
            if inside {
                continue;
            }
            // The reference's last token (one but for a body named in several words).
            let mut end = t + 1;
            let target = if in_quote && (PERSON_PRONOUNS.contains(&low) || low == "it") {
                // Inside a quote, "he" and "it" belong to the speaker's frame; "they" still
                // refers to the group being talked about.
                None
            } else if PERSON_PRONOUNS.contains(&low) {
                last_person.filter(|&o| turn.as_ref() != Some(&mentions[o].key))
            } else if matches!(low, "they" | "them") {
                last_plural_group
            } else if low == "it"
                && s.is_cue_in(lex, says, t + 1)
                && !(t > 0 && matches!(s.low(t - 1), "whom" | "which"))
            {
                // (In a relative clause, "X, whom it accused of …", "it" is the actor of the
                // sentence named before, not the last body that spoke.)
                last_speaking_body.or(last_singular)
            } else if low == "it" {
                last_singular
            } else if t > 0
                && s.low(t - 1) == "the"
                && s.is_cue_at(lex, "government", t)
                && !s.low(t + 1).starts_with("forces")
            {
                // "the junta" after "Myanmar junta", "the regime" after "the Syrian regime": the state
                // so called before, else the latest state.
                // Every state has a "government", so only the rarer names count.
                let named =
                    (low != "government").then(|| latest_called(&mentions[..idx], EntityType::Country, low)).flatten();
                // "the government": the state the story is about so far (the most often named),
                // else the latest one.
                let topic = (low == "government").then(|| topic_state(&mentions[..idx])).flatten();
                named.or(topic).or(last_country_gov)
            } else if t > 0 && s.low(t - 1) == "the" && low == "military" {
                // "the military": the body named so before ("Myanmar's military"), if any.
                latest_called(&mentions[..idx], EntityType::Organization, low)
            } else if let Some((n, body)) =
                (t > 0 && s.low(t - 1) == "the").then(|| s.cue_at(lex, "state_body", t)).flatten().filter(|b| b.0 > 1)
            {
                // "the defence ministry", "the foreign ministry": the body of a state named so
                // before ("Chile's defence ministry"), if any; which state's it is, nothing says.
                end = t + n;
                let canonical = lex.canonical_cues.get(body).map_or(body, String::as_str);
                (0..idx).rev().take(60).find(|&o| {
                    let m = &mentions[o];
                    m.kind == EntityType::Organization
                        && m.form != Form::Reference
                        && (m.surface.to_lowercase().contains(body)
                            || matches!(&m.key, Key::Name(k) if k.ends_with(canonical)))
                })
            } else if t > 0
                && (s.low(t - 1) == "the" || (t > 1 && s.low(t - 1).ends_with("-based") && s.low(t - 2) == "the"))
                && s.is_cue_at(lex, "body_ref", t)
                // "the office of President X", "the army of Chile": the body of the one named
                // after it, not the body named before.
                && !(s.low(t + 1) == "of" && is_capitalised(s.word(t + 2)))
            {
                // "the agency", "the London-based monitor"
                // "the group", "the militia": the last named armed group; "the agency": the last organisation.
                if matches!(low, "group" | "militia" | "movement") {
                    last_named_group.or(last_org)
                } else {
                    // "the agency", "the observatory": the latest organisation so named, else the latest one.
                    let named = (0..idx).rev().take(40).find(|&o| {
                        let m = &mentions[o];
                        m.kind == EntityType::Organization
                            && m.form != Form::Reference
                            && m.surface.to_lowercase().contains(low)
                    });
                    named.or(last_org)
                }
            } else {
                None
            };
            if let Some(o) = target {
                let ante = &mentions[o];
                let mut m = mention(text, s, t, end, ante.kind, ante.key.clone(), Form::Reference);
                m.surface = ante.surface.clone();
                added.push(m);
            }
        }
    }
    mentions.extend(added);
}

/// "TOMAS VARGA, CORRESPONDENT: Ingrid, the agency …", "And, Ingrid, …", "Tomas, what …?":
/// the person addressed, whom a later "he" or "she" does not mean; nor the speaker of a
/// transcript turn ("TOMAS VARGA, CORRESPONDENT:"), who says "I". A name opening a sentence
/// before a comma is otherwise a subject with an apposition ("Ruiz, the group's leader, said").
fn vocative(s: &Words<'_>, m: &Mention) -> bool {
    let (a, b) = m.tokens;
    if m.kind != EntityType::Person {
        return false;
    }
    if speaker_label(s, m) {
        return true;
    }
    if s.word(b) != "," {
        return false;
    }
    let after_label = a > 0 && s.word(a - 1) == ":";
    let after_conjunction = a == 2 && s.word(1) == "," && matches!(s.low(0), "and" | "but" | "so" | "well");
    let asks = a == 0
        && matches!(
            s.low(b + 1),
            "what" | "how" | "why" | "when" | "where" | "who" | "is" | "are" | "do" | "does" | "did" | "can" | "will"
        );
    after_label || after_conjunction || asks
}

/// Whether a mention is the speaker of a transcript turn's label: a person opening the
/// sentence before its colon, within the first 14 tokens ("INGRID SOLBERG, NORDIC SECURITY
/// INSTITUTE: …", "SOLBERG: …"). Relations read the turn with the same rule.
pub(crate) fn speaker_label(s: &Words<'_>, m: &Mention) -> bool {
    let colon = (0..s.len().min(14)).find(|&k| s.word(k) == ":");
    m.kind == EntityType::Person && m.tokens.0 == 0 && colon.is_some_and(|c| m.tokens.1 <= c)
}

/// Whether a mention is an actor in its clause rather than inside a prepositional or participle
/// phrase ("in Syria", "bordering Mongolia").
fn salient(s: &Words<'_>, m: &Mention) -> bool {
    let mut k = m.tokens.0;
    while k > 0 && matches!(s.low(k - 1), "the" | "a" | "an" | "its" | "their" | "his" | "her") {
        k -= 1;
    }
    if k == 0 {
        return true;
    }
    let prev = s.low(k - 1);
    let preposition = matches!(
        prev,
        "in" | "at"
            | "near"
            | "into"
            | "from"
            | "to"
            | "across"
            | "through"
            | "inside"
            | "around"
            | "over"
            | "under"
            | "between"
            | "bordering"
            | "against"
            | "with"
            | "by"
    );
    !preposition
}

/// Whether a group's head noun names an actor even without an origin ("the rebels"), where
/// "fighters" or "men" alone do not (cues.tsv `bare_group`).
fn names_actor_bare(lex: &Lexicon, m: &Mention) -> bool {
    lex.is_cue("bare_group", &m.surface.rsplit(' ').next().unwrap_or("").to_lowercase())
}

/// Whether the group at tokens `[a, b)` is the object of a recruitment verb proper: "recruited
/// (hundreds of) children", "prisoners conscripted by the army". Such a bare noun is an actor.
fn recruited(lex: &Lexicon, s: &Words<'_>, (a, b): (usize, usize)) -> bool {
    let mut k = a;
    while k > 0 && a - k < 5 {
        let low = s.low(k - 1);
        let counted = low.starts_with(|c: char| c.is_ascii_digit()) || lex.is_cue("quantity", low);
        if !counted || matches!(low, "the" | "its" | "their" | "his" | "her" | "our") {
            break;
        }
        k -= 1;
    }
    let before = k > 0 && s.is_cue_at(lex, "recruit_verb", k - 1);
    let passive = s.low(b).ends_with("ed")
        && s.is_cue_at(lex, "recruit_verb", b)
        && matches!(s.low(b + 1), "by" | "into" | "from" | "as" | "to");
    before || passive
}

/// Whether a recruitment verb ("sent", "dispatched", "recruited") stands between a bare group
/// and the mention just before it in its sentence.
fn sent_by_verb(lex: &Lexicon, s: &Words<'_>, mentions: &[Mention], group: &Mention) -> bool {
    let from = mentions
        .iter()
        .filter(|o| o.sentence == group.sentence && o.tokens.1 <= group.tokens.0)
        .map(|o| o.tokens.1)
        .max()
        .unwrap_or(0);
    (from..group.tokens.0).any(|t| s.is_cue_at(lex, "recruits", t))
}

/// Whether a group head noun names armed people ("troops", "fighters"), from its class in the lexicon.
fn armed(lex: &Lexicon, head: &str) -> bool {
    lex.group_noun_list.iter().any(|g| g.singular == head && g.class == "armed")
}

/// The state that sends or prepares a bare group in the same clause: the nearest mention before
/// it in the sentence, a country named as an actor, with no comma or other actor between.
fn sender(mentions: &[Mention], group: &Mention) -> Option<String> {
    let prev = mentions
        .iter()
        .filter(|o| o.sentence == group.sentence && o.tokens.1 <= group.tokens.0)
        .filter(|o| !matches!(o.form, Form::Adjective | Form::Place))
        .max_by_key(|o| o.tokens.1)?;
    let near = group.tokens.0 - prev.tokens.1 <= 10;
    match &prev.key {
        Key::Country(c) if near && prev.form != Form::Reference => Some(c.clone()),
        _ => None,
    }
}

/// The person whose mention was introduced with `title` (e.g. "peruvian defence minister").
fn person_with_title<'m>(
    text: &str,
    words: &[Words<'_>],
    mentions: &'m [Mention],
    m: &Mention,
    title: &str,
) -> Option<&'m Mention> {
    let last_word = title.rsplit(' ').next().unwrap_or(title);
    mentions
        .iter()
        .filter(|p| p.kind == EntityType::Person && p.form == Form::Name)
        .filter(|p| (p.sentence, p.tokens.0) < (m.sentence, m.tokens.0))
        .rev()
        .find(|p| {
            let s = &words[p.sentence];
            let start = p.tokens.0.saturating_sub(6);
            let before = s.join(text, start, p.tokens.0).to_lowercase();
            before.contains(title) || before.ends_with(last_word)
        })
}
