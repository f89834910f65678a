//! One node per real actor, within and across documents.
//!
//! Mentions are grouped by identity: countries by canonical name, groups by
//! (origin, qualifiers, head), people and organisations by a spelling-folded
//! name ([`alias::name_key`]) so that transliteration variants meet
//! ("al-Qaida" / "Al-Qaeda", "Mohammed" / "Muhammad"). Acronyms join their
//! expansion wherever it was introduced, and a lone surname joins the one
//! full name in the corpus that ends with it. Blocking is by key, never all
//! pairs.
//!
//! Resolution streams: a [`Resolver`] takes one document at a time
//! ([`Resolver::add`]) and keeps only what the graph needs — per identity key
//! its counts, surfaces and documents, the stated links between keys, the lone
//! surnames in corpus order, and the evidence of relations — then joins the
//! keys and builds the graph in [`Resolver::finish`]. Memory grows with the
//! number of distinct keys and relations, not with the corpus, but for two small
//! per-document terms: the interned document ids, and about a byte per (key, document) pair
//! (`doclist.rs`) to count each actor's documents exactly once keys are joined. With an evidence cap
//! ([`Resolver::with_max_evidence`]) an edge keeps its first sentences and the identities
//! (8 bytes each) of the others, so that its weight stays exact.

pub mod alias;
mod doclist;

use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{EntityType, Evidence, Form, Key, Mention, Relation, Sentence, Span};
use crate::spill::SentenceFile;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::sync::Arc;

#[cfg(test)]
mod reference;

/// What one document contributes to resolution.
#[derive(Debug, Clone, Default)]
pub struct DocResult {
    /// Document id.
    pub doc: String,
    /// Document date, if known.
    pub date: Option<String>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Relations between mentions.
    pub relations: Vec<Relation>,
    /// Sentences: span and text, by index.
    pub sentences: Vec<(Span, String)>,
}

/// What the graph knows of an actor, summed over its mentions (per key, then per actor).
///
/// Every field is a count, a set or a flag, so that sums per key can be merged in any
/// order ([`Entity::absorb`]); the one "last mention wins" field, `country`, carries the
/// position of that mention. A new field needs a line in both `add` and `absorb`.
#[derive(Default)]
struct Entity {
    kinds: BTreeMap<EntityType, usize>,
    surfaces: BTreeMap<String, usize>,
    name_surfaces: BTreeMap<String, usize>,
    labels: BTreeMap<String, usize>,
    /// Interned ids of the documents that mention the key, in order of sight; a document
    /// repeats only when its id comes back after another one.
    documents: doclist::DocList,
    /// Earliest and latest document date.
    dates: Option<(String, String)>,
    mentions: usize,
    country: Option<String>,
    /// Corpus position of the mention that set `country`.
    country_seq: u64,
    /// Whether a mention other than a lone-word candidate supports the entity.
    confirmed: bool,
    /// Whether a mention names the actor (not only an adjective or a place: "Algerian border", "in Brussels").
    named: bool,
}

fn bump(map: &mut BTreeMap<String, usize>, key: &str, n: usize) {
    match map.get_mut(key) {
        Some(c) => *c += n,
        None => {
            map.insert(key.to_string(), n);
        }
    }
}

impl Entity {
    /// Counts one mention of document `doc` (interned); `seq` is the mention's position in
    /// the corpus.
    fn add(&mut self, m: &Mention, doc: u32, date: Option<&String>, seq: u64) {
        *self.kinds.entry(m.kind).or_default() += 1;
        if let Key::Country(c) = &m.key {
            self.country = Some(c.clone());
            self.country_seq = seq;
        }
        self.mentions += 1;
        self.named |= !matches!(m.form, Form::Adjective | Form::Place | Form::Reference);
        self.confirmed |= !matches!(m.form, Form::Partial | Form::Reference)
            || m.surface.contains(' ')
            || !matches!(&m.key, Key::Name(n) if !n.contains(' '));
        self.documents.push(doc);
        if let Some(date) = date {
            self.see_dates(date, date);
        }
        if m.form != Form::Reference && !m.surface.is_empty() {
            bump(&mut self.surfaces, &m.surface, 1);
            if matches!(m.form, Form::Name) {
                bump(&mut self.name_surfaces, &m.surface, 1);
            }
            if let Some(l) = &m.label {
                bump(&mut self.labels, l, 1);
            }
        }
    }

