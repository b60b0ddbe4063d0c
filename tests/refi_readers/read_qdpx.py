"""Reads a .qdpx project with two independent REFI-QDA readers from PyPI and prints
what each one sees, as JSON, for tests/refi_readers.rs to compare with glose's data.

    python read_qdpx.py PROJECT.qdpx

pyqdpx (modelled on NVivo's files; reads one Coding per PlainTextSelection and each
selection's Description, the memo QualCoder reads) gives every coding's text, code
and coder, with the text sliced by pyqdpx itself. pyrefiqda (an xsdata binding of the
schema) gives every memo: Notes reached through NoteRef from codings, sources and
codes, and the Descriptions of selections and sources.

Both are installed by tools/test into target/refi-readers (versions pinned there).
"""

import json
import sys
import tempfile

import pyqdpx
from pyrefiqda import RefiProject


def by_pyqdpx(path):
    qde = pyqdpx.QDPX(path).get_project()
    codings = []
    for source in qde.sources.values():
        for sel in source.coded_selections.values():
            codings.append(
                {
                    "source": source.name,
                    "text": sel.text,
                    "code": sel.code.name,
                    "coder": sel.user.name,
                    "memo": sel.description,
                }
            )
    return codings


def by_pyrefiqda(path):
    with tempfile.TemporaryDirectory() as tmp:
        project = RefiProject.load(path, extract_dir=tmp)
    notes = {}
    if project.notes is not None:
        for note in project.notes.note:
            notes[note.guid] = note.plain_text_content or ""
    memos = []

    def add(target, owner, refs, description):
        for ref in refs:
            memos.append({"target": target, "owner": owner, "via": "note",
                          "text": notes.get(ref.target_guid)})
        if description:
            memos.append({"target": target, "owner": owner, "via": "description",
                          "text": description})

    if project.sources is not None:
        for source in project.sources.text_source:
            add("document", source.name, source.note_ref, source.description)
            for sel in source.plain_text_selection:
                for coding in sel.coding:
                    add("coding", sel.name, coding.note_ref, None)
                add("coding", sel.name, sel.note_ref, sel.description)

    def walk(codes):
        for code in codes:
            # A code's Description is its definition; only its notes are memos.
            add("code", code.name, code.note_ref, None)
            walk(code.code)

    if project.code_book is not None:
        walk(project.code_book.codes.code)
    return memos


def main():
    path = sys.argv[1]
    json.dump({"pyqdpx": by_pyqdpx(path), "pyrefiqda": by_pyrefiqda(path)},
              sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
