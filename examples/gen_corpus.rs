//! Writes N synthetic news articles for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [SEED] [--uniform]
//! ```
//!
//! Articles are built from templates and the compiled-in lexicons: varied actors
//! (countries, known organisations, people with titles, groups), quotes, recruitment and
//! fighting sentences, alliances, filler prose, and page junk (share bars, bylines, related
//! links, footers) around the body. The same N and SEED always give the same files. The
//! text is for timing, not for scoring. Keep corpora outside the repository (e.g. /tmp).
//!
//! Every choice from a list (country, organisation, name, group, filler, junk line) is
//! Zipf-like: the k-th item of the list (countries in a fixed shuffled order) is drawn with
//! weight 1/k, as news names a few actors often and most rarely, so the actors and their
//! relations grow sublinearly with the corpus. `--uniform` draws every item alike, as the
//! generator did before (the same files as then for the same N and SEED): the relations
//! between ~200 countries and ~6,000 groups then keep appearing new, and the graph grows
//! almost as fast as the corpus.

use actorgraph::lexicon::Lexicon;
use std::io::Write;
use std::path::PathBuf;

/// A small deterministic generator (xorshift64*), so the corpus needs no dependency.
struct Rng {
    state: u64,
    /// Zipf-like picks: cumulative weights 1/k per list length; `None` picks uniformly.
    zipf: Option<std::collections::HashMap<usize, Vec<u64>>>,
}

impl Rng {
    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    /// An index below `n`, 0 the most likely (weight 1/(k+1)) when Zipf-like.
    fn index(&mut self, n: usize) -> usize {
        let r = self.next();
        let Some(cdfs) = &mut self.zipf else {
            return usize::try_from(r % n.max(1) as u64).unwrap_or(0);
        };
        let cdf = cdfs.entry(n).or_insert_with(|| {
            let mut total = 0;
            (0..n.max(1) as u64)
                .map(|k| {
                    total += 1_000_000 / (k + 1);
                    total
                })
                .collect()
        });
        let x = r % cdf.last().copied().unwrap_or(1).max(1);
        cdf.partition_point(|c| *c <= x).min(n.saturating_sub(1))
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Anna", "Boris", "Carlos", "Dana", "Elena", "Farid", "Grace", "Hassan", "Ivan", "Julia", "Karim", "Lena", "Marco",
    "Nadia", "Omar", "Pavel", "Rania", "Samir", "Tanya", "Viktor", "Yusuf", "Zara", "Ahmed", "Olga", "Peter", "Amara",
    "Kwame", "Ines", "Tomas", "Leila",
];
const LAST: &[&str] = &[
    "Petrov",
    "Haddad",
    "Novak",
    "Kovalenko",
    "Rahimi",
    "Morales",
    "Ivanova",
    "Khalil",
    "Sokolov",
    "Brennan",
    "Mansour",
    "Volkov",
    "Orlov",
    "Dubois",
    "Karimov",
    "Fischer",
    "Nasser",
    "Lebedev",
    "Osman",
    "Markov",
    "Wright",
    "Yilmaz",
    "Zakharov",
    "Tarasov",
    "Osei",
    "Mensah",
    "Ferreira",
    "Lindqvist",
    "Okafor",
    "Ochoa",
];
const TITLES: &[&str] =
    &["President", "Defence Minister", "Gen.", "spokesman", "Colonel", "analyst", "Foreign Minister"];
const GROUP_NOUNS: &[&str] = &["fighters", "mercenaries", "volunteers", "militants", "soldiers", "recruits"];
const QUALIFIERS: &[&str] = &["", "young ", "foreign ", "local ", "former "];
const ORGS: &[&str] = &[
    "Wagner Group",
    "Federal Security Service",
    "United Nations",
    "Islamic State",
    "Rapid Support Forces",
    "NATO",
    "European Union",
    "Red Cross",
    "African Union",
    "Hezbollah",
];
const FILLER: &[&str] = &[
    "The fighting has displaced thousands of families over the past year, according to aid workers in the region.",
    "Prices for food and fuel have risen sharply since the border crossings were closed in the spring.",
    "Local officials said the situation remained tense but that schools had reopened in several towns.",
    "Satellite images reviewed by researchers showed new fortifications along the main road to the airport.",
    "Residents described long queues at checkpoints and frequent power cuts during the winter months.",
    "The talks, which had been expected to last two days, ended early without a joint statement.",
    "Analysts note that the economy has contracted for three consecutive quarters as exports collapsed.",
    "Human rights groups have called for an independent inquiry into the deaths of civilians last month.",
];
const JUNK_TOP: &[&str] = &[
    "Share this story",
    "Skip to main content",
    "Home | World | Africa | Middle East",
    "Subscribe now",
    "Sign in to your account",
    "Advertisement",
];
const JUNK_BOTTOM: &[&str] = &[
    "Related: More stories from our correspondents",
    "Sign up for our daily newsletter",
    "© 2024 World News Network. All rights reserved.",
    "Comments are closed.",
    "Read more: Ceasefire talks stall again",
];

struct Actors {
    countries: Vec<(String, String)>,
}

impl Actors {
    fn from(lex: &Lexicon) -> Self {
        let countries: Vec<(String, String)> = lex
            .countries
            .iter()
            .filter(|c| c.adjective != c.name)
            .map(|c| (c.name.clone(), c.adjective.clone()))
            .collect();
        Actors { countries }
    }
}

fn person(rng: &mut Rng) -> (String, String) {
    let last = (*rng.pick(LAST)).to_string();
    (format!("{} {last}", rng.pick(FIRST)), last)
}

fn group(rng: &mut Rng, a: &Actors) -> String {
    let (_, adj) = rng.pick(&a.countries);
    format!("{}{adj} {}", rng.pick(QUALIFIERS), rng.pick(GROUP_NOUNS))
}

fn actor(rng: &mut Rng, a: &Actors) -> String {
    match rng.below(4) {
        0 => rng.pick(&a.countries).0.clone(),
        1 => format!("the {}", rng.pick(ORGS)),
        2 => format!("the {} government", rng.pick(&a.countries).1),
        _ => rng.pick(ORGS).to_string(),
    }
}

fn sentence(rng: &mut Rng, a: &Actors, speaker: &(String, String), country: &str) -> String {
    let (name, last) = speaker;
    // About one sentence in four names actors in a relation, as in wire copy; the rest is prose.
    match rng.below(24) {
        0 => format!(
            "\"We will not allow {} to operate on our territory,\" said {} {name}, speaking in {country} on Tuesday.",
            group(rng, a),
            rng.pick(TITLES)
        ),
        1 => format!(
            "{} has been recruiting {} to fight in {}, officials said.",
            actor(rng, a),
            group(rng, a),
            rng.pick(&a.countries).0
        ),
        2 => format!(
            "Hundreds of {} are fighting for {} near the border, {last} told reporters.",
            group(rng, a),
            actor(rng, a)
        ),
        3 => format!(
            "{} and {} signed a defence agreement last week, pledging to back each other against {}.",
            rng.pick(&a.countries).0,
            rng.pick(&a.countries).0,
            group(rng, a)
        ),
        4 => format!(
            "According to {}, the {} were paid to join the campaign in {country}.",
            actor(rng, a),
            group(rng, a)
        ),
        5 => format!("{last} said the {} had offered {} contracts and passports.", actor(rng, a), group(rng, a)),
        _ => (*rng.pick(FILLER)).to_string(),
    }
}

/// The text with its first letter in upper case.
fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn article(rng: &mut Rng, a: &Actors, i: usize) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(3) {
        out.push_str(rng.pick::<&str>(JUNK_TOP));
        out.push('\n');
    }
    let country = rng.pick(&a.countries).0.clone();
    out.push_str(&cap(&format!("{} accused of recruiting {} for war in {country}\n", actor(rng, a), group(rng, a))));
    out.push_str(&format!("By {} | {} {}, 2024\n\n", person(rng).0, 1 + rng.below(28), "March"));
    let speakers: Vec<(String, String)> = (0..2 + rng.below(3)).map(|_| person(rng)).collect();
    let paragraphs = 4 + rng.below(8);
    for p in 0..paragraphs {
        let n = 1 + rng.below(4);
        let para: Vec<String> = (0..n)
            .map(|_| {
                let speaker = &speakers[rng.below(speakers.len())];
                cap(&sentence(rng, a, speaker, &country))
            })
            .collect();
        out.push_str(&para.join(" "));
        out.push_str("\n\n");
        if p == paragraphs / 2 && rng.below(3) == 0 {
            out.push_str("Advertisement\n\n");
        }
    }
    for _ in 0..1 + rng.below(3) {
        out.push_str(rng.pick::<&str>(JUNK_BOTTOM));
        out.push('\n');
    }
    out.push_str(&format!("Article {i}\n"));
    out
}

