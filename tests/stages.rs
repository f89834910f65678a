//! The stages one at a time: segment, clean, and the name keys of resolution.
//!
//! Tests marked `#[ignore]` pin known bugs; `cargo test --test stages -- --ignored`
//! shows whether they pass yet.

use actorgraph::clean::{self, Boilerplate, RepeatedLines};
use actorgraph::model::Span;
use actorgraph::resolve::alias::{name_key, slug};
use actorgraph::segment::{segment, tokenize};

/// The sentences of `text`, segmented as one block, as strings.
fn sentences(text: &str) -> Vec<&str> {
    segment(text, &[Span::new(0, text.len())]).iter().map(|s| &text[s.span.start..s.span.end]).collect()
}

// ---- segment ----

#[test]
fn abbreviations_do_not_end_sentences() {
    let text = "Mr. Lindqvist met Gen. Ochoa in the U.S. capital. Both left early.";
    assert_eq!(sentences(text), ["Mr. Lindqvist met Gen. Ochoa in the U.S. capital.", "Both left early."]);
}

#[test]
fn initials_do_not_end_sentences() {
    let text = "The report by J. Ferreira was leaked. It named two firms.";
    assert_eq!(sentences(text), ["The report by J. Ferreira was leaked.", "It named two firms."]);
}

#[test]
fn a_quote_and_its_attribution_stay_one_sentence() {
    let text = "\"We will hold the pass. We will not retreat,\" said Amara Osei. The talks ended.";
    assert_eq!(
        sentences(text),
        ["\"We will hold the pass. We will not retreat,\" said Amara Osei.", "The talks ended."]
    );
}

#[test]
fn curly_quotes_stay_one_sentence() {
    let text = "“The port is ours. The road is next,” the commander said. Nobody replied.";
    assert_eq!(sentences(text), ["“The port is ours. The road is next,” the commander said.", "Nobody replied."]);
}

#[test]
fn a_quote_that_ends_with_a_stop_ends_the_sentence() {
    assert_eq!(
        sentences("Osei said: \"We are ready.\" Then he left."),
        ["Osei said: \"We are ready.\"", "Then he left."]
    );
    assert_eq!(sentences("Osei said: “We are ready.” Then he left."), ["Osei said: “We are ready.”", "Then he left."]);
}

#[test]
fn question_and_exclamation_marks_end_sentences() {
    assert_eq!(sentences("Who pays them? Nobody knows! Ask Lima."), ["Who pays them?", "Nobody knows!", "Ask Lima."]);
}

#[test]
fn a_sentence_before_an_opening_quote_ends() {
    let text = "Solberg visited the camp. \"Nobody is safe,\" she said.";
    assert_eq!(sentences(text), ["Solberg visited the camp.", "\"Nobody is safe,\" she said."]);
}

#[test]
fn sentences_do_not_cross_blocks() {
    let text = "A headline without a stop\nThe body starts here. It goes on.";
    let blocks = [Span::new(0, 25), Span::new(26, text.len())];
    let got: Vec<&str> = segment(text, &blocks).iter().map(|s| &text[s.span.start..s.span.end]).collect();
    assert_eq!(got, ["A headline without a stop", "The body starts here.", "It goes on."]);
}

#[test]
fn offsets_map_back_to_the_text_with_multibyte_characters() {
    // Accents, an em dash, curly quotes and an emoji put byte offsets far from char offsets;
    // the block starts after a prefix that must not be segmented.
    let prefix = "Héllo — skipped\n";
    let text = format!("{prefix}“Assimi Goïta’s men are here,” said Zoë Ångström. Then Lima 🚀 replied.");
    let got = segment(&text, &[Span::new(prefix.len(), text.len())]);
    let sentences: Vec<&str> = got.iter().map(|s| &text[s.span.start..s.span.end]).collect();
    assert_eq!(sentences, ["“Assimi Goïta’s men are here,” said Zoë Ångström.", "Then Lima 🚀 replied."]);
    for s in &got {
        assert_eq!(s.tokens.first().map(|t| t.span.start), Some(s.span.start));
        assert_eq!(s.tokens.last().map(|t| t.span.end), Some(s.span.end));
        for t in &s.tokens {
            assert!(!text[t.span.start..t.span.end].contains(char::is_whitespace), "a token holds no space");
        }
    }
    let words: Vec<&str> =
        got.iter().flat_map(|s| &s.tokens).filter(|t| t.word).map(|t| &text[t.span.start..t.span.end]).collect();
    for w in ["Assimi", "Goïta", "Zoë", "Ångström", "Lima"] {
        assert!(words.contains(&w), "{w} not a token of {words:?}");
    }
    assert!(!words.contains(&"Héllo"), "text outside the block was segmented");
}

