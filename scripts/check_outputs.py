#!/usr/bin/env python3
"""Check that every output in OUT_DIR opens in a real reader and describes the same graph.

    python3 scripts/check_outputs.py OUT_DIR

Reads what is there of:

- graph.graphml with networkx and with igraph: the same nodes and edges, the same typed
  attributes (mentions an int, weight a float, ...), positions, sizes and colours;
- graph.gexf with networkx's GEXF reader: the same nodes, edges (kept apart by relation),
  attributes, viz colour, size and position, and spells;
- graph.jsonld with pyld (expanded, then converted to RDF, without network access: the
  context is inline): the same actors and relation triples, every rdf:Statement reifying one;
- graph.nt, parsed here (pyld's N-Quads parser does not decode \\u escapes): exactly the
  triples that pyld makes of the JSON-LD;
- nodes.csv and relationships.csv with Python's csv module: the headers of
  `neo4j-admin database import`, and the same nodes and edges.

GraphML is required; every other file is checked when present.

Needs: pip install networkx python-igraph pyld
Exit status: 0 when the outputs agree, 1 when they differ, 2 when one cannot be read.
"""
import csv
import json
import math
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import igraph
import networkx as nx
from pyld import jsonld

ID_BASE = "https://actorgraph.dev/id/"
AG = "https://actorgraph.dev/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ACTOR_TYPES = {"Person", "Organization", "Country", "Group"}
# GraphML relation name -> RDF property local name.
# Typed GraphML/GEXF attributes and the Python type a reader must give them.
NODE_TYPES = {"label": str, "type": str, "aliases": str, "mentions": int, "documents": int,
              "x": float, "y": float, "size": float, "r": int, "g": int, "b": int}
EDGE_TYPES = {"relation": str, "weight": float, "evidence": str, "sources": str}
NODES_HEADER = ["id:ID", ":LABEL", "name", "type", "aliases:string[]", "mentions:int", "documents:int",
                "first_seen:date", "last_seen:date"]
RELATIONSHIPS_HEADER = [":START_ID", ":END_ID", ":TYPE", "relation", "weight:double", "evidence:string[]",
                        "sources:string[]"]


class Unreadable(Exception):
    """A file that a reader could not open."""


class Checker:
    """Collects mismatches; `ok` is False once any was found."""

    def __init__(self):
        self.ok = True

    def fail(self, message):
        print(f"  {message}")
        self.ok = False

    def equal(self, name, left, right, where):
        """Reports the difference of two sets."""
        if left == right:
            return
        for item in sorted(left - right, key=repr)[:10]:
            self.fail(f"{name}: only in {where[0]}: {item}")
        for item in sorted(right - left, key=repr)[:10]:
            self.fail(f"{name}: only in {where[1]}: {item}")
        self.ok = False


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


def edge_key(source, target, data):
    return (source, data.get("relation", ""), target)


def check_types(check, where, what, data, types):
    for name, kind in types.items():
        if name in data and not isinstance(data[name], kind):
            check.fail(f"{where}: {what} {name} is {type(data[name]).__name__}, not {kind.__name__}")


def check_graphml(check, path):
    """networkx and igraph read the same graph; returns networkx's."""
    g = nx.read_graphml(path)
    ig = igraph.Graph.Read_GraphML(str(path))
    print(f"graphml: networkx {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; "
          f"igraph {ig.vcount()} nodes, {ig.ecount()} edges")
    if (ig.vcount(), ig.ecount()) != (g.number_of_nodes(), g.number_of_edges()):
        check.fail("networkx and igraph count different nodes or edges")
    for n, data in g.nodes(data=True):
        check_types(check, "graphml (networkx)", f"node {n}", data, NODE_TYPES)
        for required in ("label", "type", "mentions", "x", "y", "size", "r", "g", "b"):
            if required not in data:
                check.fail(f"graphml: node {n} has no {required}")
    for s, t, data in g.edges(data=True):
        check_types(check, "graphml (networkx)", f"edge {s}->{t}", data, EDGE_TYPES)
        if data.get("label") != data.get("relation"):
            check.fail(f"graphml: edge {s}->{t} label {data.get('label')!r} is not its relation")
    # igraph keeps the node id in the `id` vertex attribute and names data by attr.name.
    ig_nodes = {v["id"]: v.attributes() for v in ig.vs}
    for n, data in g.nodes(data=True):
        other = ig_nodes.get(n)
        if other is None:
            check.fail(f"igraph has no node {n}")
            continue
        for name in ("label", "type", "mentions", "documents", "size", "r"):
            a, b = data.get(name), other.get(name)
            if isinstance(a, (int, float)) and isinstance(b, (int, float)):
                same = math.isclose(a, b)
            else:
                same = a == b
            if not same:
                check.fail(f"igraph node {n} {name}: {b!r}, networkx {a!r}")
    ig_edges = {(ig.vs[e.source]["id"], e["relation"], ig.vs[e.target]["id"]): e.attributes() for e in ig.es}
    nx_edges = {edge_key(s, t, d): d for s, t, d in g.edges(data=True)}
    check.equal("graphml edge", set(nx_edges), set(ig_edges), ("networkx", "igraph"))
    for key, data in nx_edges.items():
        other = ig_edges.get(key, {})
        for name in ("weight", "evidence", "sources"):
            if key in ig_edges and other.get(name) != data.get(name):
                check.fail(f"igraph edge {key} {name}: {other.get(name)!r}, networkx {data.get(name)!r}")
    return g


