//! Relations between the mentions of one sentence, each backed by that sentence.
//!
//! Cue phrases come from `schema/cues.tsv`. Around a cue the subject is the
//! nearest actor to its left that is not the object of a preposition (a
//! relative clause "X who back Y" gives X), and the object the first actor to
//! its right in the clause. Negated and hypothetical clauses give nothing.
//! `says` also reads direct quotes (speaker before, after or inside the
//! attribution), "according to X", "citing X" and transcript labels ("SOLBERG:").

use crate::lexicon::{CueIndex, Lexicon, Surface};
use crate::model::{EntityType, Form, Key, Mention, Relation, RelationKind};
use crate::recognise::Words;

/// Prepositions whose object is not a clause subject.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "to", "into", "near", "with", "by", "for", "on", "against", "over", "under", "across",
    "through", "inside", "toward", "towards", "about", "during", "between", "among", "after", "before", "since", "via",
    "within", "of",
];

/// Finds the relations of a document.
#[must_use]
pub fn relate(lex: &Lexicon, text: &str, words: &[Words<'_>], mentions: &[Mention]) -> Vec<Relation> {
    let mut out = Vec::new();
    let cats = Categories::new(lex);
    let mut start = 0;
    // A transcript turn ("SOLBERG: …") goes on over the sentences of its line.
    let mut turn: Option<usize> = None;
    let mut prev_end = 0;
    for s in words {
        let end = mentions[start..].iter().position(|m| m.sentence != s.index).map_or(mentions.len(), |p| start + p);
        let same_line = !text.get(prev_end..s.sentence.span.start).is_some_and(|gap| gap.contains('\n'));
        if !same_line {
            turn = None;
        }
        let mut ctx = Ctx { lex, cats: &cats, s, mentions, ids: (start..end).collect(), turn, quoted: quote_ranges(s) };
        if let Some(label) = ctx.label() {
            turn = Some(label);
            ctx.turn = None;
        }
        ctx.all(&mut out);
        start = end;
        prev_end = s.sentence.span.end;
    }
    out.sort_by_key(|r| (r.sentence, r.source, r.kind, r.target));
    out.dedup();
    out
}

/// The direct quotes of a sentence: (opening mark, closing mark) token pairs.
fn quote_ranges(s: &Words<'_>) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for t in 0..s.len() {
        match (s.word(t), open) {
            ("\"" | "“", None) => open = Some(t),
            ("\"" | "”", Some(o)) => {
                if t > o + 3 {
                    ranges.push((o, t));
                }
                open = None;
            }
            _ => {}
        }
    }
    ranges
}

/// The indexes of the cue categories [`Ctx::all`] tests at every token, looked up once.
struct Categories<'l> {
    /// Per user relation (`Lexicon::relations`, in order), its category.
    user: Vec<Option<&'l CueIndex>>,
    says_source: Option<&'l CueIndex>,
    fights_for: Option<&'l CueIndex>,
    allied_of: Option<&'l CueIndex>,
    allied: Option<&'l CueIndex>,
    recruits: Option<&'l CueIndex>,
    says: Option<&'l CueIndex>,
    fight_verb: Option<&'l CueIndex>,
    /// The bits ([`CueIndex::bit`]) of all of them: a token whose facts have none of these
    /// starts none of their phrases.
    bits: u64,
}

impl<'l> Categories<'l> {
    fn new(lex: &'l Lexicon) -> Self {
        let mut c = Categories {
            user: lex.relations.iter().map(|r| lex.cue_index(&r.category)).collect(),
            says_source: lex.cue_index("says_source"),
            fights_for: lex.cue_index("fights_for"),
            allied_of: lex.cue_index("allied_of"),
            allied: lex.cue_index("allied"),
            recruits: lex.cue_index("recruits"),
            says: lex.cue_index("says"),
            fight_verb: lex.cue_index("fight_verb"),
            bits: 0,
        };
        let named = [c.says_source, c.fights_for, c.allied_of, c.allied, c.recruits, c.says, c.fight_verb];
        c.bits = c.user.iter().chain(&named).flatten().fold(0, |bits, ix| bits | ix.bit);
        c
    }
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    cats: &'a Categories<'a>,
    s: &'a Words<'a>,
    mentions: &'a [Mention],
    /// Indices of this sentence's mentions, in text order.
    ids: Vec<usize>,
    /// The speaker of the transcript turn this sentence continues, if any.
    turn: Option<usize>,
    /// Direct quotes: token ranges (opening mark, closing mark).
    quoted: Vec<(usize, usize)>,
}

