//! The lexicons: data files in `schema/`, compiled in and overridable with `--schema DIR`.
//!
//! Code says how to recognise; these files say what: countries with their
//! demonyms and capitals, well-known organisations, names, titles, cue words.

use crate::error::{Error, Result};
use crate::relations::{intern, RelationDef};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

/// What a surface form can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Surface {
    /// A country's name or abbreviation ("Russia", "US").
    CountryName(usize),
    /// A country's adjective ("Russian").
    CountryAdj(usize),
    /// A country's people ("Russians").
    CountryPeople(usize),
    /// A country's capital, used as a metonym ("Moscow").
    CountryCapital(usize),
    /// A non-state origin's adjective ("Chechen", "Western").
    OriginAdj(usize),
    /// A non-state origin's people ("Kurds").
    OriginPeople(usize),
    /// A non-state origin's place name ("Chechnya").
    OriginPlace(usize),
    /// A well-known organisation's name or alias.
    Org(usize),
}

/// A country.
#[derive(Debug, Clone)]
pub struct Country {
    /// Canonical English short name.
    pub name: String,
    /// The main adjective ("Russian"), for group labels.
    pub adjective: String,
}

/// A non-state origin (region, people, faith).
#[derive(Debug, Clone)]
pub struct Origin {
    /// Label ("Chechnya").
    pub name: String,
    /// Main adjective ("Chechen").
    pub adjective: String,
}

/// A well-known organisation.
#[derive(Debug, Clone)]
pub struct KnownOrg {
    /// Canonical name.
    pub name: String,
    /// Whether it is typed `Group` (armed movements) rather than `Organization`.
    pub is_group: bool,
}

/// Kinds of title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// Mr., Dr., Sheikh.
    Honorific,
    /// President, spokesman.
    Office,
    /// Gen., Colonel.
    Military,
    /// researcher, analyst.
    Profession,
}

/// A group head noun.
#[derive(Debug, Clone)]
pub struct GroupNoun {
    /// Singular form.
    pub singular: String,
    /// Plural form.
    pub plural: String,
    /// Class from the file: armed, official, people, civil.
    pub class: String,
}

/// Where an organisation cue word must stand in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CuePos {
    /// Last word.
    Head,
    /// First word.
    Lead,
    /// Anywhere.
    Any,
}

/// All lexicons, indexed for lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Countries.
    pub countries: Vec<Country>,
    /// Non-state origins.
    pub origins: Vec<Origin>,
    /// Well-known organisations.
    pub orgs: Vec<KnownOrg>,
    /// Surface form (exact case, `'` for apostrophes, single spaces) → meanings.
    pub surfaces: HashMap<String, Vec<Surface>>,
    /// Longest surface form, in words.
    pub max_surface_words: usize,
    /// Given names.
    pub given_names: HashSet<String>,
    /// Family names that mark a person on their own (often written first).
    pub family_names: HashSet<String>,
    /// Titles (lower case) → kind.
    pub titles: HashMap<String, TitleKind>,
    /// Longest title, in words.
    pub max_title_words: usize,
    /// Every word of every title ("deputy", "minister", "gen."), for telling a title run apart.
    pub title_words: HashSet<String>,
    /// Common English words (lower case).
    pub common_words: HashSet<String>,
    /// Group nouns: any form (lower case) → (index, is plural).
    pub group_nouns: HashMap<String, (usize, bool)>,
    /// Group nouns in file order.
    pub group_noun_list: Vec<GroupNoun>,
    /// Organisation cue words (as written) → position.
    pub org_cues: HashMap<String, CuePos>,
    /// Cue phrases by category (lower case; trailing `*` = prefix).
    pub cues: HashMap<String, Vec<String>>,
    /// Cue phrase → canonical form, where `cues.tsv` gives one (state bodies).
    pub canonical_cues: HashMap<String, String>,
    /// User-defined relation types (`relations.tsv`), in file order.
    pub relations: Vec<UserRelation>,
    /// `cues` indexed for lookup, kept in step with it by `add_file`.
    cue_index: HashMap<String, CueIndex>,
    /// Lower-case word → what the lexicons say of it as a token ([`TokenFacts`]): one lookup
    /// per token answers the per-token tests of several recognisers.
    token_facts: HashMap<String, TokenFacts>,
    /// Exact-case proper prefixes of the surface forms naming a people (`CountryPeople`,
    /// `OriginPeople`), and those forms themselves: [`PEOPLE_PREFIX`], [`PEOPLE_WHOLE`].
    people_forms: HashMap<String, u8>,
    /// Prefixes that first words ending in `*` stand for, with their categories' bits, by
    /// their first byte (256 lists once there is one; a word is tested against the list of its
    /// own first byte only). The bits of an empty prefix, which every word has, are apart.
    cue_first_prefix: Vec<Vec<(String, u64)>>,
    /// The bits of the first words that are a lone `*` (every word matches them).
    cue_any_prefix: u64,
    /// Tells loaded lexicons apart, for what a sentence caches about one ([`Lexicon::id`]).
    id: u64,
}

