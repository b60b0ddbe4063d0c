//! Sentence segmentation tuned for French and English interview transcripts.
//!
//! A single left-to-right pass (no Unicode tables): a sentence ends after a run of
//! terminators (`.`, `!`, `?`, `…`, `...`) together with the closing quotes and brackets
//! that follow it (`? »`, `."`, `!)`), when what comes next looks like the start of a new
//! sentence: an upper-case letter, a digit, an opening quote or bracket. It does not end
//!
//! - before a lower-case letter or `, ; :` (`Alors… euh`, `« si… », etc.`, `? », et`);
//! - inside a word or number (`3.5`, `e.g.x`, `glose.toml`);
//! - after a title or a Latin abbreviation (`M.`, `MM.`, `Mme.`, `Dr.`, `St.`, `Mr.`,
//!   `Mrs.`, `p. ex.`, `cf.`, `e.g.`, `i.e.`), an initial (`J. Dupont`), an acronym with
//!   stops (`U.S.`) or a list number opening the sentence (`3. Ensuite`).
//!
//! `etc.` ends a sentence when a capital follows and not otherwise. A line break ends a
//! sentence, as in UAX #29, unless the next line starts with a time (`[00:01:05] …`, one
//! subtitle cue per line). The rules are measured against a hand-annotated set
//! (`tests/fixtures/sentences/`, see `tests/library/sentences.rs`).

use std::ops::Range;

/// Version of the segmentation rules. Anything that caches sentence ranges (derived data
/// under `.glose/`) must key its cache on this value: it changes whenever the rules do.
pub const SEGMENTER_VERSION: u32 = 2;

/// Abbreviations (lower-case, with their final stop) after which a full stop never ends a
/// sentence: they announce a name, a number or an example.
const ABBREVIATIONS: &[&str] = &[
    "m.", "mm.", "mme.", "mmes.", "mlle.", "mlles.", "dr.", "pr.", "st.", "ste.", "mr.", "mrs.",
    "ms.", "messrs.", "prof.", "p.", "pp.", "ex.", "cf.", "vs.", "av.", "env.", "approx.", "n°.",
    "fig.", "vol.", "chap.", "art.", "tél.", "tel.",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽' | '⁇' | '⁈' | '⁉')
}

/// Closing marks that belong to the sentence they follow, even after a (no-break) space.
fn is_spaced_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '›')
}

/// Closing marks that belong to the sentence when they touch the terminator.
fn is_closer(c: char) -> bool {
    is_spaced_closer(c) || matches!(c, '"' | '’' | '\'' | ')' | ']' | '}')
}

fn is_inline_space(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// Splits `text[range]` (bytes, normally one paragraph) into sentences, trimmed of
/// surrounding whitespace, in byte offsets of `text`.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let base = range.start;
    let chunk = &text[range];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0; // end of the last non-space char of the current sentence
    let mut chars = chunk.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            // A line that starts with a time continues the sentence (one subtitle cue per
            // line); any other line break ends it.
            if crate::document::parse_timestamp(&chunk[i + 1..]).is_some() {
                continue;
            }
            if let Some(s) = start.take() {
                out.push(base + s..base + last_end);
            }
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let s = *start.get_or_insert(i);
        last_end = i + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        // The run of terminators.
        let mut run_end = last_end;
        while let Some(&(j, d)) = chars.peek() {
            if !is_terminator(d) {
                break;
            }
            run_end = j + d.len_utf8();
            chars.next();
        }
        let single_stop = run_end == last_end && c == '.';
        let word = word_before(chunk, s, i);
        // Closing quotes and brackets, possibly after (no-break) spaces.
        let mut end = run_end;
        loop {
            let rest = &chunk[end..];
            let spaces: usize = rest
                .chars()
                .take_while(|c| is_inline_space(*c))
                .map(char::len_utf8)
                .sum();
            match rest[spaces..].chars().next() {
                Some(d) if spaces == 0 && is_closer(d) => {
                    end += d.len_utf8();
                }
                Some(d) if spaces > 0 && is_spaced_closer(d) => {
                    end += spaces + d.len_utf8();
                }
                Some(d) if spaces > 0 && matches!(d, '"' | ')') && closes_here(rest, spaces) => {
                    end += spaces + d.len_utf8();
                }
                Some('[') => match annotation_len(&rest[spaces..]) {
                    Some(len) => end += spaces + len,
                    None => break,
                },
                _ => break,
            }
        }
        while chars.peek().is_some_and(|&(j, _)| j < end) {
            chars.next();
        }
        last_end = end;
        let after = &chunk[end..];
        let gap: usize = after
            .chars()
            .take_while(|c| is_inline_space(*c))
            .map(char::len_utf8)
            .sum();
        let next = after[gap..].chars().next();
        let boundary = match next {
            None | Some('\n') => true,
            Some(_) if gap == 0 => false,
            Some(n) => {
                starts_sentence(n)
                    && !(single_stop && keeps_going(out.is_empty(), &chunk[s..i], word, n))
            }
        };
        if boundary {
            out.push(base + s..base + end);
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(base + s..base + last_end);
    }
    out
}