#[test]
fn tokens_keep_names_and_numbers_whole() {
    let text = "al-Rashidi and O'Brien bought 1,200 U.S.-made rifles";
    let words: Vec<&str> = tokenize(text, 0).iter().map(|t| &text[t.span.start..t.span.end]).collect();
    assert_eq!(words, ["al-Rashidi", "and", "O'Brien", "bought", "1,200", "U.S.", "-", "made", "rifles"]);
    let shifted = tokenize(text, 100);
    assert_eq!(shifted[0].span, Span::new(100, 110), "the offset is added to every span");
}

#[test]
fn tokens_split_a_possessive_as_documented() {
    let text = "Okonjo's men";
    let words: Vec<&str> = tokenize(text, 0).iter().map(|t| &text[t.span.start..t.span.end]).collect();
    assert_eq!(words, ["Okonjo", "'s", "men"]);
}

// ---- clean ----

/// A scraped page: masthead, navigation, cookie line, headline, byline, article,
/// newsletter box, "Related" list and a JSON blob. The actors in the junk must not leak.
const PAGE: &str = "\
THE HARBOUR GAZETTE
Home | World | Security | Opinion | Podcasts
We use cookies to improve your experience. Accept all
Salt company hires Zambian guards for Peru mines
By Lena Marsh, 12 May 2024
The Northern Salt Company has hired two hundred Zambian guards for its mines in southern Peru, company documents show.
Ingrid Solberg, a labour researcher in Lima, said the contracts paid far less than the company had promised the men.

Sign up for our newsletter
Get the best of the Gazette in your inbox every morning.
Related
Mongolia expands its army
Laos signs mining deal with Kenya
{\"@context\":\"https://schema.org\",\"headline\":\"Uruguay hires guards\",\"author\":{\"name\":\"Tomas Varga\"}}
";

/// The article lines of [`PAGE`].
const ARTICLE: [&str; 3] = [
    "Salt company hires Zambian guards for Peru mines",
    "The Northern Salt Company has hired two hundred Zambian guards for its mines in southern Peru, company documents show.",
    "Ingrid Solberg, a labour researcher in Lima, said the contracts paid far less than the company had promised the men.",
];

fn kept_lines<'t>(text: &'t str, repeated: &RepeatedLines) -> Vec<&'t str> {
    let junk = Boilerplate::parse(clean::BUILTIN);
    clean::clean(text, &junk, repeated).iter().map(|s| &text[s.start..s.end]).collect()
}

#[test]
fn clean_keeps_the_article_and_drops_the_page_junk() {
    assert_eq!(kept_lines(PAGE, &RepeatedLines::new()), ARTICLE);
}

#[test]
fn clean_drops_a_json_blob_and_markup_inside_the_article() {
    let text = format!(
        "{}\n{}\n<div class=\"ad-slot\"></div>\n{{\"id\":42,\"tags\":[\"Mongolia\",\"Laos\"]}}\n{}\n",
        ARTICLE[0], ARTICLE[1], ARTICLE[2]
    );
    assert_eq!(kept_lines(&text, &RepeatedLines::new()), ARTICLE);
}

#[test]
fn clean_keeps_a_headline_above_a_breadcrumb() {
    let body = "The Northern Salt Company has hired two hundred Zambian guards for its mines, documents show. \
                The company denied it, saying all of its staff were local hires with proper contracts.";
    for crumb in ["Home | World | Africa", "News > Africa > Peru", "World \u{203a} Americas"] {
        let text = format!("Salt company hires Zambian guards\n\n{crumb}\n\n{body}\n");
        let kept = kept_lines(&text, &RepeatedLines::new());
        assert_eq!(kept, ["Salt company hires Zambian guards", body], "{crumb}");
    }
}

#[test]
fn clean_keeps_a_headline_above_a_photo_credit() {
    let body = "The Northern Salt Company has hired two hundred Zambian guards for its mines, documents show. \
                The company denied it, saying all of its staff were local hires with proper contracts.";
    let text = format!(
        "Salt company hires Zambian guards\nListen to this article · 3 min\nFILE PHOTO: Guards at a mine. REUTERS/Ana Ruiz/File Photo\n{body}\n"
    );
    let kept = kept_lines(&text, &RepeatedLines::new());
    assert_eq!(kept.first(), Some(&"Salt company hires Zambian guards"), "{kept:?}");
    assert_eq!(kept.last(), Some(&body));
}