    /// Widens the date range to take in `first` and `last`.
    fn see_dates(&mut self, first: &str, last: &str) {
        match &mut self.dates {
            None => self.dates = Some((first.to_string(), last.to_string())),
            Some((a, b)) => {
                if first < a.as_str() {
                    *a = first.to_string();
                }
                if last > b.as_str() {
                    *b = last.to_string();
                }
            }
        }
    }

    /// The number of distinct documents.
    fn document_count(&self) -> usize {
        self.documents.distinct()
    }

    /// Adds another entity's counts, as if its mentions had been added here.
    fn absorb(&mut self, o: Entity) {
        for (k, n) in o.kinds {
            *self.kinds.entry(k).or_default() += n;
        }
        for (map, other) in
            [(&mut self.surfaces, o.surfaces), (&mut self.name_surfaces, o.name_surfaces), (&mut self.labels, o.labels)]
        {
            for (s, n) in other {
                *map.entry(s).or_default() += n;
            }
        }
        self.documents.extend(&o.documents);
        if let Some((first, last)) = &o.dates {
            self.see_dates(first, last);
        }
        self.mentions += o.mentions;
        if o.country.is_some() && (self.country.is_none() || o.country_seq > self.country_seq) {
            self.country = o.country;
            self.country_seq = o.country_seq;
        }
        self.confirmed |= o.confirmed;
        self.named |= o.named;
    }
}

/// The identity key of a mention before unions.
#[cfg(test)]
fn raw_key(m: &Mention) -> String {
    key_of(m.kind, &m.key)
}

/// The identity key of `key` proposed by a mention of type `kind`.
fn key_of(kind: EntityType, key: &Key) -> String {
    match key {
        Key::Country(c) => format!("country|{c}"),
        Key::Group { origin, qualifiers, head } => format!("group|{origin}|{qualifiers}|{head}"),
        Key::Name(n) => name_class_key(kind, n),
    }
}

fn name_class_key(kind: EntityType, n: &str) -> String {
    let class = if kind == EntityType::Person { "person" } else { "body" };
    format!("{class}|{}", alias::name_key(n))
}

/// Strings numbered in order of first sight. The lookup and the list share each string
/// (`Arc<str>`), and the graph's [`Evidence`] takes its document ids from here, so that a
/// document id is held once however many sentences cite it.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Arc<str>, u32>,
    strings: Vec<Arc<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        self.insert(s.into())
    }

    fn id_owned(&mut self, s: String) -> u32 {
        if let Some(&i) = self.ids.get(s.as_str()) {
            return i;
        }
        self.insert(s.into())
    }

    /// As [`Interner::id`], for strings that come mostly in ascending order (the document ids
    /// of a build): while they do, a string above the last is new and no lookup table is
    /// kept (26 MB for 460k ids); the first one out of order builds it.
    fn id_ascending(&mut self, s: &str) -> u32 {
        if self.ids.is_empty() {
            let last = self.strings.len().checked_sub(1);
            match self.strings.last() {
                None => return self.push(s.into()),
                Some(l) if **l < *s => return self.push(s.into()),
                Some(l) if **l == *s => return last.map_or(0, |i| u32::try_from(i).unwrap_or(u32::MAX)),
                Some(_) => {
                    self.ids = self
                        .strings
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (Arc::clone(s), u32::try_from(i).unwrap_or(u32::MAX)))
                        .collect();
                }
            }
        }
        self.id(s)
    }

    /// Appends a string not seen before, without the lookup table.
    fn push(&mut self, s: Arc<str>) -> u32 {
        let i = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        self.strings.push(s);
        i
    }

    fn insert(&mut self, s: Arc<str>) -> u32 {
        let i = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        self.ids.insert(Arc::clone(&s), i);
        self.strings.push(s);
        i
    }
}

/// Union-find over interned keys; the smaller key string is the root, so the result does
/// not depend on the order of the unions.
struct Unions<'k> {
    parent: Vec<u32>,
    keys: &'k [Arc<str>],
}

