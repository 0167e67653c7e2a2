"""Reading a question once: facts, status, documents, agencies, parts, follow-ups — in general forms."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.refs import DocumentNames
from bot.route import (
    asks_older_version,
    doc_facts,
    document_filter,
    has_own_topic,
    is_elliptical,
    is_follow_up,
    match_division,
    understand,
    without_attributes,
)
from ingest import Library

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def names(library: Library) -> DocumentNames:
    return DocumentNames(library)


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("增值税法是哪天通过的？又是从哪天起施行？", ("date", "effective")),
        ("国办发〔2019〕6号是哪个单位印发的？落款日期是哪天？", ("issuer", "date")),
        ("个体工商户促进条例是哪个机关通过的？", ("issuer",)),  # a law or regulation is passed, not issued
        ("企业所得税法是谁通过的？", ("issuer",)),
        ("企业所得税法实施条例是哪个机关公布的？国务院令第几号？", ("doc_number", "issuer")),  # promulgated
        ("《优化营商环境条例》规定，行政许可清单由哪个部门公布？", ()),  # a duty the regulation sets
        ("《优化营商环境条例》规定的行政许可清单，是哪个部门公布的？", ()),
        ("补贴要哪个部门通过审核？", ()),  # a department approving something, not a document's maker
        ("企业所得税法实施条例总共有多少条？", ("count",)),
        ("优化营商环境条例分几章、一共多少条？", ("count", "sections")),
        ("企业所得税法修正过几次？", ("history",)),
        ("中小企业促进法和企业所得税法里分别是第几条？", ()),  # 第几条 asks for a provision, not a count
        ("涉企收费实行目录清单管理", ()),  # 目录 of fees, not of a document
        ("款项支付条例2025年修订是哪一号国务院令？", ("doc_number",)),
        ("这份意见的发文字号和发文日期是什么？", ("doc_number", "date")),  # 发文 is issuing
        ("这部条例的立法依据是什么？", ("basis",)),
        ("法律依据是哪一条？", ()),  # the law behind a provision, not what the document was made on
        ("公司这样做有法律依据吗？", ()),  # whether a practice has grounds
        ("稳就业若干意见是哪天签发的？", ("date",)),
        ("When did the new VAT law come into force?", ("effective",)),  # as 从哪天起施行
        ("Since when has the revised regulation taken effect?", ("effective",)),
        ("When is the new VAT law effective?", ("effective",)),
        ("Under the new VAT Law effective 2026, what rate applies to consulting?", ()),  # named on the way
        ("What is the VAT rate under the law that takes effect in 2026?", ()),  # describes the law, asks a rate
    ],
)
def test_document_facts(question: str, facts: tuple[str, ...]) -> None:
    assert doc_facts(question) == facts


@pytest.mark.parametrize(
    ("question", "asks_change"),
    [
        ("个体户条例修订了哪些内容？", True),
        ("新的款项支付条例里付款期限改了吗？", True),
        ("增值税税率变了没？", True),
        ("按老的个体工商户条例，经营场所变了没去登记，会怎么罚？", False),  # the asker's own case changed
        ("我们公司名字改了，发票抬头要重新开吗？", False),
    ],
)
def test_a_change_is_asked_not_told(names: DocumentNames, library: Library, question: str, asks_change: bool) -> None:
    """改了/变了 asks what changed between versions only when it is asked (改了吗？ 修订了哪些？); told of the asker's own
    case it asks nothing of the versions."""
    assert understand(question, names, library.agencies, TODAY).asks_change is asks_change  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "asks_periods"),
    [
        ("这份意见里哪些措施是有执行期限的？", True),
        ("里面哪几项已经过期了？", True),
        ("哪些措施带有明确的执行期限？", True),
        ("哪些还在有效期内？", True),
        ("哪些情况下付款期限到期了还能再延？", False),  # a period a rule sets for a deed, not one it runs for
        ("哪些企业的贷款到期了可以续贷？", False),
    ],
)
def test_which_provisions_run_for_a_period_is_asked_of_the_provisions(
    names: DocumentNames, library: Library, question: str, asks_periods: bool
) -> None:
    """哪些措施有执行期限？ asks which provisions set a period they run for; a deadline of something else (付款期限到期,
    贷款到期) asks nothing of the kind."""
    assert understand(question, names, library.agencies, TODAY).asks_periods is asks_periods  # type: ignore[arg-type]


def test_the_words_saying_which_version_are_not_the_topic(names: DocumentNames, library: Library) -> None:
    """按25年版的… / 以前旧的…: the words before a document's name that say which version belong to its name."""
    query = understand("按25年版的款项支付条例，国企拖着不付钱找谁投诉？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert query.docs == ("sme-payment-regulation-2025",)
    assert not re.search(r"25|版|按", query.topic) and "投诉" in query.topic
    older = understand("以前旧的款项支付条例对验收期限有规定吗？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert older.docs == ("sme-payment-regulation-2020",)
    assert not re.search(r"以前|旧", older.topic) and "验收期限" in older.topic
    after = understand("款项支付条例20年版对验收期限有规定吗？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert after.docs == ("sme-payment-regulation-2020",) and not re.search(r"20|版", after.topic)


def test_a_question_is_read_once(names: DocumentNames, library: Library) -> None:
    query = understand("2024年的时候，款项支付条例对付款期限怎么规定？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert query.docs == ("sme-payment-regulation-2020",) and query.past and query.day == dt.date(2024, 12, 31)
    assert "款项支付条例" not in query.topic
    status = understand("个体工商户条例现在还能用吗？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert status.asks_status and status.docs == ("individual-business-regulation-2016",)
    agency = understand("央行和发改委共同负责哪些措施？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert agency.agencies == ("人民银行", "发展改革委") and agency.agency_list and agency.agencies_together
    lookup = understand("库里有哪些法规是专门针对个体工商户的？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert lookup.asks_documents
    assert not understand("有没有规定可以拿来说理？", names, library.agencies, TODAY).asks_documents  # type: ignore[arg-type]


def test_the_time_before_a_named_document_took_effect_is_a_past_day(names: DocumentNames, library: Library) -> None:
    query = understand("增值税法施行以前，小规模纳税人征收率是多少？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert query.past and query.day == dt.date(2025, 12, 31)
    assert query.docs == () and not query.facts  # the law dates the question: the versions then answer it
    assert "增值税法" not in query.topic and "施行" not in query.topic and "小规模纳税人征收率" in query.topic
    quoted = understand("《增值税法》施行以前，征收率是多少？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert quoted.day == dt.date(2025, 12, 31) and quoted.docs == ()
    for asked_about_it in (
        "增值税法什么时候施行？",
        "增值税法施行前后，有什么变化？",
        "增值税法施行以前的税率，现在还一样吗？",
    ):
        query = understand(asked_about_it, names, library.agencies, TODAY)  # type: ignore[arg-type]
        assert not query.past and query.docs == ("vat-law-2024",), asked_about_it
    # a document that replaced none in the library: no version of it answers for the time before
    first = understand("增值税暂行条例施行以前，征收率是多少？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert not first.past


def test_documents_by_attribute() -> None:
    issuers = {name: name for name in ("国务院", "国务院办公厅", "全国人民代表大会常务委员会")}
    issuers["全国人大常委会"] = "全国人民代表大会常务委员会"  # an alias of the agency file
    laws = document_filter("库里哪几部是全国人大常委会制定的法律（不算行政法规）？", issuers)
    assert laws.kinds == ("法律",) and laws.issuers == ("全国人民代表大会常务委员会",)
    opinions = document_filter("库里哪些是国务院或者国务院办公厅发的“意见”类政策文件？", issuers)
    assert set(opinions.issuers) == {"国务院", "国务院办公厅"} and opinions.title_kinds == ("意见",)
    assert document_filter("哪些文件已经被废止或者被新版本替代了？", issuers).in_force is False
    assert not document_filter("库里有哪些法规是专门针对个体工商户的？", issuers)
    assert document_filter("有哪些关于增值税的法律法规？", issuers).kinds == ()  # laws and regulations alike
    repealed = document_filter("库里哪些文件已经被新法规明文废止了？", issuers)
    assert repealed.in_force is False and repealed.repealed_only
    assert not document_filter("哪些文件已经被废止或者被新版本替代了？", issuers).repealed_only
    assert without_attributes("库里目前仍然有效的国务院行政法规有哪几部？", issuers) == "库里的有哪几部？"


@pytest.mark.parametrize(
    ("question", "doc_id", "heading"),
    [
        ("服务体系建设方面有哪些措施？", "miit-2021-169", "十一、加强服务体系建设"),
        ("“加大融资支持力度”这一部分包含哪些措施？", "miit-2021-169", "二、加大融资支持力度"),
    ],
)
def test_parts_and_chapters_by_their_titles(library: Library, question: str, doc_id: str, heading: str) -> None:
    found = match_division(question, library)
    assert found is not None and found[0] == doc_id and found[1].heading == heading


def test_a_title_two_documents_share_needs_the_document(library: Library) -> None:
    assert match_division("税收优惠这一章有哪些规定？", library) is None  # the law's and its regulation's
    found = match_division("税收优惠这一章有哪些规定？", library, ["eit-law-2018"])
    assert found is not None and found[1].heading == "第四章 税收优惠"


def test_a_vague_area_names_no_part(library: Library) -> None:
    assert match_division("有哪些支持措施？", library) is None
    assert match_division("附则有哪些规定？", library) is None  # many documents have one: which?


@pytest.mark.parametrize(
    ("text", "follow_up", "own_topic"),
    [
        ("那谁负责？", True, False),
        ("这条是哪年开始施行的？", True, False),
        ("这是哪部法律的第几条？", True, False),
        ("这个规定出自哪个文件？", True, False),  # where it comes from, as 出处 asks
        ("这些资金来自哪里？", True, True),  # where the money comes from: a topic of its own
        ("那海外仓呢？", True, True),
        ("跨境电商有什么支持？", False, True),
        ("这方面主要归哪个部门管？", True, False),  # 这方面 / 这块 / 这部分 point back like 这个
        ("这种情况找谁？", True, False),
        ("融资这方面有什么政策？", False, True),  # names its own topic
        ("是一部什么样的法律？", True, False),  # asks what the document named before it is
        ("一个人能开公司吗？", False, True),
        ("有没有差不多的规定？", True, False),  # like the one discussed
        ("里面也有相关规定吗？", True, False),
        ("有没有类似的补贴？", False, True),  # names a kind of its own
        # what was just said, again or plainer
        ("没听懂，能再说一遍吗？", True, False),
        ("所以到底是多少？", True, False),
        ("能说得简单点吗？", True, False),
        ("还是不太明白", True, False),
        ("所以小微企业能不能享受？", False, True),
        ("是第几条？原文怎么写的？", True, False),  # 怎么写 asks the text, as 怎么说 does
        ("合同怎么写？", False, True),
    ],
)
def test_follow_ups(text: str, follow_up: bool, own_topic: bool) -> None:
    assert is_follow_up(text) is follow_up and has_own_topic(text) is own_topic


def test_elliptical_follow_ups_ask_the_previous_question_again() -> None:
    assert is_elliptical("那如果是个体户呢？", specificity=6.0)
    assert is_elliptical("那2025年的时候呢？老条例也允许吗？", specificity=4.0)
    assert not is_elliptical("那个体户也能找政府性融资担保吗？", specificity=11.5)
    assert is_elliptical("个体户呢？", specificity=1.0)  # a bare subject asks the same, with or without 那
    assert is_elliptical("超过500万的呢？", specificity=1.0)
    # similar rules are the previous question's; a similar service named is a topic of its own
    assert is_elliptical("全国层面有没有类似的规定？", specificity=9.0)
    assert is_elliptical("Is there a similar rule for government agencies?", specificity=9.0)
    assert not is_elliptical("国家给个体户有没有类似的信息服务？", specificity=9.0)


def test_an_agency_named_beside_another_question_is_no_agency_list(library: Library, names: DocumentNames) -> None:
    asked = understand("想享受这个优惠，要先去税务局备案吗，要带哪些资料？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    listed = understand("税务局负责哪些措施？", names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert not asked.agency_list and listed.agency_list


@pytest.mark.parametrize(
    ("question", "wants_agencies"),
    [
        ("我们县里哪家银行能办这种贷款？", False),  # a bank to go to, not the body responsible
        ("哪家担保公司收费最低？", False),
        ("应该找哪家银行申请？", False),
        ("这事该找哪个部门？", True),
        ("这事归哪家部门管？", True),
        ("哪家来负责审批？", True),
        ("企业合规是哪几家单位负责的？", True),
        ("这事是哪几个部门牵头？", True),
        ("附近有哪几家银行能贷款？", False),
        ("我们市有哪几家政府性担保公司？", False),  # 政府性: a kind of company, not the government
        ("应该找哪家政府性融资担保机构？", False),
        ("这事归哪家政府管？", True),
        # a body told of, not asked for: the answer need not open with the bodies responsible
        ("我们已经向主管部门投诉了，处理部门多长时间内要给结果？", False),
        ("受理了投诉以后，要多少天才有结果？", False),
        ("我们向主管部门投诉了，这事到底归哪个部门管？", True),
        ("这项补贴由谁来发放？", True),
        ("如果去法院起诉，诉讼费由谁承担？", False),  # who bears a cost, not which body is responsible
    ],
)
def test_which_company_is_no_agency_question(
    question: str, wants_agencies: bool, library: Library, names: DocumentNames
) -> None:
    assert understand(question, names, library.agencies, TODAY).wants_agencies is wants_agencies  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("稳岗返还归人社管还是财政管？", "稳岗返还归谁管？"),
        ("预留份额是财政部负责还是工信部负责？", "预留份额是谁负责？"),
        ("发展报告是统计局发布还是经信局发布？", "发展报告是谁发布？"),  # any verb of a body's work, said twice
    ],
)
def test_which_of_two_bodies_asks_who_and_leaves_them_out_of_the_topic(
    question: str, topic: str, library: Library, names: DocumentNames
) -> None:
    query = understand(question, names, library.agencies, TODAY)  # type: ignore[arg-type]
    assert query.wants_agencies and query.topic == topic


@pytest.mark.parametrize(
    ("question", "agency_list"),
    [
        ("市场监管局上门抽查的时候会看哪些台账？", False),  # 哪些 + a thing of its own, in the agency's clause
        ("人社局办补贴要交哪几样材料？", False),
        ("市场监管总局负责哪些领域？", True),  # the agency's part is asked
        ("人社部有哪几项任务？", True),
        ("财政部有哪些？", True),
        ("哪一项由税务局负责？", True),  # one item asked for, by who is responsible
    ],
)
def test_an_agency_list_is_asked_only_of_the_agency(
    question: str, agency_list: bool, library: Library, names: DocumentNames
) -> None:
    assert understand(question, names, library.agencies, TODAY).agency_list is agency_list  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "listing"),
    [
        ("融资担保方面有哪些措施？", True),
        ("促进就业的措施一共有多少条？", True),
        ("按规定贷款贴息最多能贴多少？", False),  # 按规定: as the rules say, not a list of them
        ("依照规定申请补贴要等多少天？", False),
        ("法律规定的逾期利息最高能算多少？", False),  # 多少 asks for a figure, not a count of provisions
        ("职工教育经费有什么规定？", False),  # what the rules say of it, not a list of them
        ("支持专精特新的有什么措施？", True),
        ("工业设计赋能这项措施由哪些部门负责？", False),  # who, of one measure
        ("哪些部门负责工业设计方面的措施？", True),  # the area's measures
    ],
)
def test_a_list_of_provisions_is_asked_with_a_list_word_beside_provisions(
    question: str, listing: bool, library: Library, names: DocumentNames
) -> None:
    assert understand(question, names, library.agencies, TODAY).listing is listing  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "older"),
    [
        ("修订前的旧版本是怎么规定的？", True),
        ("修订以前的条例是怎么规定的？", True),  # (修订以前 / 修订之前 say 修订前)
        ("废止之前的规定里罚多少？", True),
        ("旧的那个条例现在还有效吗？", True),  # 那个 between
        ("那个条例现在还有效吗？", False),
        ("以前那个法人代表变更要去哪里办？", False),  # what was mentioned, not a version
        ("之前那份文件里逾期利息怎么算？", False),
        ("老的办法里也是这么多吗？", True),  # 老的 / 旧的 + a kind of rule
        ("以前的规定呢？", True),
        ("老板的规定能不能改？", False),
        ("过去也是这么办的吗？", True),  # was the rule the same before
        ("原来也可以这样申请吗？", True),
        ("我们以前做过这样的项目，现在还能申报吗？", False),
        ("以前是怎么规定的？", True),  # what the rule was
        ("原来怎么算？", True),
        ("以前怎么没人告诉我？", False),
        ("原来是几天？", True),  # what the figure was
        ("那以前呢？", True),
        ("我们以前做过什么项目不重要", False),
        ("验收之前多少天要通知对方？", False),  # before an event, not the version before
        ("过去几年亏损了还能享受吗？", False),
        ("跟以前比有什么变化？", True),  # what changed since the version before
        ("和之前的版本相比有啥不同？", True),
        ("比以前改了什么？", True),
        ("今年生意比以前难做多了，有什么扶持政策？", False),  # the asker's business, not a version
        ("跟以前的老板比，现在这个好说话吗？", False),
        ("我记得以前是17%，那是哪个文件规定的？", True),  # a figure told as what the rule was
        ("原来好像是30天吧？", True),
        ("以前是17%，现在是多少？", False),  # what it is now
        ("我们公司以前是10个人，能享受吗？", False),  # the asker's own past
    ],
)
def test_questions_about_the_versions_replaced(text: str, older: bool) -> None:
    assert asks_older_version(text) is older


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("增值税暂行条例目前是什么状态？", True),
        ("个体工商户条例被哪部法规替代了？", True),
        ("款项支付条例的状态如何？", True),
        ("个体工商户年报是什么时间？", False),
        ("按已经废止的《个体工商户条例》，年度报告什么时候报？", False),  # describes the document it names
        ("个体工商户条例是什么时候废止的？", True),
        ("增值税暂行条例从哪天起不再适用？", True),
        ("个体工商户条例哪天起停止施行？", True),
        ("个体工商户条例是哪天停止施行的？", True),
        ("超过五百万以后就不再适用简易计税了吗？", False),  # a rule that stops applying to the asker
        ("超过五百万以后，简易计税就不再适用了吗？", False),
        ("增值税法实施以后，小规模纳税人3%的征收率是不是不再适用了？", False),  # whether a rule still holds
        ("营商环境条例我们现在还照这个条例办吗？", True),  # still go by it?
        ("增值税法规定的税率现在还按17%算吗？", False),  # a figure, not the document
        ("款项支付条例现在的效力状态？", True),  # its legal force
        ("个体工商户条例的效力如何？", True),
        ("6号文的时效性？", True),
        ("电子发票和纸质发票的效力一样吗？", False),  # the force of something the document rules on
    ],
)
def test_a_document_s_status_in_other_words(
    question: str, status: bool, library: Library, names: DocumentNames
) -> None:
    assert understand(question, names, library.agencies, TODAY).asks_status is status  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("哪些措施由税务总局单独负责？", True),
        ("只由财政部负责的有哪些？", True),
        ("不只是财政部负责的措施有哪些？", False),  # not only
        ("只要是财政部负责的措施都列一下", False),
        ("把财政部负责的单独列出来", False),
    ],
)
def test_the_provisions_an_agency_is_alone_responsible_for(
    names: DocumentNames, library: Library, question: str, alone: bool
) -> None:
    assert understand(question, names, library.agencies, TODAY).agency_alone == alone  # type: ignore[arg-type]
