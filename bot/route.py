"""What a question asks, read once: the documents and provisions it names, the day it asks about,
and which kind of answer it wants — a provision by number, a document's facts or status, the
documents on a topic, what changed between versions, an agency's or a part's provisions, or a
search. Input is a cleaned question (``bot.question.clean_question``): NFKC-folded, simplified.

Every pattern here is a general form of Chinese (or English) questions; what is particular to the
library — document names, 文号, agencies, headings — comes from the library.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.question import question_core, split_clauses, without_self_introduction
from bot.refs import (
    DocMention,
    DocumentNames,
    ProvisionRef,
    day_before_named,
    past_day,
    provision_refs,
    refers_to_then,
    strip_spans,
    unknown_documents,
    with_version_words,
    without_past_day,
)
from bot.scope import names_a_figure_as_such
from ingest.agencies import AgencyRegistry
from ingest.schema import Division, Library
from ingest.text import parse_number

TITLE_COVERS_AREA = 0.6  # a part's title holding this share of the question's area words names it outright

_NUM = r"([0-9]{1,3}|[一二三四五六七八九十百两〇零]{1,6})"
_CHAPTER = re.compile(rf"第\s*{_NUM}\s*章(?:\s*第\s*{_NUM}\s*节)?")
_PART_ORDINAL = re.compile(rf"第\s*{_NUM}\s*(?:部分|大类|板块|方面|块)")

# 多少 lists only when it counts provisions (多少条): 按规定最多收多少？ asks for a figure.
_LIST_INTENT = re.compile(
    r"哪些|哪几|什么|几条|几项|多少(?:条|项|个|种|措施|规定)|列出|清单|包括|包含|都有|有啥|涉及|list|which|what"
)
# An agency named together with one of these asks for that agency's complete list of provisions.
_AGENCY_LIST = re.compile(
    # (清单 asked for — 列个清单 —, not one a rule names: 负面清单, 责任清单; all of its provisions, not 全部扣除)
    r"哪些|哪几|(?<!第)几条|(?<!第)几项|哪一?项|多少条|多少项|(?:所有|全部)(?=的?(?:措施|条|规定|任务|职责|事项|内容|列)|有哪|[？?。]|$)|列出|列一下|(?:[个份张出的]|^)清单|干啥|干什么|做什么|做哪|负责什么|管什么|"
    r"参与什么|管哪|负责啥|任务|职责|职能|分工|which measures|what measures|\blist\b|responsible for"
)
_EXCEPT = re.compile(r"除了|除去|之外|以外|except|besides|other than")
# 牵头或参与的措施: not only the measures it leads
_NOT_ONLY_LEADING = re.compile(r"参与|配合|协助|协同|涉及|或")
_TOGETHER = re.compile(r"共同|一起|同时|联合|都负责|都参与|both")
# 单独负责的: the provisions whose bodies are the asked ones and no other
_ALONE = re.compile(
    r"(单独|独自|独立)(负责|承担|牵头)|(?<![不非])(只|仅)(?!要)[^，。？?]{0,16}负责|"
    r"没有(别的|其他|其它)(部门|单位|机构)|不(需要|用)?(和|与|跟|同)(别的|其他|其它)(部门|单位|机构)|"
    r"\b(solely|alone)\b|\bonly\b[^?.]{0,30}\bresponsible\b"
)
_PROVISIONS_WORD = re.compile(r"措施|条款|(?<![按据照])规定")  # not 按规定 / 根据规定 / 依照规定 (as the rules say)
_WHICH_PROVISIONS = re.compile(r"哪几[条项](?!件)|哪些条(?:文|款|(?!件))")  # several provisions asked by their numbers
_AREA_WORD = re.compile(r"方面|领域|部分|板块|这块|这一块|类|章节|这一章|这章|一章")
_DOC_FILLER = re.compile(r"这份文件|这个文件|本文件|文件里|文件中|文件|这份政策|这个政策|政策里|里面|当中|之中")
_WHO = re.compile(
    r"谁负责|谁来负责|谁管|谁来管|谁牵头|谁来?(?:查处|处理|监管|执法|查办|处罚)|谁主管|哪个机构|哪些机构|什么机构|哪家机构|归口|主管单位|主管机关|哪个部门|哪些部门|什么部门|哪几?家(?=单位|部门|机关|政府(?!性)|来?负责|来?管|牵头)|哪个单位|哪些单位|哪几个?(?:部门|单位|机构|机关)|找谁|找哪(?!家(?!单位|部门|机关|政府(?!性)))|归谁|归哪|"
    r"牵头|主管部门|负责部门|负责单位|责任部门|负责的部门|由谁(?!承担|支付|付|出钱|买单|赔)|(?:谁|哪[个些家里儿]?|什么)[^，。？?]{0,6}受理|who is responsible|who's responsible|"
    r"which agenc|which department|which ministr|who is in charge|who handles|\bresponsible\b|in charge"
)
# "归人社管还是财政管？" "是A负责还是B负责？": which of two bodies — asks who, the bodies are the answers to choose
# from, not the topic.
_WHICH_OF_BODIES = re.compile(
    r"(归|由|是|找)([^，,。？?还]{1,8}?)(管|负责|主管|牵头|发布|审批|受理|认定|办理|监管|处理)(?:呢)?[，,]?还是(?:归|由|是|找)?"
    r"[^，,。？?]{1,8}?\3"
)
_FULL_TEXT = re.compile(r"全文|原文|完整|全部内容|详细内容|具体内容|full text")
_FIGURE_WANTED = re.compile(
    r"多少|几[天日月年个项倍成次%]|比例|税率|费率|利率|征收率|扣除率|金额|期限|多久|多长|上限|下限|最高|最低|"
    r"不超过|不低于|百分之|%|how much|how many|how long|\brate\b|percent"
)

# 新法 / 那个老条例 / 旧条例: a version of the document discussed, referred to (not 新法规, 新法定代表人, 那个法子)
_VERSION_REFERRED = r"(?:那个|那部|新|旧|老)的?(?:法|条例)(?![规人律师院定治制子案])"
# A provision referred to (这条现在还有效吗？ 这个规定还适用吗？), not a whole document.
_PROVISION_REFERENCE = re.compile(
    r"这一?条|该条|本条|此条|这一?项|该项|这一?款|这个?规定|这条规定|这个条款|这项规定|"
    r"\b(?:this|that|the) (?:rule|article|provision|clause|item|regulation's article)\b",
    re.IGNORECASE,
)


def refers_to_provision(text: str) -> bool:
    """Whether a question refers to the provision discussed (这条、这项、这个规定), not to a document.

    >>> refers_to_provision("这条现在还有效吗？"), refers_to_provision("这个条例还有效吗？")
    (True, False)
    >>> refers_to_provision("Is this rule still in force?")
    True
    """
    return bool(_PROVISION_REFERENCE.search(text))


_DOC_REFERENCE = re.compile(
    r"文件|通知|这份|该文|本文|这个政策|这项政策|这份政策|政策文件|这部|该法|本法|这个法|这个条例|该条例|本条例|"
    r"(?:这个|这项|该|本)(?:意见|办法|决定)|"
    rf"{_VERSION_REFERRED}|"
    r"发文|印发|\bdocument\b|\bpolicy\b|\bnotice\b|\blaw\b|\bregulation\b"
)
# (多长时间 / 多少时间 ask a period: 各省多长时间内出台实施办法？ asks what a provision requires, not a date)
_WHEN = r"(?:什么时候|哪天|哪一天|哪年|哪一年|何时|几月|几号|哪年哪月|什么时间|日期|(?<![长少])时间)"
_ACTS = r"(?:通过|发布|印发|公布|颁布|出台|制定|发的|发文|签发|修订|修正|修改)"
DOC_FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "doc_number": re.compile(
        r"文号|发文字号|发文号|文件编号|第几号|几号令|哪一?号|令号|(?:哪个|哪一个|什么)(?:国务院|部门)?令(?!人)|"
        r"document number|reference number"
    ),
    "issuer": re.compile(
        r"发文单位|发文机关|发文部门|印发单位|发布单位|发布机构|发布部门|落款单位|制定机关|颁布机关|制定部门|"
        # (not what a provision says who does: …标准由谁制定的规定在第几条？ asks that provision)
        r"(?:(哪个|什么|哪家)(单位|部门|机关|机构)|谁)(?:修订|修正|审议)?(印发|发布|发的|出台|制定|颁布|通过(?:的|(?=[？?]|$)))(?!的?(?:规定|条款|条文|那一?条|这一?条)|的(?:是|在)第)|"
        # (a law or decree is promulgated: …条例是哪个机关公布的？ 它是谁签发的？ — asked right after the document's name,
        # not 清单由哪个部门公布？ or 规定的清单，是哪个部门公布的？, a duty a provision sets)
        r"(?:》|法|条例|细则|意见|通知|办法|决定|文件|它|其)是(?:(?:哪个|什么|哪家)(?:单位|部门|机关|机构)|谁)(?:公布|签发)的|"
        r"issued by|who issued"
    ),
    "date": re.compile(
        rf"{_WHEN}\S{{0,3}}{_ACTS}|{_ACTS}的?(?:是|于)?{_WHEN}|(?:落款|印发|发布|成文)日期|\bwhen was\b|\bdate\b"
    ),
    "history": re.compile(
        r"(修订|修正|修改)过|几次(修订|修正|修改)|(修订|修正|修改)了?几次|历次|沿革|最早|最初|first adopted|amended"
    ),
    "effective": re.compile(
        rf"{_WHEN}(开始|起|正式)?(施行|生效|实施|执行|实行)|(施行|生效|实施)(日期|时间)|起施行|"
        # (asked: when … effective, its effective date — not the law effective 2026 named on the way)
        r"\bwhen\b[^?.]{0,60}?\beffective\b|\beffective (?:date|from when|since when)\b|"
        r"\bwhen\b[^?.]{0,60}?\b(?:(?:take|takes|took|taken) effect|(?:come|comes|came|enter|enters|entered) into (?:force|effect))"
    ),
    "count": re.compile(
        r"(?<![第哪])几条|多少条|(?<![第哪])几项|多少项|多少个措施|几个措施|多少措施|共有多少|一共多少|总共多少|how many (articles|measures|items)"
    ),
    "approval": re.compile(r"审议通过|哪次会议|什么会议|会议审议"),
    "recipients": re.compile(r"印发给|主送|发给谁|发给哪|下发给"),
    # what the document was made on (这个条例的法律依据是什么？ 依据哪部法律制定的？) — not the law behind one provision
    # (法律依据是哪一条？) nor whether a practice has grounds (这样做有法律依据吗？)
    "basis": re.compile(
        r"(?:立法|制定)(?:的)?(?:依据|根据)|"
        r"(?:条例|法规|法律|本法|这部法|该法|文件|意见|通知|办法|措施)的(?:法律|法定|上位法)?(?:依据|根据)|"
        r"(?:依据|根据)(?:哪部|哪个|什么|哪些)(?:法律|法规|法)?(?:制定|出台)|legal basis of|based on which law"
    ),
    # (a document's name, not a body's: 我们县的担保机构叫什么名字？ after naming 6号文 asks no title — the endings of
    # words for companies, bodies, banks, offices and places of business)
    "title": re.compile(r"标题|全称|(?<![司构台心行位门业会金区站局所厂店])叫什么名|\btitle\b"),
    "sections": re.compile(
        r"几个部分|多少个部分|(?<!第)几部分|哪几个部分|几大部分|几大块|几个方面|哪几个方面|章节|(?<!第)几章|多少章|哪几章|哪些章|分几章|"
        r"(文件|全文|法|条例|意见|措施)的?(结构|目录)"
    ),
}
# Facts that need no "this document" cue: nothing but a document has a 文号 or 发文机关.
_SELF_EVIDENT_FACTS = {"doc_number", "issuer", "recipients", "approval", "history"}
# …said in words only a document's facts use: their patterns also catch 最晚哪号之前要付？ and 最早, facts of a
# document only where one is named (a follow-up naming none: 它的文号是多少？ 是哪个部门发的？)
_DOCUMENTS_OWN_FACT = re.compile(
    r"文号|发文字号|发文(?:单位|机关|部门)|(?:哪个|什么|哪家)(?:单位|部门|机关)(?:印发|发布|发的)"
)
_STATUS = re.compile(
    r"还有效|有效吗|是否有效|是否还有效|仍然有效|现行有效|还能用|还适用|还管用|还在用|还生效|还执行|还作数|还算数|"
    r"还在(?:执行|实施|施行)(?!期)|还(?:实施|施行)(?!期)|"  # (not 还在执行期内吗？: a measure's period)
    # 从哪天起不再适用？ 是哪天停止施行的？: when it stopped applying (not …征收率是不是不再适用了？: whether a rule still
    # holds, which its provisions answer)
    r"(?:哪一?天|哪一?年|几月几[日号]|几号|什么时候|何时)(?:起|开始)?(?:就)?(?:不再|停止)(?:适用|有效|执行|施行|实施|生效|使用)|"
    r"废止|失效|作废|过时|过期|被取代|被替代|取代了|替代了|还是现行|现行的?是|现在用的是|现在适用|still (valid|in force|in effect)|repealed|"
    r"什么状态|状态(如何|怎样|是)|效力(?:状态|如何|怎样|怎么样)|(?:效力|有效性|时效性)(?=\s*[？?]|$)|被(哪|什么)[^，。？?]{0,6}(替代|取代|代替)|"
    r"还(?:按|照|依)(?:这个|这部|该|此|那个|那部|这)?(?:条例|法|规定|文件|办法|意见|通知)|"  # 现在还按这个条例交吗？
    # (还能按这个条例办吗？ — but not 还能按规定弥补吗？, a rule asked: a 能 asks of the document pointed at)
    r"还(?:能|可以|能不能|可不可以)(?:按|照|依)(?:这个|这部|该|此|那个|那部|这)(?:条例|法|规定|文件|办法|意见|通知)|"
    # 如今还能按增值税暂行条例来执行吗？: whether a regulation, opinion or notice named still applies (not 计税方法, 办法)
    r"还(?:能|可以)?(?:按|照|依|用)《?[\u4e00-\u9fff]{1,16}?(?:条例|意见|通知)》?(?:来)?(?:执行|办理|适用)(?=吗|么|嘛|不|[？?]|$)"
)
# Of two documents named: how they relate, which applies (是什么关系？ 现在该按哪个？ — not 按哪个税率算？).
_WHICH_APPLIES = re.compile(
    r"什么关系|啥关系|有何关系|(?:按|用|依|适用)哪(?:个|一个|部|份)(?:为准|执行|办)?(?=[？?。，,！!]|$)|以哪(?:个|一个|部)为准|"
    # (适用《增值税暂行条例》还是《增值税法》？ 按2020年版还是2025年版？: one of the two named, asked)
    r"还是(?:按|用|依|适用|执行)?(?:《|\d{4}\s*年|新|旧|老|现行)"
)
# A status that describes the document named after it (按已经废止的旧《…》，…), or dates the question (…条例废止以前，
# …): not asked.
_DESCRIBED_STATUS = re.compile(
    r"(?:已经|已)?(?:被)?(?:废止|失效|作废|过时|过期|取代|替代)"
    r"(?:了?的(?=[《\u4e00-\u9fff])|(?:以|之)?前(?=\s*(?:[，,。？?！!]|的时候|时候|时)))"
    # (那2025年还在用暂行条例的时候，…: a time when it applied)
    r"|还(?:在用|在执行|在施行|在实施|有效|适用)[^，,。？?什]{0,16}?(?=的时候|时候|那会|那时)"  # (not …到什么时候？)
)
_DOC_NOUN = r"(?:文件|法规|法律|条例|规章|政策文件)"
_DOCUMENTS = re.compile(
    rf"(?:哪些|哪几部|哪几份|哪几个|几部|几份)(?:{_DOC_NOUN}|规定|政策)|的{_DOC_NOUN}(?:有|是)?(?:哪些|哪几部|哪几份)|有没有专门[^？?。]{{0,20}}{_DOC_NOUN}(?=[？?]|$|吗|呢)|"
    rf"专门(?:讲|针对|规定|规范|管)[^？?。]{{0,20}}{_DOC_NOUN}(?=[？?]|$|吗|呢|是)|(?<![仓车水金题])库[里中]|收录|几个版本|哪些版本|哪几个版本|"
    r"which documents|which laws|(?:what|which) (?:policy )?documents (?:do you|does the library|are (?:there )?in)|"
    r"list (?:all )?(?:the |your )?(?:documents|policies)"  # (not: what documents do I need to submit)
)
_CHANGE = re.compile(
    r"变化|区别|不同|差别|差异|调整了|新旧|对比|比较|相比|比起|改动|有何变|新增了|删去了|删除了|"
    # 改了/变了 asked (改了哪些？ 税率变了吗？), not told (登记事项变了没去办变更登记…: the asker's own case)
    r"(?:修改|修订|修正|改|变)了(?=吗|么|没有|没(?:[？?，,。]|$)|什么|哪|啥|多少|几|[？?]|$)|"
    r"(?:变|改|调)(?:成|为)了?(?:多少|什么|啥|几|哪)|"  # (11%那档税率变成多少了？)
    r"(?:跟|和|与|同)[^，。？?]{1,15}比(?![例率重])|what changed|difference|what(?:'s| is) new\b|"
    r"\bhow (?:has|have|did|does|do)\b[^?]{0,40}\bchange"
)
# Which provisions set a period they run for (哪些措施有明确的执行期限？ 哪几项已经到期了？ — not a period a rule sets
# for a deed: 哪些条款规定了付款期限？)
_ASKS_PERIODS = re.compile(
    r"(?:哪些|哪几|哪条|哪项)(?:个|条|项|份)?(?:措施|条款|条|项|规定|政策|内容)?"
    r"(?:是|还|已经?|有|在|规定了?|写了?|写明了?|设定了?|明确的?|的|了|带有?|含有?|设有?|附有?)*"
    r"(?:(?:执行|实施|政策|有效)期限|有效期|截止日期|执行到|到期|过期|届满)"
)
# General words for money given to a business (这个补贴, 这笔钱): what a conversation's benefit is called.
_MONEY = "补贴|补助|资助|奖励|资金|钱"
# (nor money given out: 这个补贴是哪个部门发的？ asks who pays it, not who issued a document)
_NOT_A_DOC_FACT = re.compile(rf"截止|到期|期限内|(?:{_MONEY}|贴息)[^，,。？?]{{0,8}}发(?:的|放|给)")


@dataclass(frozen=True)
class Query:
    """A question as the router sees it."""

    text: str
    topic: str  # what to search for: the question without document names and provision numbers
    mentions: tuple[DocMention, ...]
    docs: tuple[str, ...]  # the documents named, resolved to one version each
    refs: tuple[ProvisionRef, ...]
    day: dt.date  # the day whose law is asked: today, or the past day the question names
    past: bool
    facts: tuple[str, ...] = ()
    asks_status: bool = False
    asks_documents: bool = False
    asks_change: bool = False
    asks_periods: bool = False  # 哪些措施有明确的执行期限？: the provisions setting a period they run for
    wants_agencies: bool = False
    wants_full_text: bool = False
    wants_figure: bool = False
    agencies: tuple[str, ...] = ()
    agency_list: bool = False
    agencies_together: bool = False
    agency_leads: bool = False  # 由X牵头: the measures whose parenthetical names X first
    agency_alone: bool = False  # X单独负责: the provisions that name X and no other body
    agency_except: bool = False
    chapter: int = 0  # 第X章
    section: int = 0  # 第X章第Y节
    part: int = 0  # 第X部分
    listing: bool = False  # asks for a list of provisions in an area
    refers_to_document: bool = False  # 这份文件 / 本法 …
    unknown_documents: tuple[str, ...] = ()  # names of documents the library does not hold (《公司法》)
    focus: str = (
        ""  # an elliptical follow-up's own subject ("那工会经费呢？" → 工会经费), searched with the earlier question
    )
    earlier: str = ""  # the earlier question a follow-up is searched with: what it asks was answered before
    in_conversation: bool = False  # asked after other turns (what they are about may decide what it asks)


def doc_facts(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    if _NOT_A_DOC_FACT.search(lowered):
        return ()
    return tuple(name for name, pattern in DOC_FACT_PATTERNS.items() if pattern.search(lowered))


def understand(
    text: str, names: DocumentNames, agencies: AgencyRegistry, today: dt.date, then: dt.date | None = None
) -> Query:
    """Read a cleaned question once; the engine decides from the result. ``then``: the past day the
    conversation is about, which 那时候 / 当时 refers to."""
    lowered = text.lower()
    mentions = tuple(names.mentions(text))
    spans = [(m.start, m.end) for m in mentions]
    without_names = strip_spans(text, spans)
    day = past_day(without_names, today)
    if day is None and then is not None and refers_to_then(without_names):
        day = then
    # 增值税法施行以前…: the document dates the question; the versions in force then answer it.
    dating: tuple[DocMention, ...] = ()
    if day is None:
        day, dating = day_before_named(text, mentions, names, today)
        spans += [(m.start, m.end) for m in dating]
        without_names = strip_spans(text, spans)
    asked_day = day or today
    mentions = tuple(m for m in mentions if all(m.start != d.start for d in dating))
    docs = tuple(dict.fromkeys(d for m in mentions for d in names.resolve(m, text, asked_day)))
    refs = tuple(provision_refs(without_names)) or tuple(names.by_title(without_names, docs))
    found_agencies = agencies.find(without_self_introduction(without_names))  # (not who asks: 我是人社窗口的)
    chapter = section = part = 0
    if m := _CHAPTER.search(text):
        chapter, section = _number(m.group(1)), _number(m.group(2)) if m.group(2) else 0
    if m := _PART_ORDINAL.search(text):
        part = _number(m.group(1))
    topic = without_past_day(strip_spans(text, with_version_words(text, spans)) if spans else text, today)
    topic = _WHICH_OF_BODIES.sub(r"\1谁\3", topic)
    # "创新方面有哪些措施？": a list word with an area, or in the same clause as 措施/规定 ("有没有…的措施？
    # 能补贴多少？" asks about one measure).
    listing = bool(_LIST_INTENT.search(lowered) and _AREA_WORD.search(text)) or any(
        _lists_what_is_provided(clause) for clause in split_clauses(lowered)
    )
    return Query(
        text=text,
        topic=topic or text,
        mentions=mentions,
        docs=docs,
        refs=refs,
        day=asked_day,
        past=day is not None,
        facts=doc_facts(without_names),
        asks_status=bool(
            _STATUS.search(_DESCRIBED_STATUS.sub("", lowered)) or (len(docs) > 1 and _WHICH_APPLIES.search(lowered))
        ),
        asks_documents=bool(_DOCUMENTS.search(lowered)),
        asks_change=bool(_CHANGE.search(lowered)),
        asks_periods=bool(_ASKS_PERIODS.search(lowered)),
        # (asked, not told: 我们向主管部门投诉了，处理部门多长时间内要给结果？ asks a period)
        wants_agencies=bool(_WHO.search(question_core(text).lower()) or _WHICH_OF_BODIES.search(text)),
        wants_full_text=bool(_FULL_TEXT.search(lowered)),
        wants_figure=bool(_FIGURE_WANTED.search(lowered)),
        agencies=found_agencies,
        # "税务总局负责哪几项？" — a list word in the clause that names the agency, or one that lists
        # provisions ("…去税务局备案吗，要带哪些资料？" asks about the papers).
        agency_list=bool(
            found_agencies
            and (
                any(_lists_provisions(c, agencies) for c in split_clauses(lowered))
                or not has_own_topic(strip_agencies(without_names, agencies))
            )
        ),
        agencies_together=bool(_TOGETHER.search(lowered)) and len(found_agencies) > 1,
        agency_leads="牵头" in text and not _NOT_ONLY_LEADING.search(text),
        agency_alone=bool(found_agencies and _ALONE.search(lowered)),
        agency_except=bool(found_agencies and _EXCEPT.search(lowered)),
        chapter=chapter,
        section=section,
        part=part,
        listing=listing,
        refers_to_document=bool(_DOC_REFERENCE.search(lowered)),
        unknown_documents=unknown_documents(text, mentions, names),
    )


_AGENCY_PART = re.compile(r"负责|牵头|参与|主管|管")
_PROVISION_NOUN = re.compile(r"[的个些]?(措施|规定|条|项|事|任务|职责|工作|内容|方面|文件|政策|活)")


def _lists_what_is_provided(clause: str) -> bool:
    """A list word beside 措施 / 规定 / 条款 (有哪些措施？几条规定？) — not 有什么规定？, which asks what the rules say,
    nor 这项措施由哪些部门负责？, which asks who."""
    if _WHICH_PROVISIONS.search(clause):  # (关于工业设计的是哪几条？)
        return True
    asked, provided = _LIST_INTENT.search(_WHO.sub(" ", clause)), _PROVISIONS_WORD.search(clause)
    return bool(asked and provided) and not (asked.group(0) == "什么" and provided.group(0) == "规定")


def _lists_provisions(clause: str, agencies: AgencyRegistry) -> bool:
    """A clause asking for an agency's list: with the agency in it, or listing provisions (哪些措施, 哪几条)
    rather than something else (哪些资料)."""
    m = _AGENCY_LIST.search(clause)
    if not m or m.group(0) not in ("哪些", "哪几"):
        return bool(m)
    after = clause[m.end() :]
    if not after or not ("\u4e00" <= after[0] <= "\u9fff") or _PROVISION_NOUN.match(after):
        return True
    # 哪些 + another noun asks about that thing (税务局来检查要准备哪些辅助账？), unless the agency's part is asked
    # (发改委负责哪些领域？).
    return bool(agencies.surfaces_in(clause)) and bool(_AGENCY_PART.search(strip_agencies(clause, agencies)))


def _number(token: str) -> int:
    try:
        return parse_number(token)
    except ValueError:
        return 0


def facts_are_asked(query: Query, documents_named: bool) -> tuple[str, ...]:
    """The document facts a question asks, when it is about a document (named, or 'this document')."""
    facts = query.facts
    if not facts:
        return ()
    if documents_named or query.refers_to_document or set(facts) & _SELF_EVIDENT_FACTS:
        return facts
    return ()


# ── documents by their attributes ─────────────────────────────────────────────────────────────

_KIND_WORDS = {
    "法律": ("法律",),
    "行政法规": ("行政法规",),
    "地方性法规": ("地方性法规", "地方法规"),
    "国务院文件": ("国务院文件",),
    "部门文件": ("部门文件", "部委文件"),
}
_ANY_KIND = re.compile(r"法律[、和及与]?(?:行政)?法规")
_TITLE_KINDS = ("意见", "通知", "措施", "条例", "办法", "规定", "决定")
_NOT_COUNTING_WORDS = re.compile(r"不算|不含|不包括|除了|除去|排除")
_NOT_COUNTING = re.compile(rf"(?:{_NOT_COUNTING_WORDS.pattern})\S{{0,2}}$")
_NO_LONGER = re.compile(
    r"(?:已经?)?(?:被)?(?:[^，。？?]{0,4}明文)?废止了?|被(?:新版本?)?(?:替代|取代)了?|已?失效|已?过期|不再有效|过时|旧版"
)
_REPLACED = re.compile(r"替代|取代|修订|修改|新版|旧版|版本|失效|过期|不再有效|过时")
_STILL = re.compile(r"(?:目前|现在)?(?:现行有效|还有效|仍然有效|现行的)")


@dataclass(frozen=True)
class DocumentFilter:
    """What a "which documents…" question says of the documents: kind, issuer, title word, validity."""

    kinds: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    title_kinds: tuple[str, ...] = ()
    in_force: bool | None = None
    repealed_only: bool = False  # 明文废止: repealed, not replaced by a new edition

    def __bool__(self) -> bool:
        return bool(self.kinds or self.issuers or self.title_kinds or self.in_force is not None)


def document_filter(text: str, issuers: Mapping[str, str]) -> DocumentFilter:
    """The attributes a question asks documents to have; ``issuers``: the library's issuers by every
    name they go by (their own and their aliases of the agency file).

    >>> issuers = {"国务院": "国务院", "全国人民代表大会常务委员会": "全国人民代表大会常务委员会",
    ...            "全国人大常委会": "全国人民代表大会常务委员会"}
    >>> document_filter("库里哪几部是全国人大常委会制定的法律（不算行政法规）？", issuers)
    DocumentFilter(kinds=('法律',), issuers=('全国人民代表大会常务委员会',), title_kinds=(), in_force=None, repealed_only=False)
    """

    def counted(at: int) -> bool:
        return not _NOT_COUNTING.search(text[max(0, at - 5) : at])

    text = _ANY_KIND.sub(lambda m: " " * len(m.group()), text)  # 法律法规: laws and regulations, no kind
    kinds = tuple(k for k, words in _KIND_WORDS.items() for w in words if (i := text.find(w)) >= 0 and counted(i))
    normalised = text
    kept = []
    for surface in sorted((s for s in issuers if s), key=len, reverse=True):
        if surface in normalised:
            kept.append(issuers[surface])
            normalised = normalised.replace(surface, " ")  # 国务院 inside 国务院办公厅 is not 国务院
    title_kinds = tuple(k for k in _TITLE_KINDS if re.search(rf"[“\"]{k}[”\"]|{k}类|的{k}(?:文件)?[？?]?$", text))
    in_force = False if _NO_LONGER.search(text) else True if _STILL.search(text) else None
    repealed_only = in_force is False and not _REPLACED.search(text)
    return DocumentFilter(tuple(dict.fromkeys(kinds)), tuple(dict.fromkeys(kept)), title_kinds, in_force, repealed_only)


def without_attributes(text: str, issuers: Iterable[str]) -> str:
    """The text without the words ``document_filter`` reads: kinds, title kinds, issuers, validity.

    >>> without_attributes("库里目前仍然有效的国务院行政法规有哪几部？", ["国务院"])
    '库里的有哪几部？'
    """
    words = [w for ws in _KIND_WORDS.values() for w in ws] + list(_TITLE_KINDS) + [i for i in issuers if i]
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "")
    return _STILL.sub("", _NO_LONGER.sub("", _NOT_COUNTING_WORDS.sub("", text)))


# ── parts and chapters by their titles ─────────────────────────────────────────────────────────


def cjk_bigrams(text: str) -> set[str]:
    """Pairs of neighbouring Chinese characters (the one character of a one-character text)."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in itertools.pairwise(chars)} | ({chars[0]} if len(chars) == 1 else set())