/// What the lexicons say of a lower-case token, kept in step with them by `add_file`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenFacts {
    /// The bits ([`CueIndex::bit`]) of the categories with a cue phrase whose first word can
    /// match this word: where a category's bit is unset, none of its phrases starts at the
    /// word. (In the stored map, without the `*` first words: [`Lexicon::token_facts`] adds
    /// those.)
    pub(crate) cues: u64,
    /// Whether a form of a group noun (`group_nouns`) has this word as its last word.
    pub(crate) group_noun_last: bool,
}

/// In [`Lexicon::people_form`]: the string is a proper prefix of a form naming a people.
pub(crate) const PEOPLE_PREFIX: u8 = 1;
/// In [`Lexicon::people_form`]: the string is a form naming a people.
pub(crate) const PEOPLE_WHOLE: u8 = 2;

/// A relation type declared in `relations.tsv`.
#[derive(Debug, Clone)]
pub struct UserRelation {
    /// Its definition.
    pub def: &'static RelationDef,
    /// The category of `cues` that holds its cue phrases (`relation:<name>`).
    pub category: String,
}

/// One category's cue phrases indexed so that a token is tested against the few phrases that
/// can start with it, not the whole list.
#[derive(Debug, Default)]
pub(crate) struct CueIndex {
    /// The category's bit in [`TokenFacts::cues`]: one of 64, so categories past the
    /// 64th share bits (the mask then lets more tokens through, never fewer).
    pub(crate) bit: u64,
    /// The category's phrases in list order (as in [`Lexicon::cues`]), each with its words
    /// split once: (word less any trailing `*`, whether it had one, i.e. matches by prefix).
    pub(crate) phrases: Vec<(String, Vec<(String, bool)>)>,
    /// Phrases without a `*` (whole-word equality).
    exact: HashSet<String>,
    /// The `*` phrases, their prefix (the phrase less its `*`).
    prefixes: Vec<String>,
    /// First word → positions in the category's list of the phrases starting with it.
    by_first: HashMap<String, Vec<usize>>,
    /// Positions of the phrases whose first word ends in `*` (matched by prefix).
    first_prefix: Vec<(String, usize)>,
}

impl CueIndex {
    fn add(&mut self, phrase: &str, position: usize) {
        let words = phrase
            .split(' ')
            .map(|w| match w.strip_suffix('*') {
                Some(prefix) => (prefix.to_string(), true),
                None => (w.to_string(), false),
            })
            .collect();
        self.phrases.push((phrase.to_string(), words));
        match phrase.strip_suffix('*') {
            Some(prefix) => self.prefixes.push(prefix.to_string()),
            None => {
                self.exact.insert(phrase.to_string());
            }
        }
        let first = phrase.split(' ').next().unwrap_or("");
        match first.strip_suffix('*') {
            Some(prefix) => self.first_prefix.push((prefix.to_string(), position)),
            None => self.by_first.entry(first.to_string()).or_default().push(position),
        }
    }

