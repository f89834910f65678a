//! The types every stage shares. Stages talk to each other only through these.

use crate::relations::{intern, RelationDef};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// A byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// One input article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable id: the file name (or `stdin`).
    pub id: String,
    /// The full text as read.
    pub text: String,
    /// Publication date (`YYYY-MM-DD`) where the text carries one.
    pub date: Option<String>,
}

/// The four kinds of actor the graph knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A named individual.
    Person,
    /// A named formal body.
    Organization,
    /// A state.
    Country,
    /// A collective actor without a formal name.
    Group,
}

impl EntityType {
    /// The type's name as written in the outputs.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Country => "Country",
            EntityType::Group => "Group",
        }
    }

    /// Lower-case prefix used in node ids (`person:vladimir-putin`).
    #[must_use]
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Country => "country",
            EntityType::Group => "group",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The relations between actors (see `schema/ontology.ttl`): the four built-in ones, and the
/// ones a user's schema declares (`relations.tsv`, see [`crate::relations`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// Speaker → the actor the statement is about.
    Says,
    /// Recruiter → recruited.
    Recruits,
    /// Fighter → the side fought for.
    FightsFor,
    /// Symmetric alliance or backing.
    AlliedWith,
    /// A relation declared in a user's schema.
    Custom(&'static RelationDef),
}

impl RelationKind {
    /// The built-in relations, in output order (user-defined ones sort after them, by name).
    pub const ALL: [RelationKind; 4] =
        [RelationKind::Says, RelationKind::Recruits, RelationKind::FightsFor, RelationKind::AlliedWith];

    /// The relation's name in GraphML (`fights-for`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Says => "says",
            RelationKind::Recruits => "recruits",
            RelationKind::FightsFor => "fights-for",
            RelationKind::AlliedWith => "allied-with",
            RelationKind::Custom(def) => &def.name,
        }
    }

    /// The relation's RDF property local name (`fightsFor`).
    #[must_use]
    pub fn property(self) -> &'static str {
        match self {
            RelationKind::Says => "says",
            RelationKind::Recruits => "recruits",
            RelationKind::FightsFor => "fightsFor",
            RelationKind::AlliedWith => "alliedWith",
            RelationKind::Custom(def) => &def.property,
        }
    }

    /// Whether the relation has no direction.
    #[must_use]
    pub fn is_symmetric(self) -> bool {
        match self {
            RelationKind::AlliedWith => true,
            RelationKind::Custom(def) => def.symmetric,
            _ => false,
        }
    }

    /// The built-in relation or the interned user relation called `name`, or a directed user
    /// relation of that name when none is known (a graph file written with a user's schema).
    #[must_use]
    pub fn from_name(name: &str) -> RelationKind {
        RelationKind::ALL.into_iter().find(|r| r.as_str() == name).unwrap_or_else(|| {
            RelationKind::Custom(crate::relations::known(name).unwrap_or_else(|| intern(RelationDef::from_name(name))))
        })
    }
}

/// How a relation is saved (`state.jsonl`): the built-in ones by variant name, as before user
/// relations existed, a user's with its definition.
#[derive(Serialize, Deserialize)]
enum RelationRepr<'a> {
    Says,
    Recruits,
    FightsFor,
    AlliedWith,
    Custom(Cow<'a, RelationDef>),
}

impl Serialize for RelationKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            RelationKind::Says => RelationRepr::Says,
            RelationKind::Recruits => RelationRepr::Recruits,
            RelationKind::FightsFor => RelationRepr::FightsFor,
            RelationKind::AlliedWith => RelationRepr::AlliedWith,
            RelationKind::Custom(def) => RelationRepr::Custom(Cow::Borrowed(def)),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for RelationKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match RelationRepr::deserialize(d)? {
            RelationRepr::Says => RelationKind::Says,
            RelationRepr::Recruits => RelationKind::Recruits,
            RelationRepr::FightsFor => RelationKind::FightsFor,
            RelationRepr::AlliedWith => RelationKind::AlliedWith,
            RelationRepr::Custom(def) => {
                let def = def.into_owned();
                // The derived fields are not saved: derive them again.
                let mut restored = RelationDef::from_name(&def.name);
                restored.symmetric = def.symmetric;
                restored.colour = def.colour;
                RelationKind::Custom(intern(restored))
            }
        })
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The sentence that supports an edge.
///
/// The document id is shared (`Arc<str>`): one id serves every sentence of its document. The
/// text is either held ([`Sentence::Text`], shared by every edge it supports) or kept in the
/// graph's sentence file ([`Sentence::Stored`], see [`crate::spill`]); read it with
/// [`crate::graph::KnowledgeGraph::sentence`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// Document id.
    pub doc: Arc<str>,
    /// The sentence text, or where it is kept.
    pub sentence: Sentence,
    /// Byte offsets of the sentence in the document.
    pub span: Span,
}