impl Unions<'_> {
    fn find(&mut self, k: u32) -> u32 {
        let mut root = k;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        let mut cur = k;
        while self.parent[cur as usize] != root {
            let next = self.parent[cur as usize];
            self.parent[cur as usize] = root;
            cur = next;
        }
        root
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (keep, drop) = if self.keys[ra as usize] < self.keys[rb as usize] { (ra, rb) } else { (rb, ra) };
            self.parent[drop as usize] = keep;
        }
    }
}

/// A supporting sentence of a relation between two keys: 32 bytes, as there are about two
/// for each support (2.6 million on a 1 GB corpus).
struct Kept {
    /// Interned document id.
    doc: u32,
    /// Rank of the sentence among its document's supporting sentences, in (text, span) order:
    /// it orders the sentences of a document without their text (which may be on disk).
    rank: u32,
    /// The sentence's span; both [`WIDE`] where it does not fit in 32 bits, and then in
    /// [`Resolver::wide_spans`].
    start: u32,
    end: u32,
    /// Shared by every relation the sentence supports, and then by their [`Evidence`].
    sentence: Sentence,
}

/// The span of a [`Kept`] that does not fit in 32 bits (a document over 4 GiB).
const WIDE: u32 = u32::MAX;

impl Kept {
    /// Identifies the sentence in the corpus: document and rank (a document id names one
    /// text, so one set of sentences).
    fn id(&self) -> u64 {
        (u64::from(self.doc) << 32) | u64::from(self.rank)
    }

    /// The sentence's span, from `wide` where it did not fit.
    fn span(&self, wide: &FxHashMap<u64, Span>) -> Span {
        if self.start == WIDE && self.end == WIDE {
            wide.get(&self.id()).copied().unwrap_or(Span::new(usize::MAX, usize::MAX))
        } else {
            Span::new(self.start as usize, self.end as usize)
        }
    }
}

/// The order of [`Evidence`]: document id, sentence, span (the last two as the rank).
fn evidence_order(docs: &[Arc<str>], a: &Kept, b: &Kept) -> std::cmp::Ordering {
    docs[a.doc as usize].cmp(&docs[b.doc as usize]).then_with(|| a.rank.cmp(&b.rank))
}

/// The evidence of one (source key, relation, target key): 40 bytes, as there are about as
/// many supports as edges (1.5 million on a 1 GB corpus).
struct Support {
    source: u32,
    target: u32,
    /// Number of the relation in [`Resolver::relations`].
    relation: u32,
    /// Whether the cap dropped a sentence; [`Resolver::seen`] then holds the support's
    /// sentence identities.
    capped: bool,
    /// Every sentence without a cap; with one, the first ones in [`evidence_order`], sorted.
    kept: Vec<Kept>,
}

impl Support {
    /// Once `finish` has made the ends node places and the relation its rank: the edge the
    /// support belongs to.
    fn edge_key(&self) -> (u32, u32, u32) {
        (self.source, self.relation, self.target)
    }

    /// Takes in a supporting sentence, keeping at most `cap` (0: all). `seen[i]`, `i` this
    /// support's number, lists the [`Kept::id`] of every sentence (repeats possible) once
    /// the cap drops one, to count them exactly.
    fn offer(&mut self, k: Kept, cap: usize, docs: &[Arc<str>], seen: &mut FxHashMap<u32, Vec<u64>>, i: u32) {
        if self.kept.len() == self.kept.capacity() && self.kept.len() < 4 {
            // Most relations have one to three sentences: room for one more, not for four.
            self.kept.reserve_exact(1);
        }
        if cap == 0 {
            self.kept.push(k);
            return;
        }
        if self.kept.len() >= cap || self.capped {
            let seen = seen.entry(i).or_default();
            if !self.capped {
                seen.extend(self.kept.iter().map(Kept::id));
                self.capped = true;
            }
            seen.push(k.id());
            if self.kept.len() >= cap {
                match self.kept.last() {
                    Some(last) if evidence_order(docs, &k, last).is_lt() => {}
                    _ => return,
                }
            }
        }
        if let Err(at) = self.kept.binary_search_by(|x| evidence_order(docs, x, &k)) {
            self.kept.insert(at, k);
            self.kept.truncate(cap);
        }
    }
}