    /// Whether lower-case `word` is one of the category's cue words ([`Lexicon::is_cue`]).
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.exact.contains(word) || self.prefixes.iter().any(|p| word.starts_with(p.as_str()))
    }

    /// Positions, in list order, of the phrases whose first word can match `word`.
    fn candidates(&self, word: &str, out: &mut Vec<usize>) {
        out.clear();
        self.for_each_candidate(word, |i| out.push(i));
        out.sort_unstable();
    }

    /// Calls `f` with the position of each phrase whose first word can match `word`: first
    /// those matched by the whole word, in list order, then those matched by prefix, in list
    /// order (two increasing runs, not one).
    pub(crate) fn for_each_candidate(&self, word: &str, mut f: impl FnMut(usize)) {
        if let Some(v) = self.by_first.get(word) {
            v.iter().for_each(|&i| f(i));
        }
        for (p, i) in &self.first_prefix {
            if word.starts_with(p.as_str()) {
                f(*i);
            }
        }
    }
}

/// The lexicon files, by name, as compiled in.
pub const BUILTIN: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../schema/countries.tsv")),
    ("origins.tsv", include_str!("../schema/origins.tsv")),
    ("organizations.tsv", include_str!("../schema/organizations.tsv")),
    ("given_names.txt", include_str!("../schema/given_names.txt")),
    ("family_names.txt", include_str!("../schema/family_names.txt")),
    ("titles.txt", include_str!("../schema/titles.txt")),
    ("common_words.txt", include_str!("../schema/common_words.txt")),
    ("group_nouns.tsv", include_str!("../schema/group_nouns.tsv")),
    ("org_cues.tsv", include_str!("../schema/org_cues.tsv")),
    ("cues.tsv", include_str!("../schema/cues.tsv")),
    ("relations.tsv", include_str!("../schema/relations.tsv")),
];

