"""Floors under the dev-set quality with the real embedder (the eval harness gives the numbers):
the library's dev set, the original notice's dev set answered from the notice alone, and 政策找企业 on the
development profiles."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.engine import BotConfig, PolicyBot
from eval import match_eval
from eval.__main__ import DATA, bot_system, load_questions
from eval.metrics import score
from tests.conftest import TODAY, with_cached_vectors

pytestmark = pytest.mark.e2e


def test_library_dev_set_quality_floor(real_bot: PolicyBot) -> None:
    questions = load_questions([DATA / "library-dev.jsonl"])
    answer = bot_system(real_bot)
    result = score(questions, [answer(q) for q in questions])
    assert result["hit@1"] >= 0.78, result
    assert result["doc_hit@1"] >= 0.95 and result["doc_set_f1"] >= 0.95, result
    # 13 out-of-scope questions: 10 refused at e3982e0, 8 since the fusion prefers provisions that state the
    # figure asked (个体户个人所得税税率, 出口退税率 now get the income-tax and VAT rates) — hit@1 0.91 → 0.94,
    # all_correct 0.90 either way (false refusals 0.01 → 0); README "Learned fusion" has the trade on every set.
    assert result["oos_refused"] >= 0.6, result
    assert result["false_refusal"] <= 0.05, result
    assert result["all_correct"] >= 0.8, result


def test_the_notice_alone_keeps_its_quality(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The original notice's dev set, with the library restricted to the notice (DOCUMENTS=…)."""
    folder = with_cached_vectors(tmp_path_factory.mktemp("notice-index") / "index")
    bot = PolicyBot.load(BotConfig(documents=("miit-2021-169",), index_dir=folder, today=TODAY))
    questions = load_questions([DATA / "dev.jsonl"])
    result = score(questions, [bot_system(bot)(q) for q in questions])
    assert result["hit@1"] >= 0.9, result
    assert result["exact_set_f1"] >= 0.97, result
    assert result["false_refusal"] <= 0.05, result
    assert result["all_correct"] >= 0.9, result


def test_langchain_retriever_adapter(real_bot: PolicyBot) -> None:
    retriever = real_bot.as_langchain_retriever(k=2)
    docs = retriever.invoke("跨境电商综合试验区")
    assert len(docs) == 2 and (docs[0].metadata["doc_id"], docs[0].metadata["number"]) == ("miit-2021-169", 22)
    assert docs[0].metadata["agencies"] == ["商务部", "海关总署", "贸促会"]
    json.dumps(docs[0].metadata, ensure_ascii=False)  # plain data, serialisable


def test_match_finds_what_a_profile_meets_and_little_else(real_bot: PolicyBot) -> None:
    """The first writer's development profiles: benefits the company can claim, by its printed conditions."""
    result = match_eval.score(match_eval.load([DATA / "match-dev.jsonl"]), real_bot.match)
    assert result["precision"] >= 0.95 and result["recall"] >= 0.9, result
    quoted, total = map(int, result["benefits_quoted_exactly"].split("/"))
    assert quoted == total, result


def test_a_figure_asked_of_a_replaced_text_comes_from_the_provision_stating_it_now(real_bot: PolicyBot) -> None:
    """The old regulation states 3% beside 小规模纳税人; the law in force states 百分之三 in another article than
    the one that pairs with it by content. The answer leads with the one that states the figure."""
    answer = real_bot.ask("现在小规模纳税人交增值税，征收率是多少？")
    assert (answer.citations[0].doc_id, answer.citations[0].number) == ("vat-law-2024", 11), answer.text
    assert "百分之三" in answer.text


def test_a_story_before_a_question_about_documents_does_not_hide_it(real_bot: PolicyBot) -> None:
    """Nothing in the library is about 换宣传册: the documents the attribute asks for are listed, and the
    answer says that the rest of the question has none."""
    told = real_bot.ask("下个月我们要给窗口换一批宣传册，想先问问：库里哪些文件已经被新法规明文废止了？")
    assert not told.out_of_scope, told.text
    assert {c.doc_id for c in told.citations} == {"individual-business-regulation-2016", "vat-interim-regulation-2017"}
    assert "没有专门涉及问题其余内容的文件" in told.text