_QUESTION_WORDS = re.compile(
    r"有哪些|哪些|什么|措施|政策|规定|条款|的|一共|总共|都|有|几条|多少条|几项|下面|列了|包含|包括|这一部分|部分|"
    r"关于|对于|针对|至于"  # (关于人才方面…: what the area is introduced by)
)


def _area_grams(text: str) -> set[str]:
    """The bigrams of a question's area phrase: the text before 方面/领域/部分…, or the whole question, without
    words that point at the document or ask."""
    text = _DOC_FILLER.sub("", text)
    area = _AREA_WORD.split(text, maxsplit=1)[0] if _AREA_WORD.search(text) else text
    return cjk_bigrams(_QUESTION_WORDS.sub("", area))


def title_covers_area(text: str, division: Division) -> bool:
    """Whether a part's title holds most of the words of the question's area phrase (强化财税正向激励有哪些措施？),
    not just some of them (首贷、续贷有什么信贷支持措施？ beside 降低小微企业综合融资成本).

    >>> part = Division(1, 5, "五、", "强化财税正向激励", 14, 16)
    >>> title_covers_area("强化财税正向激励有哪些措施？", part), title_covers_area("财税方面有什么优惠措施？", part)
    (True, True)
    >>> title_covers_area("小微企业首贷续贷有什么财税支持措施？", part)
    False
    """
    area = _area_grams(text)
    return bool(area) and len(area & cjk_bigrams(division.title)) >= TITLE_COVERS_AREA * len(area)