def check_gexf(check, path, g):
    x = nx.read_gexf(path)
    print(f"gexf:    networkx {x.number_of_nodes()} nodes, {x.number_of_edges()} edges")
    check.equal("gexf node", set(g.nodes), set(x.nodes), ("GraphML", "GEXF"))
    g_edges = {edge_key(s, t, d) for s, t, d in g.edges(data=True)}
    x_edges = {edge_key(s, t, d) for s, t, d in x.edges(data=True)}
    check.equal("gexf edge", g_edges, x_edges, ("GraphML", "GEXF"))
    if x.number_of_edges() != g.number_of_edges():
        check.fail(f"edge count differs: GraphML {g.number_of_edges()}, GEXF {x.number_of_edges()}")
    for n, data in x.nodes(data=True):
        check_types(check, "gexf", f"node {n}", data, {k: v for k, v in NODE_TYPES.items() if k not in "xyrgb"})
        viz = data.get("viz", {})
        if not {"color", "size", "position"} <= set(viz):
            check.fail(f"gexf: node {n} lacks viz color, size or position: {viz}")
        if n in g.nodes:
            ref = g.nodes[n]
            if data.get("label") != ref.get("label") or data.get("mentions") != ref.get("mentions"):
                check.fail(f"gexf: node {n} label or mentions differ from GraphML")
            color = viz.get("color", {})
            if (color.get("r"), color.get("g"), color.get("b")) != (ref.get("r"), ref.get("g"), ref.get("b")):
                check.fail(f"gexf: node {n} colour differs from GraphML")
            if not math.isclose(viz.get("size", -1), ref.get("size", -2)):
                check.fail(f"gexf: node {n} size differs from GraphML")
            if "first_seen" in ref and data.get("spells") != [(ref["first_seen"], ref["last_seen"])]:
                check.fail(f"gexf: node {n} spells {data.get('spells')} do not match its dates")
    for s, t, data in x.edges(data=True):
        check_types(check, "gexf", f"edge {s}->{t}", data, EDGE_TYPES)


def read_jsonld(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    options = {"documentLoader": no_network}
    expanded = jsonld.expand(doc, options)
    dataset = jsonld.to_rdf(doc, options)
    quads = [t for graph in dataset.values() for t in graph]
    return expanded, quads


def property_name(relation):
    """The RDF property local name of a GraphML relation: fights-for -> fightsFor."""
    head, *rest = relation.split("-")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def rdf_view(quads):
    actors, direct = set(), set()
    statements = {}
    for t in quads:
        s, p, o = t["subject"]["value"], t["predicate"]["value"], t["object"]
        if p == RDF + "type" and o["type"] == "IRI" and local_name(o["value"]) in ACTOR_TYPES:
            actors.add(node_id(s))
        elif p.startswith(AG) and o["type"] == "IRI" and s.startswith(ID_BASE) and o["value"].startswith(ID_BASE):
            # A relation between two actors: a built-in one or one from a user's relations.tsv.
            direct.add((node_id(s), local_name(p), node_id(o["value"])))
        elif p in (RDF + "subject", RDF + "predicate", RDF + "object"):
            statements.setdefault(s, {})[local_name(p)] = o["value"]
    reified = {(node_id(st.get("subject", "")), local_name(st.get("predicate", "")), node_id(st.get("object", "")))
               for st in statements.values()}
    return actors, direct, reified, len(statements)


def triple_set(quads):
    """Hashable triples: (subject, predicate, (object type, value, datatype))."""
    out = set()
    for t in quads:
        o = t["object"]
        out.add((t["subject"]["value"], t["predicate"]["value"], (o["type"], o["value"], o.get("datatype"))))
    return out


def check_jsonld(check, path, g):
    expanded, quads = read_jsonld(path)
    actors, direct, reified, n_statements = rdf_view(quads)
    print(f"jsonld:  {len(actors)} actors, {len(direct)} relation triples, "
          f"{n_statements} statements ({len(expanded)} expanded nodes, {len(quads)} RDF triples)")
    g_triples = {(s, property_name(d.get("relation", "")), t) for s, t, d in g.edges(data=True)}
    check.equal("node", set(g.nodes), actors, ("GraphML", "JSON-LD"))
    check.equal("relation", g_triples, direct, ("GraphML", "JSON-LD"))
    check.equal("statement", direct, reified, ("direct triples", "statements"))
    if n_statements != g.number_of_edges():
        check.fail(f"statement count differs: GraphML {g.number_of_edges()} edges, JSON-LD {n_statements} statements")
    return quads


NT_LINE = re.compile(r'^<([^>]*)> <([^>]*)> (?:<([^>]*)>|"((?:[^"\\]|\\.)*)"(?:\^\^<([^>]*)>)?) \.$')
NT_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))')
NT_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def parse_ntriples(text):
    """The triples of an N-Triples document of IRIs and literals, in pyld's triple shape.

    (pyld's own N-Quads parser does not decode \\uXXXX escapes, which canonical N-Triples uses
    for control characters, so it cannot be the reference here.)
    """
    def unescape(m):
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        if m.group(3) not in NT_ECHAR:
            raise ValueError(f"bad escape \\{m.group(3)}")
        return NT_ECHAR[m.group(3)]

    triples = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = NT_LINE.match(line)
        if not m:
            raise ValueError(f"line {number} is not an N-Triples triple of this shape: {line[:80]}")
        s, p, iri, literal, datatype = m.groups()
        if iri is not None:
            o = {"type": "IRI", "value": iri}
        else:
            o = {"type": "literal", "value": NT_ESCAPE.sub(unescape, literal),
                 "datatype": datatype or "http://www.w3.org/2001/XMLSchema#string"}
        triples.append({"subject": {"type": "IRI", "value": s}, "predicate": {"type": "IRI", "value": p}, "object": o})
    return triples


