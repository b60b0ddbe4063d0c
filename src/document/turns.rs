//! Speaker turns: lines that open with `[hh:mm:ss] Speaker :`.

use std::ops::Range;

use serde::Serialize;

/// Who speaks in a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The researcher asking questions.
    Interviewer,
    /// The person interviewed.
    Respondent,
    /// Text before the first speaker label.
    Unknown,
}

impl Role {
    /// The name used in queries and exports (`interviewer`, `respondent`, `unknown`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Interviewer => "interviewer",
            Role::Respondent => "respondent",
            Role::Unknown => "unknown",
        }
    }
}

/// The labels recognised as interviewers when `glose.toml` does not list its own.
pub const DEFAULT_INTERVIEWER_LABELS: &[&str] = &[
    "Intervieweuse",
    "Intervieweur",
    "Interviewer",
    "Interviewer·euse",
    "I",
    "Q",
    "Enquêteur",
    "Enquêtrice",
    "Chercheur",
    "Chercheuse",
];

/// Respondent labels that are always recognised, even when said once.
pub const COMMON_RESPONDENT_LABELS: &[&str] = &[
    "Fondatrice",
    "Fondateur",
    "Cofondatrice",
    "Cofondateur",
    "Co-fondatrice",
    "Co-fondateur",
    "Répondant",
    "Répondante",
    "Participant",
    "Participante",
    "Enquêté",
    "Enquêtée",
    "Respondent",
    "Interviewee",
    "Founder",
    "R",
    "P",
];

/// A label found at the start of a line, in byte offsets of that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMatch {
    /// Timestamp in seconds, when the line starts with `[hh:mm:ss]` or `[mm:ss]`.
    pub timestamp: Option<u32>,
    /// The speaker's label as written (`Fondatrice`).
    pub speaker: String,
    /// Byte length of the whole prefix, up to and including the colon and following spaces.
    pub prefix_len: usize,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}'
}

/// Parses `[hh:mm:ss]`, `[mm:ss]` (with optional fractional seconds) at the start of `s`.
/// Returns seconds and the byte length consumed (including the closing bracket).
pub fn parse_timestamp(s: &str) -> Option<(u32, usize)> {
    let rest = s.strip_prefix('[')?;
    let close = rest.find(']')?;
    let inner = &rest[..close];
    let inner = inner.split(['.', ',']).next()?;
    let parts: Vec<&str> = inner.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let seconds = match nums.as_slice() {
        [m, s] if *s < 60 => m * 60 + s,
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        _ => return None,
    };
    Some((seconds, close + 2))
}

/// Formats seconds as `hh:mm:ss`.
pub fn format_timestamp(seconds: u32) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60
    )
}

/// Recognises a speaker label at the start of `line`.
///
/// A label is one to four words, each starting with an upper-case letter or a digit
/// (`Fondatrice`, `Jean Dupont`, `P1`, `I`), or any label listed in `known`, followed by
/// optional spaces (including no-break spaces) and a colon that ends the line or is followed
/// by a space. Ordinary sentences that happen to contain a colon (`Alors voilà : …`) are not
/// labels because their words are not capitalised.
pub fn match_label(line: &str, known: &[String]) -> Option<LabelMatch> {
    let mut pos = 0;
    let mut timestamp = None;
    if let Some((secs, len)) = parse_timestamp(line) {
        timestamp = Some(secs);
        pos = len;
        pos += line[pos..]
            .chars()
            .take_while(|c| is_space(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    }
    let rest = &line[pos..];
    let colon = rest.find(':')?;
    let label = rest[..colon].trim_matches(is_space);
    if label.is_empty() || label.chars().count() > 40 {
        return None;
    }
    let after = &rest[colon + 1..];
    if !(after.is_empty() || after.starts_with(is_space)) {
        return None;
    }
    let is_known = known
        .iter()
        .any(|k| k.eq_ignore_ascii_case(label) || k == label);
    if !is_known {
        let words: Vec<&str> = label.split(is_space).filter(|w| !w.is_empty()).collect();
        if words.is_empty() || words.len() > 4 {
            return None;
        }
        let valid_word = |w: &&str| {
            let first = w.chars().next().unwrap_or(' ');
            (first.is_uppercase() || first.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '’' | '\'' | '·'))
        };
        if !words.iter().all(valid_word) {
            return None;
        }
    }
    let spaces: usize = after
        .chars()
        .take_while(|c| is_space(*c))
        .map(char::len_utf8)
        .sum();
    Some(LabelMatch {
        timestamp,
        speaker: label.to_string(),
        prefix_len: pos + colon + 1 + spaces,
    })
}

/// One speaker turn of a transcript, in char offsets of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    /// 0-based position of the turn in the document.
    pub index: usize,
    /// The speaker's label as written, empty for text before the first label.
    pub speaker: String,
    /// Whether the speaker is an interviewer or a respondent.
    pub role: Role,
    /// Timestamp in seconds written at the start of the turn.
    pub timestamp: Option<u32>,
    /// The whole turn, label included, trailing blank lines excluded.
    pub range: Range<usize>,
    /// The label and its colon (`[00:12:31] Fondatrice :`).
    pub label_range: Range<usize>,
    /// What the speaker says: the turn without its label.
    pub content: Range<usize>,
}