@pytest.mark.parametrize(
    ("question", "cited", "day"),
    [
        ("2024年的时候卖货增值税税率是多少？", ("vat-interim-regulation-2017", 2), dt.date(2024, 12, 31)),
        (
            "我们2020年10月签的合同，按当时的规定机关单位多少天内要付款？",
            ("sme-payment-regulation-2020", 8),
            dt.date(2020, 10, 31),
        ),
    ],
)
def test_a_question_about_a_past_day_is_judged_by_its_topic_not_by_the_date(
    real_bot: PolicyBot, question: str, cited: tuple[str, int], day: dt.date
) -> None:
    """The words that name the day (2024年的时候, 2020年10月…当时) date the question: counted as its topic, they
    made it look unlike any provision and it was refused."""
    answer = real_bot.ask(question)
    assert (answer.citations[0].doc_id, answer.citations[0].number) == cited, answer.text
    assert answer.as_of == day


def test_a_refusal_points_to_the_provision_in_force_not_to_a_repealed_one(real_bot: PolicyBot) -> None:
    """The closest provision of a refusal is where the asker starts reading: when the best match lies in a
    repealed document, its counterpart in the document that replaced it is named instead."""
    answer = real_bot.ask("我在深圳开了家奶茶店，个体户年报每年几月份报？有没有咨询电话？")
    assert answer.out_of_scope and answer.closest is not None
    assert answer.closest.doc_id == "individual-business-promotion-regulation-2022", answer.text
    assert "个体工商户条例》第" not in answer.text.replace("促进个体工商户发展条例", "")


def test_the_answer_quotes_the_item_naming_what_is_asked_with_its_rule(real_bot: PolicyBot) -> None:
    """企业所得税法第十条 lists what may not be deducted; （三）税收滞纳金 names what is asked. The article is short
    (under 250 characters): it is quoted whole, so the rule (不得扣除) is shown with the item it applies to."""
    answer = real_bot.ask("公司交的税收滞纳金可以在企业所得税前扣除吗？")
    first = answer.citations[0]
    assert (first.doc_id, first.number) == ("eit-law-2018", 10), answer.text
    assert "下列支出不得扣除" in first.quote and "（三）税收滞纳金" in first.quote
    assert "（三）税收滞纳金" in answer.text


def test_beside_what_an_old_version_said_the_answer_quotes_what_replaced_it(real_bot: PolicyBot) -> None:
    """The repealed 个体工商户条例第十条 (注销 first, then register anew) is shown after the article in force: the
    answer must also quote the sentence of 促进个体工商户发展条例第十三条 that replaced it, or it misleads."""
    answer = real_bot.ask("开了个小饭馆，是个体户，想把店转给我侄子经营，要先注销再重新办执照吗？")
    first = answer.citations[0]
    assert (first.doc_id, first.number) == ("individual-business-promotion-regulation-2022", 13), answer.text
    assert "可以直接向市场主体登记机关申请办理变更登记" in first.quote


def test_the_example_questions_offered_are_answered(real_bot: PolicyBot) -> None:
    """The questions the greeting suggests (examples.txt) are answered with citations, not refused."""
    for question in real_bot.examples():
        answer = real_bot.ask(question)
        assert not answer.out_of_scope and answer.citations, question


def test_what_the_text_says_of_a_subject_is_answered_whatever_story_comes_first(real_bot: PolicyBot) -> None:
    """文件里对X怎么说？ asks about X: a story before it (an online shop, its costs) is context, not a topic the
    library must also cover."""
    answer = real_bot.ask("我们在网上开店卖手工皂，运到国外的物流太贵了，文件里对海外仓是怎么说的？")
    assert not answer.out_of_scope
    assert "海外仓" in answer.citations[0].quote, answer.text
