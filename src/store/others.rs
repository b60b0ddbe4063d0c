//! The other coders' codings, for one coder's session: what the TUI draws beside theirs,
//! retrieves for "all coders" and filters search by.

use crate::study::Study;

use super::{CoderFile, Coding, coder_files, valid_coder_name};

/// The codings of every coder but `coder`, from the valid coder files of the study;
/// `progress(done, total)` is called before each file. A file that cannot be read is left
/// out (`glose check` names it).
pub fn other_codings(
    study: &Study,
    coder: &str,
    mut progress: impl FnMut(usize, usize),
) -> Vec<Coding> {
    let files: Vec<_> = coder_files(&study.codings_dir())
        .into_iter()
        .filter(|(name, _)| name != coder && valid_coder_name(name))
        .collect();
    let mut codings = Vec::new();
    for (i, (name, path)) in files.iter().enumerate() {
        progress(i, files.len());
        if let Ok(loaded) = CoderFile::load(path, name) {
            codings.extend(loaded.file.codings);
        }
    }
    codings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_coder_but_this_one() {
        let study = Study::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut calls = Vec::new();
        let codings = other_codings(&study, "coder-a", |i, n| calls.push((i, n)));
        assert!(!codings.is_empty());
        assert!(codings.iter().all(|c| c.coder != "coder-a"));
        assert!(codings.iter().any(|c| c.coder == "coder-b"));
        assert_eq!(calls.first().map(|c| c.0), Some(0));
    }
}
