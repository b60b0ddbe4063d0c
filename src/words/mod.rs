//! glose's own words outside the TUI, in English and French, in one place: the report's
//! headings, captions and table headers ([`report`]), and the command line's messages
//! ([`cli`]). The TUI's words are in `tui/strings/`, built the same way.
//!
//! A fixed phrase is a [`Words`] pair; a phrase with values in it is a function of the
//! language that formats both versions (`wrote(lang, path)`). The language comes from
//! [`Lang::for_outputs`] for the report (the same bytes on every machine) and from
//! [`Lang::for_study`] for messages (glose.toml, then the locale). JSON output never goes
//! through here: its keys are a machine format and stay English.

use crate::locale::{Lang, Words};

/// `en` or `fr`, formatted, in `lang`.
fn say(lang: Lang, en: impl FnOnce() -> String, fr: impl FnOnce() -> String) -> String {
    match lang {
        Lang::En => en(),
        Lang::Fr => fr(),
    }
}

pub mod agreement;
pub mod appendix;
pub mod check;
pub mod cli;
pub mod report;
pub mod saturation;
pub mod tables;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_an_english_and_a_french_text() {
        let all = || {
            let more = cli::ALL.iter().chain(tables::ALL).chain(appendix::ALL);
            let more = more.chain(check::ALL).chain(agreement::ALL);
            let more = more.chain(saturation::ALL);
            report::ALL.iter().chain(more)
        };
        for w in all() {
            assert!(!w.en.trim().is_empty() && !w.fr.trim().is_empty(), "{w:?}");
        }
        // Every pair of the files is listed in an `ALL` (so the loop above sees it).
        let files = [
            include_str!("report.rs"),
            include_str!("cli.rs"),
            include_str!("tables.rs"),
            include_str!("appendix.rs"),
            include_str!("check.rs"),
            include_str!("agreement.rs"),
            include_str!("saturation.rs"),
        ];
        let pairs: usize = files.iter().map(|s| s.matches("Words::new(").count()).sum();
        assert_eq!(pairs, all().count());
        // And every message function speaks both.
        for lang in Lang::ALL {
            let texts = [
                report::caption_counts(lang, "a"),
                report::agreement_not_computed(lang, "x"),
                report::agreement_units(lang, Some(0.5), "d"),
                report::saturation_missing(lang, "x"),
                report::n_interviews(lang, 3),
                cli::wrote(lang, "r.html"),
                cli::wrote_segments(lang, 2, "s.csv"),
                cli::merged(lang, "f", 1, 2, 3),
                cli::index_built(lang, "d", "there was no index yet"),
                cli::index_summary(lang, &crate::search::IndexStats::default()),
                tables::memo_on_coding(lang, "i", "c", "d", "q"),
            ];
            for t in texts {
                assert!(!t.is_empty());
            }
        }
        // Phrases with values differ between the languages.
        let stats = crate::search::IndexStats::default();
        let phrases: [&dyn Fn(Lang) -> String; 18] = [
            &|l| agreement::disagreements(l, 2),
            &|l| saturation::rule_line(l, (4, 2, "5"), "date", Some(1)),
            &|l| saturation::not_counted(l, "stage"),
            &|l| saturation::not_coded(l, "a", "E01"),
            &|l| agreement::unit_line(l, crate::unit::Unit::Turn, Some(0.5), true),
            &|l| agreement::definitions(l, "d", true),
            &|l| agreement::segments_title(l, "a", "b", 1, 0.9),
            &|l| agreement::only(l, "a"),
            &|l| agreement::domain_title(l, "g", 2),
            &|l| agreement::left_out_of_pooled(l, "d"),
            &|l| check::study(l, "s"),
            &|l| check::verdict(l, 1, 2),
            &|l| check::errors_see_check(l, 1),
            &|l| cli::index_built(l, "d", "there was no index yet"),
            &|l| cli::index_summary(l, &stats),
            &|l| tables::memo_on_coding(l, "i", "c", "d", "q"),
            &|l| cli::no_such_coding(l, "me", "x"),
            &|l| appendix::usage(l, 1, 2, 3),
        ];
        for say in phrases {
            assert_ne!(say(Lang::En), say(Lang::Fr));
        }
        assert_eq!(cli::wrote(Lang::Fr, "r.html"), "glose: r.html écrit");
        assert_ne!(
            report::caption_counts(Lang::En, "a"),
            report::caption_counts(Lang::Fr, "a")
        );
    }
}
