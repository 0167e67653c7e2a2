"""The bodies documents name — read from the library's agency file (``agencies.toml``) — and the
parser of a notice item's closing parenthetical.

An ``AgencyRegistry`` answers: what is the canonical name of what someone typed (央行 → 人民银行),
which bodies a text names, which bodies are the same today (银保监会 → 国家金融监督管理总局), and
what note to show beside a name. A name that is not in the file is kept as printed, never an error.

    >>> reg = AgencyRegistry((Agency("人民银行", aliases=("央行",)), Agency("各地方")))
    >>> reg.parse_responsibility("人民银行会同各地方、示例中心按职责分工负责")
    (('人民银行', '各地方', '示例中心'), ('示例中心',))
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from ingest.validity import cn_date

AGENCY_FILE = "agencies.toml"


LEGISLATURE = "立法机关"  # the agency file's kind of a body that makes laws


class AgencyFileError(ValueError):
    """The agency file cannot be read; the message names the file and the entry to fix."""


@dataclass(frozen=True)
class Agency:
    name: str  # canonical: the name documents print
    full_name: str = ""
    aliases: tuple[str, ...] = ()  # other ways people write it (Chinese, English in lower case)
    # names people use in questions that documents use for something else (市场监管制度: a field of work, not the body)
    spoken: tuple[str, ...] = ()
    kind: str = ""
    region: str = ""
    same_as: str = ""  # a generic description that means this named body today
    successor: str = ""  # the body that took over its functions
    since: dt.date | None = None
    note: str = ""

    def surfaces(self, spoken: bool = True) -> tuple[str, ...]:
        """Every name it goes by (without ``spoken``: those a document's text means it by)."""
        names = (self.name, self.full_name, *self.aliases, *(self.spoken if spoken else ()))
        return tuple(dict.fromkeys(s for s in names if s))


# Words around agency names inside a parenthetical that are not agencies themselves:
# "…按职责分工负责，列第一位者为牵头单位" / "…负责。列第一位者为牵头单位，下同".
_TAIL = re.compile(r"(?:按职责分工|分别|共同|牵头)+$")
_SEPARATORS = re.compile(r"、|，|,|以及|及|会同|配合|和(?=各)")
_GENERIC_SUFFIX = re.compile(r"(?:等有关部门和单位|等有关部门|等部门|等单位|等)$")


# Laws name several departments with one ending: 国务院发展改革、财政、税务等有关部门, 财政、税务主管部门.
_SHARED_ENDING = re.compile(
    r"([\u4e00-\u9fff/]{1,16}(?:、[\u4e00-\u9fff]{1,12})*、[\u4e00-\u9fff]{1,12}?)"
    r"(?:等(?:有关|相关)?|有关|相关)?(主管部门|部门)"
)
# The level the first name carries for all of them (国务院…, 县级以上地方人民政府…, 省级以上…; a local document's
# 市… or 市/区…, not 市场…).
_LEVEL = re.compile(
    r"国务院|(?:县级|省级|市级|设区的市级)以上(?:地方)?(?:人民政府)?|地方各级人民政府|同级|^[省市区县](?:/[省市区县])*(?![场民级域辖])"
)
# Levels listed before one name (市、区科学技术部门: the city's and each district's): written 市/区 for scanning.
_LEVEL_LIST = re.compile(r"((?:[省市区县]、)+[省市区县])(?=[\u4e00-\u9fff])")
# The level printed right before a department's name (区科学技术部门, 市/区…).
_LEVEL_BEFORE = re.compile(r"[省市区县](?:/[省市区县])*$")
# How a generic description of a department ends (科学技术部门, 税务机关), as opposed to a body's own name.
_DEPARTMENT = ("部门", "机关")


def spelled_out(text: str) -> str:
    """The text with each list of departments that share one ending written out in full, so that every
    one of them is found by its own name.

    >>> spelled_out("由国务院财政、税务主管部门制定")
    '由国务院财政主管部门、国务院税务主管部门制定'
    >>> spelled_out("人力资源社会保障、市场监督管理、统计等相关部门应当协助")
    '人力资源社会保障部门、市场监督管理部门、统计部门应当协助'
    """

    def write_out(m: re.Match[str]) -> str:
        first, *rest = m.group(1).split("、")
        level = _LEVEL.search(first)
        prefix = level.group(0) if level else ""
        names = [first, *(prefix + name for name in rest)]
        return "、".join(name + m.group(2) for name in names)

    return _SHARED_ENDING.sub(write_out, text)


def _pattern(surface: str) -> str:
    """A surface as the scanner looks for it: whole words for Latin names, and a ministry (…部) not
    inside a department (…部门: 财政部门 is not 财政部)."""
    if surface.isascii():
        return rf"(?<![a-z]){re.escape(surface)}(?![a-z])"
    return re.escape(surface) + ("(?!门)" if surface.endswith("部") else "")


def _scanner(surfaces: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any of the surfaces, the longest first (None for none)."""
    alternatives = [_pattern(s) for s in sorted(surfaces, key=lambda s: (-len(s), s))]
    return re.compile("|".join(alternatives)) if alternatives else None


class AgencyRegistry:
    """Bodies by name and alias; immutable after construction, safe to share between threads."""

    def __init__(self, agencies: Iterable[Agency]) -> None:
        self.agencies = tuple(agencies)
        self.by_name = {a.name: a for a in self.agencies}
        self._canonical: dict[str, str] = {}
        for agency in self.agencies:
            for surface in agency.surfaces():
                self._canonical.setdefault(surface.lower(), agency.name)
        self._scanner = _scanner(self._canonical)
        written = {s.lower() for a in self.agencies for s in a.surfaces(spoken=False)}
        self._document_scanner = _scanner([s for s in self._canonical if s in written])
        self._families = self._build_families()

    @classmethod
    def load(cls, path: Path) -> AgencyRegistry:
        """Read an agency file; AgencyFileError says which entry is wrong."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(())
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise AgencyFileError(f"{path}: not valid TOML ({exc}); fix the file or restore it from git") from None
        known = {f.name for f in fields(Agency)}
        agencies = []
        for i, entry in enumerate(data.get("agency", []), start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
                raise AgencyFileError(f"{path}: [[agency]] number {i} has no name")
            unknown = set(entry) - known
            if unknown:
                raise AgencyFileError(f"{path}: [[agency]] {entry['name']} has unknown keys {sorted(unknown)}")
            values = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
            for key in ("aliases", "spoken"):
                values[key] = tuple(a.strip().lower() if a.isascii() else a.strip() for a in values.get(key, ()))
            agencies.append(Agency(**values))
        return cls(agencies)

    def _build_families(self) -> dict[str, frozenset[str]]:
        """Bodies joined by same_as and successor links (either direction) form one family."""
        parent = {a.name: a.name for a in self.agencies}

        def root(x: str) -> str:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for a in self.agencies:
            for other in (a.same_as, a.successor):
                if other:
                    parent[root(a.name)] = root(other)
        groups: dict[str, set[str]] = {}
        for name in parent:
            groups.setdefault(root(name), set()).add(name)
        return {name: frozenset(groups[root(name)]) for name in parent}

    def canonical(self, name: str) -> str | None:
        """Canonical name for a printed name or alias; None when unknown.

        >>> AgencyRegistry((Agency("人民银行", aliases=("央行",)),)).canonical("央行")
        '人民银行'
        """
        return self._canonical.get(name.strip().lower())

    def find(self, text: str) -> tuple[str, ...]:
        """Canonical names of the bodies a free text mentions, first mention first (longest match wins).

        >>> AgencyRegistry((Agency("人民银行", aliases=("央行",)), Agency("发展改革委", aliases=("发改委",)))).find("央行和发改委")
        ('人民银行', '发展改革委')
        """
        return self._found(self._scanner, text)

    def named_in_document(self, text: str, local: bool = False) -> tuple[str, ...]:
        """As ``find``, for a document's own text: the names people only say (市场监管) are not read in it.

        In a ``local`` document a department that a national body's generic description names is the local
        one — as printed, with the level before it, or the agency file's entry of that name — not the ministry:

        >>> reg = AgencyRegistry((Agency("科技部", aliases=("科学技术部门",)), Agency("市科学技术部门", region="北京市")))
        >>> reg.named_in_document("市、区科学技术部门应当提供指导"), reg.named_in_document("市、区科学技术部门", local=True)
        (('科技部',), ('市科学技术部门', '区科学技术部门'))
        """
        if not local or self._document_scanner is None:
            return self._found(self._document_scanner, text)
        written = spelled_out(_LEVEL_LIST.sub(lambda m: m.group(1).replace("、", "/"), text)).lower()
        names: list[str] = []
        for m in self._document_scanner.finditer(written):
            name = self._canonical[m.group(0)]
            agency = self.by_name.get(name)
            if agency is None or agency.region or not m.group(0).endswith(_DEPARTMENT):
                names.append(name)
                continue
            levels = _LEVEL_BEFORE.search(written, 0, m.start())
            printed = [level + m.group(0) for level in levels.group().split("/")] if levels else [m.group(0)]
            names += [self._local_name(p) for p in printed]
        return tuple(dict.fromkeys(names))

    def _local_name(self, printed: str) -> str:
        """The agency file's local body of that name (市科学技术部门), else the name as printed."""
        agency = self.by_name.get(self.canonical(printed) or "")
        return agency.name if agency and agency.region else printed

    def _found(self, scanner: re.Pattern[str] | None, text: str) -> tuple[str, ...]:
        if scanner is None:
            return ()
        found = (self._canonical[m.group(0)] for m in scanner.finditer(spelled_out(text).lower()))
        return tuple(dict.fromkeys(found))

    def surfaces_in(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every mention, for stripping names out of a question."""
        if self._scanner is None:
            return []
        return [(m.start(), m.end(), self._canonical[m.group(0)]) for m in self._scanner.finditer(text.lower())]

    def family(self, name: str) -> frozenset[str]:
        """The body and every body that is the same today (renamed, reorganised, described generically)."""
        return self._families.get(name, frozenset({name}))

    def note(self, name: str) -> str:
        agency = self.by_name.get(name)
        return agency.note if agency else ""

    def rename_notes(self, names: Iterable[str]) -> tuple[str, ...]:
        """For each body among ``names`` whose functions passed to another (a rename, a reorganisation), the
        sentence saying so: its note in the file, else one made of ``successor`` and ``since``. Others: nothing.

        >>> AgencyRegistry((Agency("甲委", successor="乙局", since=dt.date(2023, 5, 18)), Agency("丙部"))).rename_notes(["丙部", "甲委"])
        ('自2023年5月18日起，甲委的职责由乙局承担',)
        """
        notes = []
        for name in dict.fromkeys(names):
            agency = self.by_name.get(name)
            if agency is None or not agency.successor:
                continue
            since = f"自{cn_date(agency.since)}起，" if agency.since else ""
            notes.append(agency.note or f"{since}{name}的职责由{agency.successor}承担")
        return tuple(dict.fromkeys(notes))

    def takes_enquiries(self, name: str) -> bool:
        """Whether a business may ask this body about a case: not a legislature (it makes the rules).

        >>> r = AgencyRegistry((Agency("全国人大", kind=LEGISLATURE), Agency("税务总局", kind="直属机构")))
        >>> r.takes_enquiries("全国人大"), r.takes_enquiries("税务总局"), r.takes_enquiries("某某局")
        (False, True, True)
        """
        agency = self.by_name.get(name)
        return agency is None or agency.kind != LEGISLATURE

    def with_note(self, name: str) -> str:
        """人民银行 / 银保监会（2023年机构改革后，…）"""
        note = self.note(name)
        return f"{name}（{note}）" if note else name

    def parse_responsibility(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(bodies in printed order, those not in the agency file) of a closing parenthetical.

        Unknown bodies are kept as printed; the parser reports them.
        """
        text = text.strip()
        body = _TAIL.sub("", text[: text.rfind("负责")] if "负责" in text else text).strip("，,。；; ")
        names: list[str] = []
        unknown: list[str] = []
        for part in _SEPARATORS.split(body):
            part = _GENERIC_SUFFIX.sub("", part.strip())
            if not part:
                continue
            name = self.canonical(part)
            if name is None:
                name = part
                unknown.append(part)
            if name not in names:
                names.append(name)
        return tuple(names), tuple(dict.fromkeys(unknown))
