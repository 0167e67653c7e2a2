"""The library folder → ``Library``: every document parsed by its own structure, its metadata
merged from the text and the library's metadata file, and the documents linked (what repealed or
replaced what, which regulation implements which law).

    data/library/
      library.toml     one table per document, keyed by doc_id (= the file name stem); all optional
      agencies.toml    the bodies documents name (ingest/agencies.py)
      terms.txt        words the tokenizer must keep whole, beyond those read from the documents
      query_terms.tsv  everyday and English words → the documents' own terms
      documents/       the document files: .txt .md .docx .pdf .html

Fields the text prints (title, 文号, issuer, dates, 自…起施行, 《…》同时废止) are read from it; the
metadata file supplies the rest and may correct the text (the difference is kept as a warning).
Each field records where it came from (``DocMeta.sources``).

A file that cannot be read or parsed is left out with a message naming the file and the line
(``Library.problems``); the other documents are served. ``add_document`` refuses such a file
before anything in the folder changes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import re
import shutil
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ingest.agencies import AGENCY_FILE, AgencyRegistry
from ingest.formats import SUPPORTED_SUFFIXES
from ingest.numerals import int_to_cn
from ingest.parse import ParseError, parse
from ingest.schema import DocMeta, Document, Library, plain_title

log = logging.getLogger(__name__)

METADATA_FILE = "library.toml"
DOCUMENTS = "documents"
DOC_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")

# Metadata-file fields and their types; anything else in a document's table is refused.
_TEXT_FIELDS = (
    "title",
    "edition",
    "kind",
    "issuer",
    "doc_number",
    "repealed_by",
    "implements",
    "level",
    "region",
    "status_note",
)
_DATE_FIELDS = ("issued", "effective", "repealed")
_LIST_FIELDS = ("short_names", "supersedes")
_KNOWN = {*_TEXT_FIELDS, *_DATE_FIELDS, *_LIST_FIELDS, "file"}

_IMPLEMENTING = re.compile(r"^(.+?)(?:实施条例|实施细则|实施办法)$")
_LOCAL_ISSUER = re.compile(r"^(.+?(?:省|市|自治区|特别行政区))(?:人民代表大会|人民政府)")


class LibraryError(ValueError):
    """The library folder or a document cannot be used; the message names the file and what to do."""


def read_metadata(folder: Path) -> dict[str, dict[str, Any]]:
    """The metadata file's tables by doc_id (empty when there is no file); LibraryError when malformed."""
    path = Path(folder) / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LibraryError(f"{path}: not valid TOML ({exc}); fix the file or restore it from git") from None
    documents = data.get("documents", {})
    if not isinstance(documents, dict):
        raise LibraryError(f"{path}: expected tables like [documents.vat-law-2024]")
    for doc_id, entry in documents.items():
        check_entry(doc_id, entry, path)
    return documents


def check_entry(doc_id: str, entry: object, where: Path | str) -> None:
    """LibraryError unless ``entry`` is a valid metadata table for ``doc_id``."""
    if not DOC_ID.match(doc_id):
        raise LibraryError(
            f"{where}: doc_id {doc_id!r}: use lower-case letters, digits, '-', '.', '_' (e.g. vat-law-2024)"
        )
    if not isinstance(entry, dict):
        raise LibraryError(f"{where}: [documents.{doc_id}] must be a table")
    unknown = set(entry) - _KNOWN
    if unknown:
        raise LibraryError(f"{where}: [documents.{doc_id}] has unknown keys {sorted(unknown)}; known: {sorted(_KNOWN)}")
    for name in _DATE_FIELDS:
        if name in entry and not isinstance(entry[name], dt.date):
            raise LibraryError(f"{where}: [documents.{doc_id}] {name} must be a date like 2026-01-01 (no quotes)")
    for name in _LIST_FIELDS:
        if name in entry and not (isinstance(entry[name], list) and all(isinstance(v, str) for v in entry[name])):
            raise LibraryError(f"{where}: [documents.{doc_id}] {name} must be a list of strings")
    for name in (*_TEXT_FIELDS, "file"):
        if name in entry and not isinstance(entry[name], str):
            raise LibraryError(f"{where}: [documents.{doc_id}] {name} must be a string")


def extract(path: Path) -> str:
    """The plain text of a document file of any supported format (FormatError → ParseError)."""
    from ingest.formats import FormatError, extract_text  # the format libraries load on first use

    try:
        return extract_text(Path(path).read_bytes(), Path(path).name)
    except FormatError as exc:
        raise ParseError(str(exc)) from None


def read_document(path: Path, agencies: AgencyRegistry, entry: Mapping[str, Any] | None = None) -> Document:
    """Parse one file and merge its metadata entry; ParseError names the problem (the caller adds the file)."""
    path = Path(path)
    return parse_with_metadata(extract(path), path.stem, agencies, dict(entry or {}), source_file=path.name)


