//! The SRQR items (Standards for Reporting Qualitative Research: O'Brien, Harris, Beckman,
//! Reed & Cook 2014, *Academic Medicine* 89(9): 1245–1251, 21 items), each answered from
//! the same facts as the COREQ items where the study's files can answer it.

use super::Item;
use super::facts::Facts;

/// The SRQR items: (number, section, topic, what the item asks, paraphrased).
pub const SRQR: [(u8, &str, &str, &str); 21] = {
    const T: &str = "Title and abstract";
    const I: &str = "Introduction";
    const M: &str = "Methods";
    const R: &str = "Results/findings";
    const D: &str = "Discussion";
    const O: &str = "Other";
    [
        (
            1,
            T,
            "Title",
            "Does the title describe the study's nature and topic, and name it qualitative?",
        ),
        (
            2,
            T,
            "Abstract",
            "Does the abstract summarise the key elements of the study?",
        ),
        (
            3,
            I,
            "Problem formulation",
            "What problem or phenomenon is studied, and why is it significant?",
        ),
        (
            4,
            I,
            "Purpose or research question",
            "What is the purpose of the study, or its research questions?",
        ),
        (
            5,
            M,
            "Qualitative approach and research paradigm",
            "Which qualitative approach and research paradigm guided the study, and why?",
        ),
        (
            6,
            M,
            "Researcher characteristics and reflexivity",
            "Which researchers' characteristics may influence the research, and how were they handled?",
        ),
        (
            7,
            M,
            "Context",
            "What was the setting or site, and which contextual factors mattered?",
        ),
        (
            8,
            M,
            "Sampling strategy",
            "How and why were participants selected, and when was sampling judged sufficient (e.g. saturation)?",
        ),
        (
            9,
            M,
            "Ethical issues pertaining to human subjects",
            "Which ethics review, consent and confidentiality arrangements applied?",
        ),
        (
            10,
            M,
            "Data collection methods",
            "How were data collected, over which period, and how did the methods change?",
        ),
        (
            11,
            M,
            "Data collection instruments and technologies",
            "Which instruments (guides, recorders) and technologies were used?",
        ),
        (
            12,
            M,
            "Units of study",
            "How many participants, documents or events were included, with which characteristics?",
        ),
        (
            13,
            M,
            "Data processing",
            "How were data processed for analysis: transcription, data entry, management, security, de-identification?",
        ),
        (
            14,
            M,
            "Data analysis",
            "How were themes identified: who analysed, with which process?",
        ),
        (
            15,
            M,
            "Techniques to enhance trustworthiness",
            "Which techniques enhanced trustworthiness and credibility (e.g. coder agreement)?",
        ),
        (
            16,
            R,
            "Synthesis and interpretation",
            "What are the main findings, and how do they relate to theory?",
        ),
        (
            17,
            R,
            "Links to empirical data",
            "Which evidence (quotations, excerpts) substantiates the findings, and how is it identified?",
        ),
        (
            18,
            D,
            "Integration with prior work, implications, transferability",
            "How do the findings relate to earlier work, and what do they contribute?",
        ),
        (
            19,
            D,
            "Limitations",
            "What are the trustworthiness and transferability limits of the findings?",
        ),
        (
            20,
            O,
            "Conflicts of interest",
            "Which sources of influence or conflicts of interest exist, and how were they managed?",
        ),
        (
            21,
            O,
            "Funding",
            "Which sources of funding and other support, and what role did funders play?",
        ),
    ]
};

/// The SRQR items, answered where the files can.
pub(super) fn items(f: &Facts) -> Vec<Item> {
    SRQR.iter()
        .map(|&(number, domain, topic, question)| {
            let (answer, source) = f.srqr_answer(number).unzip();
            Item {
                number: Some(number),
                domain,
                topic,
                question,
                answer,
                source,
            }
        })
        .collect()
}