/// Finds the turns of `body`, returning byte ranges (converted to chars by the caller).
///
/// A capitalised word before a colon is taken as a speaker only when it is a known
/// interviewer label or a common respondent label (`Fondatrice`, `Participant`…), carries a
/// timestamp, or opens at least two lines of the document:
/// real speakers speak more than once, while `Instagram : c’est là que…` in the middle of a
/// founder's answer is said once.
pub(crate) fn find_turns(body: &str, interviewer_labels: &[String]) -> Vec<RawTurn> {
    let matches: Vec<Option<LabelMatch>> = body
        .split_inclusive('\n')
        .map(|line| match_label(line, interviewer_labels))
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for m in matches.iter().flatten() {
        *counts.entry(m.speaker.as_str()).or_default() += 1;
    }
    let is_interviewer = |speaker: &str| {
        let folded = crate::text::fold(speaker);
        interviewer_labels
            .iter()
            .any(|l| crate::text::fold(l) == folded)
    };
    let accepted: Vec<Option<&LabelMatch>> = matches
        .iter()
        .map(|m| {
            m.as_ref().filter(|m| {
                is_interviewer(&m.speaker)
                    || COMMON_RESPONDENT_LABELS.contains(&m.speaker.as_str())
                    || m.timestamp.is_some()
                    || counts.get(m.speaker.as_str()).copied().unwrap_or(0) >= 2
            })
        })
        .collect();
    let mut turns: Vec<RawTurn> = Vec::new();
    let mut offset = 0;
    for (line, label) in body.split_inclusive('\n').zip(accepted) {
        if let Some(m) = label {
            let role = if is_interviewer(&m.speaker) {
                Role::Interviewer
            } else {
                Role::Respondent
            };
            turns.push(RawTurn {
                speaker: m.speaker.clone(),
                role,
                timestamp: m.timestamp,
                start: offset,
                content_start: offset + m.prefix_len,
                label_end: offset + line[..m.prefix_len].trim_end_matches(is_space).len(),
                end: offset + line.len(),
            });
        } else if let Some(last) = turns.last_mut() {
            last.end = offset + line.len();
        } else if !line.trim().is_empty() {
            turns.push(RawTurn {
                speaker: String::new(),
                role: Role::Unknown,
                timestamp: None,
                start: offset,
                content_start: offset,
                label_end: offset,
                end: offset + line.len(),
            });
        }
        offset += line.len();
    }
    for t in &mut turns {
        t.end = t.start + body[t.start..t.end].trim_end().len();
        t.content_start = t.content_start.min(t.end);
        t.label_end = t.label_end.min(t.end);
    }
    turns
}

/// A turn in byte offsets, before conversion to chars.
#[derive(Debug, Clone)]
pub(crate) struct RawTurn {
    pub speaker: String,
    pub role: Role,
    pub timestamp: Option<u32>,
    pub start: usize,
    pub label_end: usize,
    pub content_start: usize,
    pub end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        DEFAULT_INTERVIEWER_LABELS
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn labels_with_french_spacing() {
        for line in [
            "Fondatrice : oui",
            "Fondatrice\u{a0}: oui",
            "Fondatrice\u{202f}: oui",
            "Fondatrice: oui",
            "I: oui",
        ] {
            let m = match_label(line, &known()).unwrap_or_else(|| panic!("{line:?}"));
            assert_eq!(&line[m.prefix_len..], "oui", "{line:?}");
        }
    }

    #[test]
    fn labels_with_timestamps() {
        let m = match_label("[00:12:31] Fondateur : bon", &known()).unwrap();
        assert_eq!(m.timestamp, Some(12 * 60 + 31));
        assert_eq!(m.speaker, "Fondateur");
        let m = match_label("[12:31] Jean Dupont : bon", &known()).unwrap();
        assert_eq!(m.timestamp, Some(751));
        assert_eq!(m.speaker, "Jean Dupont");
    }

    #[test]
    fn sentences_with_colons_are_not_labels() {
        for line in [
            "Alors voilà : on a commencé",
            "Bon, le truc : c’est le temps",
            "https://exemple.fr",
            "À 10:30 on ouvre",
            "",
        ] {
            assert!(match_label(line, &known()).is_none(), "{line:?}");
        }
    }

    #[test]
    fn finds_turns_and_roles() {
        let body = "Note libre\n\nIntervieweuse : Bonjour ?\n\nFondatrice : Oui.\n\nSuite du tour.\nInstagram : une seule fois.\n\n[00:01:02] I : Merci.\n\nFondatrice : Fin.";
        let turns = find_turns(body, &known());
        assert_eq!(turns.len(), 5);
        assert_eq!(turns[0].role, Role::Unknown);
        assert_eq!(turns[1].role, Role::Interviewer);
        assert_eq!(turns[2].role, Role::Respondent);
        assert_eq!(
            &body[turns[2].start..turns[2].end],
            "Fondatrice : Oui.\n\nSuite du tour.\nInstagram : une seule fois."
        );
        assert_eq!(
            &body[turns[2].content_start..turns[2].end],
            "Oui.\n\nSuite du tour.\nInstagram : une seule fois."
        );
        assert_eq!(&body[turns[2].start..turns[2].label_end], "Fondatrice :");
        assert_eq!(turns[3].timestamp, Some(62));
        assert_eq!(turns[3].role, Role::Interviewer);
    }

    #[test]
    fn timestamp_parsing_rejects_nonsense() {
        assert_eq!(parse_timestamp("[01:02:03]"), Some((3723, 10)));
        assert_eq!(parse_timestamp("[01:02:03.500]").map(|t| t.0), Some(3723));
        assert!(parse_timestamp("[rires]").is_none());
        assert!(parse_timestamp("[1:99]").is_none());
        assert_eq!(format_timestamp(3723), "01:02:03");
    }
}