/// The text of an evidence sentence: held in memory, or the place of its bytes in the
/// sentence file of the graph that holds the evidence.
///
/// Held texts compare as strings; a stored text compares by its place (the resolver orders
/// evidence itself, by document id, text and span, before it stores any).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sentence {
    /// The text.
    Text(Arc<str>),
    /// The place of the text in the graph's sentence file.
    Stored(StoredSentence),
}

impl Sentence {
    /// The text, if it is held in memory.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Sentence::Text(t) => Some(t),
            Sentence::Stored(_) => None,
        }
    }
}

impl From<&str> for Sentence {
    fn from(s: &str) -> Self {
        Sentence::Text(s.into())
    }
}

impl From<String> for Sentence {
    fn from(s: String) -> Self {
        Sentence::Text(s.into())
    }
}

impl From<Arc<str>> for Sentence {
    fn from(s: Arc<str>) -> Self {
        Sentence::Text(s)
    }
}

/// Where a sentence's bytes are in a sentence file: 40 bits of offset, 24 of length, so that a
/// [`Sentence`] is no larger than the `Arc<str>` it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoredSentence(u64);

impl StoredSentence {
    /// Longest text a place can describe (16 MiB − 1).
    pub(crate) const MAX_LEN: u64 = (1 << 24) - 1;
    /// Largest offset a place can describe (1 TiB − 1).
    pub(crate) const MAX_OFFSET: u64 = (1 << 40) - 1;

    /// The place of `len` bytes at `offset`, if it fits.
    pub(crate) fn new(offset: u64, len: usize) -> Option<Self> {
        let len = u64::try_from(len).ok().filter(|l| *l <= Self::MAX_LEN)?;
        (offset <= Self::MAX_OFFSET).then_some(StoredSentence((offset << 24) | len))
    }

    /// Offset of the first byte in the file.
    pub(crate) fn offset(self) -> u64 {
        self.0 >> 24
    }

    /// Length in bytes.
    pub(crate) fn len(self) -> usize {
        (self.0 & Self::MAX_LEN) as usize
    }
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Form {
    /// A name ("Ana Ruiz", "Border Guard Service", "Peru").
    Name,
    /// An acronym ("FSB").
    Acronym,
    /// A surname or other part of a name seen in full elsewhere ("Putin").
    Partial,
    /// A country adjective standing alone ("Russian").
    Adjective,
    /// A capital or seat of government used for its state ("Moscow").
    Metonym,
    /// A pronoun or description resolved to an earlier actor ("he", "the agency").
    Reference,
    /// A capital named as a place, not an actor ("talks in Geneva", "based in Tripoli").
    Place,
}

/// The identity a mention proposes for its actor; resolution merges equal keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Key {
    /// A country by canonical name.
    Country(String),
    /// A group by origin and qualifiers (`"Russia"`, `"foreign"`) and singular head noun.
    Group {
        /// Origin: a country, a non-state origin, or an organisation ("Wagner").
        origin: String,
        /// Qualifier words, sorted, joined by a space ("local young").
        qualifiers: String,
        /// The singular head noun ("mercenary"), or "people" for plural demonyms.
        head: String,
    },
    /// A person or organisation by the name it was seen under (resolution normalises it).
    Name(String),
}

/// One mention of an actor in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Token range `[start, end)` in the sentence.
    pub tokens: (usize, usize),
    /// Byte offsets in the document.
    pub span: Span,
    /// The surface form, as an alias (titles and articles removed).
    pub surface: String,
    /// The actor's type.
    pub kind: EntityType,
    /// The proposed identity.
    pub key: Key,
    /// How the mention names the actor.
    pub form: Form,
    /// Another identity this mention is stated to share: an acronym's expansion
    /// ("Border Guard Service (BGS)"), a "known as" alias.
    pub same_as: Option<Key>,
    /// Backers named in a compound modifier: "Russian" in "Russian-backed separatists", "Assad" in "pro-Assad fighters".
    pub backers: Vec<String>,
    /// Whether the mention is a transcript host's speaker label (whose lines introduce others).
    pub host: bool,
    /// The canonical label the mention proposes for its actor, where it is not the surface
    /// (a group's "Russian fighters" for "fighters from Russia").
    pub label: Option<String>,
}

/// A relation found between two mentions of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Index of the source mention.
    pub source: usize,
    /// The relation.
    pub kind: RelationKind,
    /// Index of the target mention.
    pub target: usize,
    /// Index of the supporting sentence.
    pub sentence: usize,
}
