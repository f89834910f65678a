//! One node per real actor, within and across documents.
//!
//! Mentions are grouped by identity: countries by canonical name, groups by
//! (origin, qualifiers, head), people and organisations by a spelling-folded
//! name ([`alias::name_key`]) so that transliteration variants meet
//! ("al-Qaida" / "Al-Qaeda", "Zelensky" / "Zelenskiy"). Acronyms join their
//! expansion wherever it was introduced, and a lone surname joins the one
//! full name in the corpus that ends with it. Blocking is by key, never all
//! pairs.

pub mod alias;

use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{EntityType, Evidence, Form, Key, Mention, Relation, Span};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

#[derive(Default)]
struct Entity {
    kinds: BTreeMap<EntityType, usize>,
    surfaces: BTreeMap<String, usize>,
    name_surfaces: BTreeMap<String, usize>,
    labels: BTreeMap<String, usize>,
    documents: BTreeSet<String>,
    dates: BTreeSet<String>,
    mentions: usize,
    country: Option<String>,
    /// Whether a mention other than a lone-word candidate supports the entity.
    confirmed: bool,
    /// Whether a mention names the actor (not only an adjective or a place: "Algerian border", "in Brussels").
    named: bool,
}

/// Union-find over string keys.
#[derive(Default)]
struct Unions {
    parent: HashMap<String, String>,
}

impl Unions {
    fn find(&mut self, k: &str) -> String {
        let mut cur = k.to_string();
        let mut path = Vec::new();
        while let Some(p) = self.parent.get(&cur) {
            if *p == cur {
                break;
            }
            path.push(cur.clone());
            cur = p.clone();
        }
        for p in path {
            self.parent.insert(p, cur.clone());
        }
        cur
    }

    fn union(&mut self, a: &str, b: &str) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller key wins so the result does not depend on order.
            let (keep, drop) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(drop, keep);
        }
    }
}

/// The identity key of a mention before unions.
fn raw_key(m: &Mention) -> String {
    match &m.key {
        Key::Country(c) => format!("country|{c}"),
        Key::Group { origin, qualifiers, head } => format!("group|{origin}|{qualifiers}|{head}"),
        Key::Name(n) => {
            let class = if m.kind == EntityType::Person { "person" } else { "body" };
            format!("{class}|{}", alias::name_key(n))
        }
    }
}

/// Builds the graph from the documents' mentions and relations.
#[must_use]
pub fn resolve(docs: &[DocResult]) -> KnowledgeGraph {
    let mut unions = Unions::default();
    // Stated identities (acronyms, "known as"), anywhere in the corpus.
    for d in docs {
        for m in &d.mentions {
            if let Some(other) = &m.same_as {
                let linked = Mention { key: other.clone(), ..m.clone() };
                unions.union(&raw_key(m), &raw_key(&linked));
                if m.form == Form::Acronym {
                    // The acronym used alone elsewhere ("the FSB") joins too.
                    let bare = Mention { key: Key::Name(m.surface.clone()), ..m.clone() };
                    unions.union(&raw_key(&bare), &raw_key(&linked));
                }
            }
        }
    }
    // Lone surnames → the one full name ending with them.
    let mut full_by_last: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in docs {
        for m in d.mentions.iter().filter(|m| m.kind == EntityType::Person && m.form == Form::Name) {
            if let Key::Name(n) = &m.key {
                let parts: Vec<&str> = n.split([' ', '-']).collect();
                if parts.len() >= 2 {
                    if let Some(last) = parts.last() {
                        full_by_last.entry(alias::name_key(last)).or_default().insert(raw_key(m));
                    }
                }
            }
        }
    }
    for d in docs {
        for m in d.mentions.iter().filter(|m| m.kind == EntityType::Person) {
            if let Key::Name(n) = &m.key {
                if !n.contains(' ') {
                    if let Some(full) = full_by_last.get(&alias::name_key(n)) {
                        let roots: BTreeSet<String> = full.iter().map(|f| unions.find(f)).collect();
                        if roots.len() == 1 {
                            if let Some(f) = full.iter().next() {
                                unions.union(&raw_key(m), f);
                            }
                        }
                    }
                }
            }
        }
    }
    // Aggregate.
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    for d in docs {
        for m in &d.mentions {
            let root = unions.find(&raw_key(m));
            let e = entities.entry(root).or_default();
            *e.kinds.entry(m.kind).or_default() += 1;
            if let Key::Country(c) = &m.key {
                e.country = Some(c.clone());
            }
            e.mentions += 1;
            e.named |= !matches!(m.form, Form::Adjective | Form::Place | Form::Reference);
            e.confirmed |= !matches!(m.form, Form::Partial | Form::Reference)
                || m.surface.contains(' ')
                || !matches!(&m.key, Key::Name(n) if !n.contains(' '));
            e.documents.insert(d.doc.clone());
            if let Some(date) = &d.date {
                e.dates.insert(date.clone());
            }
            if m.form != Form::Reference && !m.surface.is_empty() {
                *e.surfaces.entry(m.surface.clone()).or_default() += 1;
                if matches!(m.form, Form::Name) {
                    *e.name_surfaces.entry(m.surface.clone()).or_default() += 1;
                }
                if let Some(l) = &m.label {
                    *e.labels.entry(l.clone()).or_default() += 1;
                }
            }
        }
    }
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut nodes = Vec::new();
    for (root, e) in &entities {
        // Candidates that no full name, title or context confirmed ("Kazan" alone) are not actors.
        let person_candidate =
            e.name_surfaces.is_empty() && e.kinds.keys().all(|k| *k == EntityType::Person) && !e.confirmed;
        if e.surfaces.is_empty() || person_candidate || (e.country.is_some() && !e.named) {
            continue;
        }
        let kind =
            e.kinds.iter().max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))).map_or(EntityType::Group, |(k, _)| *k);
        let kind = if e.country.is_some() { EntityType::Country } else { kind };
        let label = label_for(kind, e);
        let mut id = format!("{}:{}", kind.id_prefix(), alias::slug(&label));
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{}:{}-{n}", kind.id_prefix(), alias::slug(&label));
            n += 1;
        }
        used.insert(id.clone());
        ids.insert(root.clone(), id.clone());
        let mut aliases: Vec<String> = e.surfaces.keys().cloned().collect();
        if !aliases.contains(&label) {
            aliases.push(label.clone());
        }
        aliases.sort();
        let dates = match (e.dates.first(), e.dates.last()) {
            (Some(a), Some(b)) => Some((a.clone(), b.clone())),
            _ => None,
        };
        nodes.push(Node {
            id,
            label,
            kind,
            aliases,
            mentions: e.mentions,
            documents: e.documents.iter().cloned().collect(),
            dates,
        });
    }
    let mut edges = Vec::new();
    for d in docs {
        for r in &d.relations {
            let (Some(sm), Some(tm)) = (d.mentions.get(r.source), d.mentions.get(r.target)) else { continue };
            let (Some(s), Some(t)) = (ids.get(&unions.find(&raw_key(sm))), ids.get(&unions.find(&raw_key(tm)))) else {
                continue;
            };
            let Some((span, sentence)) = d.sentences.get(r.sentence) else { continue };
            let evidence = Evidence { doc: d.doc.clone(), sentence: sentence.clone(), span: *span };
            edges.push((s.clone(), t.clone(), Edge { relation: r.kind, evidence: vec![evidence] }));
        }
    }
    KnowledgeGraph::from_parts(nodes, edges)
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