/// Streaming resolution: [`Resolver::add`] each document, then [`Resolver::finish`].
///
/// The graph is the same as [`resolve`] on all the documents at once, in the same order.
///
/// ```
/// use actorgraph::{model::Document, pipeline::Extractor, resolve::Resolver};
///
/// let extractor = Extractor::new(None).unwrap();
/// let text = "The Kremlin is recruiting Syrian volunteers to fight in Ukraine, officials said.";
/// let doc = Document { id: "a.txt".into(), text: text.into(), date: None };
/// let mut resolver = Resolver::new();
/// resolver.add(&extractor.extract(&doc, &Default::default()));
/// let graph = resolver.finish();
/// assert!(graph.edges().any(|(s, t, e)| {
///     s.label == "Kremlin" && t.label == "Syrian volunteers" && e.relation.as_str() == "recruits"
/// }));
/// ```
#[derive(Default)]
pub struct Resolver {
    keys: Interner,
    /// Per key: the sums of its mentions.
    entities: Vec<Entity>,
    /// Name keys already computed: (is person, name) → key.
    name_keys: [FxHashMap<String, u32>; 2],
    /// Stated identities: pairs of keys to join.
    same_as: FxHashSet<(u32, u32)>,
    /// Folded last names.
    lasts: Interner,
    /// Folded name → last-name id, cached.
    last_of: FxHashMap<String, u32>,
    /// Folded last name → the full-name keys ending with it.
    full_by_last: FxHashMap<u32, FxHashSet<u32>>,
    /// Lone surnames in corpus order: (key, folded surname); consecutive repeats dropped.
    lone: Vec<(u32, u32)>,
    docs: Interner,
    /// Evidence per (source key, relation, target key), in order of first sight.
    supports: Vec<Support>,
    support_of: FxHashMap<(u32, u32, u32), u32>,
    /// The relations of the supports, numbered in order of first sight.
    relations: Vec<crate::model::RelationKind>,
    /// The sentence identities of the supports the cap dropped a sentence of, by support.
    seen: FxHashMap<u32, Vec<u64>>,
    /// Supporting sentences kept per edge; 0 keeps them all.
    max_evidence: usize,
    /// Where the supporting sentences go, if not into memory.
    spill: Option<SentenceFile>,
    /// The spans of kept sentences that do not fit in 32 bits, by [`Kept::id`].
    wide_spans: FxHashMap<u64, Span>,
    seq: u64,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("keys", &self.keys.strings.len())
            .field("documents", &self.docs.strings.len())
            .field("supports", &self.supports.len())
            .field("max_evidence", &self.max_evidence)
            .finish_non_exhaustive()
    }
}

impl Resolver {
    /// An empty resolver that keeps every supporting sentence of every edge.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty resolver that keeps, per edge of the graph, only the first `max` supporting
    /// sentences in [`Evidence`] order (document id, sentence, span); the edge's weight
    /// still counts them all ([`Edge::omitted`]). `0` keeps them all, as [`Resolver::new`].
    ///
    /// The graph is the same as an uncapped one where no edge has more than `max` sentences.
    #[must_use]
    pub fn with_max_evidence(max: usize) -> Self {
        Resolver { max_evidence: max, ..Self::default() }
    }

    /// Writes the supporting sentences to `file` instead of holding them, so that memory holds
    /// only their places; the graph reads them back from it
    /// ([`KnowledgeGraph::sentence`]). The graph is the same but for where its texts are.
    #[must_use]
    pub fn with_sentence_file(mut self, file: SentenceFile) -> Self {
        self.spill = Some(file);
        self
    }

    fn key(&mut self, kind: EntityType, key: &Key) -> u32 {
        let id = match key {
            Key::Name(n) => self.name_key(kind, n),
            _ => self.keys.id_owned(key_of(kind, key)),
        };
        if self.entities.len() <= id as usize {
            self.entities.resize_with(id as usize + 1, Entity::default);
        }
        id
    }

    fn name_key(&mut self, kind: EntityType, n: &str) -> u32 {
        let cache = usize::from(kind == EntityType::Person);
        if let Some(&id) = self.name_keys[cache].get(n) {
            return id;
        }
        let id = self.keys.id_owned(name_class_key(kind, n));
        self.name_keys[cache].insert(n.to_string(), id);
        id
    }