def parse_with_metadata(
    text: str, doc_id: str, agencies: AgencyRegistry, entry: dict[str, Any], *, source_file: str
) -> Document:
    """A document's text parsed, its metadata entry merged — and, once that says the document is local, the
    departments its provisions name read as the local ones (区科学技术部门, not the national 科技部)."""
    document = merge_metadata(parse(text, doc_id=doc_id, agencies=agencies), entry, source_file=source_file)
    if document.meta.level != "地方":
        return document
    provisions = tuple(
        p if p.responsibility else replace(p, agencies=agencies.named_in_document(p.text, local=True))
        for p in document.provisions
    )
    return replace(document, provisions=provisions)


def merge_metadata(document: Document, entry: dict[str, Any], *, source_file: str = "") -> Document:
    """The metadata file's values over the text's; derived fields (kind, level, short names) last."""
    meta = document.meta
    sources = dict(meta.sources)
    warnings = list(document.warnings)
    values: dict[str, Any] = {}
    for name in (*_TEXT_FIELDS, *_DATE_FIELDS, *_LIST_FIELDS):
        if name not in entry:
            continue
        value = tuple(entry[name]) if name in _LIST_FIELDS else entry[name]
        printed = getattr(meta, name)
        if printed and value != printed and name in sources:
            warnings.append(
                f"{name}: the metadata file says {value}, the text prints {printed}; using the metadata file"
            )
        values[name] = value
        sources[name] = "metadata file"
    meta = replace(meta, **values, source_file=source_file)
    derived: dict[str, Any] = {}
    if not meta.title:
        raise ParseError("no title: give the document a title line or a title in the metadata file")
    if not meta.kind:
        derived["kind"] = _kind(meta)
    if not meta.region and (m := _LOCAL_ISSUER.match(meta.issuer)):
        derived["region"] = m.group(1)
    if not meta.level:
        derived["level"] = "地方" if (meta.region or derived.get("region")) else "国家"
    if meta.effective is None and meta.shape == "notice" and meta.issued:
        derived["effective"] = meta.issued  # a notice takes effect when issued unless it says otherwise
    short = meta.plain_title
    if short != meta.title and short not in meta.short_names:
        derived["short_names"] = (*meta.short_names, short)
    for name in derived:
        sources.setdefault(name, "derived")
    meta = replace(meta, **derived, sources=tuple(sources.items()))
    return replace(document, meta=meta, warnings=tuple(warnings))


def _kind(meta: DocMeta) -> str:
    """法律 / 行政法规 / 地方性法规 / 国务院文件 / 部门文件, from the title and issuer."""
    congress = "人民代表大会" in meta.issuer
    local = bool(_LOCAL_ISSUER.match(meta.issuer))
    if meta.shape == "law":
        if meta.title.endswith("法") and congress and not local:
            return "法律"
        if local:
            return "地方性法规" if congress else "地方政府规章"
        if meta.issuer == "国务院" or meta.doc_number.startswith("国务院令"):
            return "行政法规"
        return "部门规章"
    if meta.issuer.startswith("国务院") and (not meta.doc_number or meta.doc_number.startswith("国")):
        return "国务院文件"
    return "地方文件" if local else "部门文件"


def _same_title(a: str, b: str) -> bool:
    return plain_title(a) == plain_title(b)


def link(documents: Sequence[Document]) -> tuple[Document, ...]:
    """Relations between documents: repeals printed in a later text (…《X》同时废止), later editions
    of the same title, explicit ``supersedes``, and implementing regulations (…实施条例 of a law)."""
    metas = {d.meta.doc_id: d.meta for d in documents}
    updates: dict[str, dict[str, Any]] = {doc_id: {} for doc_id in metas}
    sources: dict[str, dict[str, str]] = {doc_id: dict(m.sources) for doc_id, m in metas.items()}

    def replaced(old: str, new: str, since: dt.date | None, in_provision: int, where: str) -> None:
        if sources[old].get("repealed") == "metadata file":
            return
        updates[old].update(repealed=since, repealed_by=new, repealed_in=in_provision)
        sources[old].update(repealed=where, repealed_by=where)
        updates[new].setdefault("supersedes", set()).add(old)

    for new in metas.values():
        for title, number in new.repeals:
            for old in metas.values():
                if old.doc_id != new.doc_id and _same_title(old.title, title):
                    label = f"第{int_to_cn(number)}条" if new.shape == "law" else f"（{int_to_cn(number)}）"
                    replaced(old.doc_id, new.doc_id, new.effective, number, f"text: {new.citation_title}{label}")
    by_title: dict[str, list[DocMeta]] = {}
    for m in metas.values():
        by_title.setdefault(m.plain_title, []).append(m)
    for editions in by_title.values():
        dated = sorted(editions, key=lambda m: m.effective or m.issued or dt.date.min)
        for old, new in itertools.pairwise(dated):
            if old.issuer and new.issuer and old.issuer != new.issuer:
                continue  # the same title from another body (a local notice) is not an edition
            if not updates[old.doc_id].get("repealed_by") and not old.repealed_by:
                replaced(old.doc_id, new.doc_id, new.effective, 0, "derived: a later edition of the same title")
    for new in metas.values():
        for old_id in new.supersedes:
            if old_id in metas and not (updates[old_id].get("repealed_by") or metas[old_id].repealed_by):
                replaced(old_id, new.doc_id, new.effective, 0, "metadata file: supersedes")
    for m in metas.values():
        if not m.implements and (match := _IMPLEMENTING.match(m.title)):
            law = next((o for o in metas.values() if _same_title(o.title, match.group(1))), None)
            if law is not None:
                updates[m.doc_id]["implements"] = law.doc_id
                sources[m.doc_id]["implements"] = "text: title"
    out = []
    for d in documents:
        change = updates[d.meta.doc_id]
        if "supersedes" in change:
            change["supersedes"] = tuple(dict.fromkeys((*d.meta.supersedes, *sorted(change["supersedes"]))))
        out.append(replace(d, meta=replace(d.meta, **change, sources=tuple(sources[d.meta.doc_id].items()))))
    return tuple(out)


