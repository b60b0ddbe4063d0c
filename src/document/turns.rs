//! Speaker turns: lines that open with `[hh:mm:ss] Speaker :`.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Who speaks in a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
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

/// How a transcript marks its speaker turns (see docs/FORMATS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// `Label : text`.
    Label,
    /// `[hh:mm:ss] Label : text` (also what subtitle imports write).
    TimeLabel,
    /// `Label (hh:mm:ss): text`.
    LabelTime,
    /// A line `Name  00:13` alone, then what that person said (Otter and similar).
    SpeakerLine,
}

impl Layout {
    /// How the layout is shown to people.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::Label => "`Label : text`",
            Layout::TimeLabel => "`[hh:mm:ss] Label : text`",
            Layout::LabelTime => "`Label (hh:mm:ss): text`",
            Layout::SpeakerLine => "speaker lines with a time (`Name  00:13`, then paragraphs)",
        }
    }
}

/// A label found at the start of a line, in byte offsets of that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMatch {
    /// Timestamp in seconds, when the line starts with `[hh:mm:ss]` or `[mm:ss]`, or the
    /// label carries one (`Label (00:13):`, `Name  00:13`).
    pub timestamp: Option<u32>,
    /// Which layout the line follows.
    pub layout: Layout,
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
    Some((parse_clock(&rest[..close])?, close + 2))
}

/// Parses a clock `h:mm:ss`, `hh:mm:ss` or `mm:ss`, with optional fractional seconds
/// (`00:13.5`, `0:01:02,250`, rounded down), into seconds.
pub fn parse_clock(text: &str) -> Option<u32> {
    let inner = text.split(['.', ',']).next()?;
    let mut parts = [0u32; 3];
    let mut n = 0;
    for p in inner.split(':') {
        if n == 3 || p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        parts[n] = p.parse().ok()?;
        n += 1;
    }
    match (n, parts) {
        (2, [m, s, _]) if s < 60 => Some(m * 60 + s),
        (3, [h, m, s]) if m < 60 && s < 60 => Some(h * 3600 + m * 60 + s),
        _ => None,
    }
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
    let Some(colon) = rest.find(':') else {
        return match_speaker_line(line, known);
    };
    let mut label = rest[..colon].trim_matches(is_space);
    let mut layout = if timestamp.is_some() {
        Layout::TimeLabel
    } else {
        Layout::Label
    };
    let mut colon = colon;
    // `Label (00:13):` — the colon found may be the clock's own.
    if timestamp.is_none()
        && let Some(open) = rest.find('(')
        && let Some(close) = rest[open..].find(')').map(|c| open + c)
        && rest[close + 1..]
            .trim_start_matches(is_space)
            .starts_with(':')
        && let Some(secs) = parse_clock(rest[open + 1..close].trim())
    {
        timestamp = Some(secs);
        layout = Layout::LabelTime;
        label = rest[..open].trim_matches(is_space);
        colon = close
            + 1
            + (rest[close + 1..].len() - rest[close + 1..].trim_start_matches(is_space).len());
    }
    if label.is_empty() || label.chars().count() > 40 {
        return match_speaker_line(line, known);
    }
    let after = &rest[colon + 1..];
    if !(after.trim_end_matches(['\n', '\r']).is_empty() || after.starts_with(is_space)) {
        return match_speaker_line(line, known);
    }
    if !is_label(label, known) {
        return None;
    }
    let spaces: usize = after
        .chars()
        .take_while(|c| is_space(*c))
        .map(char::len_utf8)
        .sum();
    Some(LabelMatch {
        timestamp,
        layout,
        speaker: label.to_string(),
        prefix_len: pos + colon + 1 + spaces,
    })
}

/// Whether `label` can name a speaker: listed in `known`, or one to four words each
/// starting with an upper-case letter or a digit.
fn is_label(label: &str, known: &[String]) -> bool {
    if known
        .iter()
        .any(|k| k.eq_ignore_ascii_case(label) || k == label)
    {
        return true;
    }
    let words: Vec<&str> = label.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        (first.is_uppercase() || first.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '’' | '\'' | '·'))
    })
}

/// Recognises an Otter-style speaker line: a label, spaces and a clock, nothing else
/// (`Jane Doe  00:13`, `Speaker 1 0:01:02`). What the speaker says follows on the next
/// lines, so the prefix is the whole line.
fn match_speaker_line(line: &str, known: &[String]) -> Option<LabelMatch> {
    let trimmed = line.trim_end();
    let (label, clock) = trimmed.rsplit_once(is_space)?;
    let label = label.trim_matches(is_space);
    let seconds = parse_clock(clock)?;
    if label.is_empty() || label.chars().count() > 40 || !is_label(label, known) {
        return None;
    }
    Some(LabelMatch {
        timestamp: Some(seconds),
        layout: Layout::SpeakerLine,
        speaker: label.to_string(),
        prefix_len: line.len(),
    })
}

/// A time written in a turn: where (char offset of the line or label that carries it)
/// and when (seconds from the start of the recording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeMark {
    /// Char offset of the start of the line that carries the time.
    pub at: usize,
    /// Seconds from the start of the recording.
    pub seconds: u32,
}

