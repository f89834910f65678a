#!/usr/bin/env python3
"""Check that OUT_DIR/graph.graphml and OUT_DIR/graph.jsonld describe the same graph.

    python3 scripts/check_outputs.py OUT_DIR

Reads the GraphML with networkx and the JSON-LD with pyld (expanded, then converted to RDF,
without network access: the context is inline), then compares the actors (by node id) and the
direct relation triples (source, relation, target), and checks that every rdf:Statement
reifies one of those triples.

Needs: pip install networkx pyld
Exit status: 0 when the outputs agree, 1 when they differ, 2 when one cannot be read.
"""
import json
import sys
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
from pyld import jsonld

ID_BASE = "https://actorgraph.dev/id/"
AG = "https://actorgraph.dev/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ACTOR_TYPES = {"Person", "Organization", "Country", "Group"}
# GraphML relation name -> RDF property local name.
RELATIONS = {"says": "says", "recruits": "recruits", "fights-for": "fightsFor", "allied-with": "alliedWith"}


def local_name(iri):
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def node_id(iri):
    """The node id an actor IRI was made from: .../id/person/vladimir-putin -> person:vladimir-putin."""
    if not iri.startswith(ID_BASE):
        return iri
    kind, sep, slug = iri[len(ID_BASE):].partition("/")
    return unquote(kind) + (":" + unquote(slug) if sep else "")


def no_network(url, options=None):
    raise jsonld.JsonLdError(f"remote context {url} refused: the context must be inline",
                             "jsonld.LoadDocumentError", code="loading document failed")


def read_graphml(path):
    g = nx.read_graphml(path)
    nodes = set(g.nodes)
    triples = set()
    for source, target, data in g.edges(data=True):
        relation = data.get("relation", "")
        triples.add((source, RELATIONS.get(relation, relation), target))
    return g, nodes, triples


def read_jsonld(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    options = {"documentLoader": no_network}
    expanded = jsonld.expand(doc, options)
    dataset = jsonld.to_rdf(doc, options)
    quads = [t for graph in dataset.values() for t in graph]
    actors, direct = set(), set()
    statements = {}
    for t in quads:
        s, p, o = t["subject"]["value"], t["predicate"]["value"], t["object"]
        if p == RDF + "type" and o["type"] == "IRI" and local_name(o["value"]) in ACTOR_TYPES:
            actors.add(node_id(s))
        elif p.startswith(AG) and local_name(p) in RELATIONS.values() and o["type"] == "IRI":
            direct.add((node_id(s), local_name(p), node_id(o["value"])))
        elif p in (RDF + "subject", RDF + "predicate", RDF + "object"):
            statements.setdefault(s, {})[local_name(p)] = o["value"]
    reified = {(node_id(st.get("subject", "")), local_name(st.get("predicate", "")), node_id(st.get("object", "")))
               for st in statements.values()}
    return expanded, quads, actors, direct, reified, len(statements)


def compare(name, left, right, where=("GraphML", "JSON-LD")):
    """Prints the difference of two sets; True when they are equal."""
    if left == right:
        return True
    for item in sorted(left - right):
        print(f"  {name}: only in {where[0]}: {item}")
    for item in sorted(right - left):
        print(f"  {name}: only in {where[1]}: {item}")
    return False


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    out = Path(argv[1])
    try:
        g, g_nodes, g_triples = read_graphml(out / "graph.graphml")
    except Exception as err:  # networkx raises many kinds; any of them means unreadable
        print(f"check_outputs: cannot read {out / 'graph.graphml'}: {err}", file=sys.stderr)
        return 2
    print(f"graphml: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    try:
        expanded, quads, j_nodes, j_triples, reified, n_statements = read_jsonld(out / "graph.jsonld")
    except (OSError, ValueError, jsonld.JsonLdError) as err:
        print(f"check_outputs: cannot read {out / 'graph.jsonld'}: {err}", file=sys.stderr)
        return 2
    print(f"jsonld:  {len(j_nodes)} actors, {len(j_triples)} relation triples, "
          f"{n_statements} statements ({len(expanded)} expanded nodes, {len(quads)} RDF triples)")

    ok = True
    if len(g_nodes) != len(j_nodes):
        print(f"node count differs: GraphML {len(g_nodes)}, JSON-LD {len(j_nodes)}")
        ok = False
    ok &= compare("node", g_nodes, j_nodes)
    ok &= compare("relation", g_triples, j_triples)
    ok &= compare("statement", j_triples, reified, ("direct triples", "statements"))
    if n_statements != g.number_of_edges():
        print(f"statement count differs: GraphML {g.number_of_edges()} edges, JSON-LD {n_statements} statements")
        ok = False
    print("ok: the outputs agree" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
