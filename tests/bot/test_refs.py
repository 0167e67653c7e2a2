"""What a question points at: documents by name, short name or 文号, provisions, editions, past days."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.expand import QueryExpander
from bot.refs import (
    DocumentNames,
    misspelt_documents,
    past_day,
    provision_refs,
    unknown_documents,
    without_past_day,
)
from bot.typos import likeness, load_similar_shapes
from index.tokenize import PolicyTokenizer
from ingest import Library

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def names(library: Library) -> DocumentNames:
    return DocumentNames(library, PolicyTokenizer().is_general_word)


@pytest.mark.parametrize(
    ("question", "docs"),
    [
        ("增值税法第二十二条说了什么？", ["vat-law-2024"]),  # a short name derived from the title
        ("增值税暂行条例第十五条", ["vat-interim-regulation-2017"]),  # the old version named by its own name
        ("款项支付条例第九条", ["sme-payment-regulation-2025"]),  # two versions share the name: the one in force
        ("2020年那版保障中小企业款项支付条例现在还有效吗？", ["sme-payment-regulation-2020"]),  # an edition
        ("国办发〔2019〕6号文第（十一）项讲什么？", ["guobanfa-2019-6"]),
        ("6号文和北京条例各要求多少？", ["guobanfa-2019-6", "beijing-sme-promotion-regulation-2020"]),
        ("39号文第三项", ["guofa-2018-39"]),
        ("国务院令第802号", ["sme-payment-regulation-2025"]),
        ("竞争力若干措施第（二十七）条", ["miit-2021-169"]),  # part of a title
        ("人民银行在竞争力措施里负责哪几项？", ["miit-2021-169"]),  # part of a title, words left out before 措施
        ("提升中小企业竞争力措施第三项", ["miit-2021-169"]),
        ("国家有哪些支持中小企业措施？", []),  # 中小企业 is in many titles: it names none of them
        ("企业所得税法和实施条例分别在哪一条", ["eit-law-2018", "eit-regulation-2019"]),
        ("财税〔2019〕6号文件", []),  # another issuer's 文号
        ("北京市的条例里对融资担保怎么说？", ["beijing-sme-promotion-regulation-2020"]),  # 的 after the region
        ("北京的条例和6号文各要求多少？", ["beijing-sme-promotion-regulation-2020", "guobanfa-2019-6"]),
        ("天津市的中小企业促进条例规定了什么", []),  # another place's regulation
        ("上海市促进中小企业发展条例里怎么规定？", []),  # ends like two titles of the library, names neither
        ("个人所得税法规定的起征点是多少？", []),  # 所得税法 is a short name, but 个人所得税 is one word
        ("新企业所得税法第二十八条", ["eit-law-2018"]),
        ("个体户发展条例里对经营场所有什么规定", ["individual-business-promotion-regulation-2022"]),
        ("按当时的增值税法规，税率是多少？", []),  # 法规: the VAT rules in general, not the VAT law
        ("按增值税法律规定要交多少？", []),
        ("增值税法规定的税率是多少？", ["vat-law-2024"]),  # 增值税法 + 规定
        ("照20年版的款项支付条例，验收期限怎么算？", ["sme-payment-regulation-2020"]),  # a year by two digits
        ("老的款项支付条例里投诉找谁？", ["sme-payment-regulation-2020"]),  # 老的: the version before
        ("现行的款项支付条例里投诉找谁？", ["sme-payment-regulation-2025"]),
        ("大企业买了我们旧的设备，按款项支付条例多少天付款？", ["sme-payment-regulation-2025"]),  # 旧 of something else
        ("款项支付条例20年版里投诉找谁？", ["sme-payment-regulation-2020"]),  # the edition after the name
    ],
)
def test_documents_named(names: DocumentNames, question: str, docs: list[str]) -> None:
    found = [d for m in names.mentions(question) for d in names.resolve(m, question, TODAY)]
    assert found == docs


def test_the_version_depends_on_the_day(names: DocumentNames) -> None:
    mention = names.mentions("款项支付条例第八条")[0]
    assert names.resolve(mention, "款项支付条例第八条", dt.date(2024, 12, 31)) == ("sme-payment-regulation-2020",)
    assert names.resolve(mention, "旧版款项支付条例第八条", TODAY) == ("sme-payment-regulation-2020",)


@pytest.mark.parametrize("before", ["修订以前", "修订之前", "修改以前"])
def test_before_the_revision_said_with_yiqian_names_the_older_version(names: DocumentNames, before: str) -> None:
    question = f"款项支付条例{before}，大企业最长多少天要付款？"
    mention = names.mentions(question)[0]
    assert names.resolve(mention, question, TODAY) == ("sme-payment-regulation-2020",)


@pytest.mark.parametrize(
    ("question", "refs"),
    [
        ("第十条第二款", [(10, "article", 2, 0)]),
        ("第三十条第（一）项", [(30, "article", 0, 1)]),
        ("6号文第（十一）项", [(11, "item", 0, 0)]),
        ("措施（三十一）讲什么？", [(31, "item", 0, 0)]),
        ("第3到5条", [(3, "article", 0, 0), (4, "article", 0, 0), (5, "article", 0, 0)]),
        ("促进法第23条", [(23, "article", 0, 0)]),
        ("What does article 9 say?", [(9, "article", 0, 0)]),
        ("稳经济33条有什么内容", []),  # a name, not a number
        ("这两条分别由谁负责", []),
        ("第八次会议审议通过的", []),
        ("措施二讲什么？", [(2, "item", 0, 0)]),
        ("创新方面的措施一共有几项？", []),  # 一共: a word, not 措施一
        ("这些措施一般找哪个部门？", []),
        ("措施十一共有几条？", [(11, "item", 0, 0)]),  # …but 十一 is the number
        ("这个措施一年能补多少？", []),  # a numeral counting years
    ],
)
def test_provision_references(question: str, refs: list[tuple]) -> None:
    assert [(r.number, r.form, r.paragraph, r.item) for r in provision_refs(question)] == refs


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("2024年的时候，大企业付款期限怎么规定？", dt.date(2024, 12, 31)),
        ("2025年我们还是小规模纳税人，征收率多少？", dt.date(2025, 12, 31)),
        ("2023年3月的时候能申请吗？", dt.date(2023, 3, 31)),
        ("2022年10月中旬，个体户想转成公司，当时怎么规定？", dt.date(2022, 10, 20)),
        ("去年的时候怎么规定的？", dt.date(2025, 12, 31)),
        ("2020年那版条例现在还有效吗？", None),  # an edition, not a day
        ("国务院2018年底发的那个文件", None),  # the date of a document
        ("2027年的时候会怎样？", None),  # not in the past
        ("我们2020年10月签的合同，按当时的规定多少天内要付款？", dt.date(2020, 10, 31)),  # an event, then "then"
        ("我们2020年10月签的合同，现在多少天内要付款？", None),  # an event, the rules of today
        ("2021年签的合同，当时对大企业付款期限有没有规定？", dt.date(2021, 12, 31)),  # 当时 … 规定 in one clause
        ("2022年开的店，那会不会影响现在的申请要求？", None),
        ("客户2022年5月签的合同，当时应该依照哪个版本？", dt.date(2022, 5, 31)),  # 当时 … 版本: the rules of then
        ("同事说2021年有企业来投诉，当时依据的是哪一版？", dt.date(2021, 12, 31)),
        ("2025年6月以前，大企业付款期限怎么规定？", dt.date(2025, 5, 31)),  # before the month began
        ("2025年6月底以前，怎么规定？", dt.date(2025, 6, 30)),
        ("2025年以前呢？", dt.date(2024, 12, 31)),
        ("去年3月的时候呢？", dt.date(2025, 3, 31)),
        # the first three quarters, not "before"; a year opening the question dates it (sales of 2024, rules of 2024)
        ("2024年前三季度销售额超过500万，要登记吗？", dt.date(2024, 12, 31)),
        ("2024年销售货物的税率是多少？", dt.date(2024, 12, 31)),
        ("2024年成立的公司现在能享受吗？", None),  # …unless it asks about today
        ("2019年以前成立的企业，现在还能享受优惠吗？", None),  # an event before a year, the rules of today
        ("公司2018年成立，那时候没有登记，现在要补吗？", None),  # "then" and "now": today
        ("我2020年注册的个体户，那会不会要登记一般纳税人？", None),  # 那会不会 is no "then"
        # in English, a year told in the story before the question is no day asked
        ("I opened my shop in 2021. Do small shops have to register for VAT?", None),
        ("How long could a large firm take to pay a small supplier in 2023?", dt.date(2023, 12, 31)),
    ],
)
def test_past_days(question: str, day: dt.date | None) -> None:
    assert past_day(question, TODAY) == day


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("2024年的时候卖货增值税税率是多少？", "卖货增值税税率是多少？"),
        ("2022年10月中旬，个体户想转成公司，当时怎么规定？", "个体户想转成公司，当时怎么规定？"),
        ("2020年那版条例现在还有效吗？", "2020年那版条例现在还有效吗？"),  # an edition, not a day
    ],
)
def test_the_words_naming_the_day_asked_are_not_the_topic(question: str, topic: str) -> None:
    assert without_past_day(question, TODAY) == topic


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("新公司法要求注册资本五年内实缴到位", ("公司法",)),
        ("按照劳动合同法规定，试用期多久？", ("劳动合同法",)),
        ("《助力中小微企业稳增长调结构强能力若干措施》有哪些内容？", ("助力中小微企业稳增长调结构强能力若干措施",)),
        ("增值税法第二十二条", ()),
        ("有什么办法能少交税？", ()),
        ("这是那个条例的第几条？", ()),
        ("北京市中小企业促进条例第十条", ()),  # close enough to the Beijing regulation's name
        ("上海市促进中小企业发展条例里，政府采购预留多少份额？", ("上海市促进中小企业发展条例",)),
        ("《个人所得税法》第六条", ("个人所得税法",)),
        ("北京的条例里对房租补贴怎么说？", ()),  # describes a document (a place's regulation), names none
        # the implementing regulation of a law the library holds without one; of one it holds with one
        ("增值税法实施条例出来了吗？", ("增值税法实施条例",)),
        ("保障中小企业款项支付条例实施细则出台了吗？", ("保障中小企业款项支付条例实施细则",)),  # the longest name only
        ("企业所得税法实施条例第九十二条", ()),
    ],
)
def test_documents_the_library_does_not_hold(names: DocumentNames, question: str, unknown: tuple) -> None:
    assert unknown_documents(question, names.mentions(question), names) == unknown


@pytest.mark.parametrize(
    ("question", "meant"),
    [
        ("增值锐法里面小规模纳税人的标准是多少？", [("增值锐法", "增值税法")]),  # unknown, one character off
        ("企业所得锐法第二十八条", [("企业所得锐法", "企业所得税法")]),  # close enough to pass for a name
        ("《中小企业促近法》第十条", [("中小企业促近法", "中小企业促进法")]),
        ("《个人所得税法》第六条", []),  # two characters from 企业所得税法: another law
        ("新公司法要求注册资本五年内实缴到位", []),  # too short to tell a typo from another law
        ("增值税法第二十二条", []),  # named right
        (
            "南京市促进中小企业发展条例第十条",
            [],
        ),  # one character off Beijing's, but 南 is no typo of 北: another city's
    ],
)
def test_a_misspelt_name_of_a_document_is_the_library_s(names: DocumentNames, question: str, meant: list) -> None:
    shapes = load_similar_shapes()
    alike = lambda typed, meant: likeness(typed, meant, shapes) > 0  # noqa: E731 - as TypoRepairer.alike
    assert misspelt_documents(question, names.mentions(question), names, alike) == meant


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("Under the new Company Law, how soon must capital be paid in?", ("公司法",)),
        ("Are clinics exempt under the new VAT Law?", ()),  # a law the library holds
        ("Who handles law enforcement against late payers?", ()),  # ends in law, names no document
        ("Can we use the straight-line method for machines?", ()),  # a method, not a document
        ("Do we need a written labor contract?", ()),
        ("under company law, may shareholders pay in later?", ("公司法",)),  # a name, however it is written
        ("Can SMEs get help with e-commerce law compliance?", ()),  # describes compliance, names no document
        ("Does Company Law let us pay capital in later?", ("公司法",)),  # capitalised: a name
        # a question that also names a law the library holds is asked of that one
        ("Besides the Company Law, what does the SME Promotion Law say about procurement?", ()),
    ],
)
def test_documents_named_in_english(library: Library, question: str, unknown: tuple) -> None:
    table = QueryExpander.from_lines(
        ["company law\t公司法", "vat law\t增值税法", "law enforcement\t执法", "straight-line method\t直线法",
         "labor contract\t劳动合同", "e-commerce law\t电子商务法", "sme promotion law\t中小企业促进法"]
    )  # fmt: skip
    names = DocumentNames(library, PolicyTokenizer().is_general_word, table.matches)
    assert unknown_documents(question, names.mentions(question), names) == unknown


@pytest.mark.parametrize(
    ("question", "docs"),
    [
        (
            "Under the old Interim VAT Regulations, is there a threshold for small sellers?",
            ["vat-interim-regulation-2017"],
        ),
        ("Under the payment regulation, may a big buyer pay with bills?", ["sme-payment-regulation-2025"]),  # in force
        ("What did the 2020 payment regulation say about bills?", ["sme-payment-regulation-2020"]),  # by its year
        ("In the original version of the payment regulation, who took complaints?", ["sme-payment-regulation-2020"]),
        ("Does the revised payment regulation still allow that?", ["sme-payment-regulation-2025"]),
        ("How much does payment regulation compliance cost?", []),  # describes compliance, names no document
    ],
)
def test_the_library_s_documents_named_in_english(library: Library, question: str, docs: list) -> None:
    table = QueryExpander.from_lines(["interim vat regulations\t增值税暂行条例", "payment regulation\t款项支付条例"])
    names = DocumentNames(library, PolicyTokenizer().is_general_word, table.matches)
    assert [d for m in names.mentions(question) for d in names.resolve(m, question, TODAY)] == docs


@pytest.mark.parametrize(
    ("question", "surfaces"),
    [
        ("国办6号文讲了什么？", ["国办6号文"]),  # a shortened issuer stays part of the name
        ("工信部169号文讲了什么？", ["工信部169号文"]),
        ("北京条例和6号文各要求多少？", ["北京条例", "6号文"]),  # a joining word ends the name before it
        ("人社部在39号文里负责什么？", ["39号文"]),  # so does a preposition: 人社部 is the agency asked about
        ("按照6号文，担保费率多少？", ["6号文"]),
    ],
)
def test_the_words_a_文号_is_named_with(names: DocumentNames, question: str, surfaces: list[str]) -> None:
    assert [m.surface for m in names.mentions(question)] == surfaces


def test_names_heard_of_are_read_without_what_tells_them() -> None:
    """听说新公司法… names 新公司法 (not a document called 听说新公司法); 听说老版条例… names a version of a document, and
    文件里有这种提法吗？ a way of putting it — neither is a document the library lacks."""
    names = DocumentNames(Library(()))
    assert unknown_documents("听说新公司法要求五年内实缴，是真的吗？", [], names) == ("新公司法",)
    assert unknown_documents("我还听说过新加坡公司法里有这个？", [], names) == ("新加坡公司法",)
    assert unknown_documents("据说劳动合同法规定试用期最长六个月？", [], names) == ("劳动合同法",)
    assert unknown_documents("听说老版条例里也有这个规定，现在还有吗？", [], names) == ()
    assert unknown_documents("文件里有没有这种提法？", [], names) == ()