/// Whether a `"` or `)` at `rest[spaces..]` closes (it is followed by a space, the end or
/// punctuation) rather than opening the next sentence.
fn closes_here(rest: &str, spaces: usize) -> bool {
    let mut it = rest[spaces..].chars();
    it.next();
    match it.next() {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '!' | '?'),
    }
}

/// The byte length of a transcriber's annotation opening `rest` (`[rires]`,
/// `[inaudible]`, `[pause 3 s]`): brackets around at most 30 chars starting lower-case.
/// Such an annotation after a sentence's end belongs to that sentence.
fn annotation_len(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let content = &inner[..close];
    let ok = content.chars().next().is_some_and(char::is_lowercase)
        && content.chars().count() <= 30
        && !content.contains(['\n', '[', '.', '!', '?']);
    ok.then_some(close + 2)
}

/// The word just before the terminator at byte `at` (from the last space or opening mark).
fn word_before(chunk: &str, sentence_start: usize, at: usize) -> &str {
    let before = &chunk[sentence_start..at];
    let from = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '«' | '"' | '“' | '[' | '‘'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    &before[from..]
}

/// Whether `n` can open a sentence: anything but lower-case letters and inner punctuation.
fn starts_sentence(n: char) -> bool {
    !(n.is_lowercase() || matches!(n, ',' | ';' | ':' | '.' | '!' | '?' | '…'))
}

