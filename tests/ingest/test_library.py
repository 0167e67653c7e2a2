"""The library folder: metadata merged with what the text prints (with sources), documents linked by
their repeal clauses and editions, and files that cannot be read refused without changing anything."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ingest import DEFAULT_LIBRARY, Library, LibraryError, load_library
from ingest import library as library_module
from ingest.library import METADATA_FILE, add_document, read_metadata, remove_document, retire_document
from ingest.validity import status_on
from tests.conftest import DEMO_LIBRARY, SHARED


def copy_library(tmp_path: Path, source: Path = DEMO_LIBRARY) -> Path:
    target = tmp_path / "library"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("expected.json"))
    return target


def test_the_default_library_is_the_fourteen_real_documents(library: Library) -> None:
    shipped = sorted(p.stem for p in (SHARED / "corpus" / "policies").glob("*.*") if p.suffix in (".md", ".txt"))
    assert sorted(library.doc_ids) == shipped and not library.problems
    for doc_id in shipped:  # the shipped files are the corpus files
        ours = next((DEFAULT_LIBRARY / "documents").glob(f"{doc_id}.*"))
        assert ours.read_bytes() == next((SHARED / "corpus" / "policies").glob(f"{doc_id}.*")).read_bytes()


def test_fields_record_where_they_came_from(library: Library) -> None:
    vat = library.get("vat-law-2024").meta  # type: ignore[union-attr]
    sources = dict(vat.sources)
    assert sources["title"] == sources["issued"] == "text: header"
    assert sources["effective"] == "text: 第三十八条" and vat.effective == dt.date(2026, 1, 1)
    assert "增值税法" in vat.short_names and sources["short_names"] == "metadata file"
    assert (vat.kind, sources["kind"]) == ("法律", "derived")
    old = library.get("sme-payment-regulation-2020").meta  # type: ignore[union-attr]
    assert (old.doc_number, dict(old.sources)["doc_number"]) == ("国务院令第728号", "metadata file")
    beijing = library.get("beijing-sme-promotion-regulation-2020").meta  # type: ignore[union-attr]
    assert (beijing.level, beijing.region, beijing.kind) == ("地方", "北京市", "地方性法规")
    # a day the header prints (2020年1月1日 施行) and an article prints too: the article is where it is stated
    environment = library.get("business-environment-regulation-2019").meta  # type: ignore[union-attr]
    assert (environment.effective, environment.effective_in) == (dt.date(2020, 1, 1), 72)


def test_repeals_editions_and_implementing_regulations_are_linked(library: Library) -> None:
    interim = library.get("vat-interim-regulation-2017").meta  # type: ignore[union-attr]
    assert (interim.repealed, interim.repealed_by, interim.repealed_in) == (dt.date(2026, 1, 1), "vat-law-2024", 38)
    assert dict(interim.sources)["repealed"] == "text: 《中华人民共和国增值税法》第三十八条"
    individual = library.get("individual-business-regulation-2016").meta  # type: ignore[union-attr]
    assert (individual.repealed_by, individual.repealed_in) == ("individual-business-promotion-regulation-2022", 39)
    payment = library.get("sme-payment-regulation-2020").meta  # type: ignore[union-attr]
    assert (payment.repealed_by, payment.repealed) == ("sme-payment-regulation-2025", dt.date(2025, 6, 1))
    assert library.get("eit-regulation-2019").meta.implements == "eit-law-2018"  # type: ignore[union-attr]


def test_the_metadata_file_corrects_the_text_and_says_so(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    with (folder / METADATA_FILE).open("a", encoding="utf-8") as f:
        f.write("\n[documents.demo-regulation-2019]\nissued = 2019-05-11\n")
    with pytest.raises(LibraryError, match="not valid TOML"):  # the same table twice
        read_metadata(folder)
    (folder / METADATA_FILE).write_text("[documents.demo-regulation-2019]\nissued = 2019-05-11\n", encoding="utf-8")
    meta = load_library(folder).get("demo-regulation-2019")
    assert meta is not None and meta.meta.issued == dt.date(2019, 5, 11)
    assert any("the text prints 2019-05-10" in w for w in meta.warnings)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[documents.x]\ncolour = "red"\n', "unknown keys"),
        ('[documents.x]\nissued = "2020-01-01"\n', "must be a date"),
        ('[documents.x]\nshort_names = "甲"\n', "list of strings"),
        ("[documents.Bad_ID]\n", "doc_id"),
    ],
)
def test_a_malformed_metadata_entry_is_named(tmp_path: Path, table: str, message: str) -> None:
    folder = copy_library(tmp_path)
    (folder / METADATA_FILE).write_text(table, encoding="utf-8")
    with pytest.raises(LibraryError, match=message):
        load_library(folder)


def test_an_unreadable_file_is_left_out_and_the_rest_is_served(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    (folder / "documents" / "broken-2020.txt").write_text("第一条 甲。\n\n第三条 乙。", encoding="utf-8")
    (folder / "documents" / "binary-2020.txt").write_bytes(b"\x00\x01\x02" * 100)
    library = load_library(folder)
    assert len(library.documents) == 4
    assert any(p.startswith("broken-2020.txt: line 3: 第三条 where 第二条 was expected") for p in library.problems)
    assert any(p.startswith("binary-2020.txt") for p in library.problems)


def test_two_files_with_one_doc_id_are_refused(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    shutil.copy(folder / "documents" / "demo-law-2023.md", folder / "documents" / "demo-law-2023.txt")
    with pytest.raises(LibraryError, match="two files for doc_id 'demo-law-2023'"):
        load_library(folder)


def test_adding_a_document(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    source = tmp_path / "new-rule-2025.md"
    source.write_text(
        "# 示例新规定\n\n第一条 为了示例，制定本规定。\n\n第二条 本规定自2025年1月1日起施行。\n", encoding="utf-8"
    )
    document = add_document(folder, source, {"short_names": ["新规定"], "issuer": "示例部"})
    assert document.meta.effective == dt.date(2025, 1, 1)
    library = load_library(folder)
    added = library.get("new-rule-2025")
    assert added is not None and added.meta.short_names == ("新规定",) and added.meta.issuer == "示例部"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("demo-law-2023.md", "# 甲\n\n第一条 甲。", "already in the library"),
        ("empty-2025.txt", "", "empty"),
        ("jumps-2025.md", "# 甲\n\n第一条 甲。\n\n第三条 乙。", "line 5: 第三条 where 第二条 was expected"),
        ("scan-2025.tiff", "x", "not a supported format"),
    ],
)
def test_a_refused_document_changes_nothing(tmp_path: Path, name: str, content: str, message: str) -> None:
    folder = copy_library(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    source = tmp_path / "upload" / name
    source.parent.mkdir()
    source.write_text(content, encoding="utf-8")
    with pytest.raises(LibraryError, match=message):
        add_document(folder, source, {"short_names": ["甲"]})
    assert {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_a_metadata_table_left_behind_is_not_written_twice(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    (folder / "documents" / "demo-opinion-2022.txt").unlink()  # its table stays in library.toml
    metadata = (folder / METADATA_FILE).read_text(encoding="utf-8")
    source = tmp_path / "demo-opinion-2022.md"
    source.write_text("# 甲\n\n第一条 甲。\n", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"already has a table \[documents.demo-opinion-2022\]"):
        add_document(folder, source, {"short_names": ["甲"]})
    assert (folder / METADATA_FILE).read_text(encoding="utf-8") == metadata
    assert read_metadata(folder)  # still valid TOML


def test_retiring_a_document_by_its_successor(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    comment = (folder / METADATA_FILE).read_text(encoding="utf-8").splitlines()[0]
    retire_document(folder, "demo-opinion-2022", on=dt.date(2026, 12, 1), by="demo-notice-2024")
    library = load_library(folder)
    metas = {d.meta.doc_id: d.meta for d in library.documents}
    before = status_on(metas["demo-opinion-2022"], dt.date(2026, 11, 30), metas)
    after = status_on(metas["demo-opinion-2022"], dt.date(2026, 12, 1), metas)
    assert before.in_force and not after.in_force and after.successor == "demo-notice-2024"
    assert "demo-opinion-2022" in metas["demo-notice-2024"].supersedes
    text = (folder / METADATA_FILE).read_text(encoding="utf-8")
    assert text.startswith(comment) and text.count("[documents.demo-opinion-2022]") == 1  # comments kept, no duplicate
    assert metas["demo-opinion-2022"].short_names == ("示例产业意见",)  # the rest of its table kept


def test_retiring_refuses_unknown_documents_and_changes_nothing(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    before = (folder / METADATA_FILE).read_bytes()
    with pytest.raises(LibraryError, match="no document 'nothing'"):
        retire_document(folder, "demo-opinion-2022", on=dt.date(2026, 12, 1), by="nothing")
    with pytest.raises(LibraryError, match="cannot replace itself"):
        retire_document(folder, "demo-opinion-2022", on=dt.date(2026, 12, 1), by="demo-opinion-2022")
    assert (folder / METADATA_FILE).read_bytes() == before


def test_removing_a_document_keeps_its_file_aside(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    kept = remove_document(folder, "demo-opinion-2022")
    assert kept.is_file() and kept.parent.name == ".removed"
    library = load_library(folder)
    assert library.get("demo-opinion-2022") is None and not library.problems
    assert "demo-opinion-2022" not in read_metadata(folder)


def test_a_document_another_names_is_not_removed(tmp_path: Path) -> None:
    folder = copy_library(tmp_path)
    retire_document(folder, "demo-opinion-2022", on=dt.date(2026, 12, 1), by="demo-notice-2024")
    with pytest.raises(LibraryError, match="demo-notice-2024 name demo-opinion-2022"):
        remove_document(folder, "demo-opinion-2022")
    assert load_library(folder).get("demo-opinion-2022") is not None


def test_a_publish_killed_before_the_file_leaves_the_library_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_library(tmp_path)
    source = tmp_path / "new-rule-2025.md"
    source.write_text("# 示例新规定\n\n第一条 为了示例，制定本规定。\n", encoding="utf-8")

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(library_module, "_copy_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        add_document(folder, source, {"short_names": ["新规定"]})
    library = load_library(folder)
    assert library.get("new-rule-2025") is None and len(library.documents) == 4
    assert not [p for p in (folder / "documents").iterdir() if p.name.startswith(".")]  # no half-written file
