// Loads actorgraph's nodes.csv and relationships.csv into a running Neo4j with LOAD CSV.
// Copy both files into the database's import directory, then: cypher-shell -f load.cypher

CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
MERGE (a:Actor {id: row.`id:ID`})
SET a.name = row.name,
    a.type = row.type,
    a.aliases = split(row.`aliases:string[]`, ';'),
    a.mentions = toInteger(row.`mentions:int`),
    a.documents = toInteger(row.`documents:int`),
    a.first_seen = date(row.`first_seen:date`),
    a.last_seen = date(row.`last_seen:date`);

MATCH (a:Actor {type: 'Person'}) SET a:Person;

MATCH (a:Actor {type: 'Organization'}) SET a:Organization;

MATCH (a:Actor {type: 'Country'}) SET a:Country;

MATCH (a:Actor {type: 'Group'}) SET a:Group;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'SAYS'
MATCH (s:Actor {id: row.`:START_ID`}), (t:Actor {id: row.`:END_ID`})
MERGE (s)-[r:SAYS]->(t)
SET r.relation = row.relation,
    r.weight = toFloat(row.`weight:double`),
    r.evidence = split(row.`evidence:string[]`, ';'),
    r.sources = split(row.`sources:string[]`, ';');

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'RECRUITS'
MATCH (s:Actor {id: row.`:START_ID`}), (t:Actor {id: row.`:END_ID`})
MERGE (s)-[r:RECRUITS]->(t)
SET r.relation = row.relation,
    r.weight = toFloat(row.`weight:double`),
    r.evidence = split(row.`evidence:string[]`, ';'),
    r.sources = split(row.`sources:string[]`, ';');

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'FIGHTS_FOR'
MATCH (s:Actor {id: row.`:START_ID`}), (t:Actor {id: row.`:END_ID`})
MERGE (s)-[r:FIGHTS_FOR]->(t)
SET r.relation = row.relation,
    r.weight = toFloat(row.`weight:double`),
    r.evidence = split(row.`evidence:string[]`, ';'),
    r.sources = split(row.`sources:string[]`, ';');

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'ALLIED_WITH'
MATCH (s:Actor {id: row.`:START_ID`}), (t:Actor {id: row.`:END_ID`})
MERGE (s)-[r:ALLIED_WITH]->(t)
SET r.relation = row.relation,
    r.weight = toFloat(row.`weight:double`),
    r.evidence = split(row.`evidence:string[]`, ';'),
    r.sources = split(row.`sources:string[]`, ';');