    fn last(&mut self, n: &str) -> u32 {
        if let Some(&id) = self.last_of.get(n) {
            return id;
        }
        let id = self.lasts.id_owned(alias::surname_key(n));
        self.last_of.insert(n.to_string(), id);
        id
    }

    /// Takes in one document's mentions and relations.
    pub fn add(&mut self, d: &DocResult) {
        let doc = self.docs.id_ascending(&d.doc);
        let mut keys = Vec::with_capacity(d.mentions.len());
        for m in &d.mentions {
            let k = self.key(m.kind, &m.key);
            keys.push(k);
            // Stated identities (acronyms, "known as"), anywhere in the corpus.
            if let Some(other) = &m.same_as {
                let linked = self.key(m.kind, other);
                self.same_as.insert((k, linked));
                if m.form == Form::Acronym {
                    // The acronym used alone elsewhere ("the FSB") joins too.
                    let bare = self.name_key(m.kind, &m.surface);
                    if self.entities.len() <= bare as usize {
                        self.entities.resize_with(bare as usize + 1, Entity::default);
                    }
                    self.same_as.insert((bare, linked));
                }
            }
            if m.kind == EntityType::Person {
                if let Key::Name(n) = &m.key {
                    // Full names by their last word.
                    if m.form == Form::Name {
                        let parts: Vec<&str> = n.split(' ').collect();
                        if parts.len() >= 2 {
                            if let Some(last) = parts.last() {
                                let l = self.last(last);
                                self.full_by_last.entry(l).or_default().insert(k);
                            }
                        }
                    }
                    // Lone surnames, to join the one full name ending with them.
                    if !n.contains(' ') {
                        let l = self.last(n);
                        if self.lone.last() != Some(&(k, l)) {
                            self.lone.push((k, l));
                        }
                    }
                }
            }
            self.seq += 1;
            self.entities[k as usize].add(m, doc, d.date.as_ref(), self.seq);
        }
        let mut seen: FxHashSet<(u32, u32, crate::model::RelationKind, usize)> = FxHashSet::default();
        let texts = self.supporting_sentences(d, &keys);
        for r in &d.relations {
            let (Some(&source), Some(&target)) = (keys.get(r.source), keys.get(r.target)) else { continue };
            let Some((span, _)) = d.sentences.get(r.sentence) else { continue };
            let Some((rank, sentence)) = texts.get(&r.sentence) else { continue };
            // The same evidence for the same keys would be merged away in the graph.
            if seen.insert((source, target, r.kind, r.sentence)) {
                let relation = match self.relations.iter().position(|k| *k == r.kind) {
                    Some(p) => u32::try_from(p).unwrap_or(u32::MAX),
                    None => {
                        self.relations.push(r.kind);
                        u32::try_from(self.relations.len() - 1).unwrap_or(u32::MAX)
                    }
                };
                let next = u32::try_from(self.supports.len()).unwrap_or(u32::MAX);
                let i = *self.support_of.entry((source, target, relation)).or_insert(next);
                if i == next {
                    self.supports.push(Support { source, target, relation, capped: false, kept: Vec::new() });
                }
                let (start, end) = match (u32::try_from(span.start), u32::try_from(span.end)) {
                    (Ok(start), Ok(end)) if (start, end) != (WIDE, WIDE) => (start, end),
                    _ => {
                        self.wide_spans.insert((u64::from(doc) << 32) | u64::from(*rank), *span);
                        (WIDE, WIDE)
                    }
                };
                let kept = Kept { doc, rank: *rank, start, end, sentence: sentence.clone() };
                if let Some(support) = self.supports.get_mut(i as usize) {
                    support.offer(kept, self.max_evidence, &self.docs.strings, &mut self.seen, i);
                }
            }
        }
    }