def document_files(folder: Path) -> dict[str, Path]:
    """doc_id → file in ``folder/documents``; LibraryError for two files with one doc_id."""
    found: dict[str, Path] = {}
    docs = Path(folder) / DOCUMENTS
    if not docs.is_dir():
        raise LibraryError(f"{docs} does not exist: the library folder needs a documents/ folder")
    for path in sorted(docs.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.stem in found:
            raise LibraryError(f"two files for doc_id {path.stem!r}: {found[path.stem].name} and {path.name}; keep one")
        found[path.stem] = path
    return found


def load_library(folder: Path, *, only: Sequence[str] = ()) -> Library:
    """Every document of the folder (or only the doc_ids given), parsed and linked.

    Documents that cannot be read are left out and described in ``Library.problems``.
    """
    folder = Path(folder)
    agencies = AgencyRegistry.load(folder / AGENCY_FILE)
    metadata = read_metadata(folder)
    files = document_files(folder)
    problems: list[str] = []
    missing = [doc_id for doc_id in metadata if doc_id not in files]
    problems += [f"{METADATA_FILE}: [documents.{d}] has no file in {DOCUMENTS}/" for d in missing]
    # The metadata file's order first, then files it does not mention, by name.
    order = [d for d in metadata if d in files] + sorted(d for d in files if d not in metadata)
    if only:
        unknown = [d for d in only if d not in files]
        if unknown:
            raise LibraryError(
                f"no document {', '.join(unknown)} in {folder / DOCUMENTS}; there are: {', '.join(order)}"
            )
        order = [d for d in order if d in only]
    documents = []
    for doc_id in order:
        path = files[doc_id]
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            problems.append(f"{path.name}: not a supported format ({' '.join(SUPPORTED_SUFFIXES)}); left out")
            continue
        try:
            documents.append(read_document(path, agencies, metadata.get(doc_id)))
        except (ParseError, OSError) as exc:
            problems.append(f"{path.name}: {exc}; left out")
    for problem in problems:
        log.error("library %s: %s", folder, problem)
    if not documents:
        raise LibraryError(f"no document in {folder} could be read: {'; '.join(problems) or 'the folder is empty'}")
    return Library(link(documents), agencies=agencies, problems=tuple(problems))


def preview_document(
    folder: Path, source: Path, entry: Mapping[str, Any] | None = None, *, doc_id: str = ""
) -> Document:
    """The document ``add_document`` would add, parsed and with its metadata merged; nothing is written.

    Refused (LibraryError): an unsupported, empty, binary or unparseable file, an invalid metadata
    entry, or a doc_id the library already has.
    """
    folder, source = Path(folder), Path(source)
    doc_id = doc_id or source.stem
    check_entry(doc_id, dict(entry or {}), source)
    if doc_id in document_files(folder):
        raise LibraryError(f"doc_id {doc_id!r} is already in the library: choose another id, or replace the document")
    if entry and doc_id in read_metadata(folder):
        raise LibraryError(
            f"{METADATA_FILE} already has a table [documents.{doc_id}]: remove it, or add the file without --set"
        )
    if source.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LibraryError(f"{source.name}: not a supported format; use one of {' '.join(SUPPORTED_SUFFIXES)}")
    agencies = AgencyRegistry.load(folder / AGENCY_FILE)
    try:
        return parse_with_metadata(
            extract(source), doc_id, agencies, dict(entry or {}), source_file=f"{doc_id}{source.suffix.lower()}"
        )
    except ParseError as exc:
        raise LibraryError(f"{source.name}: {exc}; nothing was added") from None


def add_document(folder: Path, source: Path, entry: Mapping[str, Any] | None = None, *, doc_id: str = "") -> Document:
    """Check a new file (``preview_document``) and put it into the library; nothing changes when it is refused.

    The metadata table is written first and the file last, each by an atomic rename: a process killed
    in between leaves a table without a file (reported, ignored), i.e. the library as it was.
    """
    document = preview_document(folder, source, entry, doc_id=doc_id)
    folder = Path(folder)
    if entry:
        _write_tables(folder, {document.meta.doc_id: dict(entry)})
    _copy_atomic(Path(source), folder / DOCUMENTS / document.meta.source_file)
    return document


def retire_document(folder: Path, doc_id: str, *, on: dt.date, by: str = "") -> None:
    """Mark a document repealed on ``on`` — replaced by ``by`` (a doc_id of the library) when given;
    the successor then lists it under ``supersedes``. One atomic write of the metadata file."""
    folder = Path(folder)
    files = document_files(folder)
    for name in (doc_id, by):
        if name and name not in files:
            raise LibraryError(f"no document {name!r} in {folder / DOCUMENTS}; there are: {', '.join(files)}")
    if by == doc_id:
        raise LibraryError(f"{doc_id} cannot replace itself: give the doc_id of the document in force instead")
    tables = read_metadata(folder)
    changes = {doc_id: {**tables.get(doc_id, {}), "repealed": on, **({"repealed_by": by} if by else {})}}
    if by:
        successor = tables.get(by, {})
        supersedes = [
            *successor.get("supersedes", []),
            *([] if doc_id in successor.get("supersedes", []) else [doc_id]),
        ]
        changes[by] = {**successor, "supersedes": supersedes}
    _write_tables(folder, changes)


def remove_document(folder: Path, doc_id: str) -> Path:
    """Take a document out of the library: its file is moved to ``.removed/`` (kept, not deleted) and
    its metadata table dropped. Refused while another document's metadata names it."""
    folder = Path(folder)
    files = document_files(folder)
    if doc_id not in files:
        raise LibraryError(f"no document {doc_id!r} in {folder / DOCUMENTS}; there are: {', '.join(files)}")
    tables = read_metadata(folder)
    naming = [
        other
        for other, table in tables.items()
        if other != doc_id
        and (doc_id in (table.get("repealed_by"), table.get("implements")) or doc_id in table.get("supersedes", []))
    ]
    if naming:
        raise LibraryError(
            f"{', '.join(naming)} name {doc_id} in {METADATA_FILE} (repealed_by, supersedes or implements): "
            "change those tables first, or retire the document instead of removing it"
        )
    kept = folder / ".removed" / f"{doc_id}-{dt.datetime.now():%Y%m%d%H%M%S}{files[doc_id].suffix}"
    kept.parent.mkdir(exist_ok=True)
    files[doc_id].rename(kept)  # first the file: a kill before the table goes leaves a table without a file
    if doc_id in tables:
        _write_tables(folder, {doc_id: None})
    return kept


def _write_tables(folder: Path, changes: Mapping[str, Mapping[str, Any] | None]) -> None:
    """Replace (or, with None, drop) documents' tables in the metadata file, keeping everything else —
    comments included; checked before one atomic replace of the file."""
    path = folder / METADATA_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    for doc_id, entry in changes.items():
        check_entry(doc_id, dict(entry or {}), path)
        table = metadata_table(doc_id, entry) if entry is not None else ""
        found = re.search(rf"^\[documents\.{re.escape(doc_id)}\]\n(?:(?!\[).*\n?)*", text, flags=re.MULTILINE)
        if found:
            text = text[: found.start()] + table + ("\n" if table else "") + text[found.end() :]
        elif table:
            text = text.rstrip("\n") + "\n\n" + table
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # never write what read_metadata would refuse
        raise LibraryError(f"{path}: the change would not be valid TOML ({exc}); nothing was changed") from None
    _write_atomic(path, text)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _copy_atomic(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def metadata_table(doc_id: str, entry: Mapping[str, Any]) -> str:
    """A TOML table for one document.

    >>> print(metadata_table("x-2024", {"short_names": ["甲"], "effective": dt.date(2024, 1, 1)}), end="")
    [documents.x-2024]
    short_names = ["甲"]
    effective = 2024-01-01
    """
    import json

    lines = [f"[documents.{doc_id}]"]
    for key, value in entry.items():
        if isinstance(value, dt.date):
            lines.append(f"{key} = {value.isoformat()}")
        else:
            lines.append(
                f"{key} = {json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)}"
            )
    return "\n".join(lines) + "\n"
