"""Extractive answers: short Chinese replies built from the cited provisions' own sentences, each
naming its document and provision as printed, the document's status on the day asked, and the
responsible bodies. Pure functions over a ``Shelf`` (the library as of one day): no model, no index.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ingest.numerals import cn_to_int, int_to_cn
from ingest.schema import Answer, Citation, Division, DocMeta, Document, Library, Provision
from ingest.validity import Status, cn_date, status_on

MAX_QUOTED_SENTENCES = 2
# A revised provision's changes told one by one, up to this many (the rest counted); changes at most this many
# words apart are told as one.
MAX_CHANGES_TOLD = 8
CHANGES_APART = 2
WHOLE_DOCUMENT = 0  # the citation number of a document as a whole (its header facts)


@dataclass(frozen=True)
class Shelf:
    """The library seen on one day: statuses, names, citations."""

    library: Library
    day: dt.date
    # The server's today, when ``day`` is a past day asked about: a citation in force then but not today
    # says both (2021年12月31日时有效，现已被修订…), not 现行有效 alone.
    today: dt.date | None = None
    metas: dict[str, DocMeta] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "metas", {d.meta.doc_id: d.meta for d in self.library.documents})

    def doc(self, doc_id: str) -> Document:
        document = self.library.get(doc_id)
        assert document is not None, doc_id
        return document

    def status(self, doc_id: str) -> Status:
        return status_on(self.metas[doc_id], self.day, self.metas)

    def in_force(self, doc_id: str) -> bool:
        return self.status(doc_id).in_force

    def in_force_today(self, doc_id: str) -> bool:
        return self.today is None or status_on(self.metas[doc_id], self.today, self.metas).in_force

    def status_text(self, doc_id: str) -> str:
        """The document's status on the day asked, for a citation's card: on a past day, also what it is now."""
        then = self.status(doc_id)
        if self.today is None or self.day >= self.today or not then.in_force:
            return then.text
        now = status_on(self.metas[doc_id], self.today, self.metas)
        return then.text if now.in_force else f"{cn_date(self.day)}时有效，现{now.text}"

    def ref(self, provision: Provision) -> str:
        """《中华人民共和国增值税法》第十条 / 《…》（国办发〔2019〕6号）第（十一）项"""
        return f"{self.metas[provision.doc_id].citation_title}{provision_label(provision)}"

    def cite(self, provision: Provision, quote: str) -> Citation:
        return Citation(
            doc_id=provision.doc_id,
            number=provision.number,
            label=provision.label,
            doc_title=self.metas[provision.doc_id].citation_title,
            title=provision.title,
            section=provision.section,
            agencies=provision.agencies,
            quote=quote,
            status=self.status_text(provision.doc_id),
        )

    def cite_document(self, doc_id: str, quote: str = "") -> Citation:
        """A citation of a document as a whole (number 0): for facts of its header, or a list of documents."""
        meta = self.metas[doc_id]
        return Citation(
            doc_id=doc_id, number=WHOLE_DOCUMENT, label="全文", doc_title=meta.citation_title, title=meta.title,
            section="", agencies=(), quote=quote or meta.title, status=self.status_text(doc_id),
        )  # fmt: skip

    def agency_phrase(self, names: Sequence[str]) -> str:
        """Bodies joined with 、, each followed by its note where the agency file has one."""
        agencies = self.library.agencies
        return "、".join(agencies.with_note(n) if agencies else n for n in names)

    def bodies_to_ask(self, names: Sequence[str]) -> list[str]:
        """Of the bodies a provision names, those a business may ask about a case: not a legislature
        (…报全国人民代表大会常务委员会备案 does not make the NPC the place to ask)."""
        agencies = self.library.agencies
        return [n for n in names if agencies is None or agencies.takes_enquiries(n)]

    def status_note(self, doc_id: str) -> str:
        """'' for a document in force; otherwise a sentence saying what it is now."""
        status = self.status(doc_id)
        if status.in_force:
            return ""
        return f"（注：{self.metas[doc_id].citation_title}{status.text}。）"


def provision_label(provision: Provision) -> str:
    """第十条 / 第（十一）项 / 第二部分第（三）项 — how a provision is referred to in a sentence."""
    return sentence_label(provision.label)


def sentence_label(label: str) -> str:
    """A provision's label as printed, as a sentence refers to it.

    >>> sentence_label("（十一）"), sentence_label("二（三）"), sentence_label("第十条")
    ('第（十一）项', '第二部分第（三）项', '第十条')
    """
    if label.startswith("第"):
        return label
    part, _, item = label.partition("（")
    if item:
        return f"第{part}部分第（{item}项" if part else f"第{label}项"
    return label


def part_label(provision: Provision, quote: Sequence[str]) -> str:
    """The 款 of an article, and the 项 of that 款, that hold all of a quote (第二款, 第一款第（三）项; "" where the
    quote spans more than one, or the article is not divided, or the provision is a notice's item).

    >>> from ingest.schema import Item, Paragraph
    >>> article = Provision("d", 2, "第二条", "", "", (Paragraph("总则。"), Paragraph("下列各项：", (Item("（一）", 1, "甲；"), Item("（二）", 2, "乙。")))))
    >>> part_label(article, ["（二）乙。"]), part_label(article, ["总则。"]), part_label(article, ["总则。", "甲；"])
    ('第二款第（二）项', '第一款', '')
    """
    if not provision.label.endswith("条"):
        return ""
    sentences = [s.strip() for s in quote if s.strip()]
    holding = [(i, p) for i, p in enumerate(provision.paragraphs) if all(s in p.full_text for s in sentences)]
    if len(holding) != 1 or not sentences:
        return ""
    at, paragraph = holding[0]
    items = [item for item in paragraph.items if all(s in f"{item.label}{item.text}" for s in sentences)]
    whole = f"第{int_to_cn(at + 1)}款" if len(provision.paragraphs) > 1 else ""
    return whole + (f"第{items[0].label}项" if len(items) == 1 else "")


def headline(shelf: Shelf, provision: Provision) -> str:
    """《…》第（四）项“加强信贷支持” — with the item's lead title where it has one."""
    title = f"“{provision.title}”" if provision.title else ""
    return f"{shelf.ref(provision)}{title}"


def first_leads(shelf: Shelf, provision: Provision) -> bool:
    """Whether the provision's responsibility says the first body it names leads (列第一位者为牵头单位), or an
    earlier one of its document says so of all that follow (列第一位者为牵头单位，下同)."""
    if "牵头" in provision.responsibility:
        return True
    earlier = itertools.takewhile(lambda p: p.key != provision.key, shelf.doc(provision.doc_id).provisions)
    return any("牵头" in p.responsibility and "下同" in p.responsibility for p in earlier)


def responsibility_line(shelf: Shelf, provision: Provision) -> str:
    """负责部门：… for an item with a responsibility parenthetical; 涉及部门：… for bodies an article names."""
    if not provision.agencies:
        return ""
    if provision.responsibility:
        how = "按职责分工负责" if "按职责分工" in provision.responsibility else "负责"
        lead = "（列第一位者为牵头单位）" if first_leads(shelf, provision) else ""
        return f"负责部门：{shelf.agency_phrase(provision.agencies)}（{how}）{lead}。"
    return f"条文涉及的部门：{shelf.agency_phrase(provision.agencies)}。"


MAX_DOCUMENT_BODIES = 3
# A body named by its tie to whom a rule binds, and what it does (由其上级机关、主管部门责令改正, 由其监管部门责令改正).
_ACTED_ON_BY = re.compile(
    r"由其[^，。；：]{2,20}?(?:机关|部门|单位)(?:、[^，。；：]{2,12}?(?:机关|部门|单位))*(?:依法)?[^，。；：]{0,8}"
)


def no_body_line(shelf: Shelf, provision: Provision) -> str:
    """For "who is responsible?" of a provision that names no body of the agency file: the body it names by its tie
    to whom the rule binds, as printed (由其上级机关、主管部门责令改正); else say it names none, and which bodies its
    document makes responsible most often (how many of its provisions name each), as the place to ask."""
    if printed := _ACTED_ON_BY.search(provision.text):
        return f"{shelf.ref(provision)}写明{printed.group()}，没有写明具体部门的名称。"
    document = shelf.doc(provision.doc_id)
    ranked = Counter(name for p in document.provisions for name in p.agencies).most_common()
    line = f"{shelf.ref(provision)}没有写明由哪个部门负责。"
    # Bodies more than one provision names; a body named once is no pattern (unless it is the only one).
    top = [(name, n) for name, n in ranked if n > 1][:MAX_DOCUMENT_BODIES] or ranked[:1]
    if top:
        named = "、".join(f"{shelf.agency_phrase([name])}（{n} {document.label_kind()}）" for name, n in top)
        line += f"该文件中写明职责的部门主要是：{named}。"
    return line


def quote_of(provision: Provision, paragraph: int = 0, item: int = 0) -> str:
    """The text of one 款 (第二款) or one 项 (第（二）项) of an article; the whole body otherwise."""
    if paragraph and 1 <= paragraph <= len(provision.paragraphs):
        return provision.paragraphs[paragraph - 1].full_text
    if item:
        for p in provision.paragraphs:
            for it in p.items:
                if it.number == item:
                    return f"{it.label}{it.text}"
    return provision.text


def no_such_part(shelf: Shelf, provision: Provision, paragraph: int = 0, item: int = 0) -> str:
    """第十条第二款 of an article with one 款: say so, and point to the 项 of that number where there is one."""
    items = [it.number for p in provision.paragraphs for it in p.items]
    if paragraph and paragraph > len(provision.paragraphs):
        line = f"{shelf.ref(provision)}只有{int_to_cn(len(provision.paragraphs))}款，没有第{int_to_cn(paragraph)}款，以上是该条全文"
        if paragraph in items:
            line += f"（您要找的也许是其中第（{int_to_cn(paragraph)}）项）"
        return f"{line}。"
    if item and item not in items:
        return f"{shelf.ref(provision)}没有第（{int_to_cn(item)}）项；以上是该条全文。"
    return ""


# A period a rule runs for: 2019年1月1日至12月31日, 2019年1月1日至2020年12月31日, or a number of years from a day
# (从2019年1月1日起，实施三年…).
_PERIOD = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:起)?至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_YEARS_FROM = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日起[，,]?[^。；，,\d]{0,4}?([一二两三四五六七八九十]|\d{1,2})年(?![\d月])"
)