def match_division(text: str, library: Library, doc_ids: Sequence[str] | None = None) -> tuple[str, Division] | None:
    """The part or chapter whose title the question's area phrase names, if one clearly does.

    The area phrase is the text before 方面/领域/部分…, or the whole question, without words that
    point at the document. Title bigrams are weighted by how rare they are among all titles, so
    words many headings share (提升, 加强, 支持) count little. A title matches when it covers at least
    half of the phrase's weight and no other title covers as much.
    """
    area_grams = _area_grams(text)
    if not area_grams:
        return None
    divisions = [
        (d.meta.doc_id, division)
        for d in library.documents
        if doc_ids is None or d.meta.doc_id in doc_ids
        for division in d.divisions
    ]
    if not divisions:
        return None
    frequency = Counter(g for _, division in divisions for g in cjk_bigrams(division.title))
    # Only the words some title uses can point at a title; rarer ones point harder.
    weight = {g: math.log(1 + len(divisions) / frequency[g]) for g in area_grams if frequency[g]}
    total = sum(weight.values())
    if not total:
        return None
    scored = []
    for doc_id, division in divisions:
        title = cjk_bigrams(division.title)
        shared = set(weight) & title
        # Two shared words, or all of a one-word area (融资方面) or of a one-word title (附则).
        if len(shared) >= 2 or (shared and (shared == area_grams or len(title) == 1)):
            scored.append((sum(weight[g] for g in shared) / total, len(shared), doc_id, division))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], -s[1]))
    best = scored[0]
    if best[0] < 0.5 or (len(scored) > 1 and scored[1][:2] == best[:2]):
        return None
    return best[2], best[3]


