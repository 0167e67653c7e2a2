"""Drafts of 政策找企业 rules from a document's text, for staff to review before they go into conditions.toml.

Two things a parser can find in any document:
- **thresholds** — a profile term the documents use (bot/field_terms.tsv: 应纳税所得额, 从业人数, 资产总额…)
  followed closely by a figure and the words of legal language that bound it (不超过, 未超过, 以下, 以上,
  不低于, 超过, 不满…): 年度应纳税所得额不超过30万元 → ``taxable_income_wan <= 30``. In Chinese law 以上、以下、
  以内、不超过 include the figure and 超过、不满、低于 exclude it;
- **grants** — sentences that give something (减按, 免征, 减征, 加计扣除, 有权, 可以申请, 给予…补贴/资助/奖励,
  贴息…), listed when no rule cites their provision yet.

The draft is TOML in the rules file's format, each rule marked 待审核 with ``need`` left to fill in, so that
it cannot be loaded before a person has checked it (the rules file refuses an unknown need). Nothing is written.

    python -m bot draft-rules eit-regulation-2019
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.match import Rule, tsv_rows
from ingest.numerals import cn_to_int
from ingest.schema import Document, Provision

FIELD_TERMS_FILE = Path(__file__).with_name("field_terms.tsv")

# Bounding words of legal language → operator: those before the figure and those after it.
_BEFORE = {"不超过": "<=", "未超过": "<=", "不高于": "<=", "不低于": ">=", "不少于": ">=", "达到": ">=",
           "超过": ">", "高于": ">", "低于": "<", "不满": "<", "少于": "<"}  # fmt: skip
_AFTER = {"及以下": "<=", "以下": "<=", "以内": "<=", "及以上": ">=", "以上": ">="}
_NUMBER = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+"
_UNITS = {"亿元": 10_000.0, "万元": 1.0, "元": 0.0001, "人": 1.0, "年": 1.0, "%": 1.0, "％": 1.0}
_PRINTED_AS = {"万元": ("亿元", "万元", "元")}  # a field's unit → the units a text may print it in (scaled)
# What a provision gives: the verbs and nouns of a benefit, in any document.
_GRANTS = re.compile(
    r"减按|免征|减征|减半征收|加计扣除|返还|有权|可以申请|可申请|可以享受|享受[^，。；]{0,10}优惠|"
    r"给予[^，。；]{0,12}(?:补贴|补助|资助|奖励|支持|贴息|优惠)|贴息|免费|无偿|不得[^，。；]{0,12}(?:收取|收费|摊派|拖欠)"
)
_SENTENCE_END = re.compile(r"(?<=[。；;])|\n")
_DEFINES = re.compile(r"所称|是指")  # a definition grants nothing itself


@dataclass(frozen=True)
class Threshold:
    field: str
    op: str
    value: float
    unit: str
    quote: str  # the provision's words: term … figure and its bounding words


@dataclass(frozen=True)
class Draft:
    provision: Provision
    thresholds: tuple[Threshold, ...]
    grants: tuple[str, ...]  # sentences that give something
    part: str = ""  # the item the thresholds are printed in, when the provision's items each print their own
    has_rule: bool = False  # a rule of the rules file already cites the provision


@functools.cache
def field_terms() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """bot/field_terms.tsv: (field, unit, words), read once."""
    return tuple((name, unit, tuple(words.split("|"))) for name, unit, words in tsv_rows(FIELD_TERMS_FILE))


@functools.cache
def _threshold_pattern() -> re.Pattern[str]:
    terms = sorted({w for _, _, words in field_terms() for w in words}, key=len, reverse=True)
    before = "|".join(sorted(_BEFORE, key=len, reverse=True))
    after = "|".join(sorted(_AFTER, key=len, reverse=True))
    units = "|".join(sorted(_UNITS, key=len, reverse=True))
    return re.compile(
        rf"(?P<term>{'|'.join(map(re.escape, terms))})[^，。；、]{{0,8}}?(?P<before>{before})?"
        rf"(?P<number>{_NUMBER})(?P<unit>{units})(?P<after>{after})?"
    )


def thresholds(text: str) -> list[Threshold]:
    """The bounded figures of a text, each tied to the profile field whose term precedes it.

    >>> [(t.field, t.op, t.value) for t in thresholds("年度应纳税所得额不超过30万元，从业人数不超过100人")]
    [('taxable_income_wan', '<=', 30.0), ('employees', '<=', 100.0)]
    >>> [(t.field, t.op, t.value) for t in thresholds("年应征增值税销售额未超过五百万元的纳税人")]
    [('revenue_wan', '<=', 500.0)]
    """
    field_of = {w: (name, unit) for name, unit, words in field_terms() for w in words}
    out = []
    for m in _threshold_pattern().finditer(text):
        bound = _BEFORE.get(m["before"] or "") or _AFTER.get(m["after"] or "")
        if not bound:
            continue  # a figure without bounding words is not a condition (从业人数25人 in an example)
        number = _number(m["number"])
        if number is None:
            continue
        name, unit = field_of[m["term"]]
        if m["unit"] not in _PRINTED_AS.get(unit, (unit,)):
            continue  # 从业人数 … 30% is a share, not a head count
        out.append(Threshold(name, bound, round(number * _UNITS[m["unit"]], 6), unit, m.group(0)))
    return out


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return float(cn_to_int(text))
    except ValueError:
        return None


def draft(document: Document, rules: Sequence[Rule] = ()) -> list[Draft]:
    """The provisions of a document that print thresholds, or grant something and have no rule yet."""
    covered = {r.provision for r in rules} | {r.benefit_provision for r in rules}
    out = []
    for p in document.provisions:
        sentences = (s.strip() for s in _SENTENCE_END.split(p.text))
        grants = tuple(s for s in sentences if _GRANTS.search(s) and not _DEFINES.search(s))
        # Items that each print their own thresholds (（一）工业企业… （二）其他企业…) are alternatives: one draft each.
        items = [(i.label, found) for para in p.paragraphs for i in para.items if (found := tuple(thresholds(i.text)))]
        has_rule = (p.doc_id, p.number) in covered
        if len(items) > 1:
            out += [Draft(p, found, grants, label, has_rule) for label, found in items]
        elif (found := tuple(thresholds(p.text))) or (grants and not has_rule):
            out.append(Draft(p, found, grants, has_rule=has_rule))
    return out


def to_toml(drafts: Sequence[Draft]) -> str:
    """The drafts as rules-file TOML, each marked 待审核 and with ``need`` to fill in."""
    blocks = []
    parts: dict[str, int] = {}
    for d in drafts:
        p = d.provision
        seen = "；已有规则引用本条" if d.has_rule else ""
        parts[p.key] = parts.get(p.key, 0) + 1
        part = f"-{parts[p.key]}" if d.part else ""
        lines = [
            f"# 待审核：{p.label}{d.part}{seen}。删去不是条件的项，写好 need、kinds，benefit 摘录优惠原话。",
            "[[rule]]",
            f'id = "{p.doc_id}-{p.number}{part}"',
            f'provision = "{p.key}"',
            'need = "待定"',
            'kinds = ["企业"]',
            f"benefit = {json.dumps(d.grants[0] if d.grants else '', ensure_ascii=False)}",
        ]
        for t in d.thresholds:
            value = int(t.value) if t.value == int(t.value) else t.value
            lines += [
                "[[rule.when]]",
                f'field = "{t.field}"',
                f'op = "{t.op}"',
                f"value = {value}",
                f'unit = "{t.unit}"',
                f"quote = {json.dumps(t.quote, ensure_ascii=False)}",
            ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
