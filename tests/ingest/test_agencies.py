from __future__ import annotations

import pytest

from ingest.agencies import (
    AGENCIES,
    BY_NAME,
    UnknownAgency,
    canonical_agency,
    find_agencies,
    parse_responsibility,
)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("工信部", "工业和信息化部"),
        ("央行", "人民银行"),
        ("人行", "人民银行"),
        ("中国人民银行", "人民银行"),
        ("发改委", "发展改革委"),
        ("人社部", "人力资源社会保障部"),
        ("市场监管局", "市场监管总局"),
        ("国知局", "知识产权局"),
        ("海关", "海关总署"),
        ("国家税务总局", "税务总局"),
        ("国家金融监督管理总局", "银保监会"),
        ("工商联", "全国工商联"),
        ("PBOC", "人民银行"),
        ("未知部门", None),
    ],
)
def test_alias_table(alias: str, canonical: str | None) -> None:
    assert canonical_agency(alias) == canonical


def test_cbirc_carries_the_2023_note() -> None:
    assert "国家金融监督管理总局" in BY_NAME["银保监会"].note


def test_aliases_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for agency in AGENCIES:
        for form in (agency.name, agency.full_name, *agency.aliases):
            assert seen.setdefault(form.lower(), agency.name) == agency.name, form


def test_find_agencies_in_free_text() -> None:
    assert find_agencies("央行和国家发展改革委都负责哪些？") == ("人民银行", "发展改革委")
    assert find_agencies("What measures is the most important?") == ()


def test_unknown_agency_in_parenthetical_names_the_fix() -> None:
    with pytest.raises(UnknownAgency, match=r"add it to ingest/agencies\.py"):
        parse_responsibility("火星局负责")