def check_ntriples(check, path, quads):
    text = path.read_text(encoding="utf-8")
    nt = parse_ntriples(text)
    lines = sum(1 for line in text.splitlines() if line.strip())
    print(f"nt:      {len(nt)} triples ({lines} lines)")
    check.equal("triple", triple_set(quads), triple_set(nt), ("JSON-LD", "N-Triples"))
    if len(nt) != len(quads):
        check.fail(f"triple count differs: JSON-LD {len(quads)}, N-Triples {len(nt)}")


def read_csv(path, header):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        raise Unreadable(f"{path}: header {rows[0] if rows else None} is not {header}")
    return [dict(zip(header, row)) for row in rows[1:]]


def check_neo4j(check, nodes_path, rels_path, g):
    nodes = read_csv(nodes_path, NODES_HEADER)
    rels = read_csv(rels_path, RELATIONSHIPS_HEADER)
    print(f"neo4j:   {len(nodes)} nodes, {len(rels)} relationships")
    check.equal("neo4j node", set(g.nodes), {r["id:ID"] for r in nodes}, ("GraphML", "nodes.csv"))
    g_edges = {(s, t, d.get("relation")) for s, t, d in g.edges(data=True)}
    check.equal("neo4j relationship", g_edges, {(r[":START_ID"], r[":END_ID"], r["relation"]) for r in rels},
                ("GraphML", "relationships.csv"))
    for r in nodes:
        if r["id:ID"] in g.nodes:
            ref = g.nodes[r["id:ID"]]
            if int(r["mentions:int"]) != ref.get("mentions") or r["name"] != ref.get("label"):
                check.fail(f"nodes.csv: {r['id:ID']} name or mentions differ from GraphML")
            if r[":LABEL"].split(";") != ["Actor", ref.get("type")]:
                check.fail(f"nodes.csv: {r['id:ID']} labels {r[':LABEL']!r}")
    for r in rels:
        float(r["weight:double"])
        if r[":TYPE"] != r["relation"].upper().replace("-", "_"):
            check.fail(f"relationships.csv: type {r[':TYPE']!r} for relation {r['relation']!r}")


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    out = Path(argv[1])
    check = Checker()
    current = out / "graph.graphml"
    try:
        g = check_graphml(check, current)
        current = out / "graph.gexf"
        if current.exists():
            check_gexf(check, current, g)
        current = out / "graph.jsonld"
        quads = None
        if current.exists():
            quads = check_jsonld(check, current, g)
        current = out / "graph.nt"
        if current.exists():
            if quads is None:
                check.fail("graph.nt without graph.jsonld to compare it with")
            else:
                check_ntriples(check, current, quads)
        current = out / "nodes.csv"
        if current.exists():
            check_neo4j(check, current, out / "relationships.csv", g)
    except Exception as err:  # the readers raise many kinds; any of them means unreadable
        print(f"check_outputs: cannot read {current}: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    print("ok: the outputs agree" if check.ok else "MISMATCH")
    return 0 if check.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