# ── follow-ups ───────────────────────────────────────────────────────────────────────────────────

_FOLLOW_UP_START = re.compile(
    r"^(那|那么|那个|还有|另外|再问|这条|这个|这项|这两|这几|这些|该条|该措施|它|上面|上述|刚才|刚刚|前面|上一|下一|"
    r"and\b|what about|how about)"
)
_FOLLOW_UP_REFERENCE = re.compile(
    r"这么|这样|同样|一样|这里面|这里头|这里|这份|这部|这个文件|这个政策|该文件|本文件|该法|本法|这个法|这个条例|该条例|本条例|这条|这项|这一条|这一项|这个措施|这两条|这几条|这些|该条|该措施|它|上面|上述|刚才|刚刚|前面|上一条|下一条|这件事|这事|这规定|这个规定|这一?章|本章|这一?节|本节|这一?部分|"
    r"this measure|this article|\bit\b|\bthem\b|\bthese\b"
)
# "这个活动" / "该平台" / "这块": a reference plus a generic noun names nothing new.
_REFERENCED_THING = re.compile(
    r"(这|那|该|此|上述)一?(个|项|条|件|些|部|份|种|类|笔|两条|几条)?"
    r"(活动|平台|行动|计划|项目|措施|政策|事情|工作|规定|条例|法规|法律|文件|事|条|项|法|块|方面|部分|情况|"
    rf"{_MONEY}|优惠)"
)
# Words that ask something about an already chosen provision rather than name a topic.
_INTENT_ONLY = re.compile(
    r"^(那|那么|还有|另外|这条|这项|这个|这些|这两条|这几条|两条|该条|该措施|它|上面|上述|刚才|上一条|下一条|的|是|由|谁|"
    r"前一条|后一条|接下来|紧接着|紧跟着|后面|接着|下面|"
    r"哪个|哪些|什么|部门|单位|负责|牵头|管|发放|发|具体|详细|怎么|如何|做|办|申请|要求|内容|讲|说|呢|吗|啊|呀|吧|了|有|没有|"
    r"介绍|一下|全文|原文|完整|给我|看看|请|能|可以|哪里|找|咨询|落实|执行|分别|各自|都|各|又|再|英文|政策|措施|条|写|"
    r"第几条|第几项|哪一条|哪条|出处|出自|依据|哪年|哪天|什么时候|开始|施行|生效|实施|还|说了|别的|其他|意思|含义|解释|理解|"
    r"哪部|哪份|法律|法规|条例|文件|规章|规定|文号|哪|部|份|一|个|样|这是|那是|"
    r"以前|之前|原来|原先|过去|早先|当时|老|旧|版本|版|现在|现行|最新|新|多少|对应|有效|失效|废止|适用|"
    r"类似|相似|相近|差不多|同样|一样|这样|这么|那样|这种|那种|相关|有关|也|"
    r"在|里面|里头|这里|里|中|归|归口|主管|管理|机构|机关|任务|职责|职能|分工|作用|角色|工作|事情|事儿|事|活儿|活|干嘛|干啥|啥|那边|这边|需要|要|都有|有些|些|主要|"
    # (asking what was just said again, or plainer: 没听懂，能再说一遍吗？ 所以到底是多少？ 能说得简单点吗？)
    r"所以|到底|究竟|就是说|也就是说|我?(?:没听懂|没看懂|听不懂|看不懂|不懂|没懂|不明白|没明白|不太明白|没太明白|没听明白|没听清)|不太|"
    r"再说一遍|再讲一遍|一遍|重复|"
    r"简单点|简单|通俗点|通俗|明白点|清楚点|得|"
    r"english|what|about|who|whom|who's|which|is|are|the|it|its|this|that|these|them|and|for|of|in|charge|"
    r"responsible|full|text|more|details?|tell|me|say|says|do|does|measure|please|agenc(y|ies)|department|"
    r"\s|[?？!！。，,.、:：;；])+$",
    re.IGNORECASE,
)
_NEXT_PREVIOUS = re.compile(r"(下|上|后|前)一(条|项|个措施)|(接下来|紧接着|紧跟着|后面)的?(那|一)?(条|项)")
# "以前的老条例也是这么规定的吗？": the versions the document under discussion replaced.
_A_VERSION = r"(条例|规定|版本|版|法律|法|办法|文件|规章)"
_HOW_PROVIDED = r"(怎么|怎样|如何)(规定|定|说|讲|要求|算|办)"
_OLDER_VERSION = re.compile(
    rf"(以前|之前|原来|过去|早先|当时|(?:废止|修订|修改)(?:以|之)?前)的?(老|旧)?{_A_VERSION}|"
    # (以前那个版本, 之前那版: a word for a version says which was meant)
    r"(以前|之前|原来|过去|早先|当时|(?:废止|修订|修改)(?:以|之)?前)的?(?:那个|那一?)(版本|版)|"
    # (旧的那个条例; not 以前那个法人代表, 之前那份文件: what was mentioned)
    rf"(老|旧)的?(?:那个|那部)?{_A_VERSION}(?![人律定])|\b(old|previous|former) (version|regulation|law|rules?)\b|"
    # 以前也是这样吗？ asks whether the rule was the same before; 以前是怎么规定的？ what it was
    r"(以前|之前|过去|早先|原先|原来)(也|都|就)(是|能|可以|要)?(这样|这么|如此|一样)|"
    rf"(以前|之前|过去|早先|原先|原来)(又|都)?是?{_HOW_PROVIDED}|"
    # 跟以前比有什么变化？ 和之前的版本相比有啥不同？ 比以前改了什么？: what changed since the earlier versions
    rf"(跟|和|与|同)(以前|之前|过去|原来|原先|早先)的?(老|旧)?{_A_VERSION}?(相)?比|"
    r"比(以前|之前|过去|原来|原先|早先)(?=[^，。？?]{0,6}(变化|不同|区别|差别|改|调整))|"
    # 我记得以前是17%，是哪个文件规定的？ a figure told as what the rule was (not when asking what it is now)
    r"(以前|之前|过去|早先|原先|原来)(好像|似乎)?(也|都)?(是|为)\s*(?:百分之|(?:\d+(?:\.\d+)?|[一二三四五六七八九十]+)\s*(?:%|％|日|天|个月|年|万|元))"
    r"(?![^？?]*(现在|目前|如今|现行))|"
    # 以前是多少？ 原来几天？ 之前呢？ what it was
    # (at the start: not 验收之前多少天要通知？, 过去几年亏损了)
    r"^(那|那么)?(以前|之前|过去|早先|原先|原来)(又|都)?(是|为)(多少|几|什么|啥|哪些)|^(那)?(以前|之前|原来|原先)(的)?呢|"
    # (旧的呢？ 老的那个在第几条？: the old one, said alone)
    r"^\W*(?:那|那么)?(?:旧|老)的(?:那个|这个|那部|那版|那一版)?(?=呢|是|从|怎么|什么|哪|又|在)"
)
_NEWER_VERSION = re.compile(
    # (新的这个条例: a demonstrative between, and not 这个法人)
    rf"(现在|现行|目前|如今|新)的?(?:{_A_VERSION}|(?:这个|那个|这部|那部){_A_VERSION}(?![人律定]))|现行有效的|"
    # (新的呢？ 新的是从什么时候开始的？ 新的那个是第几条？: the new one, said alone)
    r"^\W*(?:那|那么)?新的(?:那个|这个|那部|那版|那一版)?(?=呢|是|从|怎么|什么|哪|又|在)|"
    # (那现在呢？ after what a version said on a past day: what the one in force says)
    r"^\W*(?:那|那么)?(?:现在|目前|如今|当前)(?:的)?呢|"
    r"\b(new|current) (version|regulation|law|rules?)\b|"
    rf"(现在|目前|如今)(又|都)?是?{_HOW_PROVIDED}"
)
# "小规模纳税人也是这样吗？" "全国有类似的规定吗？": the previous question asked again about something else (not 类似的
# 信息服务, a topic of its own).
_SAME_AS_BEFORE = re.compile(
    r"也(是|都)?(这样|这么|如此|一样|同样)|同样(适用|如此|这样|可以|能)|(一样|同样)(吗|么|嘛|的吗)|也适用|"
    r"(类似|相似|相同)的?(规定|要求|政策|做法|条款|措施|办法)|\b(the same|also apply|as well)\b|"
    r"\bsimilar (rules?|requirements?|provisions?|polic(y|ies)|measures?)\b"
)
# "那全国的标准又是多少？": 又 before a question word asks a question again — the earlier one, when it names too little of
# its own (not 那增值税的税率又是多少？).
_ASKS_AGAIN = re.compile(r"又(?:是|该|要|会)?(?:怎么|怎样|如何|多少|几|什么|哪)")
# "全国的法律也是这样吗？": the national rules, after an answer from a local document.
_NATIONAL_LEVEL = re.compile(r"全国|国家(层面|层级|级|的|规定|法律|法规|政策)|中央|\bnational(ly)?\b|nationwide")
_NATIONAL_RULES = re.compile(r"(?:全国|国家|中央)(?:性|层面|层级|级)?(?:(?:的|上的)?(?:规定|法律|法规|政策))?")
_WHICH_NUMBER = re.compile(
    r"第几条|第几项|哪一条|哪条|出处|哪个文件|哪份文件|哪一份|哪部|出自|哪个条款|哪一项|which article"
)
# "还有别的吗？" "其他规定呢？": more provisions on the conversation's topic, besides those already shown (not 还有别的部门吗？).
_MORE_OF = r"(?:规定|条文|条款|法条|政策|措施|内容|依据|条)?"  # (what more is asked of)
_ASKS_FOR_MORE = re.compile(
    rf"(?:那|那么)?(?:还有|另外还有|此外还有)(?:没有)?(?:(?:别的|其他|其它|其余|更多|相关)的?)?{_MORE_OF}(?:吗|么|嘛|没有|呢|不)?"
    rf"|(?:那|那么)?(?:别的|其他|其它|其余)的?{_MORE_OF}呢|(?:那|那么)?还有(?:哪些|什么|啥)(?:规定|条文|政策|相关规定)?(?:吗|呢)?|(?:anything|what) else\b.*|any others?\b.*|more\??"
)