    /// The sentences of `d` that support a relation between keys, by index: each one's rank
    /// in (text, span) order and its text, made (or written to the sentence file) once for
    /// all the relations it supports.
    fn supporting_sentences(&mut self, d: &DocResult, keys: &[u32]) -> FxHashMap<usize, (u32, Sentence)> {
        let mut used: Vec<usize> = d
            .relations
            .iter()
            .filter(|r| r.source < keys.len() && r.target < keys.len() && r.sentence < d.sentences.len())
            .map(|r| r.sentence)
            .collect();
        used.sort_unstable();
        used.dedup();
        used.sort_by(|a, b| {
            let (sa, ta) = &d.sentences[*a];
            let (sb, tb) = &d.sentences[*b];
            ta.cmp(tb).then_with(|| sa.cmp(sb))
        });
        used.into_iter()
            .enumerate()
            .map(|(rank, i)| {
                let text = d.sentences[i].1.as_str();
                let sentence = match &mut self.spill {
                    Some(file) => file.push(text),
                    None => Sentence::Text(text.into()),
                };
                (i, (u32::try_from(rank).unwrap_or(u32::MAX), sentence))
            })
            .collect()
    }

    /// Joins the keys and builds the graph.
    #[must_use]
    pub fn finish(self) -> KnowledgeGraph {
        let Resolver {
            mut keys,
            entities,
            same_as,
            full_by_last,
            lone,
            mut docs,
            supports,
            max_evidence,
            name_keys,
            lasts,
            last_of,
            support_of,
            relations,
            mut seen,
            spill,
            wide_spans,
            seq: _,
        } = self;
        // Only the strings are needed from here on: free the lookups before building the graph.
        drop((name_keys, lasts, last_of, support_of));
        keys.ids = FxHashMap::default();
        docs.ids = FxHashMap::default();
        let n = u32::try_from(keys.strings.len()).unwrap_or(u32::MAX);
        let mut unions = Unions { parent: (0..n).collect(), keys: &keys.strings };
        for (a, b) in same_as {
            unions.union(a, b);
        }
        // Lone surnames → the one full name ending with them, in corpus order.
        let full_by_last: FxHashMap<u32, Vec<u32>> = full_by_last
            .into_iter()
            .map(|(l, set)| {
                let mut v: Vec<u32> = set.into_iter().collect();
                v.sort_by(|a, b| keys.strings[*a as usize].cmp(&keys.strings[*b as usize]));
                (l, v)
            })
            .collect();
        for (k, l) in lone {
            if let Some(full) = full_by_last.get(&l) {
                let mut roots = full.iter().map(|f| unions.find(*f));
                let first = roots.next();
                if first.is_some() && roots.all(|r| Some(r) == first) {
                    unions.union(k, full[0]);
                }
            }
        }
        let roots: Vec<u32> = (0..n).map(|k| unions.find(k)).collect();
        drop(unions);
        let mut by_root: BTreeMap<&str, (u32, Entity)> = BTreeMap::new();
        for (k, e) in entities.into_iter().enumerate() {
            if e.mentions == 0 {
                continue;
            }
            let root = roots[k];
            match by_root.entry(keys.strings[root as usize].as_ref()) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert((root, e));
                }
                std::collections::btree_map::Entry::Occupied(mut o) => o.get_mut().1.absorb(e),
            }
        }
        let mut nodes = nodes(by_root.into_values());
        // Node ids order the graph: number each node by its place in that order, so that the
        // edges are keyed by two u32 instead of two id strings.
        nodes.sort_unstable_by(|a, b| a.1.id.cmp(&b.1.id));
        let mut place_of_root = vec![u32::MAX; roots.len()];
        for (i, (root, _)) in nodes.iter().enumerate() {
            place_of_root[*root as usize] = u32::try_from(i).unwrap_or(u32::MAX);
        }
        let node_of: Vec<u32> = roots.iter().map(|r| place_of_root[*r as usize]).collect();
        drop((roots, place_of_root, keys));
        let mut graph = KnowledgeGraph::from_sorted_nodes(nodes.into_iter().map(|(_, node)| node));
        // Each key triple's edge, as `from_parts` would merge them: symmetric relations in id
        // order, no loops. The support's ends become node places.
        // The relation becomes its rank in relation order, and the sentence identities of capped
        // supports are gathered per edge.
        let mut ranked = relations.clone();
        ranked.sort();
        let rank: Vec<u32> = relations
            .iter()
            .map(|r| ranked.iter().position(|x| x == r).map_or(u32::MAX, |p| u32::try_from(p).unwrap_or(u32::MAX)))
            .collect();
        let mut edge_seen: FxHashMap<(u32, u32, u32), Vec<u64>> = FxHashMap::default();
        let mut supports = supports;
        let mut index = 0u32;
        supports.retain_mut(|sup| {
            let this = index;
            index = index.wrapping_add(1);
            let (Some(&s), Some(&t), Some(&relation), Some(&rank)) = (
                node_of.get(sup.source as usize),
                node_of.get(sup.target as usize),
                relations.get(sup.relation as usize),
                rank.get(sup.relation as usize),
            ) else {
                return false;
            };
            let (s, t) = if relation.is_symmetric() && t < s { (t, s) } else { (s, t) };
            (sup.source, sup.relation, sup.target) = (s, rank, t);
            let keep = s != t && s != u32::MAX && t != u32::MAX && rank != u32::MAX;
            if keep && sup.capped {
                edge_seen.entry(sup.edge_key()).or_default().extend(seen.remove(&this).unwrap_or_default());
            }
            keep
        });
        drop((node_of, seen));
        // Last edge first: popping then yields the edges in graph order (source id, relation,
        // target id), and the buffer can shrink as its supports are moved into the graph.
        supports.sort_unstable_by_key(|s| std::cmp::Reverse(s.edge_key()));
        let edge_count = supports.windows(2).filter(|w| w[0].edge_key() != w[1].edge_key()).count()
            + usize::from(!supports.is_empty());
        graph.reserve_edges(edge_count);
        let mut group: Vec<Support> = Vec::new();
        while let Some(last) = supports.pop() {
            let key = last.edge_key();
            group.push(last);
            while supports.last().is_some_and(|s| s.edge_key() == key) {
                group.extend(supports.pop());
            }
            // The identities of every sentence, once the cap dropped one of the edge's.
            let capped = group.iter().any(|s| s.capped);
            let mut all: Vec<u64> = if capped { edge_seen.remove(&key).unwrap_or_default() } else { Vec::new() };
            let mut kept: Vec<Kept> = Vec::with_capacity(group.iter().map(|s| s.kept.len()).sum());
            for sup in group.drain(..) {
                if capped && !sup.capped {
                    all.extend(sup.kept.iter().map(Kept::id));
                }
                kept.extend(sup.kept);
            }
            kept.sort_by(|a, b| evidence_order(&docs.strings, a, b));
            kept.dedup_by(|a, b| a.id() == b.id());
            let count = if capped {
                all.sort_unstable();
                all.dedup();
                all.len()
            } else {
                kept.len()
            };
            if max_evidence > 0 && kept.len() > max_evidence {
                kept.truncate(max_evidence);
            }
            let evidence: Vec<Evidence> = kept
                .into_iter()
                .map(|k| Evidence {
                    doc: Arc::clone(&docs.strings[k.doc as usize]),
                    span: k.span(&wide_spans),
                    sentence: k.sentence,
                })
                .collect();
            let omitted = count.saturating_sub(evidence.len());
            if let Some(&relation) = ranked.get(key.1 as usize) {
                graph.push_edge(key.0 as usize, key.2 as usize, Edge { relation, evidence, omitted });
            }
            if supports.len() < supports.capacity() / 2 {
                supports.shrink_to_fit();
            }
        }
        if let Some(file) = spill {
            graph.set_sentence_file(file.finish());
        }
        graph
    }
}

