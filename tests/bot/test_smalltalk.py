from __future__ import annotations

import pytest

from bot.engine import PolicyBot
from bot.smalltalk import smalltalk_kind


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("您好，在吗？", "greeting"),
        ("Hi there!", "greeting"),
        ("Hello, how are you today?", "greeting"),
        ("Nice to meet you!", "greeting"),
        ("hi, is anybody online?", "greeting"),  # (在吗？ in English: asks nothing of the library)
        ("谢谢你，很有用！", "thanks"),
        ("好的，明白了", "thanks"),
        ("你是谁呀", "identity"),
        ("你是谁？你都能帮我做些什么？", "capability"),
        ("What can you do?", "capability"),
        ("Hey! Which sorts of questions could I ask?", "capability"),
        ("Could you help us?", "capability"),
        ("Thank you very much for all your help", "thanks"),
        ("你太靠谱了", "thanks"),
        ("拜拜", "goodbye"),
        # acknowledgements and laughter, 您 as well as 你, who made it, an opener with no question yet, a test
        ("嗯嗯", "thanks"),
        ("哈哈哈", "thanks"),
        ("您是人工客服吗？", "identity"),
        ("这个系统是谁做的？", "identity"),
        ("你能干嘛", "capability"),
        ("我该问些什么好呢", "capability"),
        ("我想咨询个问题", "greeting"),
        ("测试一下", "greeting"),
        # a greeting by title, whose the assistant is and what it runs on, whether to trust it, its languages
        ("老师好", "greeting"),
        ("你们是政府的吗？", "identity"),
        ("你是ChatGPT吗", "identity"),
        ("你靠谱吗？", "identity"),
        ("Who made you?", "identity"),
        ("Can I trust you?", "identity"),
        ("你会说英语吗", "capability"),
        ("明白", "thanks"),
    ],
)
def test_small_talk_is_recognised(message: str, kind: str) -> None:
    assert smalltalk_kind(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        "你好，企业对违法收费能拒绝吗？",
        "谢谢，那下一条呢？",
        "能帮我查查贷款贴息吗",
        "人工智能企业有什么支持",
        "好的，那增值税呢",
        "Could you help me with the VAT on exports?",
        "你真聪明，那贷款呢？",
        "这个政策准不准？",
        "不明白",  # (not understood: what was said, again — a follow-up in a conversation)
        "还是没明白",
        "政府的补贴靠谱吗？",
        "老师好，增值税税率是多少？",
        "明白，那贷款呢？",
        "我想咨询个问题：小规模纳税人的征收率是多少？",
        "嗯，那贷款呢？",
        "问您个问题，个体户要交增值税吗？",
    ],
)
def test_a_question_wrapped_in_politeness_is_not_small_talk(message: str) -> None:
    assert smalltalk_kind(message) is None


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("多谢，解释得很到位", "thanks"),
        ("好嘞，就这些，回聊", "thanks"),
        ("你是真人还是机器人？", "identity"),
        ("你是哪家公司研发的？叫什么名字？", "identity"),
        ("我做外贸的，你平时都能帮我咨询哪方面的问题？", "capability"),
        ("行，先问到这，我去仓库看看，拜拜", "goodbye"),  # a goodbye ends it, whatever else it says
        ("哈喽～在吗？外面下雨了", "greeting"),  # (在吗？ asks as a greeting does, not about a policy)
        ("嗨，忙了一天了吧，能问您几个问题吗？", "greeting"),  # (leave to ask: no question yet)
    ],
)
def test_a_remark_that_asks_and_names_nothing_is_small_talk(demo_bot: PolicyBot, message: str, kind: str) -> None:
    assert demo_bot.ask(message).kind == "smalltalk"
    assert smalltalk_kind(message, lambda rest: False) == kind


@pytest.mark.parametrize(
    "message",
    [
        "谢谢，我们公司还想问问贷款",
        "多谢，解释得很到位。那财政部呢？",
        "Can you help small firms get loans?",
        "Hello, how are you going to help exporters?",
    ],
)
def test_a_remark_that_names_a_topic_or_asks_is_answered(demo_bot: PolicyBot, message: str) -> None:
    assert demo_bot.ask(message).kind != "smalltalk"


@pytest.mark.parametrize("message", ["你好", "谢谢！", "你能做什么？"])
def test_small_talk_gets_a_friendly_reply_with_example_questions(demo_bot: PolicyBot, message: str) -> None:
    answer = demo_bot.ask(message)
    assert not answer.out_of_scope and not answer.citations and answer.kind == "smalltalk"
    assert "没有涉及" not in answer.text
    tries = [line[2:] for line in answer.text.splitlines() if line.startswith("· ")]
    assert len(tries) == 3 and all(q in demo_bot.examples() for q in tries)


def test_praise_of_something_else_is_not_thanked_for(demo_bot: PolicyBot) -> None:
    weather = demo_bot.ask("今天天气真不错")
    assert weather.kind == "smalltalk" and not weather.text.startswith("不客气")
    assert demo_bot.ask("这个回答不错").text.startswith("不客气")


def test_example_questions_come_from_the_library_folder(demo_bot: PolicyBot, tmp_path) -> None:
    assert demo_bot.examples()  # the fixture library has no examples.txt: one question per document
    (tmp_path / "examples.txt").write_text("# comment\n示例问题一？\n\n示例问题二？\n", encoding="utf-8")
    demo_bot.folder, folder = tmp_path, demo_bot.folder
    try:
        assert demo_bot.examples() == ["示例问题一？", "示例问题二？"]
    finally:
        demo_bot.folder = folder
