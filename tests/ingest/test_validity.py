"""Validity as data: the status of a document on a day, and the version in force on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest import Library
from ingest.schema import IN_FORCE, NOT_YET, REPEALED, SUPERSEDED
from ingest.validity import lineage, status_on, version_on


def _metas(library: Library) -> dict:
    return {d.meta.doc_id: d.meta for d in library.documents}


@pytest.mark.parametrize(
    ("doc_id", "day", "code", "words"),
    [
        ("vat-interim-regulation-2017", dt.date(2025, 12, 31), IN_FORCE, "现行有效"),
        (
            "vat-interim-regulation-2017",
            dt.date(2026, 1, 1),
            REPEALED,
            "自2026年1月1日起，由《中华人民共和国增值税法》第三十八条废止",
        ),
        ("vat-law-2024", dt.date(2025, 6, 1), NOT_YET, "自2026年1月1日起施行"),
        ("sme-payment-regulation-2020", dt.date(2026, 11, 30), SUPERSEDED, "2025年修订"),
        ("guofa-2018-39", dt.date(2026, 11, 30), IN_FORCE, "已到期"),
    ],
)
def test_status_on_a_day(library: Library, doc_id: str, day: dt.date, code: str, words: str) -> None:
    metas = _metas(library)
    status = status_on(metas[doc_id], day, metas)
    assert status.code == code and words in status.text


@pytest.mark.parametrize(
    ("asked", "day", "version"),
    [
        ("sme-payment-regulation-2025", dt.date(2024, 12, 31), "sme-payment-regulation-2020"),
        ("sme-payment-regulation-2020", dt.date(2026, 11, 30), "sme-payment-regulation-2025"),
        ("vat-law-2024", dt.date(2025, 12, 31), "vat-interim-regulation-2017"),
        ("individual-business-promotion-regulation-2022", dt.date(2021, 12, 31), "individual-business-regulation-2016"),
        ("eit-law-2018", dt.date(2010, 1, 1), "eit-law-2018"),
    ],
)
def test_the_version_in_force_on_a_day(library: Library, asked: str, day: dt.date, version: str) -> None:
    assert version_on(asked, day, _metas(library)) == version


def test_a_line_of_succession_runs_oldest_first(library: Library) -> None:
    metas = _metas(library)
    assert lineage("sme-payment-regulation-2025", metas) == (
        "sme-payment-regulation-2020",
        "sme-payment-regulation-2025",
    )
    assert lineage("eit-law-2018", metas) == ("eit-law-2018",)


def test_the_made_up_law_repeals_the_made_up_regulation(demo_library: Library) -> None:
    metas = _metas(demo_library)
    status = status_on(metas["demo-regulation-2019"], dt.date(2026, 11, 30), metas)
    assert status.code == REPEALED and status.successor == "demo-law-2023" and "第十四条" in status.text
