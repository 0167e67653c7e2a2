"""The agency registry: names and aliases from the data file, families across renames, parentheticals."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import DEFAULT_LIBRARY
from ingest.agencies import AGENCY_FILE, Agency, AgencyFileError, AgencyRegistry


@pytest.fixture(scope="module")
def registry() -> AgencyRegistry:
    return AgencyRegistry.load(DEFAULT_LIBRARY / AGENCY_FILE)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("央行", "人民银行"), ("PBOC", "人民银行"), ("工信部", "工业和信息化部"), ("国开行", "开发银行"),
     ("人社部", "人力资源社会保障部"), ("银保监", "银保监会"), ("火星局", None)],
)  # fmt: skip
def test_canonical_names(registry: AgencyRegistry, typed: str, canonical: str | None) -> None:
    assert registry.canonical(typed) == canonical


def test_the_longest_name_wins_in_free_text(registry: AgencyRegistry) -> None:
    assert registry.find("国务院市场监督管理部门会同税务机关") == ("国务院市场监督管理部门", "税务机关")
    assert registry.find("央行和发改委都参与") == ("人民银行", "发展改革委")
    # a local government's department is one body, not the government plus the national ministry
    local = "向所在地的县级以上地方人民政府负责中小企业促进工作综合管理的部门申请认定"
    assert registry.find(local) == ("县级以上地方人民政府负责中小企业促进工作综合管理的部门",)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # one ending shared by the list, and the level the first name carries for all of them
        ("由国务院财政、税务主管部门制定", ("国务院财政部门", "国务院税务主管部门")),
        ("税务机关与工业和信息化、公安、海关、人民银行等部门建立协作机制",
         ("税务机关", "工业和信息化部", "公安部", "海关总署", "人民银行")),
        ("人力资源社会保障、市场监督管理、统计等相关部门应当协助", ("人力资源社会保障部", "市场监督管理部门", "统计局")),
        ("各地区、各部门应当加强协作", ()),  # not a list of departments
    ],
)  # fmt: skip
def test_every_department_of_a_list_with_one_ending_is_found(
    registry: AgencyRegistry, text: str, names: tuple[str, ...]
) -> None:
    assert registry.find(text) == names


def test_a_name_people_only_say_is_not_read_in_a_document_s_text(registry: AgencyRegistry) -> None:
    """市场监管 is how people speak of the market regulator; in a document it is a field of work (市场监管制度,
    市场监管、财税、金融等政务服务信息) — the body a document means is written 市场监督管理部门."""
    assert registry.find("市场监管那边负责哪些？") == ("市场监管总局",)
    assert registry.named_in_document("实行统一的市场准入和市场监管制度") == ()
    assert registry.named_in_document("市场监管、财税、金融等政务服务信息的解读") == ()
    assert registry.named_in_document("市场监督管理部门应当协助") == ("市场监督管理部门",)


def test_a_local_document_s_departments_are_its_own_not_the_ministries(registry: AgencyRegistry) -> None:
    """In a city's regulation, 科学技术部门 is the city's or a district's science department, not the national
    科技部: named as printed with the level before it (each level of 市、区…), or as the agency file's local entry."""
    text = "市、区科学技术部门应当提供指导。市发展改革、商务等部门给予支持。统计部门应当协助"
    assert registry.named_in_document(text) == ("科技部", "发展改革委", "商务部", "统计局")
    assert registry.named_in_document(text, local=True) == (
        "市科学技术部门", "区科学技术部门", "市发展改革部门", "市商务部门", "统计部门",
    )  # fmt: skip
    # a body of its own name, or a local one the file knows, stays what it is
    assert registry.named_in_document("区人民政府会同人民银行", local=True) == ("区人民政府", "人民银行")


def test_the_library_s_local_regulation_names_no_national_ministry() -> None:
    """Whom an answer from Beijing's regulation tells the asker to consult: the city's and districts' departments."""
    from ingest.library import load_library

    library = load_library(DEFAULT_LIBRARY)
    beijing = library.get("beijing-sme-promotion-regulation-2020")
    assert beijing is not None
    named = {name for p in beijing.provisions for name in p.agencies}
    registry = AgencyRegistry.load(DEFAULT_LIBRARY / AGENCY_FILE)
    national = {a.name for a in registry.agencies if a.kind in {"部委", "直属机构"}}
    assert named and not named & national
    assert beijing.provision(33).agencies == ("市科学技术部门", "区科学技术部门")  # type: ignore[union-attr]
    law = library.get("sme-promotion-law-2017")  # (a national law's departments are still the ministries)
    assert law is not None and any("统计局" in p.agencies for p in law.provisions)


def test_renamed_and_generic_bodies_are_one_family(registry: AgencyRegistry) -> None:
    assert {"银保监会", "国家金融监督管理总局", "国务院银行业监督管理机构"} <= registry.family("银保监会")
    assert "工商行政管理部门" in registry.family("市场监管总局")
    assert "国务院负责中小企业促进工作综合管理的部门" in registry.family("工业和信息化部")
    assert registry.family("火星局") == frozenset({"火星局"})
    assert "国家金融监督管理总局" in registry.with_note("银保监会")


@pytest.mark.parametrize(
    ("parenthetical", "names", "unknown"),
    [
        ("财政部、工业和信息化部等有关部门及各地方按职责分工负责", ("财政部", "工业和信息化部", "各地方"), ()),
        ("人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同", ("人力资源社会保障部", "财政部"), ()),
        (
            "市场监管总局、国家发展改革委、财政部按职责分工负责，列第一位者为牵头单位",
            ("市场监管总局", "发展改革委", "财政部"),
            (),
        ),
        ("各有关部门和单位，各省级人民政府按职责分工负责", ("各有关部门和单位", "各省级人民政府"), ()),
        ("人民银行会同示例发展促进中心负责", ("人民银行", "示例发展促进中心"), ("示例发展促进中心",)),
    ],
)
def test_parentheticals(registry: AgencyRegistry, parenthetical: str, names: tuple, unknown: tuple) -> None:
    assert registry.parse_responsibility(parenthetical) == (names, unknown)


def test_aliases_never_name_two_bodies(registry: AgencyRegistry) -> None:
    seen: dict[str, str] = {}
    for agency in registry.agencies:
        for surface in agency.surfaces():
            assert seen.setdefault(surface.lower(), agency.name) == agency.name, surface


def test_a_broken_agency_file_says_which_entry(tmp_path: Path) -> None:
    path = tmp_path / AGENCY_FILE
    path.write_text('[[agency]]\nname = "甲"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(AgencyFileError, match="unknown keys"):
        AgencyRegistry.load(path)
    path.write_text("[[agency\n", encoding="utf-8")
    with pytest.raises(AgencyFileError, match="not valid TOML"):
        AgencyRegistry.load(path)
    assert AgencyRegistry.load(tmp_path / "missing.toml").agencies == ()
    assert AgencyRegistry((Agency("甲"),)).canonical("甲") == "甲"