/// Whether a single full stop after `word` keeps the sentence going although `next`
/// could open a new one: titles, abbreviations, initials, acronyms, list numbers.
fn keeps_going(first_sentence: bool, sentence_so_far: &str, word: &str, next: char) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut lower = word.to_lowercase();
    lower.push('.');
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // `etc.` ends a sentence before a capital, but not before a digit ("etc. 3 fois");
    // `No.` is a word unless a number follows ("No. 1 priority").
    if lower == "etc." || lower == "no." {
        return next.is_ascii_digit();
    }
    let mut letters = word.chars();
    // An initial: one capital letter (J. Dupont).
    if let (Some(c), None) = (letters.next(), letters.next())
        && c.is_uppercase()
    {
        return true;
    }
    // An acronym or Latin abbreviation with inner stops: U.S., e.g, i.e, J.-P.
    if word.contains('.')
        && word.split('.').all(|p| {
            let letters = p.chars().filter(|c| c.is_alphabetic()).count();
            (1..=2).contains(&letters) && p.chars().all(|c| c.is_alphabetic() || c == '-')
        })
    {
        return true;
    }
    // A list number opening the paragraph: "3. Ensuite" (not a year: "2023. Deux choses").
    first_sentence
        && sentence_so_far.trim() == word
        && word.len() <= 2
        && word.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn french_sentences_with_accents_and_emoji() {
        assert_eq!(
            split("Ça a démarré en 2021. Très vite, on a eu 2 500 abonnés 😀 ! Et après ?"),
            vec![
                "Ça a démarré en 2021.",
                "Très vite, on a eu 2 500 abonnés 😀 !",
                "Et après ?"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split(
                "J’ai vu M. Dupont et Mme Leroy hier. On parle p. ex. Instagram, TikTok, etc. et voilà. MM. Martin et Dr. Who."
            ),
            vec![
                "J’ai vu M. Dupont et Mme Leroy hier.",
                "On parle p. ex. Instagram, TikTok, etc. et voilà.",
                "MM. Martin et Dr. Who."
            ]
        );
        assert_eq!(
            split("Mr. and Mrs. Smith came, e.g. Tom. I.e. nobody. The U.S. Army. J. R. Tolkien."),
            vec![
                "Mr. and Mrs. Smith came, e.g. Tom.",
                "I.e. nobody.",
                "The U.S. Army.",
                "J. R. Tolkien."
            ]
        );
    }

    #[test]
    fn etc_ends_a_sentence_before_a_capital() {
        assert_eq!(
            split("Instagram, TikTok, etc. Et après, rien."),
            vec!["Instagram, TikTok, etc.", "Et après, rien."]
        );
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            split("Le taux est de 3.5 % environ. Ou 2,5 peut-être. On a 1 400 clients."),
            vec![
                "Le taux est de 3.5 % environ.",
                "Ou 2,5 peut-être.",
                "On a 1 400 clients."
            ]
        );
        assert_eq!(
            split("3. Ensuite on a vu. En 2021. 300 clients. 2023. Deux choses."),
            vec![
                "3. Ensuite on a vu.",
                "En 2021.",
                "300 clients.",
                "2023.",
                "Deux choses."
            ]
        );
    }

    #[test]
    fn guillemets_stay_with_their_sentence() {
        assert_eq!(
            split("Elle a dit : « Il faut tenir. » Bon. On a vu « Gaston passera ? ». Ça crée."),
            vec![
                "Elle a dit : « Il faut tenir. »",
                "Bon.",
                "On a vu « Gaston passera ? ».",
                "Ça crée."
            ]
        );
        assert_eq!(
            split(
                "Il y a « Le camion, épisode 1, 2, 3… » où il filme. « Tu es d’Angers si… », etc."
            ),
            vec![
                "Il y a « Le camion, épisode 1, 2, 3… » où il filme.",
                "« Tu es d’Angers si… », etc."
            ]
        );
        assert_eq!(
            split("Je demande « c’est grave ? », et il répond. 150 messages. « Moi non plus »."),
            vec![
                "Je demande « c’est grave ? », et il répond.",
                "150 messages.",
                "« Moi non plus »."
            ]
        );
        assert_eq!(
            split("He said \"no.\" Then \"Yes,\" she said. (Really.) Fine."),
            vec![
                "He said \"no.\"",
                "Then \"Yes,\" she said.",
                "(Really.)",
                "Fine."
            ]
        );
    }

    #[test]
    fn ellipses_and_no_break_spaces() {
        assert_eq!(
            split("Alors… euh, oui\u{a0}! Bon\u{202f}? D’accord... et puis... Voilà."),
            vec![
                "Alors… euh, oui\u{a0}!",
                "Bon\u{202f}?",
                "D’accord... et puis...",
                "Voilà."
            ]
        );
        assert_eq!(
            split("Vraiment ?!\u{a0}» Oui."),
            vec!["Vraiment ?!\u{a0}»", "Oui."]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_offsets_are_absolute() {
        let text = "xx Un\nDeux. Trois";
        let got: Vec<&str> = sentences(text, 3..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, vec!["Un", "Deux.", "Trois"]);
        assert!(split("  \n ").is_empty());
    }
}