#[test]
fn clean_drops_an_inline_read_more_block_and_goes_on() {
    let first = "The Northern Salt Company has hired two hundred Zambian guards for its mines, documents show. \
                 The company denied it, saying all of its staff were local hires.";
    let second = "Mongolia has also recruited Laotian volunteers for the same firm, according to a labour researcher \
                  who has followed the company for years.";
    let text = format!("{first}\n\nRead more:\nPeru hires guards\nChile sends troops\n\n{second}\n");
    assert_eq!(kept_lines(&text, &RepeatedLines::new()), [first, second]);
    // A list that goes on is the end of the article.
    let list: String = (0..8).map(|i| format!("Headline number {i} about the war\n")).collect();
    let text = format!("{first}\n{first}\nRead more:\n{list}{second}\n");
    assert_eq!(kept_lines(&text, &RepeatedLines::new()), [first, first]);
}

#[test]
fn clean_spans_are_trimmed_lines_of_the_text() {
    let text = "  The Northern Salt Company has hired two hundred Zambian guards for its mines, documents show.  \r\n";
    let kept = kept_lines(text, &RepeatedLines::new());
    assert_eq!(kept, ["The Northern Salt Company has hired two hundred Zambian guards for its mines, documents show."]);
}

#[test]
fn clean_drops_lines_the_corpus_repeats() {
    let text = "Share this story with a friend today\n\
        The Northern Salt Company has hired two hundred Zambian guards for its mines, documents show.\n";
    let mut repeated = RepeatedLines::new();
    repeated.insert(clean::line_key("Share   this story with a friend TODAY"));
    let kept = kept_lines(text, &repeated);
    assert_eq!(kept.len(), 1);
    assert!(kept[0].starts_with("The Northern Salt Company"));
}

#[test]
fn find_date_reads_an_iso_date_near_the_top() {
    assert_eq!(clean::find_date("Posted 2024-05-12T09:00Z\nText."), Some("2024-05-12".to_string()));
    assert_eq!(clean::find_date("Posted 2024-13-12\nText."), None);
}

// ---- resolve::alias ----

#[test]
fn name_key_joins_transliteration_variants() {
    assert_eq!(name_key("Mohammed Al-Rashidi"), name_key("Muhammad al-Rashidi"));
    assert_eq!(name_key("Mohamed el-Rashidi"), name_key("Muhammad Rashidi"));
    assert_eq!(name_key("Khalid Haddad"), name_key("Halid Hadad"));
    assert_eq!(name_key("the Coastal Front"), name_key("Coastal Front"));
    assert_eq!(name_key("Zoë Ångström"), name_key("Zoe Angstrom"));
}

#[test]
fn name_key_keeps_different_names_apart() {
    assert_ne!(name_key("Ingrid Solberg"), name_key("Ingrid Solheim"));
    assert_ne!(name_key("Rafael Okonjo"), name_key("Rafael Okoro"));
    // Short keys are kept whole rather than stripped of vowels.
    assert_ne!(name_key("UNA"), name_key("UN"));
}

#[test]
fn slug_is_lowercase_ascii_with_single_hyphens() {
    assert_eq!(slug("Zoë Ångström"), "zoe-angstrom");
    assert_eq!(slug("  Coastal  Liberation -- Front (CLF) "), "coastal-liberation-front-clf");
    assert_eq!(slug("al-Rashidi's men"), "al-rashidi-s-men");
    assert_eq!(slug("!!!"), "unnamed");
    assert_eq!(slug(""), "unnamed");
}

// ---- recognise ----

#[test]
fn quotation_marks_are_not_part_of_a_name() {
    use actorgraph::lexicon::Lexicon;
    let lex = Lexicon::builtin().unwrap();
    for text in [
        "Ingrid Solberg said that 4,000 \"volunteers\" in the Sahel are ready to fight for Peru.",
        "Ingrid Solberg said that 4,000 \u{201c}volunteers\u{201d} in the Sahel are ready to fight for Peru.",
    ] {
        let sentences = segment(text, &[Span::new(0, text.len())]);
        let mentions = actorgraph::recognise::recognise(&lex, text, &sentences);
        assert!(!mentions.is_empty());
        for m in &mentions {
            assert!(!m.surface.contains(['"', '\u{201c}', '\u{201d}']), "{:?}", m.surface);
            assert!(m.label.as_deref().is_none_or(|l| !l.contains('"')), "{:?}", m.label);
        }
    }
}