def asks_for_more(text: str) -> bool:
    """ "还有别的吗？" / "其他规定呢？" / "anything else?": more provisions on the topic of the conversation.

    >>> asks_for_more("还有别的吗？"), asks_for_more("那其他规定呢？"), asks_for_more("还有别的部门吗？")
    (True, True, False)
    """
    return bool(_ASKS_FOR_MORE.fullmatch(re.sub(r"[^\w ]|_", "", text.lower()).strip()))


# "这两条分别由谁负责？": the follow-up is about every provision the previous answer cited.
MEANS_SEVERAL = re.compile(
    r"这[两三四五六几]+[条个项]|它们|这些|两条|(?<!第)几条|分别|各自|都|them|these|each"
)  # (第几条？ asks one)


_ELLIPTICAL = re.compile(r"^(那|那么|那如果|那要是|那假如|如果是|要是|and\b|what about|how about)")


_ONLY_A_SUBJECT = re.compile(r"^[^，,。？?！!]*呢[？?]?$")
ELLIPTICAL_MAX_SPECIFICITY = 5.0  # below this a "那…" follow-up names too little to stand on its own


def names_only_a_subject(text: str) -> bool:
    """ "那企业所得税呢？": a follow-up naming nothing but a subject before 呢.

    >>> names_only_a_subject("那企业所得税呢？"), names_only_a_subject("那企业所得税怎么报呢？我问的是期限")
    (True, False)
    """
    return bool(_ONLY_A_SUBJECT.match(text.lower().strip()))


