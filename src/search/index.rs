//! The passage index on disk: opened, checked, brought up to date or rebuilt.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::schema::TantivyDocument;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, Term};

use super::analysis::{Lang, attribute_key, filter_words};
use super::manifest::{DocState, Manifest, doc_hash};
use super::passages::{PassageUnit, passages};
use super::schema::{Fields, SCHEMA_VERSION, register_tokenizers};
use super::{IndexStats, Phase, Progress, SearchError};
use crate::document::Document;
use crate::fsutil::{FileLock, LockError, PathError};
use crate::study::{DocEntry, Study};

/// Memory budget of the single indexing thread (tantivy's minimum is 15 MB).
const WRITER_BUDGET: usize = 50_000_000;

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
        let lock = match FileLock::try_acquire(&lock_path, &crate::fsutil::holder_description()) {
            Ok(l) => Some(l),
            Err(LockError::Held { path, holder }) if !force => {
                // Someone else is writing: searching is fine if the index is already current.
                let wanted = scan(study, &mut progress, &mut Vec::new());
                return match open_existing(&dir, &settings(study)) {
                    Ok((index, fields, manifest)) if plan_is_empty(&manifest, &wanted) => {
                        Self::finish(dir, index, fields, manifest, IndexStats::default(), started)
                    }
                    _ => Err(SearchError::Locked { path, holder }),
                };
            }
            Err(LockError::Held { path, holder }) => {
                return Err(SearchError::Locked { path, holder });
            }
            Err(LockError::Io(e)) => return Err(e.into()),
        };
        let mut stats = IndexStats::default();
        let settings = settings(study);
        let existing = if force {
            Err("asked for".to_string())
        } else {
            open_existing(&dir, &settings)
        };
        let (index, fields, mut manifest) = match existing {
            Ok(found) => found,
            Err(reason) => {
                stats.rebuilt = Some(reason);
                create_fresh(&dir, settings)?
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
        let mut present: HashSet<&str> = HashSet::with_capacity(study.entries.len());
        let total = study.entries.len();
        for (i, entry) in study.entries.iter().enumerate() {
            progress(Progress {
                phase: Phase::Scanning,
                done: i,
                total,
            });
            let Some(w) = wanted(study, entry, &mut stats.skipped) else {
                continue;
            };
            present.insert(entry.id.as_str());
            if manifest
                .docs
                .get(&w.doc.id)
                .is_some_and(|d| d.hash == w.hash)
            {
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
            let ps = passages(&w.doc, PassageUnit::DEFAULT);
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
            manifest.save(&dir)?;
            progress(Progress {
                phase: Phase::Committing,
                done: 1,
                total: 1,
            });
        }
        drop(lock);
        Self::finish(dir, index, fields, manifest, stats, started)
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
        PassageUnit::DEFAULT.describe(),
        study.config.interviewer_labels().join("|"),
        default_lang(study).code()
    )
}

fn default_lang(study: &Study) -> Lang {
    Lang::parse(&study.config.language).unwrap_or(Lang::Fr)
}

/// Reads every transcript and computes what should be in the index.
fn scan(
    study: &Study,
    progress: &mut impl FnMut(Progress),
    skipped: &mut Vec<String>,
) -> BTreeMap<String, Wanted> {
    let mut out = BTreeMap::new();
    let total = study.entries.len();
    for (i, entry) in study.entries.iter().enumerate() {
        progress(Progress {
            phase: Phase::Scanning,
            done: i,
            total,
        });
        if let Some(w) = wanted(study, entry, skipped) {
            out.insert(entry.id.clone(), w);
        }
    }
    out
}

/// Reads one transcript and computes what should be in the index for it; `None` (and a
/// message in `skipped`) when it cannot be read.
fn wanted(study: &Study, entry: &DocEntry, skipped: &mut Vec<String>) -> Option<Wanted> {
    let doc = match study.load_document(&entry.id) {
        Ok(d) => d,
        Err(e) => {
            skipped.push(e.to_string());
            return None;
        }
    };
    let attrs = study.attributes(&entry.id);
    let lang = attrs
        .get("language")
        .map_or_else(|| default_lang(study), |l| Lang::for_document(l));
    let hash = doc_hash(&doc.hash, lang, &attrs);
    Some(Wanted {
        doc,
        lang,
        attrs,
        hash,
    })
}

fn plan_is_empty(manifest: &Manifest, wanted: &BTreeMap<String, Wanted>) -> bool {
    manifest.docs.len() == wanted.len()
        && wanted.values().all(|w| {
            manifest
                .docs
                .get(&w.doc.id)
                .is_some_and(|d| d.hash == w.hash)
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
    match index.validate_checksum() {
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
