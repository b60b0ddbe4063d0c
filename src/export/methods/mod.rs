//! `glose report methods`: a methods appendix laid out as the COREQ checklist (Tong,
//! Sainsbury & Craig 2007, *Int J Qual Health Care* 19(6): 349–357, 32 items), then the
//! SRQR's 21 items ([`srqr`]), each item filled from what the study's files and git
//! history can answer, or marked as needing the authors.
//!
//! Deterministic: the same commit gives the same bytes. No clock is read; the only date
//! is the time of the git commit the study is at (none outside git). Agreement is the
//! agreement core's ([`crate::export::report::report_agreement`], the settings of
//! `glose agreement`), saturation the saturation core's ([`crate::saturation`]).

mod facts;
pub mod render;
pub mod srqr;

use serde::Serialize;

use crate::store::AllCodings;
use crate::study::Study;

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Its number in the checklist (`None` for the items glose adds).
    pub number: Option<u8>,
    /// Its domain ("Research team and reflexivity", …).
    pub domain: &'static str,
    /// Its topic ("Sample size", …).
    pub topic: &'static str,
    /// The checklist's question.
    pub question: &'static str,
    /// The answer from the study's files, or `None`: needs the authors.
    pub answer: Option<String>,
    /// Where the answer comes from.
    pub source: Option<String>,
}

/// The appendix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodsAppendix {
    /// The study's name.
    pub study: String,
    /// The checklist's name and reference.
    pub checklist: &'static str,
    /// The git commit the study is at, and its time (RFC 3339), if in git.
    pub commit: Option<(String, String)>,
    /// glose's version.
    pub software: String,
    /// The items, in checklist order, then glose's additions.
    pub items: Vec<Item>,
    /// The SRQR's name and reference.
    pub srqr_checklist: &'static str,
    /// The SRQR items (numbered S1–S21), answered from the same files.
    pub srqr: Vec<Item>,
}

impl MethodsAppendix {
    /// Items answered from the files.
    pub fn answered(&self) -> usize {
        self.items.iter().filter(|i| i.answer.is_some()).count()
    }

    /// SRQR items answered from the files.
    pub fn srqr_answered(&self) -> usize {
        self.srqr.iter().filter(|i| i.answer.is_some()).count()
    }
}

/// The COREQ items: (number, domain, topic, question).
const COREQ: [(u8, &str, &str, &str); 32] = {
    const T: &str = "Research team and reflexivity";
    const D: &str = "Study design";
    const A: &str = "Analysis and findings";
    [
        (
            1,
            T,
            "Interviewer/facilitator",
            "Which author/s conducted the interview or focus group?",
        ),
        (
            2,
            T,
            "Credentials",
            "What were the researcher's credentials?",
        ),
        (
            3,
            T,
            "Occupation",
            "What was their occupation at the time of the study?",
        ),
        (4, T, "Gender", "Was the researcher male or female?"),
        (
            5,
            T,
            "Experience and training",
            "What experience or training did the researcher have?",
        ),
        (
            6,
            T,
            "Relationship established",
            "Was a relationship established prior to study commencement?",
        ),
        (
            7,
            T,
            "Participant knowledge of the interviewer",
            "What did the participants know about the researcher?",
        ),
        (
            8,
            T,
            "Interviewer characteristics",
            "What characteristics were reported about the interviewer/facilitator?",
        ),
        (
            9,
            D,
            "Methodological orientation and theory",
            "What methodological orientation was stated to underpin the study?",
        ),
        (10, D, "Sampling", "How were participants selected?"),
        (
            11,
            D,
            "Method of approach",
            "How were participants approached?",
        ),
        (
            12,
            D,
            "Sample size",
            "How many participants were in the study?",
        ),
        (
            13,
            D,
            "Non-participation",
            "How many people refused to participate or dropped out? Reasons?",
        ),
        (
            14,
            D,
            "Setting of data collection",
            "Where was the data collected?",
        ),
        (
            15,
            D,
            "Presence of non-participants",
            "Was anyone else present besides the participants and researchers?",
        ),
        (
            16,
            D,
            "Description of sample",
            "What are the important characteristics of the sample?",
        ),
        (
            17,
            D,
            "Interview guide",
            "Were questions, prompts, guides provided by the authors? Was it pilot tested?",
        ),
        (
            18,
            D,
            "Repeat interviews",
            "Were repeat interviews carried out? If yes, how many?",
        ),
        (
            19,
            D,
            "Audio/visual recording",
            "Did the research use audio or visual recording to collect the data?",
        ),
        (
            20,
            D,
            "Field notes",
            "Were field notes made during and/or after the interview or focus group?",
        ),
        (
            21,
            D,
            "Duration",
            "What was the duration of the interviews or focus group?",
        ),
        (22, D, "Data saturation", "Was data saturation discussed?"),
        (
            23,
            D,
            "Transcripts returned",
            "Were transcripts returned to participants for comment and/or correction?",
        ),
        (
            24,
            A,
            "Number of data coders",
            "How many data coders coded the data?",
        ),
        (
            25,
            A,
            "Description of the coding tree",
            "Did authors provide a description of the coding tree?",
        ),
        (
            26,
            A,
            "Derivation of themes",
            "Were themes identified in advance or derived from the data?",
        ),
        (
            27,
            A,
            "Software",
            "What software, if applicable, was used to manage the data?",
        ),
        (
            28,
            A,
            "Participant checking",
            "Did participants provide feedback on the findings?",
        ),
        (
            29,
            A,
            "Quotations presented",
            "Were participant quotations presented to illustrate the themes/findings? Was each quotation identified?",
        ),
        (
            30,
            A,
            "Data and findings consistent",
            "Was there consistency between the data presented and the findings?",
        ),
        (
            31,
            A,
            "Clarity of major themes",
            "Were major themes clearly presented in the findings?",
        ),
        (
            32,
            A,
            "Clarity of minor themes",
            "Is there a description of diverse cases or discussion of minor themes?",
        ),
    ]
};

/// Builds the appendix of a study.
pub fn methods_appendix(study: &Study, all: &AllCodings) -> MethodsAppendix {
    let f = facts::Facts::gather(study, all);
    let mut items: Vec<Item> = COREQ
        .iter()
        .map(|&(number, domain, topic, question)| {
            let (answer, source) = f.answer(number).unzip();
            Item {
                number: Some(number),
                domain,
                topic,
                question,
                answer,
                source,
            }
        })
        .collect();
    items.extend(f.additions());
    MethodsAppendix {
        study: study.config.name.clone(),
        checklist: "COREQ (Tong, Sainsbury & Craig 2007, Int J Qual Health Care 19(6): 349–357)",
        commit: f.commit.clone(),
        software: format!("glose {}", env!("CARGO_PKG_VERSION")),
        items,
        srqr_checklist: "SRQR (O'Brien, Harris, Beckman, Reed & Cook 2014, Acad Med 89(9): 1245–1251)",
        srqr: srqr::items(&f),
    }
}

#[cfg(test)]
mod tests;