def asks_of_another_subject(text: str) -> bool:
    """ "那中小企业被拖欠呢？": a follow-up asking the earlier question again of a subject, with a word or two more.

    >>> asks_of_another_subject("那中小企业被拖欠呢？"), asks_of_another_subject("中小企业被拖欠怎么办？")
    (True, False)
    """
    return bool(_SUBJECT_ASKED_INSTEAD.match(text.strip()))


_SUBJECT_ASKED_INSTEAD = re.compile(
    r"^(?:那么|那|如果是|要是|换成)?([^，,。？?！!和与及跟、]{2,12}?)(?:的话)?呢[？?]?$"
)


# What 那…呢 holds is a case told, not a subject named, when it speaks of people (那他们要是说没预算了呢？) or ends as a
# deed done (…了, …着, …过): no phrase of the earlier question is its kind.
_TELLS_NOT_NAMES = re.compile(r"他们|她们|它们|我们|咱们|你们|^[他她它我你]|[了着过]$")


def with_subject_swapped(earlier: str, follow_up: str, cut: Callable[[str], Sequence[str]]) -> str:
    """The earlier question asked of the follow-up's subject instead of its own ("" when the follow-up names no
    subject, or the earlier question none of its kind). The head of a Chinese compound is its end: the subject
    replaced is the earlier question's phrase — a word and the words of two characters or more before it — that
    ends as the new subject does (in two characters, or one of two longer words): 什么样的企业才算小型微利企业？ +
    那高新技术企业呢？ → 什么样的企业才算高新技术企业？; 担保费 for 那再担保费呢？; 企业所得税 for 那增值税呢？.
    ``cut``: a text's words, in order. An earlier question followed by such follow-ups of its own (招待费能扣多少？
    那广告费呢？) is asked as it was first.

    >>> cut = lambda text: [w for w in re.split(r"(的|才|算|收|？| )", text) if w]
    >>> with_subject_swapped("什么样的企业才算小型微利企业？", "那高新技术企业呢？", cut)
    '什么样的企业才算高新技术企业？'
    >>> with_subject_swapped("担保机构收担保费的上限？", "那再担保费呢？", cut), with_subject_swapped("担保费收多少？", "那北京呢？", cut)
    ('担保机构收再担保费的上限？', '')
    >>> with_subject_swapped("担保机构收担保费的上限？ 那再担保费呢？", "那评审费呢？", cut)
    '担保机构收评审费的上限？'
    >>> with_subject_swapped("担保机构收了担保费？", "那他们要是说没预算了呢？", cut)
    ''
    >>> cut = lambda text: [w for w in re.split(r"(，|税前|能扣多少|的|是什么|？)", text) if w]
    >>> with_subject_swapped("小规模纳税人的标准是什么？", "征收率呢？", cut)
    '小规模纳税人的征收率是什么？'
    >>> with_subject_swapped("公司给员工发福利，福利费税前能扣多少？", "那工会经费呢？", cut)
    '工会经费税前能扣多少？'
    """
    asked = earlier.split(" ")
    while len(asked) > 1 and _SUBJECT_ASKED_INSTEAD.match(asked[-1].strip()):
        asked.pop()
    earlier = " ".join(asked)
    found = _SUBJECT_ASKED_INSTEAD.match(follow_up.strip())
    if not found or (subject := found.group(1)) in earlier or _TELLS_NOT_NAMES.search(subject):
        return ""

    def shared_end(phrase: str) -> int:
        return next((n for n in range(min(len(phrase), len(subject)), 0, -1) if phrase[-n:] == subject[-n:]), 0)

    def heads_alike(phrase: str) -> bool:
        return shared_end(phrase) >= 2 or (shared_end(phrase) == 1 and min(len(phrase), len(subject)) >= 3)

    words = list(cut(earlier))
    phrases = []
    for end in range(len(words)):
        start = end
        while start > 0 and len(words[start - 1]) >= 2 and _NAMING.fullmatch(words[start - 1]):
            start -= 1
        phrases.append("".join(words[start : end + 1]))
    alike = [p for p in phrases if p != subject and heads_alike(p)]
    if not alike and names_a_rate_or_figure(subject):
        # (a figure asked instead of the earlier one: 征收率呢？ after 小规模纳税人的标准是什么？ asks 小规模纳税人的征收率)
        alike = [w for w in words if w != subject and names_a_rate_or_figure(w)][-1:]
    if not alike:
        return ""
    replaced = max(alike, key=lambda p: (shared_end(p), len(p)))
    # A clause naming what is replaced without the subject tells of the earlier subject alone: left out
    # (公司给员工发福利，福利费税前能扣多少？ + 那工会经费呢？ → 工会经费税前能扣多少？).
    of_earlier = cjk_bigrams(replaced) - cjk_bigrams(subject)
    clauses = [c for c in _CLAUSE.findall(earlier.replace(replaced, subject, 1)) if c]
    return "".join(c for c in clauses if subject in c or not any(b in c for b in of_earlier))


