//! Spelling-folded keys and slugs for names.

/// A key under which spelling and transliteration variants of a name meet:
/// accents and case folded, leading articles and Arabic "al-" particles
/// dropped, vowels removed, `c`/`q` as `k`, doubled letters collapsed.
///
/// ```
/// use actorgraph::resolve::alias::name_key;
/// assert_eq!(name_key("al-Qaida"), name_key("Al-Qaeda"));
/// assert_eq!(name_key("Omar Hassan"), name_key("Omar al-Hassan"));
/// assert_eq!(name_key("Dmitry Sokolovskiy"), name_key("Dmitry Sokolovsky"));
/// assert_ne!(name_key("Park Min Ho"), name_key("Park Ho Min"));
/// ```
#[must_use]
pub fn name_key(name: &str) -> String {
    let joined = folded_words(name);
    if joined.chars().all(|c| c.is_ascii_digit()) || joined.len() <= 3 {
        return joined;
    }
    skeleton(&joined)
}

/// The name folded to lower-case ASCII letters and digits, without a leading "the" or the
/// Arabic article particles ("al-Assad" → "assad").
fn folded_words(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase().replace('\'', "");
    let mut words: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.first() == Some(&"the") && words.len() > 1 {
        words.remove(0);
    }
    let words: Vec<&str> =
        words.into_iter().filter(|w| !matches!(*w, "al" | "el" | "ad" | "ar" | "as" | "an" | "ash")).collect();
    words.join("")
}

/// Vowels dropped, `c`/`q` as `k`, `w` as `v`, doubled letters collapsed, "kh"/"ph" folded.
fn skeleton(joined: &str) -> String {
    let mut out = String::new();
    for c in joined.chars() {
        let c = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' => continue,
            'c' | 'q' => 'k',
            'w' => 'v',
            c => c,
        };
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    // "kh"/"h" and "ph"/"f" variants.
    out.replace("kh", "h").replace("ph", "f")
}

/// The key of a lone surname: the spelling-folded [`name_key`] where it keeps three or more
/// letters, else the plain folded word, so short names ("Hama", "Kim") do not meet by accident.
///
/// ```
/// use actorgraph::resolve::alias::surname_key;
/// assert_eq!(surname_key("al-Assad"), surname_key("Assad"));
/// assert_ne!(surname_key("Hama"), surname_key("Hamm"));
/// ```
#[must_use]
pub fn surname_key(name: &str) -> String {
    let k = name_key(name);
    if k.len() >= 3 {
        k
    } else {
        folded_words(name)
    }
}

/// A lower-case, XML- and IRI-safe slug: ASCII letters, digits and single hyphens.
///
/// ```
/// assert_eq!(actorgraph::resolve::alias::slug("Amadou Touré"), "amadou-toure");
/// ```
#[must_use]
pub fn slug(s: &str) -> String {
    let folded = deunicode::deunicode(s).to_lowercase();
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out
    }
}

/// Whether a surface form is an acronym rather than a spelled-out name.
#[must_use]
pub fn looks_like_acronym(s: &str) -> bool {
    !s.contains(' ')
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
        && s.chars().filter(|c| c.is_lowercase()).count() <= 1
}
