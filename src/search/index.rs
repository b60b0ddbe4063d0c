//! The passage index on disk: opened, checked, brought up to date or rebuilt.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::schema::TantivyDocument;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, Term};

use super::analysis::{Lang, attribute_key, filter_words};
use super::manifest::{
    DocState, Manifest, SourceStamp, doc_hash, index_file_stamps, nanos, stamp_stat,
};
use super::passages::{INDEXED_UNIT, describe_indexed_unit, passages};
use super::schema::{Fields, SCHEMA_VERSION, register_tokenizers};
use super::{IndexStats, Phase, Progress, SearchError};
use crate::document::Document;
use crate::fsutil::{FileLock, LockError, PathError};
use crate::study::{DocEntry, Study};

/// Memory budget of the single indexing thread (tantivy's minimum is 15 MB).
const WRITER_BUDGET: usize = 50_000_000;

/// How long a rebuild waits for another glose's update of the index to finish.
const REBUILD_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// The search index of a study.
pub struct Index {
    pub(super) dir: PathBuf,
    pub(super) index: tantivy::Index,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    pub(super) manifest: Manifest,
    stats: IndexStats,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("dir", &self.dir)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

/// Where a study's index lives: `<root>/.glose/index/`.
pub fn index_dir(study: &Study) -> PathBuf {
    study.cache_dir().join("index")
}

/// A transcript as it should be indexed.
struct Wanted {
    doc: Document,
    lang: Lang,
    attrs: BTreeMap<String, String>,
    hash: String,
}

impl Index {
    /// Opens the study's index, bringing it up to date with the corpus first: only added,
    /// changed or removed transcripts are (re-)indexed. A missing, damaged or outdated
    /// index is rebuilt. `progress` is called as work advances.
    pub fn open_or_build(
        study: &Study,
        progress: impl FnMut(Progress),
    ) -> Result<Self, SearchError> {
        Self::update(study, false, progress)
    }

    /// Deletes the index and builds it again from the corpus.
    pub fn rebuild(study: &Study, progress: impl FnMut(Progress)) -> Result<Self, SearchError> {
        Self::update(study, true, progress)
    }