# A clause with the mark that ends it.
_CLAUSE = re.compile(r"[^，,；;。？?！!]*[，,；;。？?！!]?")


_NAMING = re.compile(r"[\u4e00-\u9fff]+")


def names_a_rate_or_figure(word: str) -> bool:
    """Whether a word names a figure as such: a rate (征收率) or a general word for one (比例, 期限, 标准).

    >>> names_a_rate_or_figure("征收率"), names_a_rate_or_figure("标准"), names_a_rate_or_figure("纳税人")
    (True, True, False)
    """
    return word.endswith("率") or names_a_figure_as_such(word)


def is_elliptical(text: str, specificity: float) -> bool:
    """ "那个体户呢？" / "那2025年的时候呢？老条例也允许吗？": a follow-up that asks the previous question
    again about something else — it names only a subject, or too little (``specificity``: the sum of
    its words' specificity) to be searched on its own."""
    lowered = text.lower().strip()
    if _SAME_AS_BEFORE.search(lowered):
        return True
    return names_only_a_subject(lowered) or (
        bool(_ELLIPTICAL.match(lowered)) and specificity < ELLIPTICAL_MAX_SPECIFICITY
    )


def asks_again(text: str) -> bool:
    """ "那全国的标准又是多少？": 又 before a question word.

    >>> asks_again("那全国的标准又是多少？"), asks_again("我们又被拖欠了，怎么办？")
    (True, False)
    """
    return bool(_ASKS_AGAIN.search(text))


