"""The responsible agencies: canonical names, full names, aliases, and the parser of the
closing parenthetical of each measure.

    >>> parse_responsibility("人力资源社会保障部会同各地方按职责分工负责")
    ('人力资源社会保障部', '各地方')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


class UnknownAgency(ValueError):
    """A parenthetical names an agency that is not in AGENCIES."""


@dataclass(frozen=True)
class Agency:
    name: str  # canonical: the short name the document prints
    full_name: str
    aliases: tuple[str, ...] = ()  # other ways users write it (Chinese and English, lower-case)
    note: str = ""  # e.g. where its functions lie today


LEADING_GROUP_MEMBERS = "国务院促进中小企业发展工作领导小组各成员单位"
LOCAL_GOVERNMENTS = "各地方"

AGENCIES: tuple[Agency, ...] = (
    Agency(
        "工业和信息化部",
        "中华人民共和国工业和信息化部",
        ("工信部", "工业信息化部", "工信局", "工信厅", "经信局", "经信委", "miit"),
    ),
    Agency("财政部", "中华人民共和国财政部", ("财政局", "财政厅", "ministry of finance")),
    Agency(
        "税务总局",
        "国家税务总局",
        ("国家税务总局", "税务局", "税务部门", "tax bureau", "state taxation administration"),
    ),
    Agency(
        "人民银行",
        "中国人民银行",
        ("中国人民银行", "央行", "人行", "people's bank of china", "pboc", "central bank"),
    ),
    Agency(
        "银保监会",
        "中国银行保险监督管理委员会",
        (
            "中国银行保险监督管理委员会",
            "银行保险监督管理委员会",
            "银监会",
            "保监会",
            "国家金融监督管理总局",
            "金融监管总局",
            "cbirc",
            "nfra",
        ),
        note="2023年机构改革后，银保监会的职责由国家金融监督管理总局承担",
    ),
    Agency("知识产权局", "国家知识产权局", ("国家知识产权局", "国知局", "cnipa", "intellectual property office")),
    Agency("开发银行", "国家开发银行", ("国家开发银行", "国开行", "国开银行", "china development bank")),
    Agency("证监会", "中国证券监督管理委员会", ("中国证券监督管理委员会", "证券监督管理委员会", "证监局", "csrc")),
    Agency(
        "发展改革委",
        "国家发展和改革委员会",
        ("国家发展和改革委员会", "国家发展改革委", "发展和改革委员会", "发改委", "发改局", "ndrc"),
    ),
    Agency(
        "科技部", "中华人民共和国科学技术部", ("科学技术部", "科技局", "科技厅", "ministry of science and technology")
    ),
    Agency("商务部", "中华人民共和国商务部", ("商务局", "商务厅", "ministry of commerce", "mofcom")),
    Agency("贸促会", "中国国际贸易促进委员会", ("中国国际贸易促进委员会", "国际贸易促进委员会", "ccpit")),
    Agency("全国工商联", "中华全国工商业联合会", ("中华全国工商业联合会", "工商联", "acfic")),
    Agency(
        "市场监管总局",
        "国家市场监督管理总局",
        ("国家市场监督管理总局", "市场监督管理总局", "市场监管局", "市场监督管理局", "市监局", "工商局", "samr"),
    ),
    Agency("教育部", "中华人民共和国教育部", ("教育局", "教育厅", "ministry of education")),
    Agency(
        "国资委",
        "国务院国有资产监督管理委员会",
        ("国务院国有资产监督管理委员会", "国有资产监督管理委员会", "sasac"),
    ),
    Agency("海关总署", "中华人民共和国海关总署", ("海关", "customs", "gacc")),
    Agency(
        "生态环境部",
        "中华人民共和国生态环境部",
        ("生态环境局", "环保部", "环保局", "环境保护部", "ministry of ecology and environment"),
    ),
    Agency(
        "人力资源社会保障部",
        "中华人民共和国人力资源和社会保障部",
        ("人力资源和社会保障部", "人社部", "人社局", "人社厅", "人力资源部", "mohrss"),
    ),
    Agency(LOCAL_GOVERNMENTS, "各省、自治区、直辖市及计划单列市等地方人民政府", ("地方政府", "各地政府")),
    Agency(LEADING_GROUP_MEMBERS, LEADING_GROUP_MEMBERS, ("领导小组各成员单位", "领导小组成员单位")),
)

BY_NAME: dict[str, Agency] = {a.name: a for a in AGENCIES}

# Words around agency names inside a parenthetical that are not agencies themselves.
_RESPONSIBILITY_TAIL = re.compile(r"(按职责分工)?负责$")
_SEPARATORS = re.compile(r"、|及|会同|和(?=各地方)")
_GENERIC = re.compile(r"等有关部门$|等部门$")


def parse_responsibility(text: str) -> tuple[str, ...]:
    """Canonical agency names in a closing parenthetical, in printed order.

    >>> parse_responsibility("财政部、工业和信息化部等有关部门及各地方按职责分工负责")
    ('财政部', '工业和信息化部', '各地方')
    """
    body = _RESPONSIBILITY_TAIL.sub("", text.strip())
    names: list[str] = []
    for part in _SEPARATORS.split(body):
        part = _GENERIC.sub("", part.strip())
        if not part:
            continue
        name = canonical_agency(part)
        if name is None:
            raise UnknownAgency(
                f"unknown agency {part!r} in parenthetical {text!r}: add it to ingest/agencies.py AGENCIES"
            )
        if name not in names:
            names.append(name)
    return tuple(names)


def canonical_agency(name: str) -> str | None:
    """Canonical name for a printed name or alias; None when unknown.

    >>> canonical_agency("央行")
    '人民银行'
    """
    key = name.strip().lower()
    for agency in AGENCIES:
        if key == agency.name or key == agency.full_name or key in agency.aliases:
            return agency.name
    return None


@functools.cache
def alias_index() -> tuple[tuple[str, str], ...]:
    """(surface form, canonical name) pairs, longest surface first, for scanning free text."""
    pairs = {(a.name, a.name) for a in AGENCIES}
    pairs |= {(a.full_name, a.name) for a in AGENCIES}
    pairs |= {(alias, a.name) for a in AGENCIES for alias in a.aliases}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def find_agencies(text: str) -> tuple[str, ...]:
    """Canonical agencies mentioned in free text (lower-cased input), first mention first.

    >>> find_agencies("央行和发改委负责哪些")
    ('人民银行', '发展改革委')
    """
    hay = text.lower()
    found: list[tuple[int, str]] = []
    taken = [False] * len(hay)
    for surface, name in alias_index():
        pattern = rf"(?<![a-z]){re.escape(surface)}(?![a-z])" if surface.isascii() else re.escape(surface)
        for m in re.finditer(pattern, hay):
            if any(taken[m.start() : m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            found.append((m.start(), name))
    ordered: list[str] = []
    for _, name in sorted(found):
        if name not in ordered:
            ordered.append(name)
    return tuple(ordered)