    /// What the last update did.
    pub fn stats(&self) -> &IndexStats {
        &self.stats
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The underlying tantivy index (for benchmarks and diagnostics).
    pub fn tantivy(&self) -> &tantivy::Index {
        &self.index
    }

    /// Number of passages in the index.
    pub fn passage_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn update(
        study: &Study,
        force: bool,
        mut progress: impl FnMut(Progress),
    ) -> Result<Self, SearchError> {
        let started = Instant::now();
        let dir = index_dir(study);
        let lock_path = study.cache_dir().join("index.lock");
        let holder = crate::fsutil::holder_description();
        // A rebuild waits for a short update by another glose; a search does not wait.
        let lock = if force {
            FileLock::acquire_within(&lock_path, &holder, REBUILD_PATIENCE)
        } else {
            FileLock::try_acquire(&lock_path, &holder)
        };
        let lock = match lock {
            Ok(l) => l,
            Err(LockError::Held { path, holder }) if !force => {
                // Someone else is writing: read the last index they completed.
                return Self::read_committed(study, &dir, started)
                    .ok_or(SearchError::Locked { path, holder });
            }
            Err(LockError::Held { path, holder }) => {
                return Err(SearchError::Locked { path, holder });
            }
            Err(LockError::Io(e)) => return Err(e.into()),
        };
        remove_leftover_builds(&dir);
        let mut stats = IndexStats::default();
        let settings = settings(study);
        let existing = if force {
            Err("asked for".to_string())
        } else {
            open_existing(&dir, &settings)
        };
        // A rebuild is built aside and swapped in when complete, so that readers keep
        // reading the old index meanwhile.
        let final_dir = dir.clone();
        let (dir, (index, fields, mut manifest)) = match existing {
            Ok(found) => (dir, found),
            Err(reason) => {
                stats.rebuilt = Some(reason);
                let aside = aside_dir(&final_dir, "new");
                let fresh = create_fresh(&aside, settings)?;
                (aside, fresh)
            }
        };
        let tantivy_err = |source| SearchError::Tantivy {
            path: dir.clone(),
            source,
        };
        let open_writer = || -> Result<IndexWriter<TantivyDocument>, SearchError> {
            index
                .writer_with_num_threads(1, WRITER_BUDGET)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => SearchError::Locked {
                        path: dir.join(".tantivy-writer.lock"),
                        holder: "another process".to_string(),
                    },
                    other => SearchError::Tantivy {
                        path: dir.clone(),
                        source: other,
                    },
                })
        };
        // One pass: each transcript is read, compared with the manifest and, when it
        // changed, cut and handed to tantivy's indexing thread at once, so reading the
        // next transcript overlaps with indexing this one, and only one transcript is
        // held in memory at a time.
        let mut writer: Option<IndexWriter<TantivyDocument>> = None;
        let mut manifest_changed = false;
        let stamps = index_file_stamps(&dir);
        if manifest.validated != stamps {
            // open_existing validated the files just now (or the index is new).
            manifest.validated = stamps;
            manifest_changed = true;
        }
        let mut present: HashSet<&str> = HashSet::with_capacity(study.entries.len());
        let total = study.entries.len();
        for (i, entry) in study.entries.iter().enumerate() {
            progress(Progress {
                phase: Phase::Scanning,
                done: i,
                total,
            });
            // Unchanged size and time (long enough ago): unchanged, without reading it. The
            // size and time are those the study took when it was opened (one stat per
            // transcript and command): a file changed since is seen by the next command.
            let stat = entry.stamp.as_ref().map(stamp_stat);
            let attr_refs = study.attribute_refs(entry);
            let lang = lang_of(study, attr_refs.iter().find(|(k, _)| *k == "language"));
            if let (Some(stat), Some(known)) = (stat, manifest.docs.get(&entry.id))
                && let Some(text_hash) = known.source.as_ref().and_then(|s| s.unchanged_hash(stat))
                && doc_hash(text_hash, lang, attr_refs.iter().copied()) == known.hash
            {
                present.insert(entry.id.as_str());
                stats.unchanged += 1;
                continue;
            }
            let attrs: BTreeMap<String, String> = attr_refs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let read_ns = nanos(std::time::SystemTime::now());
            let Some(w) = wanted(study, entry, attrs, lang, &mut stats.skipped) else {
                continue;
            };
            stats.read += 1;
            present.insert(entry.id.as_str());
            let source = stat.map(|(size, mtime_ns)| SourceStamp {
                size,
                mtime_ns,
                read_ns,
                text_hash: w.doc.hash.clone(),
            });
            if let Some(known) = manifest.docs.get_mut(&w.doc.id)
                && known.hash == w.hash
            {
                if known.source != source {
                    known.source = source;
                    manifest_changed = true;
                }
                stats.unchanged += 1;
                continue;
            }
            progress(Progress {
                phase: Phase::Indexing,
                done: i,
                total,
            });
            let writer = match &mut writer {
                Some(open) => open,
                None => writer.insert(open_writer()?),
            };
            writer.delete_term(Term::from_field_text(fields.doc, &w.doc.id));
            let ps = passages(&w.doc, INDEXED_UNIT);
            let mut per_doc = PerDoc::new(&w);
            for p in &ps {
                writer
                    .add_document(to_tantivy(&fields, &w, &mut per_doc, p))
                    .map_err(tantivy_err)?;
            }
            stats.passages_written += ps.len();
            let state = DocState {
                hash: w.hash.clone(),
                lang: w.lang.code().to_string(),
                passages: ps.len(),
                source,
            };
            if manifest.docs.insert(w.doc.id.clone(), state).is_some() {
                stats.updated += 1;
            } else {
                stats.added += 1;
            }
        }
        let removed: Vec<String> = manifest
            .docs
            .keys()
            .filter(|id| !present.contains(id.as_str()))
            .cloned()
            .collect();
        stats.removed = removed.len();
        if !removed.is_empty() && writer.is_none() {
            writer = Some(open_writer()?);
        }
        if let Some(mut writer) = writer {
            for id in &removed {
                writer.delete_term(Term::from_field_text(fields.doc, id));
                manifest.docs.remove(id);
            }
            progress(Progress {
                phase: Phase::Committing,
                done: 0,
                total: 1,
            });
            writer.commit().map_err(tantivy_err)?;
            writer.wait_merging_threads().map_err(tantivy_err)?;
            manifest.validated = index_file_stamps(&dir);
            manifest.save(&dir)?;
            progress(Progress {
                phase: Phase::Committing,
                done: 1,
                total: 1,
            });
        } else if manifest_changed {
            manifest.save(&dir)?;
        }
        let index = if dir == final_dir {
            index
        } else {
            drop(index);
            swap_in(&dir, &final_dir)?
        };
        drop(lock);
        Self::finish(final_dir, index, fields, manifest, stats, started)
    }

