//! Helpers shared by the integration tests.

use std::path::Path;

/// A temporary copy of the sample study (glose.toml, the codebook) with only the given
/// interviews, and no codings.
pub fn sample_copy(docs: &[&str]) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("glose.toml"), dir.path().join("glose.toml")).unwrap();
    std::fs::create_dir_all(dir.path().join("codebooks")).unwrap();
    std::fs::copy(
        root.join("codebooks/codebook.json"),
        dir.path().join("codebooks/codebook.json"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    for d in docs {
        std::fs::copy(
            root.join(format!("corpus/{d}.txt")),
            dir.path().join(format!("corpus/{d}.txt")),
        )
        .unwrap();
    }
    dir
}