/// Builds the graph from the documents' mentions and relations.
#[must_use]
pub fn resolve(docs: &[DocResult]) -> KnowledgeGraph {
    let mut r = Resolver::new();
    for d in docs {
        r.add(d);
    }
    r.finish()
}

/// The nodes of the actors that the graph keeps, each with its tag (the root key), from
/// the actors in root key order (which decides the `-2` suffixes of equal ids).
fn nodes<K>(entities: impl IntoIterator<Item = (K, Entity)>) -> Vec<(K, Node)> {
    let mut used: FxHashSet<String> = FxHashSet::default();
    let mut nodes = Vec::new();
    for (root, e) in entities {
        // Candidates that no full name, title or context confirmed ("Kazan" alone) are not actors.
        let person_candidate =
            e.name_surfaces.is_empty() && e.kinds.keys().all(|k| *k == EntityType::Person) && !e.confirmed;
        if e.surfaces.is_empty() || person_candidate || (e.country.is_some() && !e.named) {
            continue;
        }
        let kind =
            e.kinds.iter().max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))).map_or(EntityType::Group, |(k, _)| *k);
        let kind = if e.country.is_some() { EntityType::Country } else { kind };
        let label = label_for(kind, &e);
        let mut id = format!("{}:{}", kind.id_prefix(), alias::slug(&label));
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{}:{}-{n}", kind.id_prefix(), alias::slug(&label));
            n += 1;
        }
        used.insert(id.clone());
        let documents = e.document_count();
        let mut aliases: Vec<String> = e.surfaces.into_keys().collect();
        if !aliases.contains(&label) {
            aliases.push(label.clone());
        }
        aliases.sort();
        nodes.push((root, Node { id, label, kind, aliases, mentions: e.mentions, documents, dates: e.dates }));
    }
    nodes
}