impl Ctx<'_> {
    fn m(&self, i: usize) -> &Mention {
        &self.mentions[i]
    }

    fn is_actor(&self, i: usize) -> bool {
        !matches!(self.m(i).form, Form::Adjective | Form::Place) && !self.nested(i)
    }

    /// Whether a mention lies inside a longer one ("Norwegian" in "Norwegian-backed militias"):
    /// the longer one is the actor of the clause.
    fn nested(&self, i: usize) -> bool {
        let (a, b) = self.m(i).tokens;
        self.ids.iter().any(|&j| {
            let (c, d) = self.m(j).tokens;
            j != i && c <= a && b <= d && (d - c) > (b - a)
        })
    }

    fn ending_at(&self, end: usize) -> Option<usize> {
        self.ids
            .iter()
            .copied()
            .filter(|&i| self.m(i).tokens.1 == end)
            .max_by_key(|&i| self.m(i).tokens.1 - self.m(i).tokens.0)
    }

    fn starting_at(&self, start: usize) -> Option<usize> {
        self.ids
            .iter()
            .copied()
            .filter(|&i| self.m(i).tokens.0 == start)
            .max_by_key(|&i| self.m(i).tokens.1 - self.m(i).tokens.0)
    }

    fn covering(&self, t: usize) -> bool {
        self.ids.iter().any(|&i| self.m(i).tokens.0 <= t && t < self.m(i).tokens.1)
    }

    fn low(&self, t: usize) -> &str {
        self.s.low(t)
    }

    fn preceded_by_preposition(&self, i: usize) -> bool {
        let mut k = self.m(i).tokens.0;
        while k > 0 && matches!(self.low(k - 1), "the" | "a" | "an" | "its" | "their" | "his" | "her" | "\"" | "“") {
            k -= 1;
        }
        if k == 0 {
            return false;
        }
        // Place adjectives between: "in eastern Libya".
        while k > 1
            && (self.low(k - 1).ends_with("ern")
                || matches!(self.low(k - 1), "central" | "neighbouring" | "neighboring" | "nearby" | "occupied"))
        {
            k -= 1;
        }
        let p = self.low(k - 1);
        if !PREPOSITIONS.contains(&p) {
            return false;
        }
        // "a source close to X", "a spokesman for X": the speaker's body.
        if (k.saturating_sub(4)..k - 1).any(|j| self.s.is_cue_at(self.lex, "speaker_role", j)) {
            return false;
        }
        // "members of X", "hundreds of X", "a spokesman for X": the head is the actor.
        if p == "of" || p == "for" {
            let mut h = k - 1;
            while h > 0 && matches!(self.low(h - 1), "the" | "a" | "an") {
                h -= 1;
            }
            let head = if h > 0 { self.low(h - 1) } else { "" };
            if self.lex.is_cue("speaker_role", head)
                || self.lex.is_cue("quantity", head)
                || head == "members"
                || head.chars().all(|c| c.is_ascii_digit() || c == ',')
            {
                return false;
            }
            if p == "of" && self.lex.is_cue("person_ref", head) {
                return false;
            }
        }
        true
    }

    fn clause_start(&self, t: usize) -> usize {
        (0..t).rev().find(|&k| matches!(self.low(k), ";")).map_or(0, |k| k + 1)
    }

    fn clause_end(&self, t: usize) -> usize {
        (t..self.s.len()).find(|&k| matches!(self.low(k), ";")).unwrap_or(self.s.len())
    }

    /// The subject of a cue at token `c`, and coordinated subjects ("X and Y recruit").
    fn subject(&self, c: usize) -> Vec<usize> {
        self.subject_of(c, false)
    }

    /// The agent of a cue: as [`Ctx::subject`], but passing over the object of an earlier verb
    /// ("preparing mercenaries to send them": the preparers send).
    fn agent(&self, c: usize) -> Vec<usize> {
        self.subject_of(c, true)
    }

    fn subject_of(&self, c: usize, agent: bool) -> Vec<usize> {
        if let Some(m) = self.controller(c) {
            return self.with_coordinated(m);
        }
        if let Some(accused) = self.accused_of(c) {
            return accused.map(|m| self.with_coordinated(m)).unwrap_or_default();
        }
        let lo = self.clause_start(c);
        let mut k = c;
        let mut found: Option<usize> = None;
        while k > lo {
            k -= 1;
            let w = self.low(k);
            if w == "," && found.is_none() {
                if let Some(open) = self.apposition_start(k) {
                    k = open;
                    continue;
                }
            }
            // A parenthesis between dashes: "Kataib Hezbollah — which the US designated … — is".
            if matches!(w, "—" | "–" | "-") && found.is_none() {
                if let Some(open) = (k.saturating_sub(30)..k).rev().find(|&j| matches!(self.low(j), "—" | "–" | "-"))
                {
                    k = open;
                    continue;
                }
            }
            // "X who recruits", "X who back Y are fighting": the relative's antecedent — unless
            // the relative clause has a subject of its own ("Syria, which President Putin said …").
            let own_subject = found.is_some_and(|f| {
                let start = self.m(f).tokens.0;
                (k + 1..start)
                    .all(|j| matches!(self.low(j), "the" | "a" | "an") || self.lex.titles.contains_key(self.low(j)))
            });
            if own_subject && matches!(w, "who" | "which") {
                break;
            }
            if matches!(w, "who" | "which") {
                // "X, which", and "the militia "X", which" with the name in quotes.
                let before = self.ending_at(k).or_else(|| {
                    if k > 0 && self.low(k - 1) == "," {
                        self.ending_at(k - 1).or_else(|| {
                            (k > 1 && matches!(self.low(k - 2), "\"" | "”")).then(|| self.ending_at(k - 2)).flatten()
                        })
                    } else {
                        None
                    }
                });
                if let Some(m) = before.filter(|&m| self.is_actor(m)) {
                    return self.with_coordinated(m);
                }
                continue;
            }
            if matches!(w, "\"" | "“" | "”") && found.is_none() {
                // Not into a quote: its attribution is read by the quote rule.
                break;
            }
            // Not back over a speech verb: "Peru said armed groups were recruiting …" — the
            // reported clause's subject is after it.
            if found.is_none() && matches!(w, "said" | "says" | "say" | "told" | "added" | "stated") {
                break;
            }
            if w == "that" && found.is_none() {
                // "militias that fight": relative; "said that X fights": the subject is not before it.
                // "told Reuters that …": the one told is no antecedent of a relative.
                let told = |m: usize| {
                    let a = self.m(m).tokens.0;
                    a > 0 && self.s.is_cue_at(self.lex, "says", a - 1)
                };
                match self.ending_at(k) {
                    Some(m) if self.is_actor(m) && !told(m) => return self.with_coordinated(m),
                    _ => break,
                }
            }
            if (w == "that" || w == "\"" || w == "“" || w == "”") && found.is_some() {
                break;
            }
            // "Haiti: gang coalition recruits children": what stands before a colon is a topic,
            // not the subject of the verb after it.
            if w == ":" {
                break;
            }
            if let Some(m) = self.ending_at(k + 1) {
                let start = self.m(m).tokens.0;
                // "JNIM denied recruiting minors and said …": who speaks is not the object of
                // an earlier verb either.
                let then_says = self.s.is_cue_at(self.lex, "says", c) && self.low(self.m(m).tokens.1) == "and";
                let object = (agent || then_says) && self.is_object(m);
                let usable = self.is_actor(m) && !self.preceded_by_preposition(m) && !object;
                if found.is_some() {
                    if usable {
                        break;
                    }
                } else if usable {
                    found = Some(m);
                }
                k = start;
            }
        }
        found.map(|m| self.with_coordinated(m)).unwrap_or_default()
    }

    /// The subject of an infinitive at `c` that a verb's object controls: "called on Peru to
    /// (stop) hiring them", "urged Chile to recruit": Peru, Chile.
    fn controller(&self, c: usize) -> Option<usize> {
        let mut to = c.checked_sub(1)?;
        if matches!(self.low(to), "stop" | "start" | "keep" | "continue" | "begin" | "cease" | "resume") {
            to = to.checked_sub(1)?;
        }
        if self.low(to) != "to" {
            return None;
        }
        let m = self.ending_at(to).filter(|&m| self.is_actor(m))?;
        let mut k = self.m(m).tokens.0;
        while k > 0 && matches!(self.low(k - 1), "the" | "a" | "an") {
            k -= 1;
        }
        let verb = k.checked_sub(1)?;
        let called_on = matches!(self.low(verb), "on" | "upon") && verb > 0 && self.low(verb - 1).starts_with("call");
        (called_on || self.s.is_cue_at(self.lex, "control_verb", verb)).then_some(m)
    }

    /// In "X accused Y of arming Z", the subject of the verb at `c` is Y (`Some(None)` when Y
    /// is no actor: "accused the West of arming"); `None` where the verb is not so placed.
    fn accused_of(&self, c: usize) -> Option<Option<usize>> {
        if c < 2 || self.low(c - 1) != "of" {
            return None;
        }
        let verb = (c.saturating_sub(9)..c - 1).rev().take_while(|&k| self.low(k) != ",").find(|&k| {
            matches!(self.low(k), "accused" | "accuses" | "accusing" | "accuse" | "suspects" | "suspected")
        })?;
        if verb + 1 == c - 1 {
            // "accused of recruiting": passive, the subject is before it; "X, whom it accused of
            // arming Z": X.
            return self.whom_accused(verb).map(Some);
        }
        Some(self.ending_at(c - 1).filter(|&m| self.is_actor(m)))
    }

    /// In "X, whom it accused of arming Z" (the accusation verb at `verb`, "of" after it), X:
    /// the antecedent of the relative "whom" two tokens before the verb.
    fn whom_accused(&self, verb: usize) -> Option<usize> {
        if verb < 2 || self.low(verb + 1) != "of" || self.low(verb - 2) != "whom" {
            return None;
        }
        let w = verb - 2;
        let before =
            self.ending_at(w).or_else(|| (w > 0 && self.low(w - 1) == ",").then(|| self.ending_at(w - 1)).flatten());
        before.filter(|&m| self.is_actor(m))
    }

    /// Where an apposition ending at the comma `k` opens: "X, the formation set up by Y, told",
    /// "X, first deputy director of Y, said", "X, one of the most powerful militias, said".
    fn apposition_start(&self, k: usize) -> Option<usize> {
        let open = (k.saturating_sub(25)..k).rev().find(|&j| self.low(j) == ",")?;
        let first = self.low(open + 1);
        let lower_case = self.s.word(open + 1).chars().next().is_some_and(char::is_lowercase);
        let starter =
            matches!(first, "a" | "an" | "the" | "who" | "which" | "whose" | "one" | "another" | "part" | "itself");
        // A lower-case segment is an apposition ("first deputy director of X"), not a clause
        // ("says they are being thrown …").
        let clause = (open + 1..k).any(|j| {
            let w = self.low(j);
            matches!(w, "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "would" | "can" | "could")
                || self.s.is_cue_at(self.lex, "says", j)
                || self.ids.iter().any(|&i| self.m(i).tokens.0 == j && self.m(i).form == Form::Reference)
        });
        // ", Hezbollah's affiliate in the south,": a possessor and a common noun describe too.
        let possessive = self.starting_at(open + 1).is_some_and(|m| {
            let e = self.m(m).tokens.1;
            self.s.word(e) == "'s" && self.s.word(e + 1).chars().next().is_some_and(char::is_lowercase)
        });
        (starter || ((lower_case || possessive) && k - open <= 14 && !clause)).then_some(open)
    }

    /// Whether a mention is the object of the verb just before it ("recruiting Syrians").
    fn is_object(&self, m: usize) -> bool {
        let mut k = self.m(m).tokens.0;
        while k > 0
            && (self.s.is_cue_at(self.lex, "quantity", k - 1)
                || self.low(k - 1).chars().all(|c| c.is_ascii_digit() || c == ','))
        {
            k -= 1;
        }
        k > 0 && {
            let v = self.low(k - 1);
            self.s.is_cue_at(self.lex, "recruits", k - 1) || (v.ends_with("ing") && v.len() > 5)
        }
    }

    fn with_coordinated(&self, m: usize) -> Vec<usize> {
        let mut out = vec![m];
        let mut start = self.m(m).tokens.0;
        let mut and_seen = false;
        loop {
            let mut k = start;
            let (mut saw_and, mut saw_comma) = (false, false);
            while k > 0 && matches!(self.low(k - 1), "and" | "," | "some" | "the" | "its" | "both") {
                saw_and |= self.low(k - 1) == "and";
                saw_comma |= self.low(k - 1) == ",";
                k -= 1;
            }
            if !(saw_and || saw_comma) || k == start {
                break;
            }
            match self.ending_at(k) {
                Some(p) if self.is_actor(p) && !self.preceded_by_preposition(p) => {
                    // A comma alone joins a list only with an "and" in it ("A, B and C"), or when
                    // the list opens the clause ("Russia, Syria exchange data").
                    let opens_clause = self.m(p).tokens.0 == self.clause_start(self.m(p).tokens.0);
                    if !saw_and && !and_seen && !opens_clause {
                        break;
                    }
                    and_seen |= saw_and;
                    out.push(p);
                    start = self.m(p).tokens.0;
                }
                _ => break,
            }
        }
        out
    }

    /// The first actor at or after token `t` within `limit` tokens, and actors coordinated with it.
    /// Whether a mention is the speaker of a closing attribution, ", the officials said":
    /// no object of the clause before it.
    fn attribution(&self, i: usize) -> bool {
        let (a, b) = self.m(i).tokens;
        let mut k = a;
        while k > 0 && matches!(self.low(k - 1), "the" | "a" | "an") {
            k -= 1;
        }
        k > 0 && self.low(k - 1) == "," && self.s.is_cue_at(self.lex, "says", b)
    }

    fn object(&self, t: usize, limit: usize) -> Vec<usize> {
        let mut end = self.clause_end(t).min(t + limit);
        // A cue inside a quote takes its object from the quote.
        if let Some(&(_, close)) = self.quoted.iter().find(|&&(o, c)| o < t && t <= c) {
            end = end.min(close);
        }
        let Some(first) = self.ids.iter().copied().find(|&i| {
            let m = self.m(i);
            m.tokens.0 >= t
                && m.tokens.0 < end
                && self.is_actor(i)
                && !matches!(self.low(m.tokens.0.saturating_sub(1)), "against")
                && !self.attribution(i)
        }) else {
            return Vec::new();
        };
        let mut out = vec![first];
        let mut e = self.m(first).tokens.1;
        loop {
            let mut k = e;
            let mut saw = false;
            while matches!(self.low(k), "and" | "," | "the") {
                saw |= self.low(k) != "the";
                k += 1;
            }
            // A comma alone joins only inside a list that goes on ("A, B and C"), not before the
            // clause's speaker ("… alongside X, Colombia's foreign ministry said").
            let comma_only = (e..k).all(|j| self.low(j) != "and");
            match self.starting_at(k) {
                Some(n)
                    if saw
                        && self.is_actor(n)
                        && (!comma_only || matches!(self.low(self.m(n).tokens.1), "," | "and" | "or")) =>
                {
                    out.push(n);
                    e = self.m(n).tokens.1;
                }
                _ => break,
            }
        }
        out
    }

    fn negated(&self, from: usize, to: usize) -> bool {
        // "denied that Pyongyang had any plans to send troops": the whole clause is denied.
        let denied =
            (self.clause_start(from)..from).any(|k| matches!(self.low(k), "denied" | "denies" | "deny" | "rejected"));
        denied || (from.saturating_sub(3)..to.min(self.s.len())).any(|k| self.s.is_cue_at(self.lex, "negation", k))
    }

    fn hypothetical(&self, c: usize) -> bool {
        (self.clause_start(c)..c).any(|k| self.s.is_cue_at(self.lex, "hypothetical", k))
    }

    fn push(&self, out: &mut Vec<Relation>, source: usize, kind: RelationKind, target: usize) {
        for s in self.with_twins(source) {
            for t in self.with_twins(target) {
                if s != t && !same_actor(self.m(s), self.m(t)) {
                    out.push(Relation { source: s, kind, target: t, sentence: self.s.index });
                }
            }
        }
    }

    /// The mention and the groups that share its words: "Chadian and Nigerien fighters" is two
    /// groups, and what one does the other does.
    fn with_twins(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        if self.m(i).kind == EntityType::Group {
            out.extend(
                self.ids
                    .iter()
                    .copied()
                    .filter(|&j| j != i && self.m(j).kind == EntityType::Group && self.m(j).tokens == self.m(i).tokens),
            );
        }
        out
    }

    fn all(&self, out: &mut Vec<Relation>) {
        let first = out.len();
        let quoted = self.quotes(out);
        let n = self.s.len();
        // The tokens inside a mention, marked once rather than sought per token.
        let mut covered = vec![false; n];
        for &i in &self.ids {
            let (a, b) = self.m(i).tokens;
            for c in covered.iter_mut().take(b).skip(a) {
                *c = true;
            }
        }
        let (lex, s, cats) = (self.lex, self.s, self.cats);
        let mut t = 0;
        while t < n {
            // A token that starts no cue phrase of any category (most) starts none of these.
            if covered[t] || s.facts(lex, t).cues & cats.bits == 0 {
                t += 1;
                continue;
            }
            let in_quote = quoted.iter().any(|&(a, b)| a <= t && t <= b);
            for (user, &index) in self.lex.relations.iter().zip(&cats.user) {
                if let Some((len, _)) = s.cue_in(lex, index, t) {
                    self.user_relation(t, len, RelationKind::Custom(user.def), out);
                }
            }
            if let Some((len, _)) = s.cue_in(lex, cats.says_source, t).filter(|_| !in_quote) {
                self.says_source(t, len, out);
                t += len;
                continue;
            }
            // "joined forces with" is an alliance, read below.
            let join_forces = self.low(t).starts_with("join") && self.low(t + 1) == "forces";
            if let Some((len, _)) = s.cue_in(lex, cats.fights_for, t).filter(|_| !join_forces) {
                self.fights_for(t, len, out);
                t += len;
                continue;
            }
            if let Some((len, phrase)) = s.cue_in(lex, cats.allied_of, t) {
                self.allied_of(t, len, phrase, out);
                t += len;
                continue;
            }
            if let Some((len, phrase)) = s.cue_in(lex, cats.allied, t) {
                self.allied(t, len, phrase, out);
                t += len;
                continue;
            }
            let recruits = s.cue_in(lex, cats.recruits, t);
            if s.is_cue_in(lex, cats.recruits, t) || recruits.is_some() {
                let len = recruits.map_or(1, |(l, _)| l);
                self.recruits(t, len, out);
            }
            if !in_quote && s.cue_in(lex, cats.says, t).is_some() {
                self.says(t, out);
            }
            if s.is_cue_in(lex, cats.fight_verb, t) {
                self.fight_verb(t, out);
            }
            t += 1;
        }
        self.label_speaker(first, out);
        self.backed(out);
        self.structural_alliances(out);
    }

    /// "Tomas, the agency has confirmed …": a person addressed, not talked about.
    fn is_vocative(&self, i: usize, from: usize) -> bool {
        let m = self.m(i);
        let opens = m.tokens.0 == from
            || m.tokens.0 == self.clause_start(m.tokens.0)
            || self.low(m.tokens.0.saturating_sub(1)) == ":";
        // "Haftar, who is backed by …", "Ruiz, the group's leader, …": a relative clause or an
        // apposition describes the subject; a vocative is followed by the sentence.
        let described = self.s.word(m.tokens.1) == ","
            && matches!(self.low(m.tokens.1 + 1), "who" | "whose" | "a" | "an" | "the" | "which");
        m.kind == EntityType::Person && opens && matches!(self.s.word(m.tokens.1), "," | "?") && !described
    }

    /// The main actor of a statement in tokens `[from, to)`: the first actor, passing over a
    /// possessor ("Kyiv's intelligence … North Korea") and a vocative ("Tomas, …").
    /// The body a speaker is introduced with ("NATO Secretary General Ana Ruiz", "Kremlin
    /// spokesman Ivan Petrov"): what they say is not about it.
    fn affiliation(&self, speaker: usize) -> Option<&Key> {
        let start = self.m(speaker).tokens.0;
        (1..=5).filter(|&d| d <= start).find_map(|d| {
            let m = self.ending_at(start - d)?;
            let between = (start - d..start).all(|j| self.lex.title_words.contains(self.low(j)));
            between.then(|| &self.m(m).key)
        })
    }

    fn target_in(&self, from: usize, to: usize, speaker: usize) -> Option<usize> {
        let own = self.affiliation(speaker).cloned();
        let candidates = |adjectives: bool| {
            self.ids
                .iter()
                .copied()
                .filter(|&i| {
                    let m = self.m(i);
                    m.tokens.0 >= from
                        && m.tokens.1 <= to
                        && (adjectives || self.is_actor(i))
                        && !same_actor(m, self.m(speaker))
                        && own.as_ref() != Some(&m.key)
                        && !self.is_vocative(i, from)
                })
                .collect::<Vec<_>>()
        };
        let actors = candidates(false);
        let main = actors
            .iter()
            .copied()
            .find(|&i| self.s.word(self.m(i).tokens.1) != "'s")
            .or_else(|| actors.first().copied());
        main.or_else(|| candidates(true).first().copied())
    }

    /// Direct quotes: returns the quoted token ranges.
    fn quotes(&self, out: &mut Vec<Relation>) -> Vec<(usize, usize)> {
        let ranges = self.quoted.clone();
        for &(o, c) in &ranges {
            let speaker = self.quote_speaker(o, c);
            if let Some(sp) = speaker {
                if let Some(tg) = self.target_in(o + 1, c, sp) {
                    self.push(out, sp, RelationKind::Says, tg);
                }
            }
        }
        ranges
    }

    fn quote_speaker(&self, o: usize, c: usize) -> Option<usize> {
        // After: `"…," said X` / `"…," X said` / `"…," he told …`
        let mut k = c + 1;
        if self.low(k) == "," {
            k += 1;
        }
        if self.s.is_cue_at(self.lex, "says", k) {
            if let Some(m) = self.object(k + 1, 4).first() {
                return Some(*m);
            }
        }
        if let Some(m) = self.starting_at(k).or_else(|| {
            if matches!(self.low(k), "the" | "a" | "an") {
                self.starting_at(k + 1)
            } else {
                None
            }
        }) {
            let e = self.m(m).tokens.1;
            if (e..e + 3).any(|j| self.s.is_cue_at(self.lex, "says", j)) {
                return Some(m);
            }
            // `"…," Ivan Petrov, first deputy director of the border service, said.`
            if self.s.word(e) == "," {
                if let Some(close) = (e + 1..(e + 16).min(self.s.len())).find(|&j| self.low(j) == ",") {
                    if self.s.is_cue_at(self.lex, "says", close + 1) {
                        return Some(m);
                    }
                }
            }
        }
        // Before: `X said: "…"` / `X said that "…"`
        if o > 0 {
            let verb = (o.saturating_sub(4)..o).rev().find(|&j| self.s.is_cue_at(self.lex, "says", j));
            if let Some(v) = verb {
                if let Some(m) = self.subject(v).first() {
                    return Some(*m);
                }
            }
        }
        None
    }

    /// "ANA RUIZ, NORDIC POLICY INSTITUTE: Three things…"
    /// The speaker of a speech verb: its agent, but not across a comma that closes the statement
    /// ("…, the sources added" names no speaker; an apposition is passed over).
    fn speaker_before(&self, c: usize) -> Vec<usize> {
        if self.unnamed_subject_before(c) {
            return Vec::new();
        }
        let agents = self.agent(c);
        let Some(&first) = agents.first() else { return agents };
        // "Chilean officials, speaking on condition of anonymity because they were not
        // authorised to brief the media, said …": a pronoun inside the participle phrase before
        // the verb is not the speaker; the actor the phrase describes is.
        if self.m(first).form == Form::Reference && c > 0 && self.low(c - 1) == "," {
            let a = self.m(first).tokens.0;
            if let Some(open) = (a.saturating_sub(12)..a).rev().find(|&k| self.low(k) == ",") {
                if self.low(open + 1).ends_with("ing") {
                    if let Some(m) = self.ending_at(open).filter(|&m| self.is_actor(m)) {
                        return vec![m];
                    }
                }
            }
        }
        let end = self.m(first).tokens.1;
        // "X criticised the plan, saying …": the participle's speaker is the clause's subject.
        let participle = c > 0 && self.low(c).ends_with("ing") && self.low(c - 1) == ",";
        let mut k = c;
        while k > end {
            k -= 1;
            if self.low(k) == "," && participle && k + 1 == c {
                continue;
            }
            if self.low(k) == "," {
                // Only an apposition that lies wholly between the speaker and the verb.
                match self.apposition_start(k) {
                    Some(open) if open >= end => k = open,
                    _ => return Vec::new(),
                }
            }
        }
        agents
    }

    /// "…, police said", "analysts say": the subject right before the verb is a common noun that
    /// names no actor, so no earlier actor is the speaker. An adjunct ("in a statement said") is
    /// no subject.
    fn unnamed_subject_before(&self, c: usize) -> bool {
        if c == 0 || self.ending_at(c).is_some() {
            return false;
        }
        let low = self.low(c - 1);
        // Only a noun that names people: "police", "analysts", "officials", "a diplomat".
        let people_noun = self.lex.group_nouns.contains_key(low)
            || self.lex.titles.contains_key(low)
            || self.s.is_cue_at(self.lex, "person_noun", c - 1)
            || self.s.is_cue_at(self.lex, "unnamed_subject", c - 1);
        // "a Chilean foreign ministry official said", "a Baltic Mining spokesperson said": the body
        // before the noun is the speaker's.
        let owned = self.ending_at(c - 1).is_some_and(|m| self.is_actor(m) || self.m(m).form == Form::Adjective);
        if !people_noun || self.covering(c - 1) || owned {
            return false;
        }
        let adjunct = (c.saturating_sub(4)..c - 1).any(|k| {
            matches!(self.low(k), "in" | "on" | "at" | "during" | "after" | "before" | "via" | "through" | "with")
                && (k + 1..c - 1).all(|j| self.low(j) != ",")
        });
        !adjunct
    }

    /// "recruiters working for X …", "agents of X …" before a recruitment cue: X.
    fn role_agent(&self, c: usize) -> Option<usize> {
        let lo = self.clause_start(c).max(c.saturating_sub(12));
        let r = (lo..c).rev().find(|&k| self.s.is_cue_at(self.lex, "agent_role", k))?;
        let mut p = r + 1;
        while matches!(self.low(p), "working" | "linked" | "close" | "tied" | "acting") {
            p += 1;
        }
        if !matches!(self.low(p), "for" | "of" | "to" | "from" | "with") {
            return None;
        }
        self.object(p + 1, 4).first().copied().filter(|&m| self.m(m).tokens.1 <= c)
    }

    /// "A spokesman for the LNA …, denied": the body a speaking role belongs to.
    fn role_subject(&self, c: usize) -> Option<usize> {
        let lo = self.clause_start(c);
        let mut k = lo;
        while k < c && matches!(self.low(k), "a" | "an" | "the" | "one" | "two" | "senior" | "local" | "several") {
            k += 1;
        }
        // "A North Korean diplomat … denied", "a Pentagon spokesperson said": the body named before the role.
        if let Some(m) = self.starting_at(k) {
            let e = self.m(m).tokens.1;
            let role = (e..(e + 3).min(c)).find(|&j| self.s.is_cue_at(self.lex, "speaker_role", j));
            if let Some(r) = role {
                if (e..r).all(|j| self.s.word(j).chars().all(char::is_lowercase)) && !self.covering(r) {
                    // "Kremlin spokesman Ivan Petrov said": the person named in the role speaks.
                    let named = self
                        .starting_at(r + 1)
                        .filter(|&p| self.m(p).kind == EntityType::Person && self.m(p).tokens.1 <= c);
                    return Some(named.unwrap_or(m));
                }
            }
        }
        if k >= c || !self.s.is_cue_at(self.lex, "speaker_role", k) {
            return None;
        }
        let mut p = k + 1;
        if self.low(p) == "close" {
            p += 1;
        }
        if !matches!(self.low(p), "for" | "of" | "at" | "from" | "to" | "with") {
            return None;
        }
        self.object(p + 1, 4).first().copied().filter(|&m| self.m(m).tokens.1 <= c)
    }

    fn is_question(&self) -> bool {
        let n = self.s.len();
        (n.saturating_sub(3)..n).any(|k| self.s.word(k) == "?")
    }

    /// The speaker label opening this sentence ("ANA RUIZ, NORDIC POLICY INSTITUTE:", "RUIZ:").
    fn label(&self) -> Option<usize> {
        self.starting_at(0).filter(|&sp| crate::recognise::coref::speaker_label(self.s, self.m(sp)))
    }

    /// The statement of a transcript turn's speaker, unless the sentence's own relations
    /// (`out[first..]`: its quotes and speech verbs) give another speaker's.
    fn label_speaker(&self, first: usize, out: &mut Vec<Relation>) {
        if self.is_question() {
            return;
        }
        let (sp, from) = match (self.label(), self.turn) {
            (Some(sp), _) => (sp, (0..self.s.len()).find(|&k| self.s.word(k) == ":").map_or(0, |c| c + 1)),
            (None, Some(sp)) => (sp, 0),
            _ => return,
        };
        // A host's or correspondent's lines introduce others' statements.
        let key = &self.m(sp).key;
        if self.mentions.iter().any(|m| &m.key == key && m.host) {
            return;
        }
        // "SOLBERG: Lima has said it is ready to accept them": a statement the turn reports is
        // its own speaker's (read where its verb or quote is), not the turn speaker's; a
        // denied one ("Lima has never admitted that …") gives no statement of its own.
        let reported = |r: &Relation| r.kind == RelationKind::Says && !same_actor(self.m(r.source), self.m(sp));
        if out[first..].iter().any(reported) {
            return;
        }
        if let Some(tg) = self.target_in(from, self.s.len(), sp) {
            self.push(out, sp, RelationKind::Says, tg);
        }
    }

    fn says(&self, c: usize, out: &mut Vec<Relation>) {
        let word = self.low(c);
        if self.is_question() {
            return;
        }
        if matches!(word, "statement" | "interview" | "readout" | "announcement") {
            return;
        }
        // Passive "was said to be": no speaker.
        if c > 0 && matches!(self.low(c - 1), "was" | "were" | "is" | "are" | "been" | "be") && !matches!(word, "told")
        {
            return;
        }
        // "RSF accused of recruiting", "a commander charged with": passive, as in headlines.
        if matches!(word, "accused" | "charged" | "suspected") && matches!(self.low(c + 1), "of" | "with") {
            // "X, whom it accused of arming Z": the one before "accused" says it of X.
            if let Some(accused) = self.whom_accused(c) {
                if let Some(sp) = self.ending_at(c).filter(|&m| self.is_actor(m)) {
                    self.push(out, sp, RelationKind::Says, accused);
                }
            }
            return;
        }
        // The attribution of a direct quote was read with the quote.
        if (c.saturating_sub(3)..c).any(|k| matches!(self.s.word(k), "\"" | "”")) {
            return;
        }
        // "claimed responsibility", "reports" as a noun: no statement.
        if matches!(self.low(c + 1), "responsibility" | "credit") {
            return;
        }
        if matches!(word, "reports" | "claims" | "states" | "dispute" | "disputes")
            && c > 0
            && self.ending_at(c).is_none()
            && !self.low(c - 1).ends_with("ly")
        {
            return;
        }
        let mut speakers = self.role_subject(c).map_or_else(|| self.speaker_before(c), |m| vec![m]);
        if speakers.is_empty() && c >= 2 && self.low(c - 1) == "," {
            // "The group's spokesman, Khine Thu Kha, told …": the named person of the apposition.
            if let Some(p) = self.ending_at(c - 1).filter(|&p| self.m(p).kind == EntityType::Person) {
                let start = self.m(p).tokens.0;
                if start > 0 && self.low(start - 1) == "," {
                    speakers = vec![p];
                }
            }
        }
        let mut inverted = false;
        let next = if matches!(self.low(c + 1), "the" | "a" | "an") { c + 2 } else { c + 1 };
        let after = self.starting_at(next);
        let after_is_name = after.is_some_and(|m| matches!(self.s.word(self.m(m).tokens.1), "," | "." | "(" | ""));
        // "…, said X" inverts; "…, told X" does not: who is told is the listener.
        let listener_next = matches!(word, "told" | "tell" | "tells" | "telling" | "asked" | "informed");
        if !listener_next
            && (speakers.is_empty()
                || (speakers.first().is_some_and(|&sp| self.m(sp).tokens.1 + 1 < c)
                    && after_is_name
                    && self.low(c - 1) == ","))
        {
            // "…, said Ana Ruiz, a researcher"
            if let Some(m) = after.filter(|_| after_is_name) {
                speakers = vec![m];
                inverted = true;
            }
        }
        let Some(&speaker) = speakers.first() else { return };
        let n = self.s.len();
        // Content: after "that" if it follows closely, else after the verb; "told X" skips the listener.
        let mut from = c + 1;
        if inverted {
            // "CONTENT, said X, a researcher": the statement is before the verb.
            if let Some(tg) = self.target_in(0, c, speaker) {
                self.push(out, speaker, RelationKind::Says, tg);
            }
            return;
        }
        if listener_next {
            if let Some(&l) = self.object(from, 2).first() {
                from = self.m(l).tokens.1;
            }
        }
        if let Some(th) = (from..(from + 16).min(n)).find(|&k| self.low(k) == "that") {
            // Not a second complement: "told reporters the strike …, but that …".
            if !matches!(self.low(th - 1), "but" | "and" | ",") {
                from = th + 1;
            }
        }
        // The statement ends at a contrast: "X disputes this, while the Pentagon states …".
        let n = (from..n)
            .find(|&k| {
                self.low(k) == ";" || (self.low(k) == "," && matches!(self.low(k + 1), "while" | "but" | "whereas"))
            })
            .unwrap_or(n);
        // "did not say", "has not commented": no statement (a denial is one).
        let denial =
            matches!(word, "denied" | "denies" | "rejected" | "dismissed" | "disputed" | "disputes" | "dispute");
        if !denial && (c.saturating_sub(3)..c).any(|k| matches!(self.low(k), "not" | "never" | "n't" | "no")) {
            return;
        }
        // "X said it was …": a pronoun just after the verb is the speaker.
        let early_pronoun = self.ids.iter().copied().find(|&p| {
            let (a, _) = self.m(p).tokens;
            a >= from && a <= c + 4 && self.m(p).form == Form::Reference && matches!(self.low(a), "it" | "he" | "she")
        });
        if let Some(p) = early_pronoun {
            from = self.m(p).tokens.1;
        }
        let rest_words = (c + 1..self.s.len()).filter(|&k| self.s.word(k).chars().any(char::is_alphabetic)).count();
        // "CONTENT, the UN said in a report seen by Reuters.": the statement is before the
        // speaker; what follows the verb is where and when it was said.
        let sp_start = self.m(speaker).tokens.0;
        let mut lead = sp_start;
        while lead > 0 && matches!(self.low(lead - 1), "the" | "a" | "an") {
            lead -= 1;
        }
        let content_first = lead > 1 && self.low(lead - 1) == ",";
        let adjunct_after = matches!(
            self.low(c + 1),
            "in" | "on" | "at" | "during" | "after" | "last" | "this" | "late" | "earlier" | "when" | "while" | "."
        );
        if content_first && adjunct_after && !(c + 1..n).any(|k| self.low(k) == "that") {
            if let Some(tg) = self.target_in(0, lead - 1, speaker) {
                for &sp in &speakers {
                    self.push(out, sp, RelationKind::Says, tg);
                }
                return;
            }
        }
        let target = self.target_in(from, n, speaker).or_else(|| {
            // "CONTENT, X said (on Thursday)." — the statement comes first.
            let sp_start = self.m(speaker).tokens.0;
            (rest_words <= 4).then(|| self.target_in(0, sp_start, speaker)).flatten()
        });
        if let Some(tg) = target {
            for &sp in &speakers {
                self.push(out, sp, RelationKind::Says, tg);
            }
        }
    }

    /// "according to X, …", "…, citing X, reported that …"
    fn says_source(&self, c: usize, len: usize, out: &mut Vec<Relation>) {
        // The source is the phrase right after the cue ("citing a government spokesman," names none).
        let phrase_end = (c + len..self.s.len()).find(|&k| matches!(self.low(k), "," | ";")).unwrap_or(self.s.len());
        // "according to a study published last week by the UN refugee agency (UNHCR)": the
        // author of the report speaks.
        let mut lead = c + len;
        while matches!(self.low(lead), "a" | "an" | "the" | "its" | "their" | "his" | "her" | "new" | "latest") {
            lead += 1;
        }
        let report = self.s.is_cue_at(self.lex, "report_noun", lead);
        let from = match (lead..phrase_end).find(|&k| self.low(k) == "by") {
            Some(by) if report => by + 1,
            _ => c + len,
        };
        let Some(&speaker) = self.object(from, 8).first().filter(|&&m| self.m(m).tokens.1 <= phrase_end) else {
            return;
        };
        // "the UN refugee agency (UNHCR)": the acronym in brackets names the whole body.
        let speaker = self
            .ids
            .iter()
            .copied()
            .find(|&m| {
                let (a, b) = self.m(m).tokens;
                report
                    && a > self.m(speaker).tokens.1
                    && b <= phrase_end
                    && self.low(a - 1) == "("
                    && self.m(m).kind == EntityType::Organization
            })
            .unwrap_or(speaker);
        // "according to veterans' associations": the associations speak, not the veterans (a
        // state's or a body's estimate is still theirs: "according to Kyiv's estimate").
        let possessive = matches!(self.s.word(self.m(speaker).tokens.1), "'" | "'s" | "’" | "’s");
        if possessive && matches!(self.m(speaker).key, Key::Group { .. }) {
            return;
        }
        // "according to Chile's Naval Intelligence Service": the body named after the possessor.
        let speaker = match self.starting_at(self.m(speaker).tokens.1 + 1) {
            Some(body)
                if possessive
                    && self.m(body).tokens.1 <= phrase_end
                    && matches!(self.m(body).kind, EntityType::Organization | EntityType::Person) =>
            {
                body
            }
            _ => speaker,
        };
        let n = self.s.len();
        let mut after = self.m(speaker).tokens.1;
        // "according to a UN report seen by Reuters, …": the agency that saw the report is no
        // part of what it says.
        let seen = if self.s.is_cue_at(self.lex, "report_noun", after) { after + 1 } else { after };
        if matches!(self.low(seen), "seen" | "obtained" | "reviewed") && self.low(seen + 1) == "by" {
            after = self.object(seen + 2, 3).first().map_or(seen, |&agency| self.m(agency).tokens.1);
        }
        let that = (after..n).find(|&k| self.low(k) == "that");
        let target = match that {
            Some(th) => self.target_in(th + 1, n, speaker),
            None if c <= 1 => self.target_in(after, n, speaker),
            None => self.target_in(0, c, speaker).or_else(|| self.target_in(after, n, speaker)),
        };
        if let Some(tg) = target {
            self.push(out, speaker, RelationKind::Says, tg);
        }
    }

    fn recruits(&self, c: usize, len: usize, out: &mut Vec<Relation>) {
        let word = self.low(c);
        if len == 1 && (word.ends_with("ment") || word.ends_with("tion")) {
            self.recruitment_noun(c, out);
            return;
        }
        // "recruiters" is a noun wherever it stands.
        if word.ends_with("ers") || word.ends_with("er") {
            return;
        }
        // "men accused of recruiting X": the accused recruit, if they are an actor at all.
        if c >= 2
            && matches!(
                (self.low(c - 2), self.low(c - 1)),
                ("accused" | "suspected" | "convicted", "of") | ("charged", "with")
            )
        {
            let Some(accused) = self.ending_at(c - 2).filter(|&m| self.is_actor(m)) else { return };
            for o in self.object(c + len, 6).into_iter().filter(|&o| self.recruitable(o)) {
                self.push(out, accused, RelationKind::Recruits, o);
            }
            return;
        }
        // "the recruits", "new recruits", "its recruiters": nouns, not the verb.
        if c > 0
            && matches!(self.low(c - 1), "the" | "new" | "its" | "their" | "his" | "her" | "our" | "young" | "foreign")
        {
            return;
        }
        // "offered to hand …", "sought to avoid …": an offer or aim, not recruitment.
        if self.low(c + len) == "to" && !matches!(word, "send" | "sends" | "sent" | "sending" | "moved" | "dispatched")
        {
            return;
        }
        let passive =
            c > 0 && matches!(self.low(c - 1), "were" | "was" | "been" | "being" | "be") && word.ends_with("ed");
        if passive {
            // "X were recruited by Y"
            if self.low(c + len) == "by" {
                let recruited = self.subject(c);
                if let Some(&y) = self.object(c + len + 1, 4).first() {
                    for r in recruited {
                        if !self.negated(c.saturating_sub(2), c) && self.recruitable(r) {
                            self.push(out, y, RelationKind::Recruits, r);
                        }
                    }
                }
            }
            return;
        }
        // "recruiters linked to the Africa Corps approached …": the body the recruiters work for.
        let subjects = self.role_agent(c).map_or_else(|| self.agent(c), |m| vec![m]);
        if subjects.is_empty() {
            return;
        }
        // The recruited follow closely ("recruiting Syrian volunteers"), or after "to" for offers.
        // Offers name the offered after the offer; "recruiting mainly from X" after the source.
        let from_source = matches!(self.low(c + len), "from" | "among")
            || (self.low(c + len).ends_with("ly") && matches!(self.low(c + len + 1), "from" | "among"));
        let limit =
            if matches!(word, "offer" | "offers" | "offered" | "offering" | "paying") || from_source { 14 } else { 6 };
        // "recruiting mainly from the former fighters of the \"Bolivian Legion\"", "from the ranks
        // of X": the body whose men are taken is what is recruited from.
        let ranks_of = |o: usize| {
            let mut k = self.m(o).tokens.0;
            while k > 0 && matches!(self.low(k - 1), "the" | "\"" | "“") {
                k -= 1;
            }
            from_source && self.m(o).kind == EntityType::Organization && k > 0 && self.low(k - 1) == "of"
        };
        let objects: Vec<usize> =
            self.object(c + len, limit).into_iter().filter(|&o| self.recruitable(o) || ranks_of(o)).collect();
        if objects.is_empty() || self.negated(c, c) || self.hypothetical(c) {
            return;
        }
        for &s in &subjects {
            for &o in &objects {
                self.push(out, s, RelationKind::Recruits, o);
                // "recruiting X to fight (in …)": the recruited fight for the recruiter.
                let after = self.m(o).tokens.1;
                let to = (after..(after + 7).min(self.s.len()))
                    .find(|&k| self.low(k) == "to" && self.s.is_cue_at(self.lex, "fight_verb", k + 1));
                // Close by, in the same clause, and with no side of its own ("to fight alongside X").
                let purpose = to.is_some_and(|k| {
                    let between_clean =
                        (after..k).all(|j| !matches!(self.low(j), "who" | "which" | "that" | ",") && !self.covering(j));
                    let explicit_side = self.s.cue_at(self.lex, "fights_for", k + 2).is_some()
                        || self.s.cue_at(self.lex, "fights_for", k + 1).is_some();
                    between_clean && !explicit_side
                });
                if purpose {
                    self.push(out, o, RelationKind::FightsFor, s);
                }
            }
        }
    }

    /// The actor an apposition ending just before `c` describes: "X, the … group <c>".
    fn apposition_head(&self, c: usize) -> Option<usize> {
        let lo = c.saturating_sub(8);
        let comma = (lo..c).rev().find(|&k| self.low(k) == ",")?;
        let plain = (comma + 1..c).all(|k| {
            let w = self.s.word(k);
            !self.covering(k) && w.chars().any(char::is_alphabetic) && !matches!(self.low(k), "who" | "which" | "that")
        });
        if !plain || !matches!(self.low(comma + 1), "the" | "a" | "an") {
            return None;
        }
        self.ending_at(comma).filter(|&m| self.is_actor(m))
    }

    /// A user-defined relation at cue `c` (see [`crate::relations`]): "X supplied Y", or in the
    /// passive "Y was supplied by X".
    fn user_relation(&self, c: usize, len: usize, kind: RelationKind, out: &mut Vec<Relation>) {
        if self.negated(c, c) || self.hypothetical(c) {
            return;
        }
        let passive = c > 0 && matches!(self.low(c - 1), "were" | "was" | "been" | "being" | "be" | "is" | "are");
        if passive {
            if self.low(c + len) == "by" {
                if let Some(&agent) = self.object(c + len + 1, 4).first() {
                    for patient in self.subject(c) {
                        self.push(out, agent, kind, patient);
                    }
                }
            }
            return;
        }
        let sources = self.role_agent(c).map_or_else(|| self.agent(c), |m| vec![m]);
        if sources.is_empty() {
            return;
        }
        for &s in &sources {
            for &o in &self.object(c + len, 6) {
                self.push(out, s, kind, o);
            }
        }
    }

    /// The noun: "the recruitment of X by Y", "Y's recruitment of X", "the Y recruitment of X".
    fn recruitment_noun(&self, c: usize, out: &mut Vec<Relation>) {
        if self.low(c + 1) != "of" || self.negated(c, c) || self.hypothetical(c) {
            return;
        }
        let recruited: Vec<usize> =
            self.object(c + 2, 3).into_iter().filter(|&o| self.recruitable(o) && self.m(o).tokens.0 <= c + 4).collect();
        let Some(&last) = recruited.last() else { return };
        let after = self.m(last).tokens.1;
        let recruiter = if self.low(after) == "by" {
            self.object(after + 1, 3).first().copied()
        } else {
            // "Russia's recruitment of", "the Wagner recruitment of": the possessor or modifier.
            let end = if c > 0 && self.low(c - 1) == "'s" { c - 1 } else { c };
            self.ending_at(end).filter(|&m| self.is_actor(m))
        };
        if let Some(r) = recruiter {
            for &o in &recruited {
                self.push(out, r, RelationKind::Recruits, o);
            }
        }
    }

    fn recruitable(&self, o: usize) -> bool {
        self.m(o).kind == EntityType::Group
    }

    /// "fight for X", "fighting in Syria for X", "fight with X".
    fn fight_verb(&self, v: usize, out: &mut Vec<Relation>) {
        let n = self.s.len();
        let Some(p) =
            (v + 1..(v + 7).min(n)).find(|&k| matches!(self.low(k), "for" | "with" | "alongside" | "against" | ","))
        else {
            return;
        };
        if !matches!(self.low(p), "for" | "with") {
            return;
        }
        // "fighting for" right after the verb is a cue phrase, handled there.
        if p == v + 1 {
            return;
        }
        // Only a place may stand between: "fighting in Syria for Al-Qaeda", not "in an interview with".
        let place_only = (v + 1..p).all(|k| {
            matches!(self.low(k), "in" | "at" | "near" | "the")
                || self.ids.iter().any(|&i| {
                    self.m(i).tokens.0 <= k && k < self.m(i).tokens.1 && self.m(i).kind == EntityType::Country
                })
        });
        if !place_only {
            return;
        }
        let Some(&side) = self.object(p + 1, 4).first() else { return };
        if self.m(side).tokens.0 > p + 3 {
            return;
        }
        let fighters = self.subject(v);
        if self.negated(v, v) || self.hypothetical(v) {
            return;
        }
        for f in fighters {
            self.push(out, f, RelationKind::FightsFor, side);
        }
    }

    fn fights_for(&self, c: usize, len: usize, out: &mut Vec<Relation>) {
        // "Hungarian volunteers joined a Serbian militia": fighters who join a side fight for it.
        // Only a collective of fighters joins as a combatant ("Finland joined NATO" does not).
        if self.low(c).starts_with("join") {
            if self.negated(c, c) || self.hypothetical(c) {
                return;
            }
            let fighters: Vec<usize> =
                self.subject(c).into_iter().filter(|&f| matches!(self.m(f).key, Key::Group { .. })).collect();
            for &side in &self.object(c + len, 5) {
                for &f in &fighters {
                    self.push(out, f, RelationKind::FightsFor, side);
                }
            }
            return;
        }
        let starts_with_verb = self.s.is_cue_at(self.lex, "fight_verb", c);
        let verb = if starts_with_verb {
            Some(c)
        } else {
            (c.saturating_sub(8)..c).rev().find(|&k| {
                self.s.is_cue_at(self.lex, "fight_verb", k)
                    || matches!(self.low(k), "deployed" | "sent" | "troops" | "forces")
            })
        };
        let Some(v) = verb else { return };
        let sides: Vec<usize> = self.object(c + len, 5);
        if sides.is_empty() || self.negated(v, c) || self.hypothetical(v) {
            return;
        }
        // "preparing 10,000 troops … to reinforce the Peruvian army": the troops fight.
        let fighters = if self.s.is_cue_at(self.lex, "fight_verb", v) {
            self.subject(v)
        } else {
            self.ids
                .iter()
                .copied()
                .filter(|&i| self.m(i).tokens.0 <= v && v < self.m(i).tokens.1 && self.m(i).kind == EntityType::Group)
                .take(1)
                .collect()
        };
        // "Wagner deployed fighters to support Haftar": a named body supporting is an ally.
        let support = self.low(c + len - 1) == "support";
        let fighters = if fighters.is_empty() && support { self.agent(v) } else { fighters };
        for f in fighters {
            let kind = if support && matches!(self.m(f).key, Key::Name(_)) {
                RelationKind::AlliedWith
            } else {
                RelationKind::FightsFor
            };
            for &sd in &sides {
                self.push(out, f, kind, sd);
            }
        }
    }

    fn allied(&self, c: usize, len: usize, phrase: &str, out: &mut Vec<Relation>) {
        // "back" is the verb only after its subject, a modal or "to" ("China will back X"), not
        // a particle ("take back the refugees", "fought back").
        if phrase == "back" && c > 0 {
            let prev = self.low(c - 1);
            let verb_slot = self.ending_at(c).is_some()
                || matches!(prev, "to" | "will" | "would" | "could" | "should" | "may" | "might" | "must" | "not")
                || matches!(prev, "also" | "and" | "still" | "now" | "openly" | "who" | "which" | "that")
                || matches!(prev, "they" | "we" | "i" | "you" | "it" | "he" | "she")
                || (prev.ends_with("ly") && prev.len() > 3);
            if !verb_slot {
                return;
            }
        }
        // "militias affiliated with X": the participle describes the noun right before it.
        let mut words = phrase.split(' ');
        let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let participle = (first.ends_with("ed") || first == "loyal") && matches!(second, "with" | "to" | "by");
        // A one-word verb ("armed", "funded", "backed") takes an object right after it: "armed
        // groups" is a noun phrase.
        // "arms" likewise: "arms the militias" is the verb, "arms and fighters" the noun.
        if !phrase.contains(' ')
            && (phrase.ends_with("ed") || phrase.ends_with("ing") || phrase == "arms")
            && !participle
        {
            let object_next = self.starting_at(c + 1).is_some_and(|m| self.is_actor(m))
                || matches!(self.low(c + 1), "the" | "a" | "an" | "its" | "their" | "his" | "her" | "local" | "rebel");
            if !object_next {
                return;
            }
        }
        let before = self.ending_at(c).filter(|&m| self.is_actor(m));
        let subjects = match before {
            Some(m) if participle => vec![m],
            // "al-Shabaab, the Somalia-based group allied with al-Qaeda": the apposition's head.
            None if participle => self.apposition_head(c).map_or_else(|| self.agent(c), |m| vec![m]),
            _ => self.agent(c),
        };
        if self.negated(c, c) || self.hypothetical(c) {
            return;
        }
        // "A and B signed a treaty": allies among the subjects; "signed a pact with C": with C.
        let symmetric_only =
            (phrase.starts_with("exchang") || phrase.starts_with("signed")) && !phrase.ends_with(" with");
        let objects = if symmetric_only { Vec::new() } else { self.object(c + len, 8) };
        if objects.is_empty() {
            // "Russia, Syria exchange data": allies among the coordinated subjects.
            for (i, &a) in subjects.iter().enumerate() {
                for &b in &subjects[i + 1..] {
                    self.push(out, a, RelationKind::AlliedWith, b);
                }
            }
            return;
        }
        for &s in &subjects {
            for &o in &objects {
                self.push(out, s, RelationKind::AlliedWith, o);
            }
        }
    }

    /// "ally of X", "X, a Russian ally", "JNIM, the al-Qaeda affiliate".
    fn allied_of(&self, c: usize, len: usize, _phrase: &str, out: &mut Vec<Relation>) {
        if self.negated(c, c) {
            return;
        }
        let subjects = self.subject(c);
        for &o in &self.object(c + len, 5) {
            for &s in &subjects {
                self.push(out, s, RelationKind::AlliedWith, o);
            }
        }
    }

    /// "Russian-backed separatists", "pro-Assad fighters", and "X, a Russian ally".
    fn backed(&self, out: &mut Vec<Relation>) {
        const ALLY_MODIFIERS: &[&str] = &[
            "key",
            "close",
            "closest",
            "main",
            "chief",
            "staunch",
            "loyal",
            "longtime",
            "biggest",
            "largest",
            "top",
            "principal",
        ];
        for &i in &self.ids {
            let m = self.m(i);
            for b in &m.backers {
                if let Some(e) = self.endpoint_for(b) {
                    self.push(out, i, RelationKind::AlliedWith, e);
                }
            }
        }
        // "the Turkish-backed Syrian National Army": a compound backer before a name.
        for &i in &self.ids {
            let m = self.m(i);
            let start = m.tokens.0;
            if start == 0 || m.form != Form::Name || !matches!(m.kind, EntityType::Organization | EntityType::Group) {
                continue;
            }
            if let Some((backer, suffix)) = crate::recognise::split_last_hyphen(self.s.word(start - 1)) {
                if self.lex.is_cue("backed", &suffix.to_lowercase()) {
                    if let Some(e) = self.endpoint_for(backer) {
                        self.push(out, i, RelationKind::AlliedWith, e);
                    }
                }
            }
        }
        for t in 1..self.s.len() {
            let supplier =
                matches!(self.low(t), "supplier" | "suppliers") && matches!(self.low(t - 1), "arms" | "weapons");
            let ally =
                matches!(self.low(t), "ally" | "allies" | "affiliate" | "proxy" | "partner" | "backer" | "backers")
                    || matches!(self.low(t), "patron" | "sponsor");
            if !(ally || supplier) {
                continue;
            }
            // "Peru's main ally", "the junta's biggest arms supplier": modifiers before the noun.
            let mut h = if supplier { t - 1 } else { t };
            while h > 0 && ALLY_MODIFIERS.contains(&self.low(h - 1)) {
                h -= 1;
            }
            // "Russia, Armenia's ally, …" as "Russia, an Armenian ally, …".
            let possessor = if h > 0 && self.low(h - 1) == "'s" { self.ending_at(h - 1) } else { None };
            let Some(adj) = possessor.or_else(|| self.ending_at(h)) else { continue };
            let mut k = self.m(adj).tokens.0;
            while k > 0 && (matches!(self.low(k - 1), "a" | "an" | "the") || ALLY_MODIFIERS.contains(&self.low(k - 1)))
            {
                k -= 1;
            }
            // An apposition (", Peru's ally,") or a copula ("Chile remains Peru's main ally").
            let copula =
                k > 1 && matches!(self.low(k - 1), "is" | "was" | "remains" | "remained" | "became" | "becomes");
            if k == 0 || !(self.low(k - 1) == "," || copula) {
                continue;
            }
            // "The Coastal Front (CF), Peru's ally": the name before its bracketed acronym.
            let mut end = k - 1;
            if end >= 3 && self.s.word(end - 1) == ")" && self.s.word(end - 3) == "(" {
                end -= 3;
            }
            if let Some(subject) = self.ending_at(end) {
                self.push(out, subject, RelationKind::AlliedWith, adj);
            }
        }
    }

    /// Alliances stated by the shape of a phrase rather than a verb:
    /// "Shield Brigade founder Oskar Lind" (a leader and the body led), "Peru's Andean Legion"
    /// (a state's armed formation), "Kataib Hezbollah, one of the Iran-backed militias" (an
    /// apposition's backer), "described Russia as its ally", "made Moscow its main partner".
    fn structural_alliances(&self, out: &mut Vec<Relation>) {
        const LEADERS: &[&str] =
            &["founder", "co-founder", "leader", "chief", "head", "commander", "boss", "secretary-general", "emir"];
        for &p in &self.ids {
            let m = self.m(p);
            let start = m.tokens.0;
            // Leader and body: "<Org> founder <Person>", "<Org>'s secretary-general, <Person>".
            if m.kind == EntityType::Person && m.form == Form::Name {
                let mut k = start;
                if k > 0 && self.low(k - 1) == "," {
                    k -= 1;
                }
                let title_end = k;
                while k > 0 && self.lex.titles.contains_key(self.low(k - 1)) {
                    k -= 1;
                }
                let leads = (k..title_end).any(|j| LEADERS.contains(&self.low(j)));
                if leads && k > 0 {
                    let before = if self.low(k - 1) == "'s" { k - 1 } else { k };
                    if let Some(org) = self.ending_at(before) {
                        if matches!(self.m(org).kind, EntityType::Organization | EntityType::Group)
                            && self.is_actor(org)
                        {
                            self.push(out, p, RelationKind::AlliedWith, org);
                        }
                    }
                }
            }
            // A state's named armed formation: "Russia's Africa Corps".
            if m.kind == EntityType::Group
                && matches!(m.key, Key::Name(_))
                && m.form == Form::Name
                && start >= 2
                && self.low(start - 1) == "'s"
            {
                if let Some(c) =
                    self.ending_at(start - 1).filter(|&c| self.m(c).kind == EntityType::Country && self.is_actor(c))
                {
                    self.push(out, p, RelationKind::AlliedWith, c);
                }
            }
        }
        for t in 0..self.s.len() {
            let w = self.s.word(t);
            // An apposition carrying a backer: "X, one of the most powerful Iran-backed militias,".
            if let Some((backer, suffix)) = crate::recognise::split_last_hyphen(w) {
                if self.lex.is_cue("backed", &suffix.to_lowercase()) {
                    let open = (t.saturating_sub(8)..t).rev().find(|&j| self.low(j) == ",");
                    let opener = open.map(|o| self.low(o + 1));
                    if let (Some(o), Some("one" | "another" | "a" | "an" | "the" | "part")) = (open, opener) {
                        if let (Some(x), Some(b)) = (self.ending_at(o), self.endpoint_for(backer)) {
                            if self.is_actor(x) && self.m(x).form == Form::Name {
                                self.push(out, x, RelationKind::AlliedWith, b);
                            }
                        }
                    }
                }
            }
            // "Mali's partners in the AES, Burkina Faso and Niger": the listed partners.
            if matches!(self.low(t), "partners" | "allies") && t >= 2 && self.low(t - 1) == "'s" {
                if let Some(x) = self.ending_at(t - 1).filter(|&x| self.is_actor(x)) {
                    if let Some(comma) = (t + 1..(t + 12).min(self.s.len())).find(|&j| self.low(j) == ",") {
                        for o in self.object(comma + 1, 4) {
                            self.push(out, x, RelationKind::AlliedWith, o);
                        }
                    }
                }
            }
            // "described Russia as its (most honest) friend and ally", "made Moscow its main partner".
            if matches!(self.low(t), "ally" | "allies" | "partner" | "partners" | "friend") && t > 0 {
                let lo = t.saturating_sub(8);
                let marker = (lo..t).rev().find(|&j| matches!(self.low(j), "as" | "its" | "his" | "her" | "their"));
                if let Some(mk) = marker {
                    let mut j = mk;
                    if self.low(j) != "as" && j > 0 && self.low(j - 1) == "as" {
                        j -= 1;
                    }
                    if let Some(x) = self.ending_at(j).filter(|&x| self.is_actor(x)) {
                        for s in self.agent(self.m(x).tokens.0) {
                            self.push(out, s, RelationKind::AlliedWith, x);
                        }
                    }
                }
            }
        }
    }

    /// A mention in the document for a backer written as "Russian", "Moscow" or "Assad".
    fn endpoint_for(&self, backer: &str) -> Option<usize> {
        let country = self.lex.lookup(backer).iter().find_map(|s| match *s {
            Surface::CountryAdj(c) | Surface::CountryName(c) | Surface::CountryCapital(c) => {
                Some(self.lex.countries[c].name.clone())
            }
            _ => None,
        });
        let want = |m: &Mention| match &country {
            Some(c) => m.key == Key::Country(c.clone()),
            None => m.surface == backer || m.surface.rsplit(' ').next() == Some(backer),
        };
        // Prefer the mention inside this sentence (the compound itself), then any earlier one.
        self.mentions
            .iter()
            .position(|m| m.sentence == self.s.index && want(m))
            .or_else(|| self.mentions.iter().position(want))
    }
}

fn same_actor(a: &Mention, b: &Mention) -> bool {
    a.key == b.key
}