fn main() -> std::process::ExitCode {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let uniform = all.iter().any(|a| a == "--uniform");
    let args: Vec<&String> = all.iter().filter(|a| *a != "--uniform").collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: gen_corpus N DIR [SEED] [--uniform]");
        return std::process::ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse::<u64>().ok()).unwrap_or(42);
    match run(n, &PathBuf::from(dir), seed, uniform) {
        Ok(bytes) => {
            eprintln!("{n} documents, {:.2} MB -> {dir}", bytes as f64 / 1e6);
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run(n: usize, dir: &std::path::Path, seed: u64, uniform: bool) -> Result<u64, Box<dyn std::error::Error>> {
    let lex = Lexicon::builtin()?;
    let mut actors = Actors::from(&lex);
    if actors.countries.is_empty() {
        return Err("the lexicon has no countries".into());
    }
    let mut rng = Rng { state: seed.max(1), zipf: None };
    if !uniform {
        // The most named countries: a fixed shuffle of the lexicon's (Fisher-Yates).
        let mut order = Rng { state: 0x5eed, zipf: None };
        for i in (1..actors.countries.len()).rev() {
            actors.countries.swap(i, order.below(i + 1));
        }
        rng.zipf = Some(std::collections::HashMap::new());
    }
    let mut bytes = 0;
    // Files are spread over subdirectories of 1000 so that no directory grows too large.
    for i in 0..n {
        let sub = dir.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let text = article(&mut rng, &actors, i);
        bytes += text.len() as u64;
        let mut f = std::io::BufWriter::new(std::fs::File::create(sub.join(format!("{i:07}.txt")))?);
        f.write_all(text.as_bytes())?;
        f.flush()?;
    }
    Ok(bytes)
}
