from __future__ import annotations

import pytest

from bot.question import clean_question
from bot.route import has_own_topic, is_follow_up, match_section, measure_numbers, route
from ingest.schema import Document


@pytest.mark.parametrize(
    ("question", "kind", "detail"),
    [
        ("第十二条是什么？", "number", (12,)),
        ("第12项讲了啥", "number", (12,)),
        ("措施（十二）的内容", "number", (12,)),
        ("措施12", "number", (12,)),
        ("(二十)讲的什么", "number", (20,)),
        ("三十四条写了啥", "number", (34,)),
        ("第三条和第五条分别是什么", "number", (3, 5)),
        ("What does measure 22 say?", "number", (22,)),
        ("第五十条是什么", "unknown_number", (50,)),
        ("第零条", "unknown_number", (0,)),
        ("第一百零一条", "unknown_number", (101,)),
        ("第3到5条", "number", (3, 4, 5)),
        ("第三部分第二条讲什么", "number", (9,)),
        ("第二部分的第一项是什么", "number", (4,)),
        ("第十二部分讲什么", "unknown_section", (12,)),
        ("措施一共有多少条", "doc_meta", ("count",)),
        ("措施十分重要吗", "search", None),
        ("前三条是什么", "search", None),
        ("请列出最重要的三条措施", "search", None),
        ("公司刚申请第一个发明专利，有什么支持", "search", None),
        ("稳经济33条和这个文件有什么关系", "search", None),
        ("What is document No. 169 about?", "search", None),
        ("文件里融资方面的措施有几条", "section", 2),
        ("这份文件里数字化的措施有哪些", "section", 4),
        ("除了人民银行，还有哪些部门负责信贷支持", "search", None),
        ("人民银行负责哪些措施？", "agency", ("人民银行",)),
        ("央行参与了哪几条", "agency", ("人民银行",)),
        ("列一下国资委负有责任的所有措施", "agency", ("国资委",)),
        ("人社部牵头或参与的措施有哪些？", "agency", ("人力资源社会保障部",)),
        ("Which measures is MIIT responsible for?", "agency", ("工业和信息化部",)),
        ("融资支持方面有哪些措施？", "section", 2),
        ("工业设计方面有哪些措施？", "section", 5),
        ("第二部分讲了什么", "section", 2),
        ("人才方面有哪些措施", "section", 10),
        ("这份文件的文号是多少？", "doc_meta", ("doc_number",)),
        ("这份通知是哪个单位印发的？", "doc_meta", ("issuer",)),
        ("文件一共有多少条措施？", "doc_meta", ("count",)),
        ("这些措施是经过哪次会议审议通过的？", "doc_meta", ("approval",)),
        ("小微企业贷款有什么支持？", "search", None),
        ("第八次会议审议了什么", "doc_meta", ("approval",)),  # 第八次 is not a measure number
        ("工业设计赋能这条由哪个部门负责？", "search", None),
        ("金秋招聘月什么时候举办", "search", None),  # a date question about a measure, not the document
        ("这项政策的支持对象是谁", "search", None),
        ("调整产品结构有哪些支持政策", "search", None),
        ("专利编号怎么查", "search", None),
        ("中小企业可以参加哪些展会和会议", "search", None),
        ("这个政策什么时候截止？", "search", None),
        ("Is there an update to this policy?", "search", None),
    ],
)
def test_routing_table(policy: Document, question: str, kind: str, detail: object) -> None:
    plan = route(clean_question(question), policy)
    assert plan.kind == kind
    if kind == "number":
        assert plan.numbers == detail
    elif kind in ("unknown_number", "unknown_section"):
        assert plan.unknown_numbers == detail
    elif kind == "agency":
        assert plan.agencies == detail
    elif kind == "section":
        assert plan.section == detail
    elif kind == "doc_meta":
        assert set(detail) <= set(plan.facts)


def test_who_is_responsible_is_flagged(policy: Document) -> None:
    assert route(clean_question("跨境电商归哪个部门管？"), policy).wants_agencies
    assert not route(clean_question("跨境电商有什么支持？"), policy).wants_agencies


def test_two_agencies_together_intersect(policy: Document) -> None:
    plan = route(clean_question("人民银行和银保监会共同负责哪些措施？"), policy)
    assert plan.agencies == ("人民银行", "银保监会") and plan.agencies_together


def test_measure_numbers_ignore_other_numbers() -> None:
    assert measure_numbers("12366热线是什么") == ()
    assert measure_numbers("这两条有什么区别") == ()


def test_no_section_for_a_vague_area(policy: Document) -> None:
    assert match_section("其他方面有哪些", policy.sections) is None


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [("那谁负责？", True), ("这条由谁负责？", True), ("那海外仓呢？", True), ("具体怎么做？", True),
     ("这个活动由哪些部门负责？", True), ("who is responsible for it?", True), ("这两条分别由谁负责？", True),
     ("下一条呢", True), ("跨境电商有什么支持？", False), ("小微企业贷款政策", False)],
)  # fmt: skip
def test_follow_up_detection(text: str, follow_up: bool) -> None:
    assert is_follow_up(clean_question(text)) is follow_up


@pytest.mark.parametrize("text", ["知识产权海关保护这一条谁负责", "有一条关于贷款的措施", "每条措施都有负责部门"])
def test_bare_counting_words_are_not_measure_numbers(text: str) -> None:
    assert measure_numbers(text) == ()


@pytest.mark.parametrize(
    ("text", "own_topic"),
    [("那谁负责？", False), ("这个活动由哪些部门负责？", False), ("Who is in charge of this measure?", False),
     ("那海外仓呢？", True), ("有哪些活动？", True), ("那人民银行呢", True)],
)  # fmt: skip
def test_own_topic(text: str, own_topic: bool) -> None:
    assert has_own_topic(clean_question(text)) is own_topic
