//! The other coders' codings and memos, for one coder's session: what the TUI draws
//! beside theirs, retrieves for "all coders", filters search by and lists in the memo
//! browser.

use crate::study::Study;

use super::{CoderFile, Coding, Memo, coder_files, valid_coder_name};

/// The other coders' work.
#[derive(Debug, Clone, Default)]
pub struct Others {
    /// Their codings.
    pub codings: Vec<Coding>,
    /// Their memos, each with its coder.
    pub memos: Vec<(String, Memo)>,
}

/// The codings and memos of every coder but `coder`, from the valid coder files of the
/// study; `progress(done, total)` is called before each file. A file that cannot be read
/// is left out (`glose check` names it).
pub fn other_coders(study: &Study, coder: &str, mut progress: impl FnMut(usize, usize)) -> Others {
    let files: Vec<_> = coder_files(&study.codings_dir())
        .into_iter()
        .filter(|(name, _)| name != coder && valid_coder_name(name))
        .collect();
    let cache = super::all::cache_dir(study);
    let mut others = Others::default();
    for (i, (name, path)) in files.iter().enumerate() {
        progress(i, files.len());
        if let Ok(loaded) = CoderFile::load_cached(path, name, &cache) {
            others.codings.extend(loaded.file.codings);
            let memos = loaded.file.memos.into_iter().map(|m| (name.clone(), m));
            others.memos.extend(memos);
        }
    }
    others
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_coder_but_this_one() {
        let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut calls = Vec::new();
        let others = other_coders(&study, "coder-a", |i, n| calls.push((i, n)));
        let codings = &others.codings;
        assert!(!codings.is_empty());
        assert!(codings.iter().all(|c| c.coder != "coder-a"));
        assert!(codings.iter().any(|c| c.coder == "coder-b"));
        assert!(others.memos.iter().all(|(c, _)| c != "coder-a"));
        assert_eq!(calls.first().map(|c| c.0), Some(0));
    }
}