/// A remark about the structure of a transcript (ambiguous or bad turns), with its
/// 1-based line in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructureWarning {
    /// 1-based line of the body (add the header's lines for the file line).
    pub line: usize,
    /// What was found and what glose did with it.
    pub message: String,
}

/// One speaker turn of a transcript, in char offsets of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// Every time written in the turn, in order of position: the label's, then each
    /// timed line's (`[00:01:05] …` lines that continue the turn, one per subtitle cue).
    pub times: Vec<TimeMark>,
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

/// The turns of a body and what was noticed while finding them.
#[derive(Debug, Clone, Default)]
pub(crate) struct FoundTurns {
    pub turns: Vec<RawTurn>,
    /// The layout most label lines follow, if any.
    pub layout: Option<Layout>,
    pub warnings: Vec<StructureWarning>,
}

/// Finds the turns of `body`, returning byte ranges (converted to chars by the caller).
///
/// A capitalised word before a colon (or a name and a clock alone on a line) is taken as a
/// speaker only when it is a known interviewer label or a common respondent label
/// (`Fondatrice`, `Participant`…), carries a time before its colon (`[00:01] Name :`,
/// `Name (00:01):`), or opens at least two lines of the document: real
/// speakers speak more than once, while `Instagram : c’est là que…` in the middle of a
/// founder's answer is said once (and is reported as ambiguous). A line that starts with
/// a time and no label (`[00:01:05] …`) continues the turn and records its time.
pub(crate) fn find_turns(body: &str, interviewer_labels: &[String]) -> FoundTurns {
    let matches: Vec<Option<LabelMatch>> = body
        .split_inclusive('\n')
        .map(|line| match_label(line, interviewer_labels))
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for m in matches.iter().flatten() {
        *counts.entry(m.speaker.as_str()).or_default() += 1;
    }
    let folded_interviewers: Vec<String> = interviewer_labels
        .iter()
        .map(|l| crate::text::fold(l))
        .collect();
    let is_interviewer = |speaker: &str| folded_interviewers.contains(&crate::text::fold(speaker));
    let mut found = FoundTurns::default();
    let mut layouts: std::collections::BTreeMap<Layout, Vec<usize>> = Default::default();
    let mut offset = 0;
    let mut last_time: Option<u32> = None;
    for (line_no, (line, m)) in (1..).zip(body.split_inclusive('\n').zip(&matches)) {
        let accepted = m.as_ref().filter(|m| {
            is_interviewer(&m.speaker)
                || COMMON_RESPONDENT_LABELS.contains(&m.speaker.as_str())
                || (m.timestamp.is_some() && m.layout != Layout::SpeakerLine)
                || counts.get(m.speaker.as_str()).copied().unwrap_or(0) >= 2
        });
        if let (Some(m), None) = (m, accepted) {
            found.warnings.push(StructureWarning {
                line: line_no,
                message: format!(
                    "`{}` looks like a speaker label but opens only this line: read as text \
                     (add it to `interviewer_labels` in glose.toml, or write it on every turn)",
                    m.speaker
                ),
            });
        }
        let time;
        if let Some(m) = accepted {
            layouts.entry(m.layout).or_default().push(line_no);
            let role = if is_interviewer(&m.speaker) {
                Role::Interviewer
            } else {
                Role::Respondent
            };
            if line[m.prefix_len..].trim().is_empty() && m.layout != Layout::SpeakerLine {
                found.warnings.push(StructureWarning {
                    line: line_no,
                    message: format!("`{}` has no text on its line", m.speaker),
                });
            }
            time = m.timestamp;
            found.turns.push(RawTurn {
                speaker: m.speaker.clone(),
                role,
                timestamp: m.timestamp,
                times: Vec::new(),
                start: offset,
                content_start: offset + m.prefix_len,
                label_end: offset + line[..m.prefix_len].trim_end_matches(is_space).len(),
                end: offset + line.len(),
            });
        } else {
            time = parse_timestamp(line).map(|(secs, _)| secs);
            if let Some(last) = found.turns.last_mut() {
                last.end = offset + line.len();
            } else if !line.trim().is_empty() {
                found.turns.push(RawTurn {
                    speaker: String::new(),
                    role: Role::Unknown,
                    timestamp: None,
                    times: Vec::new(),
                    start: offset,
                    content_start: offset,
                    label_end: offset,
                    end: offset + line.len(),
                });
            }
        }
        if let (Some(secs), Some(turn)) = (time, found.turns.last_mut()) {
            turn.times.push((offset, secs));
            if let Some(prev) = last_time
                && secs < prev
            {
                found.warnings.push(StructureWarning {
                    line: line_no,
                    message: format!(
                        "time {} is earlier than the previous one ({}): check the timestamps \
                         (the text is kept as it is)",
                        format_timestamp(secs),
                        format_timestamp(prev)
                    ),
                });
            }
            last_time = Some(secs);
        }
        offset += line.len();
    }
    for t in &mut found.turns {
        t.end = t.start + body[t.start..t.end].trim_end().len();
        t.content_start = t.content_start.min(t.end);
        t.label_end = t.label_end.min(t.end);
    }
    let main = layouts
        .iter()
        .max_by_key(|(_, lines)| lines.len())
        .map(|(l, _)| *l);
    // `[hh:mm:ss] Label :` now and then among `Label :` turns is ordinary; a different
    // way of writing labels is not.
    let family = |l: Layout| match l {
        Layout::TimeLabel => Layout::Label,
        other => other,
    };
    if let Some(main) = main {
        for (layout, lines) in &layouts {
            if family(*layout) != family(main) {
                found.warnings.push(StructureWarning {
                    line: lines[0],
                    message: format!(
                        "mixed layouts: this line and {} other(s) use {} while most turns use {}",
                        lines.len() - 1,
                        layout.describe(),
                        main.describe()
                    ),
                });
            }
        }
    }
    found.layout = main;
    found.warnings.sort_by_key(|w| w.line);
    found
}

