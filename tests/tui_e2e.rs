//! End to end: the real binary in tmux on a temp copy of the sample study. Open an
//! interview, select a sentence, code it through the picker, quit, and find the coding on
//! disk.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

use std::process::Command;
use std::time::{Duration, Instant};

mod common;

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

impl Tmux {
    /// Starts the release-less test binary as coder `e2e` in a 120×40 tmux session on a
    /// temp copy of the sample study; the shell prints `EXITED-<code>` when glose ends.
    fn start(tag: &str) -> (Self, tempfile::TempDir) {
        let has_tmux = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            has_tmux,
            "tmux is required for this test: install it (apt-get install tmux)"
        );
        let dir = common::sample_study();
        let session = format!("glose-e2e-{tag}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_glose");
        let tmux = Tmux {
            session: session.clone(),
        };
        // The sample study is French; the locale asks for the English interface the
        // waits below read (the locale outranks the study's language, see glose::locale).
        let cmd = format!("GLOSE_CODER=e2e LC_ALL=en_US.UTF-8 {bin}; echo EXITED-$?; sleep 60");
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
        (tmux, dir)
    }

    /// The pid of the glose process running in the pane (a child of the pane's shell).
    fn glose_pid(&self) -> u32 {
        let shell: u32 = self
            .run(&["display-message", "-p", "-t", &self.session, "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap();
        for e in std::fs::read_dir("/proc").unwrap() {
            let name = e.unwrap().file_name();
            let Some(pid) = name.to_str().and_then(|n| n.parse::<u32>().ok()) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // pid (comm) state ppid …
            let Some((comm, rest)) = stat.split_once(") ") else {
                continue;
            };
            let ppid: u32 = rest.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
            if ppid == shell && comm.ends_with("(glose") {
                return pid;
            }
        }
        panic!("no glose process under the pane's shell {shell}");
    }

    /// Whether the pane is on the alternate screen (a TUI that did not restore it).
    fn alternate_screen(&self) -> bool {
        self.run(&[
            "display-message",
            "-p",
            "-t",
            &self.session,
            "#{alternate_on}",
        ])
        .trim()
            == "1"
    }
}

#[test]
fn code_a_sentence_through_the_picker_in_tmux() {
    let (tmux, dir) = Tmux::start("picker");
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

/// #20.3: SIGTERM and SIGHUP end the TUI as Ctrl-C does: the memo being typed is saved,
/// and the terminal is restored (raw mode off, back from the alternate screen).
#[test]
fn sigterm_and_sighup_save_the_memo_and_restore_the_terminal() {
    for (signal, tag) in [("-TERM", "term"), ("-HUP", "hup")] {
        let (tmux, dir) = Tmux::start(tag);
        tmux.send(&["Enter"]);
        tmux.wait_for("E01 ·");
        tmux.send(&["s"]);
        tmux.wait_for("sel ");
        tmux.send(&["c"]);
        tmux.wait_for("Code (type to filter");
        tmux.send_text("cocreation");
        tmux.wait_for("1/38");
        tmux.send(&["Enter"]);
        tmux.wait_for("saved ✓");
        tmux.send(&["m"]);
        tmux.wait_for("Ctrl-g discard");
        tmux.send_text("pas fini");
        tmux.wait_for("pas fini");
        assert!(tmux.alternate_screen());
        let pid = tmux.glose_pid().to_string();
        let killed = Command::new("kill").args([signal, &pid]).status().unwrap();
        assert!(killed.success());
        let screen = tmux.wait_for("EXITED-");
        assert!(
            !tmux.alternate_screen(),
            "{signal}: the terminal is still on the alternate screen:\n{screen}"
        );
        let file = std::fs::read_to_string(dir.path().join("codings/e2e.jsonl")).unwrap();
        let coding = file
            .lines()
            .find(|l| l.contains("\"coding\""))
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .unwrap();
        assert_eq!(coding["memo"], "pas fini", "{signal}: {file}");
    }
}