def periods(text: str) -> list[tuple[str, dt.date]]:
    """The periods a text sets, each as printed and with its last day.

    >>> periods("2019年1月1日至12月31日，返还标准可按6个月确定。")
    [('2019年1月1日至12月31日', datetime.date(2019, 12, 31))]
    >>> periods("从2019年1月1日起，实施三年百万青年见习计划。")
    [('2019年1月1日起三年', datetime.date(2021, 12, 31))]
    """
    found = []
    for m in _PERIOD.finditer(text):
        with contextlib.suppress(ValueError):
            found.append((m.group(0), dt.date(int(m.group(4) or m.group(1)), int(m.group(5)), int(m.group(6)))))
    for m in _YEARS_FROM.finditer(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        years = int(m.group(4)) if m.group(4).isdigit() else cn_to_int(m.group(4).replace("两", "二"))
        with contextlib.suppress(ValueError):
            end = dt.date(year + years, month, day) - dt.timedelta(days=1)
            found.append((f"{year}年{month}月{day}日起{m.group(4)}年", end))
    return found


def lapsed_note(text: str, day: dt.date) -> str:
    """A note on the periods a quoted text sets that ended before ``day`` ("" when none did).

    >>> lapsed_note("2019年1月1日至12月31日，返还标准可按6个月确定。", dt.date(2026, 12, 1))
    '（注：所引规定中的期限“2019年1月1日至12月31日”已于2019年12月31日届满。）'
    >>> lapsed_note("2019年1月1日至12月31日，返还标准可按6个月确定。", dt.date(2019, 6, 1))
    ''
    """
    lapsed = [(printed, end) for printed, end in periods(text) if end < day]
    if not lapsed:
        return ""
    printed = "、".join(f"“{period}”" for period, _ in lapsed)
    ended = max(end for _, end in lapsed)
    return f"（注：所引规定中的期限{printed}已于{ended.year}年{ended.month}月{ended.day}日届满。）"


def periods_answer(shelf: Shelf, found: Sequence[tuple[str, Sequence[tuple[Provision, str]]]]) -> Answer:
    """Per document, the provisions that set a period they run for, each with the sentences setting it and whether
    it has ended."""
    lines, citations = [], []
    for doc_id, setting in found:
        title = shelf.metas[doc_id].citation_title
        if not setting:
            lines.append(f"{title}没有写明执行期限的规定。")
            continue
        lines.append(f"{title}中写明执行期限的共 {len(setting)} {shelf.doc(doc_id).label_kind()}：")
        for provision, quote in setting:
            lines.append(f"· {headline(shelf, provision)}：{quote}")
            lines += validity_notes(shelf, provision, quote)
            citations.append(shelf.cite(provision, quote))
    return Answer("\n".join(lines), tuple(citations), kind="periods", as_of=shelf.day)


def sets_a_period(text: str) -> bool:
    """Whether a text sets a period it runs for (2019年1月1日至12月31日)."""
    return bool(periods(text))


def validity_notes(shelf: Shelf, provision: Provision, quoted: str) -> list[str]:
    """What a quote of a provision needs said beside it: its document's status, and periods it sets that
    have ended."""
    return [note for note in (shelf.status_note(provision.doc_id), lapsed_note(quoted, shelf.day)) if note]


def provision_answer(
    shelf: Shelf,
    primary: Provision,
    quote: Sequence[str],
    related: Sequence[tuple[Provision, str]] = (),
    *,
    wants_agencies: bool = False,
    full_text: bool = False,
    lead: str = "",
    notes: Sequence[str] = (),
    extra: Sequence[tuple[Provision, str, str]] = (),
    kind: str = "search",
    part: tuple[str, bool] = ("", False),
) -> Answer:
    """Answer from one provision (quoted sentences), then ``extra`` provisions that belong with it (an implementing
    regulation, the older version: (provision, lead-in, quote)), then related ones. ``part``: the 款 or 项 asked for,
    and whether the quote is all of it (then named in the lead; else said after the quote)."""
    body = primary.text if full_text or not quote else "".join(quote)
    lines = [lead] if lead else []
    if wants_agencies and primary.agencies:
        who = shelf.agency_phrase(primary.agencies)
        if primary.responsibility:
            leads = first_leads(shelf, primary) and len(primary.agencies) > 1
            first = f"，其中{shelf.agency_phrase(primary.agencies[:1])}牵头" if leads else ""
            lines.append(f"{headline(shelf, primary)}由{who}负责{first}。")
        else:
            lines.append(f"{headline(shelf, primary)}涉及的部门：{who}。")
        lines.append(f"依据：{shelf.ref(primary)}：{body}")
    elif wants_agencies:
        lines.append(no_body_line(shelf, primary))
        lines.append(f"依据：{shelf.ref(primary)}：{body}")
    else:
        named, whole = part
        lines.append(f"根据{headline(shelf, primary)}{named if whole else ''}：{body}")
        if named and not whole:
            lines.append(f"所问内容在{shelf.ref(primary)}{named}。")
        if line := responsibility_line(shelf, primary):
            lines.append(line)
    lines += validity_notes(shelf, primary, body)
    citations = [shelf.cite(primary, body)]
    for provision, lead_in, text in extra:
        lines.append(f"{lead_in}{shelf.ref(provision)}：{text}")
        citations.append(shelf.cite(provision, text))
    lines.extend(notes)
    if related:
        lines.append("相关规定：")
        for provision, sentence in related:
            who = f"（{'、'.join(provision.agencies)}）" if provision.responsibility else ""
            lines.append(f"· {headline(shelf, provision)}：{sentence}{who}")
            citations.append(shelf.cite(provision, sentence))
    return Answer("\n".join(lines), tuple(citations), kind=kind, as_of=shelf.day)


def numbered_answer(
    shelf: Shelf, targets: Sequence[tuple[Provision, str]], missing: Sequence[str] = (), *, wants_agencies: bool = False
) -> Answer:
    """Provisions asked for by number: text (or the 款/项 asked) and bodies of each, with the document's status."""
    lines, citations = [], []
    for provision, quote in targets:
        where = f"（属“{provision.section}”）" if provision.section else ""
        lines.append(f"{headline(shelf, provision)}{where}：")
        lines.append(quote)
        if line := responsibility_line(shelf, provision) or (no_body_line(shelf, provision) if wants_agencies else ""):
            lines.append(line)
        lines += validity_notes(shelf, provision, quote)
        citations.append(shelf.cite(provision, quote))
    lines.extend(missing)
    kind = "number" if not wants_agencies else "number_agency"
    return Answer("\n".join(lines), tuple(citations), kind=kind, as_of=shelf.day)


def changes_line(old: str, new: str, cut: Callable[[str], list[str]]) -> str:
    """What a provision's newer wording adds, drops and rewords against its older one, word by word as ``cut``
    segments them, or that the two read the same.

    >>> changes_line("税率为17%。", "税率为百分之十三。", list)
    '新版与旧版相比：“17%”改为“百分之十三”。'
    >>> changes_line("应当及时支付款项。", "应当自交付之日起60日内支付款项，不得拖延。", list)
    '新版与旧版相比：“及时”改为“自交付之日起60日内”；新增“不得拖延”。'
    """
    before, after = cut(old), cut(new)
    opcodes = [
        op for op in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    spans: list[tuple[int, int, int, int]] = []
    for _, i1, i2, j1, j2 in opcodes:
        if spans and i1 - spans[-1][1] <= CHANGES_APART and j1 - spans[-1][3] <= CHANGES_APART:
            spans[-1] = (spans[-1][0], i2, spans[-1][2], j2)
        else:
            spans.append((i1, i2, j1, j2))
    told = []
    for i1, i2, j1, j2 in spans:
        dropped, added = (
            "".join(words[a:b]).replace("\n", "").strip(_BETWEEN_CLAUSES)
            for words, a, b in ((before, i1, i2), (after, j1, j2))
        )
        if dropped or added:
            told.append(
                f"“{dropped}”改为“{added}”" if dropped and added else f"新增“{added}”" if added else f"删去“{dropped}”"
            )
    if not told:
        return "两版这一条的文字相同。"
    more = f"等{len(told)}处" if len(told) > MAX_CHANGES_TOLD else ""
    return f"新版与旧版相比：{'；'.join(told[:MAX_CHANGES_TOLD])}{more}。"


_BETWEEN_CLAUSES = "，、；。：,;:\n "


def no_such_edition_answer(shelf: Shelf, line: Sequence[str], year: int) -> Answer:
    """A version asked by a year the document has none of: the versions the library holds."""
    metas = [shelf.metas[d] for d in line]
    held = "、".join(
        f"{m.citation_title}（{cn_date(m.effective)}起施行）" if m.effective else m.citation_title for m in metas
    )
    title = f"《{shelf.metas[line[-1]].title}》"
    return Answer(
        f"库中{title}没有{year}年的版本；库中收录的是{held}。",
        tuple(shelf.cite_document(d) for d in line),
        kind="doc_meta",
        as_of=shelf.day,
    )


def count_phrase(document: Document) -> str:
    """共 38 条（第一条至第三十八条） / 共 34 项（（一）至（三十四））"""
    n = len(document.provisions)
    if document.meta.shape == "law":
        return f"共 {n} 条（第一条至第{int_to_cn(n)}条）"
    return f"共 {n} 项（{document.provisions[0].label}至{document.provisions[-1].label}）"


def no_such_provision(shelf: Shelf, doc_id: str, asked: Sequence[int]) -> str:
    document = shelf.doc(doc_id)
    unit = document.label_kind()
    numbers = "、".join(f"第{int_to_cn(n) if 0 < n < 1000 else n}{unit}" for n in asked)
    return f"{document.meta.citation_title}{count_phrase(document)}，没有{numbers}。"


def _not_held_answer(shelf: Shelf, finding: str, what_to_ask: str) -> Answer:
    """A part asked by number that is not there: what the documents have instead, and what to ask."""
    return Answer(
        f"{finding}{what_to_ask}，或直接描述想了解的事情。",
        out_of_scope=True,
        kind="unknown_number",
        as_of=shelf.day,
        finding=finding,
    )


def unknown_number_answer(shelf: Shelf, doc_id: str, asked: Sequence[int]) -> Answer:
    return _not_held_answer(shelf, no_such_provision(shelf, doc_id, asked), "您可以问“第一条是什么”")


def no_such_chapter_answer(shelf: Shelf, doc_id: str, chapter: int) -> Answer:
    """A chapter asked by number that the document does not have: its chapters, or that it has none."""
    finding = f"{chapters_line(shelf.doc(doc_id))}没有第{int_to_cn(chapter)}章。"
    return _not_held_answer(shelf, finding, "您可以问其中某一条")


def number_nowhere_answer(shelf: Shelf, number_text: str) -> Answer:
    """A number asked without a document that no document of the library has (第二百条)."""
    longest = max(shelf.metas, key=lambda d: len(shelf.doc(d).provisions))
    finding = (
        f"库中没有哪一份文件有{number_text}：条文最多的{shelf.metas[longest].citation_title}"
        f"{count_phrase(shelf.doc(longest))}。"
    )
    return _not_held_answer(shelf, finding, "请说明您问的是哪一份文件的哪一条")


def which_document_answer(shelf: Shelf, number_text: str, candidates: Sequence[str]) -> Answer:
    """A number asked without a document, where several documents have it: ask which one."""
    listed = "\n".join(f"· {shelf.metas[d].citation_title}" for d in candidates)
    return Answer(
        f"库中有 {len(candidates)} 份文件都有{number_text}，您问的是哪一份？\n{listed}\n"
        f"可以这样问：“{shelf.metas[candidates[0]].plain_title}{number_text}是什么？”",
        kind="clarify_document",
        as_of=shelf.day,
    )


def _unit(shelf: Shelf, provisions: Sequence[Provision]) -> str:
    """条 for articles of laws and regulations, 项 for items of notices."""
    return "条" if all(shelf.metas[p.doc_id].shape == "law" for p in provisions) else "项"


def listing_answer(shelf: Shelf, heading: str, provisions: Sequence[Provision], kind: str) -> Answer:
    """A complete, counted list of provisions (by agency or by part), grouped by document."""
    lines = [f"{heading}共 {len(provisions)} {_unit(shelf, provisions)}："]
    citations = []
    by_doc: dict[str, list[Provision]] = {}
    for p in provisions:
        by_doc.setdefault(p.doc_id, []).append(p)
    grouped = len(by_doc) > 1
    counter = 0
    for doc_id, items in by_doc.items():
        if grouped:
            note = "" if shelf.in_force(doc_id) else f"（{shelf.status(doc_id).text}）"
            lines.append(f"{shelf.metas[doc_id].citation_title}{note}（{len(items)}）：")
        for p in items:
            counter += 1
            said = f"{p.title}。" if p.title else _listed_text(p)
            title = f"“{p.title}”" if p.title else f"：{said}"
            who = f"；负责：{'、'.join(p.agencies)}" if p.responsibility and p.agencies else ""
            where = f"（{p.section}{who}）" if p.section or who else ""
            prefix = "" if grouped else shelf.metas[doc_id].citation_title
            lines.append(f"{counter}. {prefix}{provision_label(p)}{title}{where}")
            citations.append(shelf.cite(p, said))
    return Answer("\n".join(lines), tuple(citations), kind=kind, as_of=shelf.day)


def header_facts(shelf: Shelf, provisions: Sequence[Provision]) -> str:
    """What the documents of ``provisions`` say of themselves — title, 文号, issuer, dates, status on the day —
    which may support a model's sentence about the document (bot.verify)."""
    out = []
    for doc_id in dict.fromkeys(p.doc_id for p in provisions):
        m = shelf.metas[doc_id]
        out.append(f"{m.citation_title}{m.doc_number}{m.issuer}{m.issued or ''}{m.effective or ''}")
        out.append(shelf.status(doc_id).text)
    return "".join(out)


def agency_notes(shelf: Shelf, asked: Sequence[str], listed: Sequence[Provision]) -> str:
    """ "\n注：…。" under a listing: the agency file's note on each body asked about, and for each body the
    list shows as responsible that was renamed or reorganised, who holds its functions now ("" when none)."""
    agencies = shelf.library.agencies
    if agencies is None:
        return ""
    shown = (a for p in listed if p.responsibility for a in p.agencies)
    notes = dict.fromkeys([*(agencies.note(n) for n in asked), *agencies.rename_notes(shown)])
    notes.pop("", None)
    return "\n注：" + "；".join(notes) + "。" if notes else ""


def mentions_line(shelf: Shelf, who: str, provisions: Sequence[Provision]) -> str:
    """ "\n此外，条文涉及X的还有：《…》第九条、第二十条；《…》第三条。" ("" when there are none)."""
    if not provisions:
        return ""
    by_doc: dict[str, list[str]] = {}
    for p in provisions:
        by_doc.setdefault(p.doc_id, []).append(provision_label(p))
    listed = "；".join(f"{shelf.metas[d].citation_title}{'、'.join(labels)}" for d, labels in by_doc.items())
    return f"\n此外，条文涉及{who}的还有：{listed}。"


LISTED_IN_FULL = 400  # characters: a provision opening with a list is listed with its whole first paragraph up to this


def _listed_text(provision: Provision) -> str:
    """What a list of provisions shows of one: its first sentence — or, when that is the first item of a list
    (增值税税率：（一）…百分之十三。), the whole first paragraph if it is short (the other rates are no less its
    content)."""
    first = _first_sentence(provision.text)
    paragraph = provision.paragraphs[0].full_text.strip() if provision.paragraphs else first
    return paragraph if "：\n" in first and len(paragraph) <= LISTED_IN_FULL else first


def _first_sentence(text: str) -> str:
    for end in "。；\n":
        if end in text:
            return text[: text.index(end) + 1].strip()
    return text


def chapters_line(document: Document) -> str:
    chapters = document.chapters()
    if not chapters:
        return f"{document.meta.citation_title}不分章节，{count_phrase(document)}。"
    unit = "章" if document.meta.shape == "law" else "个部分"
    listed = "；".join(d.heading for d in chapters)
    return f"{document.meta.citation_title}分 {len(chapters)} {unit}：{listed}。"


_MADE_ON = re.compile(r"根据[^。；]*?制定本|依据[^。；]*?制定本")


def doc_meta_answer(shelf: Shelf, doc_id: str, facts: Sequence[str]) -> Answer:
    """A document's facts: 文号, issuer, dates, status, counts, chapters, title, addressees."""
    document = shelf.doc(doc_id)
    m = document.meta
    citations: list[Citation] = []
    sentences: list[str] = []
    effective_provision = document.provision(m.effective_in) if m.effective_in else None
    # (a fact asked that the library does not record leaves the answer partial: 文号 未载明)
    unrecorded = {"doc_number": not m.doc_number, "issuer": not m.issuer, "effective": not m.effective}
    for fact in facts:
        if fact == "title":
            covering = f"，随《{m.notice_title}》印发" if m.notice_title else ""
            sentences.append(f"文件名称是《{m.title}》{covering}。")
        elif fact == "doc_number":
            sentences.append(f"文号是{m.doc_number}。" if m.doc_number else "库中该文件的文本和元数据均未载明文号。")
        elif fact == "issuer":
            sentences.append(f"制定（发布）机关是{m.issuer}。" if m.issuer else "文件没有写明发布机关。")
        elif fact == "date":
            if m.issued:
                verb = "修订通过" if any("修订" in h for h in m.history[-1:]) else "印发（通过）"
                sentences.append(f"{verb}日期是{cn_date(m.issued)}。")
            sentences.extend(f"{line}。" for line in m.history if line)
        elif fact == "history" or (fact == "approval" and not m.approved_by):
            # (哪次会议修订的？ of a law: the meetings that adopted and revised it, in its header)
            revisions = _revisions(m)
            if m.history:
                counted = f"共修订（修正）{len(revisions)} 次：" if revisions else ""
                sentences.append(f"文件的制定与修订情况{counted}" + "；".join(m.history) + "。")
        elif fact == "effective":
            if m.effective:
                where = f"（{provision_label(effective_provision)}）" if effective_provision else ""
                sentences.append(f"自{cn_date(m.effective)}起施行{where}。")
            else:
                sentences.append("文件没有写明施行日期。")
        elif fact == "status":
            sentences.append(status_sentence(shelf, doc_id))
        elif fact == "count":
            sentences.append(
                f"正文{count_phrase(document)}"
                + (
                    f"，分 {len(document.chapters())} {'章' if m.shape == 'law' else '个部分'}"
                    if document.chapters()
                    else ""
                )
                + "。"
            )
        elif fact == "sections":
            sentences.append(chapters_line(document))
        elif fact == "basis":
            # (the sentence of the document naming what it is made on: 根据《…》…，制定本条例)
            found = next(
                (
                    (p, s)
                    for p in document.provisions
                    for s in re.findall(r"[^。；\n]*。?", p.text)
                    if _MADE_ON.search(s)
                ),
                None,
            )
            if found:
                provision, sentence = found
                sentences.append(f"{provision_label(provision)}写明了制定依据：{sentence}")
                citations.append(shelf.cite(provision, provision.text))
            else:
                sentences.append("文件没有写明制定依据。")
        elif fact == "approval":
            sentences.append(f"已经{m.approved_by}审议通过。")
        elif fact == "recipients" and m.recipients:
            sentences.append(f"主送：{'；'.join(m.recipients)}。")
    if "issuer" in facts and "date" not in facts and m.issued:
        sentences.append(f"日期是{cn_date(m.issued)}。")
    if effective_provision is not None and ("effective" in facts or "status" in facts):
        citations.append(shelf.cite(effective_provision, effective_provision.text))
    citations.append(shelf.cite_document(doc_id, "".join(sentences)))
    text = f"{m.citation_title}：" + "".join(dict.fromkeys(sentences))
    coverage = "partial" if any(unrecorded.get(fact) for fact in facts) else "full"
    return Answer(text, tuple(citations), kind="doc_meta", as_of=shelf.day, coverage=coverage)


def _revisions(meta: DocMeta) -> list[str]:
    """The header lines that revise or amend the document (…修订, …第二次修正)."""
    return [h for h in meta.history if re.search("修订|修正|修改", h)]


def status_sentence(shelf: Shelf, doc_id: str) -> str:
    """是否有效: in force since…, or repealed/replaced by what and since when, and what applies now."""
    m = shelf.metas[doc_id]
    status = shelf.status(doc_id)
    if status.in_force:
        since = f"自{cn_date(m.effective)}起施行，" if m.effective else ""
        revisions = _revisions(m)
        version = f"现行文本为{revisions[-1]}后的文本。" if revisions else ""
        replaced = "、".join(shelf.metas[d].citation_title for d in m.supersedes if d in shelf.metas)
        replaced = f"它取代了{replaced}。" if replaced else ""
        if not shelf.in_force_today(doc_id):  # (a past day asked: in force then, and what it is now)
            return f"{m.citation_title}{since}{shelf.status_text(doc_id)}。{_applies_now(shelf, doc_id)}"
        return f"{m.citation_title}{since}截至{cn_date(shelf.day)}{status.text}。{version}{replaced}"
    return f"{m.citation_title}{status.text}。{_applies_now(shelf, doc_id)}"


def _applies_now(shelf: Shelf, doc_id: str) -> str:
    """现行规定见《…》（自…起施行）。 for a document no longer in force that has a successor; '' otherwise."""
    successor_id = status_on(shelf.metas[doc_id], shelf.today or shelf.day, shelf.metas).successor
    successor = shelf.metas.get(successor_id or "")
    if successor is None or not successor.effective:
        return ""
    return f"现行规定见{successor.citation_title}（自{cn_date(successor.effective)}起施行）。"


def status_answer(shelf: Shelf, doc_ids: Sequence[str]) -> Answer:
    """Is it still in force? For each document: its status, and the provision that repealed it."""
    sentences, citations = [], []
    for doc_id in doc_ids:
        sentences.append(status_sentence(shelf, doc_id))
        m = shelf.metas[doc_id]
        status = shelf.status(doc_id)
        # (in force on a past day asked and repealed since: the sentence says by what, so that provision is cited too)
        successor_id = status.successor or (status_on(m, shelf.today, shelf.metas).successor if shelf.today else "")
        if successor_id:
            successor = shelf.doc(successor_id)
            clause = successor.provision(m.repealed_in) if m.repealed_in else None
            clause = clause or (
                successor.provision(successor.meta.effective_in) if successor.meta.effective_in else None
            )
            # (the successor as it is today: not yet in force on a past day asked, in force now)
            current = replace(shelf, day=shelf.today) if shelf.today and shelf.today > shelf.day else shelf
            if clause is not None:
                citations.append(current.cite(clause, clause.text))
            citations.append(current.cite_document(successor_id))
        citations.append(shelf.cite_document(doc_id))
        effective = shelf.doc(doc_id).provision(m.effective_in) if m.effective_in and status.in_force else None
        if effective is not None:
            citations.insert(len(citations) - 1, shelf.cite(effective, effective.text))
    unique = tuple({(c.doc_id, c.number): c for c in citations}.values())
    return Answer("".join(sentences), unique, kind="doc_status", as_of=shelf.day)


def provision_status_answer(shelf: Shelf, provision: Provision, current: Provision | None) -> Answer:
    """Is this provision still in force? Its document's status, the provision cited — after the provision that
    repealed it, for one no longer in force, and followed by what corresponds to it now (``current``)."""
    status = status_answer(shelf, [provision.doc_id])
    cited = shelf.cite(provision, provision.text)
    if shelf.in_force(provision.doc_id):
        verdict = f"{shelf.ref(provision)}现行有效：{status.text}"
        citations = [cited, *status.citations]
    else:
        verdict = f"{shelf.ref(provision)}已不再有效：{status.text}"
        citations = [*status.citations[:1], cited]
        if current is not None:
            verdict += f"与之对应的现行规定是{shelf.ref(current)}：{current.text}"
            citations.append(shelf.cite(current, current.text))
    unique = tuple({(c.doc_id, c.number): c for c in citations}.values())
    return Answer(verdict, unique, kind="follow_up", as_of=shelf.day)


def documents_answer(shelf: Shelf, heading: str, doc_ids: Sequence[str], reasons: dict[str, str]) -> Answer:
    """Which documents cover a topic: each with kind, 文号, dates, status and why it was listed."""
    lines = [f"{heading}（共 {len(doc_ids)} 份）："]
    citations = []
    for i, doc_id in enumerate(doc_ids, start=1):
        m = shelf.metas[doc_id]
        facts = "，".join(
            x for x in (m.kind, m.doc_number, f"{cn_date(m.effective)}起施行" if m.effective else "") if x
        )
        why = f"：{reasons[doc_id]}" if reasons.get(doc_id) else ""
        lines.append(f"{i}. {m.citation_title}（{facts}；{shelf.status(doc_id).text}）{why}")
        citations.append(shelf.cite_document(doc_id, reasons.get(doc_id, "")))
    return Answer("\n".join(lines), tuple(citations), kind="doc_lookup", as_of=shelf.day)


def division_answer(
    shelf: Shelf, doc_id: str, division: Division, within: Provision | None = None, *, others: bool = False
) -> Answer:
    """A chapter, section or part: its heading, its sections (第一节 一般规定（第九条至第十一条）…) when it
    has any, and every provision in it; first, that ``within`` (the provision discussed) belongs to it.
    ``others``: the provisions besides ``within`` (这部分还有别的措施吗？)."""
    document = shelf.doc(doc_id)
    provisions = [p for p in document.provisions if division.first <= p.number <= division.last]
    heading = f"{document.meta.citation_title}“{division.heading}”"
    lead = f"{shelf.ref(within)}属于“{division.heading}”。\n" if within is not None else ""
    listed = heading
    if others and within is not None:
        provisions = [p for p in provisions if p.key != within.key]
        if not provisions:
            return Answer(f"{lead}{heading}中只有这一{_unit(shelf, [within])}。", kind="section", as_of=shelf.day)
        listed = f"{heading}中除{provision_label(within)}以外"
    sections = [
        d for d in document.divisions if d.level > division.level and division.first <= d.first <= division.last
    ]
    if sections:
        spans = "、".join(
            f"{d.heading}（{_span([p for p in document.provisions if d.first <= p.number <= d.last])}）"
            for d in sections
        )
        listed = f"{heading}分为 {len(sections)} 节：{spans}。{listed}"
    answer = listing_answer(shelf, listed, provisions, "section")
    return replace(answer, text=lead + answer.text + agency_notes(shelf, (), provisions))


def _span(provisions: Sequence[Provision]) -> str:
    """第九条至第十一条 (第九条 when it is one)."""
    first, last = provision_label(provisions[0]), provision_label(provisions[-1])
    return first if first == last else f"{first}至{last}"


def _examples(shelf: Shelf, k: int = 3) -> str:
    """The first documents of the library in force on the day, by name: 《…》、《…》等 14 份文件"""
    metas = list(shelf.metas.values())
    in_force = [m for m in metas if shelf.in_force(m.doc_id)] or metas
    names = "、".join(m.citation_title for m in in_force[:k])
    return names + (f"等 {len(metas)} 份文件" if len(metas) > k else "")


MORE_LEAD = "除上面已经列出的规定外，与这个问题相关的还有："


def nothing_more_answer(shelf: Shelf) -> Answer:
    """ "还有别的吗？" when the closest provisions were all shown already."""
    return Answer(
        "与这个问题最相关的规定上面都已经列出了，库中没有其他更相关的条文。", kind="follow_up", as_of=shelf.day
    )


def clarify_answer(shelf: Shelf) -> Answer:
    """A follow-up with nothing to follow: ask what is meant."""
    first = next(iter(shelf.metas.values()))
    return Answer(
        f"您想了解哪一份文件、哪一条或哪方面的政策？库中有{_examples(shelf)}。"
        f"可以这样问：“{first.plain_title}第一条是什么？”，或直接描述您遇到的情况。",
        kind="clarify",
        as_of=shelf.day,
    )


def which_document_for_facts(shelf: Shelf) -> Answer:
    listed = "\n".join(f"· {m.citation_title}" for m in shelf.metas.values())
    return Answer(f"您问的是哪一份文件？库中有：\n{listed}", kind="clarify_document", as_of=shelf.day)


def unknown_document_answer(shelf: Shelf, names: Sequence[str]) -> Answer:
    """The question is about documents the library does not hold."""
    listed = "、".join(f"《{n}》" for n in names)
    return Answer(
        f"抱歉，政策库中没有{listed}，我不能凭库外的文件作答。库中收录的是{_examples(shelf)}。",
        out_of_scope=True,
        kind="unknown_document",
        as_of=shelf.day,
        finding=f"政策库中没有收录{listed}。",
    )


def not_stated_note(shelf: Shelf, what: str, bodies: Sequence[str], *, before: bool = False) -> str:
    """The part of a question the library does not answer, and whom to ask about it (``before``: only a version
    no longer in force stated it)."""
    bodies = shelf.bodies_to_ask(bodies)
    who = shelf.agency_phrase(bodies) if bodies else "当地主管部门"
    if before:
        return f"您问的{what}，现行有效的文件没有规定（上面引用的原规定已不再有效），具体请咨询{who}。"
    return f"您问的{what}，库中文件没有规定，具体请咨询{who}。"


# For a question asked in English: what the reply below is, in English (the documents are quoted as printed).
_ENGLISH_LEADS = {
    "refused": "Sorry, the policy documents in the library do not answer this, and I answer only from them "
    "(details below, in Chinese).",
    "partial": "The policy documents answer part of your question; the reply below, in Chinese, says which part "
    "they do not cover.",
    "answered": "From the policy documents in the library (the reply is in Chinese, citing the document and article):",
    "other": "The reply below is in Chinese:",
}
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WEB_ADDRESS = re.compile(r"https?://\S+|www\.\S+|\S+\.(?:com|cn|org|net)\b", re.IGNORECASE)


def asked_in_english(question: str) -> bool:
    """Whether a question is written in English: more than two English words for each run of Chinese characters
    (a title or term in Chinese may stand in an English question; VAT税率是多少 is Chinese; web addresses aside).

    >>> asked_in_english("What is article 5 of 保障中小企业款项支付条例?"), asked_in_english("小规模纳税人的VAT rate是多少")
    (True, False)
    >>> asked_in_english("投诉网址 www.gov.cn 能用吗"), asked_in_english("What is the VAT rate?")
    (False, True)
    """
    words = len(_LATIN_WORD.findall(_WEB_ADDRESS.sub(" ", question)))
    return words > 2 * len(_CJK_RUN.findall(question))


def in_english(answer: Answer) -> Answer:
    """An answer to a question asked in English, led by a line in English saying what the reply is (small talk,
    replied in English whole, as it is)."""
    if answer.kind == "smalltalk":
        return answer
    if answer.out_of_scope:
        kind = "refused"
    elif not answer.citations:
        kind = "other"  # (a question back, a number no document has)
    else:
        kind = "partial" if answer.coverage == "partial" else "answered"
    return replace(answer, text=f"{_ENGLISH_LEADS[kind]}\n{answer.text}")


def did_you_mean(repaired: str) -> str:
    """The line an answer to a repaired question opens with (the formal reply leaves it out)."""
    return f"您是不是想问：{repaired}\n"


# A comma or question mark the question was read with, half-width, between or after Chinese characters.
_HALF_WIDTH_IN_CHINESE = re.compile(r"(?<=[\u4e00-\u9fff])(?:,(?=[\u4e00-\u9fff])|\?)")


def as_typed(text: str) -> str:
    """A piece of the question shown back to the asker with Chinese punctuation, as it was typed (the question is
    read with half-width punctuation).

    >>> as_typed("万一逾期申报了,罚款是多少?"), as_typed("What is it, VAT?")
    ('万一逾期申报了，罚款是多少？', 'What is it, VAT?')
    """
    return _HALF_WIDTH_IN_CHINESE.sub(lambda m: "，" if m.group() == "," else "？", text)


_SMALLTALK_OPENING = {
    "greeting": "您好！",
    "identity": "我是惠企政策问答助手。",
    "capability": "",
    "thanks": "不客气！",
    "remark": "",
    "goodbye": "再见，欢迎随时回来提问！",
}
_SMALLTALK_OPENING_EN = {
    "greeting": "Hello! ",
    "identity": "I am the SME policy assistant (惠企政策问答助手). ",
    "capability": "",
    "thanks": "You're welcome! ",
    "remark": "",
    "goodbye": "Goodbye, and come back any time! ",
}


def smalltalk_answer(shelf: Shelf, kind: str, examples: Sequence[str], english: bool = False) -> Answer:
    """A short friendly reply to small talk: what the assistant does, and three questions to try (in English
    when the message was; the documents and so the examples are Chinese)."""
    tries = "".join(f"\n· {q}" for q in examples[:3])
    if english:
        text = (
            f"{_SMALLTALK_OPENING_EN.get(kind, '')}I answer the questions of small and medium enterprises from the "
            f"{len(shelf.metas)} policy documents in the library, citing the document and article of every answer. "
            f"The documents are in Chinese; you may ask in English or Chinese, for example:{tries}"
        )
    else:
        text = (
            f"{_SMALLTALK_OPENING.get(kind, '')}我根据政策库中的 {len(shelf.metas)} 份政策文件回答中小企业的问题，"
            f"每个回答都注明出自哪份文件的哪一条、由哪些部门负责。您可以这样问：{tries}"
        )
    return Answer(text, kind="smalltalk", as_of=shelf.day)


def out_of_scope_answer(shelf: Shelf, related: Provision | None, missing: str = "") -> Answer:
    """A refusal; where a provision comes close, it is named with its bodies (the ones to ask), cited by nothing.
    ``missing``: what the question asks that no text states (具体金额), said instead of "not covered" when a
    provision comes close — the library covers the topic, not the figure."""
    text = "抱歉，政策库中的文件没有涉及这个问题，我不能凭文件以外的信息作答。"
    finding = ""
    repealed = related is not None and bool(shelf.status(related.doc_id).successor)
    if repealed and not missing:  # (the closest is a rule no longer in force, that nothing in force carries on)
        text = "抱歉，政策库中现行有效的文件没有规定这个问题，我不能凭文件以外的信息作答。"
    if missing and related is not None:
        text = f"抱歉，政策库中的文件没有规定您问的{missing}，我不能凭文件以外的信息作答。"
        finding = f"政策库收录的政策文件没有规定所咨询的{missing}，无法根据政策文件作出答复。"
    closest = None
    if related is not None:
        bodies = shelf.bodies_to_ask(related.agencies)
        who = f"，具体情况建议咨询{shelf.agency_phrase(bodies)}" if bodies else ""
        gone = f"（{shelf.status(related.doc_id).text}）" if repealed else ""
        text += f"库中与之最接近的是{headline(shelf, related)}{gone}{who}。"
        closest = shelf.cite(related, f"{related.title}。" if related.title else _first_sentence(related.text))
    else:
        text += f"库中收录的是{_examples(shelf)}，您可以问问其中的规定。"
    return Answer(text, out_of_scope=True, kind="out_of_scope", as_of=shelf.day, closest=closest, finding=finding)