fn label_for(kind: EntityType, e: &Entity) -> String {
    if let Some(c) = &e.country {
        return c.clone();
    }
    // A group: its most frequent qualified surface form ("fighters from Russia"), else the
    // canonical label its mentions propose ("North Korean troops" for "troops" sent by North Korea).
    if let Some((l, _)) = e.labels.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
        let qualified =
            e.name_surfaces.iter().filter(|(s, _)| s.contains(' ')).max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        return qualified.map_or_else(|| l.clone(), |(s, _)| s.clone());
    }
    let pool = if e.name_surfaces.is_empty() { &e.surfaces } else { &e.name_surfaces };
    let best = match kind {
        // The fullest name: most words, then most frequent.
        EntityType::Person => pool.iter().max_by(|a, b| {
            let wa = a.0.split(' ').count();
            let wb = b.0.split(' ').count();
            wa.cmp(&wb).then(a.1.cmp(b.1)).then(b.0.cmp(a.0))
        }),
        // The most frequent spelled-out name (acronyms last), then the longest.
        EntityType::Organization | EntityType::Group | EntityType::Country => pool.iter().max_by(|a, b| {
            let acr_a = alias::looks_like_acronym(a.0);
            let acr_b = alias::looks_like_acronym(b.0);
            acr_b.cmp(&acr_a).then(a.1.cmp(b.1)).then(a.0.len().cmp(&b.0.len())).then(b.0.cmp(a.0))
        }),
    };
    best.map_or_else(String::new, |(s, _)| s.clone())
}

#[cfg(test)]
mod tests {
    use super::{DocResult, Interner, Kept, Resolver};
    use crate::model::{EntityType, Form, Key, Mention, Relation, RelationKind, Span};

    #[test]
    fn a_kept_sentence_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Kept>(), 32);
    }

    #[test]
    fn spans_past_4_gib_are_kept_whole() {
        let person = |name: &str, at: usize| Mention {
            sentence: 0,
            tokens: (0, 1),
            span: Span::new(at, at + name.len()),
            surface: name.into(),
            kind: EntityType::Person,
            key: Key::Name(name.into()),
            form: Form::Name,
            same_as: None,
            backers: Vec::new(),
            host: false,
            label: None,
        };
        let far = 5 << 30;
        let span = Span::new(far, far + 40);
        let doc = DocResult {
            doc: "big.txt".into(),
            date: None,
            mentions: vec![person("Ana Ruiz", far), person("Ben Ode", far + 20)],
            relations: vec![Relation { source: 0, kind: RelationKind::AlliedWith, target: 1, sentence: 0 }],
            sentences: vec![(span, "Ana Ruiz sided with Ben Ode.".into())],
        };
        for cap in [0, 1] {
            let mut r = Resolver::with_max_evidence(cap);
            r.add(&doc);
            let g = r.finish();
            let spans: Vec<Span> = g.edges().flat_map(|(_, _, e)| e.evidence.iter().map(|x| x.span)).collect();
            assert_eq!(spans, [span]);
        }
    }

    #[test]
    fn ascending_ids_number_as_the_lookup_table_does() {
        let words = ["a", "b", "b", "d", "c", "a", "e", "d"];
        let (mut plain, mut ascending) = (Interner::default(), Interner::default());
        for w in words {
            assert_eq!(plain.id(w), ascending.id_ascending(w), "{w}");
        }
        assert_eq!(plain.strings, ascending.strings);
    }
}
