//! Resolution of all documents at once, as it was before [`super::Resolver`] streamed it:
//! unions over key strings, then one pass that sums every mention into its root. Kept to
//! check that the streaming resolver builds the same graph.

use super::{nodes, raw_key, DocResult, Entity};
use crate::graph::{Edge, KnowledgeGraph};
use crate::model::{EntityType, Evidence, Form, Key, Mention};
use crate::resolve::alias;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
            let (keep, drop) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(drop, keep);
        }
    }
}

/// The graph of all the documents, resolved at once.
pub fn resolve_all(docs: &[DocResult]) -> KnowledgeGraph {
    let mut unions = Unions::default();
    for d in docs {
        for m in &d.mentions {
            if let Some(other) = &m.same_as {
                let linked = Mention { key: other.clone(), ..m.clone() };
                unions.union(&raw_key(m), &raw_key(&linked));
                if m.form == Form::Acronym {
                    let bare = Mention { key: Key::Name(m.surface.clone()), ..m.clone() };
                    unions.union(&raw_key(&bare), &raw_key(&linked));
                }
            }
        }
    }
    let mut full_by_last: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in docs {
        for m in d.mentions.iter().filter(|m| m.kind == EntityType::Person && m.form == Form::Name) {
            if let Key::Name(n) = &m.key {
                let parts: Vec<&str> = n.split(' ').collect();
                if parts.len() >= 2 {
                    if let Some(last) = parts.last() {
                        full_by_last.entry(alias::surname_key(last)).or_default().insert(raw_key(m));
                    }
                }
            }
        }
    }
    for d in docs {
        for m in d.mentions.iter().filter(|m| m.kind == EntityType::Person) {
            if let Key::Name(n) = &m.key {
                if !n.contains(' ') {
                    if let Some(full) = full_by_last.get(&alias::surname_key(n)) {
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
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    let mut seq = 0;
    let mut doc_ids: HashMap<&str, u32> = HashMap::new();
    for d in docs {
        let next = u32::try_from(doc_ids.len()).unwrap();
        let doc = *doc_ids.entry(d.doc.as_str()).or_insert(next);
        for m in &d.mentions {
            seq += 1;
            entities.entry(unions.find(&raw_key(m))).or_default().add(m, doc, d.date.as_ref(), seq);
        }
    }
    let (nodes, ids): (Vec<_>, HashMap<String, String>) =
        nodes(entities).into_iter().map(|(root, n)| (n.clone(), (root, n.id))).unzip();
    let mut edges = Vec::new();
    for d in docs {
        for r in &d.relations {
            let (Some(sm), Some(tm)) = (d.mentions.get(r.source), d.mentions.get(r.target)) else { continue };
            let (Some(s), Some(t)) = (ids.get(&unions.find(&raw_key(sm))), ids.get(&unions.find(&raw_key(tm)))) else {
                continue;
            };
            let Some((span, sentence)) = d.sentences.get(r.sentence) else { continue };
            let evidence = Evidence { doc: d.doc.as_str().into(), sentence: sentence.as_str().into(), span: *span };
            edges.push((s.clone(), t.clone(), Edge::new(r.kind, vec![evidence])));
        }
    }
    KnowledgeGraph::from_parts(nodes, edges)
}

#[cfg(test)]
mod tests {
    use super::resolve_all;
    use crate::clean::RepeatedLines;
    use crate::export::Format;
    use crate::graph::KnowledgeGraph;
    use crate::ingest;
    use crate::pipeline::{repeated_lines, Extractor};
    use crate::resolve::{DocResult, Resolver};

    fn graphml(g: &KnowledgeGraph) -> String {
        let mut out = Vec::new();
        Format::GraphMl.write(g, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn results(dir: &str, repeated: bool) -> Vec<DocResult> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let (sources, _) = ingest::collect(&[path]);
        let docs: Vec<_> =
            sources.iter().map(|s| ingest::load(s, &ingest::Options::default()).unwrap().document).collect();
        let extractor = Extractor::new(None).unwrap();
        let rep = if repeated { repeated_lines(&docs) } else { RepeatedLines::new() };
        docs.iter().map(|d| extractor.extract(d, &rep)).collect()
    }

    fn assert_same(results: &[DocResult]) {
        let mut r = Resolver::new();
        for d in results {
            r.add(d);
        }
        let streamed = r.finish();
        let all = resolve_all(results);
        assert!(all.node_count() > 0);
        assert_eq!(streamed.nodes().collect::<Vec<_>>(), all.nodes().collect::<Vec<_>>());
        assert_eq!(streamed.edges().collect::<Vec<_>>(), all.edges().collect::<Vec<_>>());
        assert_eq!(graphml(&streamed), graphml(&all));
    }

    #[test]
    fn streaming_resolver_builds_the_graph_of_resolving_all_at_once() {
        assert_same(&results("examples/articles", true));
    }

    #[test]
    fn an_evidence_cap_keeps_the_first_sentences_and_the_counts() {
        // The articles three times under other names: edges with several sentences.
        let one = results("examples/articles", false);
        let mut docs = Vec::new();
        for copy in ["a", "b", "c"] {
            docs.extend(one.iter().cloned().map(|mut d| {
                d.doc = format!("{copy}-{}", d.doc);
                d
            }));
        }
        let graph = |cap: usize| {
            let mut r = Resolver::with_max_evidence(cap);
            for d in &docs {
                r.add(d);
            }
            r.finish()
        };
        let (all, capped) = (graph(0), graph(2));
        assert_eq!(graphml(&all), graphml(&graph(1000)));
        assert_eq!(all.nodes().collect::<Vec<_>>(), capped.nodes().collect::<Vec<_>>());
        let mut cut = 0;
        for ((s, t, a), (s2, t2, c)) in all.edges().zip(capped.edges()) {
            assert_eq!((s.id.as_str(), t.id.as_str(), a.relation), (s2.id.as_str(), t2.id.as_str(), c.relation));
            assert_eq!(a.omitted, 0);
            assert_eq!(c.evidence_count(), a.evidence.len());
            assert_eq!(c.evidence[..], a.evidence[..a.evidence.len().min(2)]);
            cut += usize::from(c.omitted > 0);
        }
        assert!(cut > 0);
        assert_eq!(all.edge_count(), capped.edge_count());
    }

    #[test]
    fn streaming_resolver_matches_on_repeated_and_reordered_documents() {
        // The same articles twice under other names, in reverse order: identities meet
        // across documents, lone surnames and countries are seen in another order.
        let mut docs = results("examples/articles", false);
        let mut again: Vec<DocResult> = docs.iter().rev().cloned().collect();
        for (i, d) in again.iter_mut().enumerate() {
            d.doc = format!("copy-{i}-{}", d.doc);
            d.date = Some(format!("2020-01-{:02}", i + 1));
        }
        docs.extend(again);
        assert_same(&docs);
    }
}