/// A turn in byte offsets, before conversion to chars.
#[derive(Debug, Clone)]
pub(crate) struct RawTurn {
    pub speaker: String,
    pub role: Role,
    pub timestamp: Option<u32>,
    /// (byte offset of the line, seconds) for every time written in the turn.
    pub times: Vec<(usize, u32)>,
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
        let found = find_turns(body, &known());
        let turns = found.turns;
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
    fn label_with_time_after_it() {
        let m = match_label("Jane Doe (00:01:02): so yes", &known()).unwrap();
        assert_eq!((m.speaker.as_str(), m.timestamp), ("Jane Doe", Some(62)));
        assert_eq!(m.layout, Layout::LabelTime);
        assert_eq!(&"Jane Doe (00:01:02): so yes"[m.prefix_len..], "so yes");
        let m = match_label("Fondatrice (12:31) : bon", &known()).unwrap();
        assert_eq!(
            (m.timestamp, m.prefix_len),
            (Some(751), "Fondatrice (12:31) : ".len())
        );
    }

    #[test]
    fn otter_speaker_lines() {
        let m = match_label("Jane Doe  00:13\n", &known()).unwrap();
        assert_eq!((m.speaker.as_str(), m.timestamp), ("Jane Doe", Some(13)));
        assert_eq!(m.layout, Layout::SpeakerLine);
        let m = match_label("Speaker 1 0:01:02", &known()).unwrap();
        assert_eq!(m.timestamp, Some(62));
        for line in [
            "Rendez-vous à 10:30",
            "On ouvre 10:30 demain",
            "Paris 10:30:99",
        ] {
            assert!(match_label(line, &known()).is_none(), "{line:?}");
        }
        let body = "Jane Doe  00:13\nSo I started in 2019.\n\nStill going.\n\nTom Lee  00:41\nRight.\n\nJane Doe  01:02\nYes.\n\nTom Lee  01:10\nOK.";
        let found = find_turns(body, &known());
        assert_eq!(found.layout, Some(Layout::SpeakerLine));
        assert_eq!(found.turns.len(), 4);
        assert_eq!(
            &body[found.turns[0].content_start..found.turns[0].end],
            "So I started in 2019.\n\nStill going."
        );
        assert_eq!(found.turns[1].timestamp, Some(41));
        assert!(found.warnings.is_empty(), "{:?}", found.warnings);
    }

    #[test]
    fn timed_lines_continue_a_turn_and_keep_their_time() {
        let body = "[00:00:01] Jane : one\n[00:00:04] two\n\n[00:00:09] Tom : three\n[00:00:07] four\n\n[00:00:12] Jane : five\n\n[00:00:15] Tom : six";
        let found = find_turns(body, &known());
        assert_eq!(found.turns.len(), 4);
        let times: Vec<u32> = found.turns[0].times.iter().map(|t| t.1).collect();
        assert_eq!(times, vec![1, 4]);
        assert_eq!(found.layout, Some(Layout::TimeLabel));
        assert_eq!(found.warnings.len(), 1, "{:?}", found.warnings);
        assert_eq!(found.warnings[0].line, 5);
        assert!(found.warnings[0].message.contains("earlier"));
    }

    #[test]
    fn ambiguous_labels_and_empty_turns_are_named() {
        let body = "Q : Bonjour ?\n\nR : Oui.\nInstagram : une seule fois.\n\nQ :\n\nR : Fin.";
        let found = find_turns(body, &known());
        let lines: Vec<usize> = found.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![4, 6], "{:?}", found.warnings);
        assert_eq!(found.layout, Some(Layout::Label));
    }

    #[test]
    fn occasional_times_are_not_mixed_layouts_but_other_labels_are() {
        let body = "Q : a\n\n[00:01:00] R : b\n\nQ : c\n\nR (00:02:00): d\n\nQ : e";
        let found = find_turns(body, &known());
        assert_eq!(found.layout, Some(Layout::Label));
        assert_eq!(found.warnings.len(), 1, "{:?}", found.warnings);
        assert_eq!(found.warnings[0].line, 7);
        assert!(found.warnings[0].message.contains("mixed layouts"));
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