/// Normalises a surface form for lookup: curly apostrophes to `'`, runs of space to one.
#[must_use]
pub fn normalize_surface(s: &str) -> String {
    // Most tokens are plain ASCII words with nothing to change.
    if s.bytes().all(|b| b.is_ascii_graphic() && b != b'`') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '‑' | '–' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Schema files read from a `--schema` directory besides the lexicons.
const OTHER_FILES: &[&str] = &["boilerplate.tsv"];

/// Whether a user's schema file replaces the built-in one: its first line is `#! replace`.
#[must_use]
pub fn replaces(text: &str) -> bool {
    text.lines().next().is_some_and(|l| l.trim().trim_start_matches('\u{feff}') == "#! replace")
}

/// Refuses a schema directory that does not exist or holds files no schema has: a misspelt
/// `organisations.tsv` would otherwise be ignored without a word.
fn check_schema_dir(dir: &Path) -> Result<()> {
    if !dir.is_dir() {
        return Err(Error::Schema {
            file: dir.display().to_string(),
            line: 0,
            message: "not a directory: --schema takes a directory of schema files (see examples/schema)".into(),
        });
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    let mut names: Vec<String> =
        entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for name in names {
        let schema_like = name.ends_with(".tsv") || name.ends_with(".txt");
        let known = BUILTIN.iter().any(|(n, _)| *n == name) || OTHER_FILES.contains(&name.as_str());
        if schema_like && !known {
            let expected: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).chain(OTHER_FILES.iter().copied()).collect();
            return Err(Error::Schema {
                file: dir.join(&name).display().to_string(),
                line: 0,
                message: format!("not a schema file; rename it to one of: {}", expected.join(", ")),
            });
        }
    }
    Ok(())
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn split_values(col: Option<&&str>) -> Vec<String> {
    col.map(|c| c.split('|').map(str::trim).filter(|v| !v.is_empty()).map(normalize_surface).collect())
        .unwrap_or_default()
}

impl Lexicon {
    /// The compiled-in lexicons.
    ///
    /// # Errors
    /// Never for the shipped files; the signature matches [`Lexicon::load`].
    pub fn builtin() -> Result<Self> {
        Self::load(None)
    }

    /// The compiled-in lexicons, extended by the files of the same name in `dir`.
    ///
    /// A user's file adds to the built-in one of its name; one whose first line is
    /// `#! replace` takes its place instead (see `examples/schema/README.md`). A file in `dir`
    /// that is not a schema file is an error, so a misspelt name does not go unnoticed.
    ///
    /// # Errors
    /// [`Error::Schema`] naming file and line for a malformed file or an unknown file name,
    /// [`Error::Read`] for an unreadable file or directory.
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut lex = Lexicon { id, ..Lexicon::default() };
        if let Some(d) = dir {
            check_schema_dir(d)?;
        }
        for (name, builtin) in BUILTIN {
            match dir.map(|d| d.join(name)) {
                Some(p) if p.exists() => {
                    let user = std::fs::read_to_string(&p).map_err(|source| Error::Read { path: p.clone(), source })?;
                    if !replaces(&user) {
                        lex.add_file(name, name, builtin)?;
                    }
                    lex.add_file(name, &p.display().to_string(), &user)?;
                }
                _ => lex.add_file(name, name, builtin)?,
            }
        }
        Ok(lex)
    }

    fn add_surface(&mut self, form: &str, s: Surface) {
        if form.is_empty() {
            return;
        }
        self.max_surface_words = self.max_surface_words.max(form.split(' ').count());
        let v = self.surfaces.entry(form.to_string()).or_default();
        if !v.contains(&s) {
            v.push(s);
        }
        if matches!(s, Surface::CountryPeople(_) | Surface::OriginPeople(_)) {
            *self.people_forms.entry(form.to_string()).or_default() |= PEOPLE_WHOLE;
            for (k, _) in form.char_indices().skip(1) {
                *self.people_forms.entry(form[..k].to_string()).or_default() |= PEOPLE_PREFIX;
            }
        }
    }

    /// Adds the lines of schema file `name` (shown as `label` in errors).
    fn add_file(&mut self, name: &str, label: &str, text: &str) -> Result<()> {
        let bad =
            |line: usize, message: &str| Error::Schema { file: label.to_string(), line, message: message.to_string() };
        for (line, l) in data_lines(text) {
            let cols: Vec<&str> = l.split('\t').collect();
            match name {
                "countries.tsv" => {
                    let canonical = normalize_surface(cols[0]);
                    if canonical.is_empty() {
                        return Err(bad(line, "empty country name"));
                    }
                    let adjectives = split_values(cols.get(2));
                    let ix = self.countries.len();
                    self.countries.push(Country {
                        name: canonical.clone(),
                        adjective: adjectives.first().cloned().unwrap_or_else(|| canonical.clone()),
                    });
                    self.add_surface(&canonical, Surface::CountryName(ix));
                    for v in split_values(cols.get(1)) {
                        self.add_surface(&v, Surface::CountryName(ix));
                    }
                    for v in adjectives {
                        self.add_surface(&v, Surface::CountryAdj(ix));
                    }
                    for v in split_values(cols.get(3)) {
                        self.add_surface(&v, Surface::CountryPeople(ix));
                    }
                    for v in split_values(cols.get(4)) {
                        self.add_surface(&v, Surface::CountryCapital(ix));
                    }
                }
                "origins.tsv" => {
                    let label = normalize_surface(cols[0]);
                    let adjectives = split_values(cols.get(1));
                    let ix = self.origins.len();
                    self.origins.push(Origin {
                        name: label.clone(),
                        adjective: adjectives.first().cloned().unwrap_or_else(|| label.clone()),
                    });
                    for v in adjectives {
                        self.add_surface(&v, Surface::OriginAdj(ix));
                    }
                    for v in split_values(cols.get(2)) {
                        self.add_surface(&v, Surface::OriginPeople(ix));
                    }
                    for v in split_values(cols.get(3)) {
                        self.add_surface(&v, Surface::OriginPlace(ix));
                    }
                }
                "organizations.tsv" => {
                    let canonical = normalize_surface(cols[0]);
                    let kind = cols.get(1).map_or("", |s| s.trim());
                    let is_group = match kind {
                        "Group" => true,
                        "Organization" | "" => false,
                        _ => return Err(bad(line, "type must be Organization or Group")),
                    };
                    if canonical.is_empty() {
                        return Err(bad(line, "empty organisation name"));
                    }
                    // A name already known (built in, or earlier in the file) gains the new aliases.
                    let ix = match self.orgs.iter().position(|o| o.name == canonical) {
                        Some(ix) => {
                            if !kind.is_empty() {
                                self.orgs[ix].is_group = is_group;
                            }
                            ix
                        }
                        None => {
                            self.orgs.push(KnownOrg { name: canonical.clone(), is_group });
                            self.orgs.len() - 1
                        }
                    };
                    self.add_surface(&canonical, Surface::Org(ix));
                    if let Some(rest) = canonical.strip_prefix("The ") {
                        self.add_surface(rest, Surface::Org(ix));
                    }
                    for v in split_values(cols.get(2)) {
                        // "the Shield": the article is not part of the name as the text writes it.
                        let bare = v.strip_prefix("the ").or_else(|| v.strip_prefix("The ")).unwrap_or(&v);
                        self.add_surface(bare, Surface::Org(ix));
                    }
                }
                "given_names.txt" => {
                    self.given_names.insert(normalize_surface(l));
                }
                "family_names.txt" => {
                    self.family_names.insert(normalize_surface(l));
                }
                "titles.txt" => {
                    let phrase = normalize_surface(cols[0]).to_lowercase();
                    let kind = match cols.get(1).map_or("office", |s| s.trim()) {
                        "honorific" => TitleKind::Honorific,
                        "military" => TitleKind::Military,
                        "profession" => TitleKind::Profession,
                        "office" => TitleKind::Office,
                        _ => return Err(bad(line, "kind must be honorific, office, military or profession")),
                    };
                    self.max_title_words = self.max_title_words.max(phrase.split(' ').count());
                    self.title_words.extend(phrase.split(' ').map(str::to_string));
                    self.titles.insert(phrase, kind);
                }
                "common_words.txt" => {
                    self.common_words.insert(l.trim().to_lowercase());
                }
                "group_nouns.tsv" => {
                    let singular = normalize_surface(cols[0]).to_lowercase();
                    let plural = cols.get(1).map_or(String::new(), |p| normalize_surface(p).to_lowercase());
                    if singular.is_empty() || plural.is_empty() {
                        return Err(bad(line, "expected singular<TAB>plural"));
                    }
                    let ix = self.group_noun_list.len();
                    self.group_nouns.entry(singular.clone()).or_insert((ix, singular == plural));
                    self.group_nouns.insert(plural.clone(), (ix, true));
                    for form in [&singular, &plural] {
                        let last = form.rsplit(' ').next().unwrap_or("");
                        self.token_facts.entry(last.to_string()).or_default().group_noun_last = true;
                    }
                    let class = cols.get(2).map_or(String::new(), |c| c.trim().to_string());
                    self.group_noun_list.push(GroupNoun { singular, plural, class });
                }
                "org_cues.tsv" => {
                    let word = normalize_surface(cols[0]);
                    let pos = match cols.get(1).map_or("head", |s| s.trim()) {
                        "head" => CuePos::Head,
                        "lead" => CuePos::Lead,
                        "any" => CuePos::Any,
                        _ => return Err(bad(line, "position must be head, lead or any")),
                    };
                    let e = self.org_cues.entry(word).or_insert(pos);
                    if *e != pos {
                        *e = CuePos::Any;
                    }
                }
                "cues.tsv" => {
                    let (Some(cat), Some(phrase)) = (cols.first(), cols.get(1)) else {
                        return Err(bad(line, "expected category<TAB>phrase (separated by a tab)"));
                    };
                    let phrase = normalize_surface(phrase).to_lowercase();
                    if let Some(canonical) = cols.get(2) {
                        self.canonical_cues.insert(phrase.clone(), normalize_surface(canonical).to_lowercase());
                    }
                    self.add_cue(cat.trim(), phrase);
                }
                "relations.tsv" => {
                    let name = cols[0].trim();
                    let symmetric = match cols.get(1).map(|d| d.trim()) {
                        Some("directed") => false,
                        Some("symmetric") => true,
                        _ => return Err(bad(
                            line,
                            "expected name<TAB>directed|symmetric<TAB>cue phrases separated by |<TAB>optional #rrggbb",
                        )),
                    };
                    let def = RelationDef::new(name, symmetric, cols.get(3).copied()).map_err(|m| bad(line, &m))?;
                    let cues: Vec<String> = split_values(cols.get(2)).iter().map(|c| c.to_lowercase()).collect();
                    if cues.is_empty() {
                        return Err(bad(
                            line,
                            "a relation needs at least one cue phrase (third column, separated by |)",
                        ));
                    }
                    let category = format!("relation:{name}");
                    match self.relations.iter().find(|r| r.def.name == def.name) {
                        Some(old) if *old.def != def => {
                            return Err(bad(line, &format!("relation '{name}' is declared twice, differently")))
                        }
                        Some(_) => {}
                        None => self.relations.push(UserRelation { def: intern(def), category: category.clone() }),
                    }
                    for cue in cues {
                        self.add_cue(&category, cue);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn add_cue(&mut self, category: &str, phrase: String) {
        let list = self.cues.entry(category.to_string()).or_default();
        let categories = self.cue_index.len();
        let index = self.cue_index.entry(category.to_string()).or_default();
        if index.bit == 0 {
            index.bit = 1u64 << (categories % 64);
        }
        index.add(&phrase, list.len());
        let first = phrase.split(' ').next().unwrap_or("");
        match first.strip_suffix('*') {
            Some(prefix) => match prefix.as_bytes().first() {
                Some(&b) => {
                    self.cue_first_prefix.resize_with(256, Vec::new);
                    self.cue_first_prefix[usize::from(b)].push((prefix.to_string(), index.bit));
                }
                None => self.cue_any_prefix |= index.bit,
            },
            None => self.token_facts.entry(first.to_string()).or_default().cues |= index.bit,
        }
        list.push(phrase);
    }

    /// The meanings of a surface form, exact case.
    #[must_use]
    pub fn lookup(&self, form: &str) -> &[Surface] {
        self.surfaces.get(form).map_or(&[], Vec::as_slice)
    }

    /// Cue phrases of a category.
    #[must_use]
    pub fn cue_list(&self, category: &str) -> &[String] {
        self.cues.get(category).map_or(&[], Vec::as_slice)
    }

    /// Whether lower-case `word` is one of the category's cue words (a `*` entry matches by prefix).
    #[must_use]
    pub fn is_cue(&self, category: &str, word: &str) -> bool {
        self.cue_index.get(category).is_some_and(|ix| ix.contains(word))
    }

    /// Positions in [`Lexicon::cue_list`], in list order, of the category's phrases whose first
    /// word can match lower-case `word`: the only ones that can start at that token.
    pub fn cue_candidates(&self, category: &str, word: &str, out: &mut Vec<usize>) {
        match self.cue_index.get(category) {
            Some(ix) => ix.candidates(word, out),
            None => out.clear(),
        }
    }

    /// This lexicon's number, distinct for each one loaded (0 for [`Lexicon::default`]).
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// [`TokenFacts`] of lower-case `word`.
    pub(crate) fn token_facts(&self, word: &str) -> TokenFacts {
        let mut facts = self.token_facts.get(word).copied().unwrap_or_default();
        facts.cues |= self.cue_any_prefix;
        let same_first = word.as_bytes().first().and_then(|&b| self.cue_first_prefix.get(usize::from(b)));
        for (p, bit) in same_first.into_iter().flatten() {
            if word.starts_with(p.as_str()) {
                facts.cues |= bit;
            }
        }
        facts
    }

    /// [`PEOPLE_PREFIX`] and [`PEOPLE_WHOLE`] bits of an exact-case string: where neither is
    /// set, no form naming a people is the string or starts with it.
    pub(crate) fn people_form(&self, form: &str) -> u8 {
        self.people_forms.get(form).copied().unwrap_or(0)
    }

    /// The index of a category's cue phrases, if it has any.
    pub(crate) fn cue_index(&self, category: &str) -> Option<&CueIndex> {
        self.cue_index.get(category)
    }

    /// Whether `word` is a common English word (case-insensitive).
    #[must_use]
    pub fn is_common(&self, word: &str) -> bool {
        // An ASCII word without capitals is its own lower case: no copy needed.
        if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return self.common_words.contains(word);
        }
        self.common_words.contains(&word.to_lowercase())
    }
}
