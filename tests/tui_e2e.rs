//! End to end: the real binary in tmux on a temp copy of the sample study. Open an
//! interview, select a sentence, code it through the picker, quit, and find the coding on
//! disk.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::copy_dir;

struct Tmux {
    session: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn send_text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    /// Waits until the screen contains `text` (or fails with the screen).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .output();
    }
}

#[test]
fn code_a_sentence_through_the_picker_in_tmux() {
    let has_tmux = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        has_tmux,
        "tmux is required for this test: install it (apt-get install tmux)"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("glose.toml"), dir.path().join("glose.toml")).unwrap();
    copy_dir(&root.join("corpus"), &dir.path().join("corpus"));
    copy_dir(&root.join("codebooks"), &dir.path().join("codebooks"));
    let session = format!("glose-e2e-{}", std::process::id());
    let bin = env!("CARGO_BIN_EXE_glose");
    let tmux = Tmux {
        session: session.clone(),
    };
    let cmd = format!("GLOSE_CODER=e2e {bin}; echo EXITED-$?; sleep 60");
    let status = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "120",
            "-y",
            "40",
            "-c",
        ])
        .arg(dir.path())
        .arg(&cmd)
        .status()
        .unwrap();
    assert!(status.success(), "tmux new-session failed");
    tmux.wait_for("Documents 18/18");
    // Open E03 (third row), select the sentence under the cursor, code it.
    tmux.send(&["j", "j", "Enter"]);
    tmux.wait_for("E03 · Pousse-Pousse");
    tmux.send(&["s"]);
    tmux.wait_for("sel ");
    tmux.send(&["c"]);
    tmux.wait_for("Code (type to filter");
    tmux.send_text("cocreation");
    tmux.wait_for("1/38");
    tmux.send(&["Enter"]);
    tmux.wait_for("added practice.community.cocreation");
    let screen = tmux.wait_for("saved ✓");
    assert!(
        screen.contains("cocreation"),
        "stripe label drawn:\n{screen}"
    );
    tmux.send(&["q"]);
    tmux.wait_for("EXITED-0");
    let file = std::fs::read_to_string(dir.path().join("codings/e2e.jsonl")).unwrap();
    let lines: Vec<&str> = file.lines().filter(|l| l.contains("\"coding\"")).collect();
    assert_eq!(lines.len(), 1, "{file}");
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["doc"], "E03");
    assert_eq!(v["code"], "practice.community.cocreation");
    assert!(
        v["anchor"]["quote"]
            .as_str()
            .unwrap()
            .starts_with("Bonjour"),
        "{v}"
    );
}