def asks_newer_version(text: str) -> bool:
    """ "现在的条例怎么规定？" / "新版呢？" / "那现在呢？": about the version that replaced the document under discussion.

    >>> asks_newer_version("那现在呢？"), asks_newer_version("现在能申请吗？"), asks_newer_version("新的那个是第几条？")
    (True, False, True)
    """
    return bool(_NEWER_VERSION.search(text.lower()))


def asks_which_part(text: str) -> bool:
    """ "是第几条第几款？": which 款 or 项 of an article states what is asked.

    >>> asks_which_part("是第几条第几款？"), asks_which_part("在哪一款？"), asks_which_part("是第几条？")
    (True, True, False)
    """
    return bool(_WHICH_PART.search(text.lower()))


_WHICH_PART = re.compile(r"第几款|哪一?款|第几项|哪一?项|which (?:paragraph|clause|item)")


def asks_older_version(text: str) -> bool:
    """ "以前的老条例也是这么规定的吗？": about the versions the document under discussion replaced.

    >>> asks_older_version("旧的那个在第几条？"), asks_older_version("老的呢？"), asks_older_version("老的员工呢？")
    (True, True, False)
    >>> asks_older_version("以前那个版本是第几条？"), asks_older_version("之前那版呢？"), asks_older_version("之前那份文件呢？")
    (True, True, False)
    """
    return bool(_OLDER_VERSION.search(text.lower()))


def is_follow_up(text: str) -> bool:
    """A question that leans on the conversation: 'this provision', 'what about X' (那X呢？ X呢？), or no topic
    at all."""
    lowered = text.lower().strip()
    return bool(
        _FOLLOW_UP_START.match(lowered)
        or _ONLY_A_SUBJECT.match(lowered)
        or _FOLLOW_UP_REFERENCE.search(lowered)
        or _OLDER_VERSION.search(lowered)
        or not has_own_topic(text)
    )


def leans_on_before(text: str) -> bool:
    """A question that cannot be read without the one before it: a bare subject ("小微企业呢？"), "the same"
    or "this" (也是这样吗？ 这条谁负责？), or no topic of its own — not one that only starts with 那."""
    lowered = text.lower().strip()
    return bool(
        _ONLY_A_SUBJECT.match(lowered)
        or _SAME_AS_BEFORE.search(lowered)
        or _FOLLOW_UP_REFERENCE.search(lowered)
        or not has_own_topic(text)
    )


def refers_to_a_version(text: str) -> bool:
    """Whether the question refers to a document as the new or the old one without naming it (新法, 那个老条例).

    >>> refers_to_a_version("新法从什么时候开始执行？"), refers_to_a_version("换了新法定代表人从哪天生效？")
    (True, False)
    """
    return bool(re.search(_VERSION_REFERRED, text))


def has_own_topic(text: str) -> bool:
    """False when the question only asks about something already chosen ('那谁负责？', '这条是哪年施行的')."""
    return not _INTENT_ONLY.match(_REFERENCED_THING.sub(" ", text.lower().strip()))


def names_a_documents_own_fact(text: str) -> bool:
    """Whether a question asks, in words only a document's facts use, a fact of a document it does not name.

    >>> names_a_documents_own_fact("它的文号是多少？"), names_a_documents_own_fact("那最晚哪号之前要付？")
    (True, False)
    """
    return bool(_DOCUMENTS_OWN_FACT.search(text)) and not _NOT_A_DOC_FACT.search(text.lower())


def names_national_level(text: str) -> bool:
    """ "全国的法律也是这么规定的吗？" / "国家层面呢？": asks about the national rules, not a place's."""
    return bool(_NATIONAL_LEVEL.search(text.lower()))


def without_national_level(text: str) -> str:
    """The text without the words saying it asks of the national rules (那全国层面的规定是多少？ → 那是多少？): what
    it asks of them.

    >>> without_national_level("那全国层面的规定是多少？"), without_national_level("国家的标准呢？")
    ('那是多少？', '的标准呢？')
    >>> without_national_level("全国性的法律又是怎么规定的？")
    '又是怎么规定的？'
    """
    return _NATIONAL_RULES.sub("", text)


def names_a_chapter(text: str) -> bool:
    """第五章 / 第二章第一节: a chapter named by number."""
    return bool(_CHAPTER.search(text))


def asks_which_number(text: str) -> bool:
    return bool(_WHICH_NUMBER.search(text))


def without_which_number_asked(text: str) -> str:
    """The text without its sentences after the first that ask only which article or item it is (…是怎么规定的？第几条？
    …有什么要求？具体出自哪一条？): they name nothing.

    >>> without_which_number_asked("原条例是怎么规定的？第几条？"), without_which_number_asked("第几条？")
    ('原条例是怎么规定的？', '第几条？')
    >>> without_which_number_asked("有什么要求？具体出自哪一条？"), without_which_number_asked("有什么要求？罚多少是哪一条？")
    ('有什么要求？', '有什么要求？罚多少是哪一条？')
    """
    sentences = re.findall(r"[^？?]+[？?]?", text)
    return "".join(
        s
        for i, s in enumerate(sentences)
        if i == 0 or not asks_which_number(s) or _ASKS_MORE_THAN_WHICH.search(_WHICH_NUMBER.sub("", s))
    )


# What a sentence asking which article says besides (是, 具体, 在, 呢): anything else names something.
_ASKS_MORE_THAN_WHICH = re.compile(r"[^\W是在具体呢啊吗的]")


def next_or_previous(text: str, current: int) -> int | None:
    """下一条 / 上一条 relative to the provision under discussion."""
    m = _NEXT_PREVIOUS.search(text)
    if not m:
        return None
    return current - 1 if m.group(1) in ("上", "前") else current + 1


def strip_agencies(text: str, registry: AgencyRegistry) -> str:
    return strip_spans(text, [(start, end) for start, end, _ in registry.surfaces_in(text)])


def agency_question_topic(text: str, registry: AgencyRegistry) -> str:
    """What an agency question asks about besides the agency and its tasks (人民银行对小微企业贷款有什么职责？ →
    对小微企业贷款有什么; "" for one asking nothing else, or for all its tasks: 发改委负责哪些措施？).

    >>> agency_question_topic("负责哪些措施？", AgencyRegistry(()))
    ''
    """
    if _ASKS_ALL.search(text.lower()):  # (人民银行在融资方面负责哪些？ asks for all of them there)
        return ""
    rest = _PROVISIONS_OF_AN_AGENCY.sub(" ", _AGENCY_LIST.sub(" ", strip_agencies(text, registry)))
    return rest.strip() if has_own_topic(rest) else ""


_ASKS_ALL = re.compile(
    r"哪些|哪几|几项|几条|多少条|多少项|所有|全部|列出|列一下|清单|\blist\b|which measures|what measures"
)
# How agency questions name the provisions they ask for, and what qualifies a document's name ((2025年修订)中哪些条款涉及…)
_PROVISIONS_OF_AN_AGENCY = re.compile(
    r"[（(][^）)]*[）)]|条款|条文|条目|规定|措施|政策|文件|内容|事项|涉及|有关|相关|方面|领域"
)
