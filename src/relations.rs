//! User-defined relation types: the lines of a schema's `relations.tsv`.
//!
//! The four built-in relations (`says`, `recruits`, `fights-for`, `allied-with`) have rules of
//! their own in [`crate::relate`]. A user's relation is declared with its cue phrases, and
//! [`crate::relate`] finds it with one general rule: the agent of the cue is the source and the
//! actor right after it the target ("X supplied Y"), reversed in the passive ("Y was supplied
//! by X").
//!
//! A definition is interned once per process ([`intern`]) so that [`RelationKind::Custom`]
//! stays a `Copy` handle that every stage and exporter can carry and compare; a process holds
//! only the few relation types its schemas declare.
//!
//! [`RelationKind::Custom`]: crate::model::RelationKind::Custom

use serde::{Deserialize, Serialize};
use std::sync::{Mutex, PoisonError};

/// One user-defined relation type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RelationDef {
    /// The name used in GraphML, GEXF and the CLI (`supplies-arms-to`).
    pub name: String,
    /// Whether the relation has no direction.
    pub symmetric: bool,
    /// Stroke colour in pictures (`#rrggbb`).
    pub colour: String,
    /// The RDF property local name (`suppliesArmsTo`), derived from the name.
    #[serde(skip)]
    pub property: String,
    /// The Neo4j relationship type (`SUPPLIES_ARMS_TO`), derived from the name.
    #[serde(skip)]
    pub neo4j_type: String,
}

/// The colour of a user's relation that does not give one: a neutral dark teal, apart from the
/// built-in relations' colours.
pub const DEFAULT_COLOUR: &str = "#117733";

/// Names the built-in relations use, which a user's relation may not take.
pub const BUILTIN_NAMES: [&str; 4] = ["says", "recruits", "fights-for", "allied-with"];

impl RelationDef {
    /// A definition, checking the name (lower-case ASCII letters, digits and inner hyphens, not
    /// a built-in name, not a term the JSON-LD context already defines) and the colour.
    ///
    /// # Errors
    /// A message saying what is wrong, for the schema loader to put beside file and line.
    pub fn new(name: &str, symmetric: bool, colour: Option<&str>) -> Result<Self, String> {
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && !name.ends_with('-')
            && !name.contains("--")
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(format!(
                "relation name '{name}': use lower-case letters, digits and hyphens, starting with a letter (like supplies-arms-to)"
            ));
        }
        if BUILTIN_NAMES.contains(&name) {
            return Err(format!(
                "'{name}' is a built-in relation; add cue words to it in cues.tsv, or give your relation another name"
            ));
        }
        let property = camel_case(name);
        if crate::export::jsonld::context_terms().contains(&property) {
            return Err(format!(
                "relation name '{name}' clashes with the JSON-LD term '{property}'; choose another name"
            ));
        }
        let colour = match colour.map(str::trim).filter(|c| !c.is_empty()) {
            None => DEFAULT_COLOUR.to_string(),
            Some(c) if c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|h| h.is_ascii_hexdigit()) => {
                c.to_ascii_lowercase()
            }
            Some(c) => return Err(format!("colour '{c}': expected #rrggbb")),
        };
        let neo4j_type = name.replace('-', "_").to_ascii_uppercase();
        Ok(RelationDef { name: name.to_string(), symmetric, colour, property, neo4j_type })
    }

    /// The definition a graph file implies for a relation name it does not declare: directed,
    /// default colour. The name is taken as written, so that any graph reads back.
    #[must_use]
    pub fn from_name(name: &str) -> Self {
        RelationDef::new(name, false, None).unwrap_or_else(|_| RelationDef {
            name: name.to_string(),
            symmetric: false,
            colour: DEFAULT_COLOUR.to_string(),
            property: camel_case(name),
            neo4j_type: name.replace(|c: char| !c.is_ascii_alphanumeric(), "_").to_ascii_uppercase(),
        })
    }
}

/// `supplies-arms-to` → `suppliesArmsTo`.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every definition interned so far.
static REGISTRY: Mutex<Vec<&'static RelationDef>> = Mutex::new(Vec::new());

/// The first interned definition called `name`.
#[must_use]
pub fn known(name: &str) -> Option<&'static RelationDef> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner).iter().find(|d| d.name == name).copied()
}

/// The process-wide handle of `def`: equal definitions share one.
#[must_use]
pub fn intern(def: RelationDef) -> &'static RelationDef {
    let mut registry = REGISTRY.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = registry.iter().find(|d| ***d == def) {
        return found;
    }
    // Leaked on purpose: one small allocation per relation type a schema declares.
    let leaked: &'static RelationDef = Box::leak(Box::new(def));
    registry.push(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_derive_property_and_neo4j_type() {
        let d = RelationDef::new("supplies-arms-to", false, None).expect("valid");
        assert_eq!(d.property, "suppliesArmsTo");
        assert_eq!(d.neo4j_type, "SUPPLIES_ARMS_TO");
        assert_eq!(d.colour, DEFAULT_COLOUR);
    }

    #[test]
    fn bad_names_and_colours_are_refused() {
        for name in ["", "Supplies", "supplies_to", "-x", "x-", "a--b", "says", "allied-with", "name", "weight"] {
            assert!(RelationDef::new(name, false, None).is_err(), "{name}");
        }
        assert!(RelationDef::new("funds", false, Some("red")).is_err());
        assert_eq!(RelationDef::new("funds", true, Some("#ABCDEF")).map(|d| d.colour), Ok("#abcdef".to_string()));
    }

    #[test]
    fn equal_definitions_intern_to_one_handle() {
        let a = intern(RelationDef::new("trains", false, None).expect("valid"));
        let b = intern(RelationDef::new("trains", false, None).expect("valid"));
        let c = intern(RelationDef::new("trains", true, None).expect("valid"));
        assert!(std::ptr::eq(a, b));
        assert!(!std::ptr::eq(a, c));
    }
}