    /// The last index completed by the writer that holds the lock, read as it is (a
    /// reader never waits for a writer): `None` if there is none readable in about a
    /// second (a first build, say).
    fn read_committed(study: &Study, dir: &Path, started: Instant) -> Option<Self> {
        let settings = settings(study);
        for _ in 0..20 {
            // The manifest and the index agree except for an instant after each commit.
            // A swap by the writer may also come between opening and reading: try again.
            if let Ok((index, fields, manifest)) = open_existing(dir, &settings) {
                let stats = IndexStats {
                    stale: true,
                    ..IndexStats::default()
                };
                if let Ok(index) =
                    Self::finish(dir.to_path_buf(), index, fields, manifest, stats, started)
                {
                    return Some(index);
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        None
    }

    fn finish(
        dir: PathBuf,
        index: tantivy::Index,
        fields: Fields,
        manifest: Manifest,
        mut stats: IndexStats,
        started: Instant,
    ) -> Result<Self, SearchError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| SearchError::Tantivy {
                path: dir.clone(),
                source,
            })?;
        stats.passages = manifest.passages();
        stats.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        Ok(Self {
            dir,
            index,
            reader,
            fields,
            manifest,
            stats,
        })
    }
}

/// The settings that shape every passage; a change rebuilds the index.
fn settings(study: &Study) -> String {
    format!(
        "unit={};labels={};default-lang={}",
        describe_indexed_unit(),
        study.config.interviewer_labels().join("|"),
        default_lang(study).code()
    )
}

fn default_lang(study: &Study) -> Lang {
    Lang::parse(&study.config.language).unwrap_or(Lang::Fr)
}

/// The language a document is analysed in: its `language` attribute, else the study's
/// (a language without a stemmer is analysed plainly, see [`Lang::for_document`]).
fn lang_of(study: &Study, language: Option<&(&str, &str)>) -> Lang {
    language.map_or_else(|| default_lang(study), |(_, l)| Lang::for_document(l))
}

/// Reads one transcript and computes what should be in the index for it; `None` (and a
/// message in `skipped`) when it cannot be read.
fn wanted(
    study: &Study,
    entry: &DocEntry,
    attrs: BTreeMap<String, String>,
    lang: Lang,
    skipped: &mut Vec<String>,
) -> Option<Wanted> {
    let doc = match study.load_document(&entry.id) {
        Ok(d) => d,
        Err(e) => {
            skipped.push(e.to_string());
            return None;
        }
    };
    let hash = doc_hash(
        &doc.hash,
        lang,
        attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    Some(Wanted {
        doc,
        lang,
        attrs,
        hash,
    })
}

/// Opens and checks an existing index; the error says why it must be rebuilt.
fn open_existing(dir: &Path, settings: &str) -> Result<(tantivy::Index, Fields, Manifest), String> {
    if !dir.join("meta.json").is_file() {
        return Err("there was no index yet".to_string());
    }
    let manifest = Manifest::load(dir).ok_or("its manifest was missing or unreadable")?;
    if manifest.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "it was built by another version of glose (schema {}, now {SCHEMA_VERSION})",
            manifest.schema_version
        ));
    }
    if manifest.settings != settings {
        return Err("the study's settings changed".to_string());
    }
    let index =
        tantivy::Index::open_in_dir(dir).map_err(|e| format!("it could not be opened ({e})"))?;
    let fields = Fields::from_schema(&index.schema()).ok_or("its schema was from another glose")?;
    // Validating reads every file of the index: only when they changed since last time.
    let unchanged = !manifest.validated.is_empty() && manifest.validated == index_file_stamps(dir);
    match if unchanged {
        Ok(Default::default())
    } else {
        index.validate_checksum()
    } {
        Ok(bad) if bad.is_empty() => {}
        Ok(bad) => {
            let mut names: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            return Err(format!("it was damaged ({})", names.join(", ")));
        }
        Err(e) => return Err(format!("it was damaged ({e})")),
    }
    let searcher_ok = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map(|r: IndexReader| r.searcher().num_docs() as usize == manifest.passages());
    match searcher_ok {
        Ok(true) => {}
        Ok(false) => return Err("it did not match its manifest".to_string()),
        Err(e) => return Err(format!("it could not be read ({e})")),
    }
    register_tokenizers(&index);
    Ok((index, fields, manifest))
}

/// A folder beside the index for building (`new`) or retiring (`old`) one.
fn aside_dir(dir: &Path, what: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{what}-{}", std::process::id()));
    dir.with_file_name(name)
}

/// Removes the half-built and retired indexes a killed glose left beside `dir` (call it
/// only while holding the index lock).
fn remove_leftover_builds(dir: &Path) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return;
    };
    let prefixes = [
        format!("{}.new-", name.to_string_lossy()),
        format!("{}.old-", name.to_string_lossy()),
    ];
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| entry_name.starts_with(p.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Replaces the index at `dir` by the one built at `built`, and opens it.
fn swap_in(built: &Path, dir: &Path) -> Result<tantivy::Index, SearchError> {
    let old = aside_dir(dir, "old");
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(PathError::with(dir, "cannot retire the old index"))?;
    }
    std::fs::rename(built, dir)
        .map_err(PathError::with(dir, "cannot put the new index in place"))?;
    if old.exists() {
        let _ = std::fs::remove_dir_all(&old);
    }
    let index = tantivy::Index::open_in_dir(dir).map_err(|source| SearchError::Tantivy {
        path: dir.to_path_buf(),
        source,
    })?;
    register_tokenizers(&index);
    Ok(index)
}

/// Deletes whatever is in `dir` (inside `.glose/`) and creates an empty index.
fn create_fresh(
    dir: &Path,
    settings: String,
) -> Result<(tantivy::Index, Fields, Manifest), SearchError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .map_err(PathError::with(dir, "cannot delete the old search index"))?;
    }
    std::fs::create_dir_all(dir).map_err(PathError::with(dir, "cannot create folder"))?;
    let (schema, fields) = Fields::schema();
    let index =
        tantivy::Index::create_in_dir(dir, schema).map_err(|source| SearchError::Tantivy {
            path: dir.to_path_buf(),
            source,
        })?;
    register_tokenizers(&index);
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        settings,
        docs: BTreeMap::new(),
        validated: BTreeMap::new(),
    };
    manifest.save(dir)?;
    Ok((index, fields, manifest))
}

/// What every passage of a document shares, folded and tokenised once per document (not
/// once per passage): the folded id, the attribute tokens and each speaker's filter words.
struct PerDoc {
    doc_key: String,
    attrs: String,
    speaker_keys: HashMap<String, String>,
}

impl PerDoc {
    fn new(w: &Wanted) -> Self {
        let mut attrs = Vec::new();
        for (k, v) in &w.attrs {
            let key = attribute_key(k);
            attrs.extend(
                filter_words(v)
                    .into_iter()
                    .map(|word| format!("{key}={word}")),
            );
        }
        Self {
            doc_key: crate::text::fold(&w.doc.id),
            attrs: attrs.join(" "),
            speaker_keys: HashMap::new(),
        }
    }

    fn speaker_key(&mut self, speaker: &str) -> &str {
        if !self.speaker_keys.contains_key(speaker) {
            self.speaker_keys
                .insert(speaker.to_string(), filter_words(speaker).join(" "));
        }
        self.speaker_keys.get(speaker).map_or("", String::as_str)
    }
}

fn to_tantivy(f: &Fields, w: &Wanted, per_doc: &mut PerDoc, p: &super::Passage) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.doc, &w.doc.id);
    d.add_text(f.doc_key, &per_doc.doc_key);
    d.add_u64(f.start, p.range.start as u64);
    d.add_u64(f.end, p.range.end as u64);
    d.add_u64(f.turn, p.turn.map_or(0, |t| t as u64 + 1));
    d.add_text(f.speaker, &p.speaker);
    d.add_text(f.speaker_key, per_doc.speaker_key(&p.speaker));
    d.add_text(f.role, p.role.as_str());
    d.add_text(f.text, &p.text);
    d.add_text(f.lang, w.lang.code());
    d.add_text(f.text_of(w.lang), &p.text);
    d.add_text(f.attrs, &per_doc.attrs);
    d
}
