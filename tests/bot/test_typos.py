from __future__ import annotations

import pytest

from bot.engine import PolicyBot
from bot.typos import (
    NEAR_SOUND,
    SAME_SHAPE,
    SAME_SOUND,
    SAME_SOUND_OTHER_TONE,
    TypoRepairer,
    likeness,
    load_similar_shapes,
)

# A made-up general dictionary: everyday single characters are frequent, terms are rare.
FREQUENCY = {
    "信": 11000,
    "代": 6600,
    "信贷": 630,
    "专": 5000,
    "立": 8300,
    "专利": 1200,
    "那": 90000,
    "部": 40000,
    "内部": 20000,
    "申请": 9000,
    "支持": 30000,
    "有": 400000,
    "什么": 90000,
    "贷款": 3000,
    "书": 20000,
    "申请书": 800,
    "跨": 2900,
    "竟": 10000,
    "跨境": 30000,
    "电商": 300,
    "适用": 4000,
}  # fmt: skip  (跨境: a library term)
TOTAL = 60_000_000
VOCABULARY = ["信贷", "专利", "内部", "申请书", "跨境", "电商", "贷款", "支持"]


def cut(text: str) -> list[str]:
    """Greedy longest-match over FREQUENCY, like jieba on these examples."""
    out, i = [], 0
    while i < len(text):
        for length in (3, 2, 1):
            if text[i : i + length] in FREQUENCY or length == 1:
                out.append(text[i : i + length])
                i += length
                break
    return out


@pytest.fixture(scope="module")
def repairer() -> TypoRepairer:
    return TypoRepairer(
        VOCABULARY,
        frequency=lambda w: FREQUENCY.get(w, 0),
        total=TOTAL,
        is_everyday=lambda w: w in ("内部", "支持", "什么"),
        library_text="企业可以申请贷款。",
        cut=cut,
        shapes=load_similar_shapes(),
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("中小企业信代有什么支持", "中小企业信贷有什么支持"), ("专立能贷款吗", "专利能贷款吗"), ("跨竟电商", "跨境电商")],
)
def test_a_word_typed_with_a_character_that_sounds_alike_is_repaired(
    repairer: TypoRepairer, typed: str, meant: str
) -> None:
    repair = repairer.repair(typed)
    assert repair is not None and repair.text == meant


@pytest.mark.parametrize(
    "text",
    [
        "那部分企业能申请吗",  # 那部 is two words, not 内部 mistyped (an everyday word is no repair)
        "申请贷款",  # nothing to repair
        "企业可以申请贷款",  # printed in the library
    ],
)
def test_correct_text_is_left_alone(repairer: TypoRepairer, text: str) -> None:
    assert repairer.repair(text) is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("是不使能贷款", "是不是能贷款"),  # 使 sounds as 是: an A-not-A question typed
        ("能不嫩贷款", "能不能贷款"),  # …or nearly (neng, nen)
        ("是不适用贷款", None),  # 适 begins a word (适用): no A-not-A form
        ("能不去贷款", None),  # 去 sounds unlike 能
        ("还不付贷款", None),  # 付 sounds like 还 only as 还 is rarely read (fu)
    ],
)
def test_a_yes_or_no_form_typed_with_a_character_of_the_same_sound_is_repaired(
    repairer: TypoRepairer, typed: str, meant: str | None
) -> None:
    repair = repairer.repair(typed)
    assert (repair.text if repair else None) == meant


def test_protected_spans_are_left_as_typed(repairer: TypoRepairer) -> None:
    assert repairer.repair("专立能贷款吗", protected=[(0, 2)]) is None


def test_likeness_of_characters() -> None:
    shapes = load_similar_shapes()
    assert likeness("代", "贷", shapes) == SAME_SOUND
    assert likeness("竟", "境", shapes) == SAME_SOUND
    assert likeness("申", "深", shapes) == SAME_SOUND_OTHER_TONE or likeness("申", "深", shapes) > 0
    assert likeness("陪", "培", shapes) >= SAME_SHAPE
    assert likeness("信", "贷", shapes) == 0
    # 担 is read jiē only rarely: typed for 界 (jiè), it sounds nearly alike at most
    assert likeness("担", "界", shapes) == NEAR_SOUND


def test_the_words_of_a_provision_named_by_number_are_no_typo(fake_bot: PolicyBot) -> None:
    # 项对 (of 第（八）项对…) is no word, and 相对 is one that sounds alike; but 第（八）项 names an item
    assert fake_bot.repaired("6号文第（八）项对担保费率是怎么规定的") == "6号文第（八）项对担保费率是怎么规定的"


def test_the_answer_says_which_question_it_answers(fake_bot: PolicyBot) -> None:
    answer = fake_bot.ask("跨竟电商有什么扶持？")
    assert answer.text.startswith("您是不是想问：跨境电商有什么扶持？")  # (shown with the punctuation typed)
    assert answer.corrected == "跨境电商有什么扶持？" and answer.to_json()["corrected_question"] == answer.corrected
    plain = fake_bot.ask("跨境电商有什么扶持？")
    assert not plain.corrected and "您是不是想问" not in plain.text


def test_ji_asking_how_many_is_no_typo(fake_bot: PolicyBot) -> None:
    # 几 before a measure word asks how many: 能打几折 is no mistyped 击 of the library's 打击
    answer = fake_bot.ask("政府采购对小微企业的产品价格能打几折？")
    assert not answer.text.startswith("您是不是想问") and "打击" not in answer.text.split("\n")[0]
    # …where it stands for 机 of 机构, it is a typo
    assert fake_bot.ask("金融几构对小微企业贷款有什么要求？").text.startswith("您是不是想问：金融机构")


def test_a_misspelt_document_name_is_answered_from_that_document(fake_bot: PolicyBot) -> None:
    answer = fake_bot.ask("增值锐法第九条是什么？")
    assert answer.text.startswith("您是不是想问：增值税法第九条是什么？")
    assert [(c.doc_id, c.number) for c in answer.citations] == [("vat-law-2024", 9)]


def test_a_character_standing_as_the_documents_write_it_is_no_typo() -> None:
    # 申请纾 is no word, and 纾 sounds like 书 (申请书 is one) — but 纾困 is written so in the documents.
    repairer = TypoRepairer(
        VOCABULARY,
        frequency=lambda w: FREQUENCY.get(w, 0),
        total=TOTAL,
        is_everyday=lambda w: False,
        library_text="结合实际情况及时采取纾困帮扶措施。",
        cut=cut,
        shapes=load_similar_shapes(),
    )
    assert repairer.repair("可以申请纾困帮扶吗") is None
    assert repairer.repair("小微企业信代有什么支持").text == "小微企业信贷有什么支持"  # 代有 is not the documents'


def repairer_over(library_text: str, frequency: dict[str, int]) -> TypoRepairer:
    words = {**FREQUENCY, **frequency}
    return TypoRepairer(
        [w for w in words if len(w) > 1],
        frequency=lambda w: words.get(w, 0),
        total=TOTAL,
        is_everyday=lambda w: False,
        library_text=library_text,
        cut=lambda text: [c for c in text],  # every character on its own: no word hides a typo
        shapes=load_similar_shapes(),
    )


def repairer_cutting_whole_words(words: dict[str, int], vocabulary: list[str], library_text: str) -> TypoRepairer:
    """A repairer over the made-up dictionary ``words`` (read at each call: a test may change a count) that cuts the
    longest of its words at each place, as jieba does on these examples."""

    def whole_words(text: str) -> list[str]:
        out, i = [], 0
        while i < len(text):
            length = next((n for n in (3, 2) if text[i : i + n] in words), 1)
            out.append(text[i : i + length])
            i += length
        return out

    return TypoRepairer(
        vocabulary,
        frequency=lambda w: words.get(w, 0),
        total=TOTAL,
        is_everyday=lambda w: False,
        library_text=library_text,
        cut=whole_words,
        shapes=load_similar_shapes(),
    )


def test_a_word_the_documents_print_beside_the_same_character_wins_over_a_commoner_one() -> None:
    # 育 sounds exactly like 预 (预期, common) and only nearly like 逾 (逾期, rare) — but the documents
    # print 逾期付款, never 预期付款.
    frequency = {"育": 3000, "期": 9000, "付": 4000, "款": 3000, "预期": 6000, "逾期": 120}
    repair = repairer_over("逾期付款的，应当支付利息。", frequency).repair("育期付款怎么办")
    assert repair is not None and repair.changes == (("育期", "逾期"),)
    # Without that context the commoner word is the likelier repair.
    elsewhere = repairer_over("应当支付利息。", frequency).repair("育期付款怎么办")
    assert elsewhere is not None and elsewhere.changes == (("育期", "预期"),)


def test_a_word_of_the_library_typed_for_a_commoner_one_that_sounds_the_same_is_repaired() -> None:
    # 预期 is a word, and the documents use it once; 逾期 sounds the same, and they print 逾期利息 again and again
    words = {"预期": 6000, "逾期": 120, "利息": 3000, "怎么": 90000, "算": 9000, "适用": 4000, "使用": 9000, "税率": 800}  # fmt: skip
    library_text = (
        "应当支付逾期利息。逾期利息的利率不低于…；未约定的，逾期利息按每日万分之五计算。逾期未付的…。达到预期目标。"
    )
    library_text += "本法适用于…；适用税率…；适用本条例。企业使用的…；使用权；使用年限。"
    repairer = repairer_cutting_whole_words(words, list(words), library_text)
    repair = repairer.repair("预期利息怎么算")
    assert repair is not None and repair.changes == (("预期", "逾期"),)
    # a word the documents use about as often as its sound-alike stays, whatever it stands beside
    assert repairer.repair("企业适用税率怎么算") is None


def test_a_word_the_documents_never_print_typed_for_one_they_print_beside_the_same_words_is_repaired() -> None:
    # 公会 (a guild) is a word of its own, but the documents never print it; they print 工会经费, which sounds the same
    words = {"公会": 900, "工会": 3000, "经费": 2000, "怎么": 90000, "扣": 9000, "网店": 800, "网点": 700, "经营": 9000}
    library_text = "企业拨缴的工会经费，不超过工资薪金总额2%的部分，准予扣除。工会经费的使用…。金融网点经营…。"
    repairer = repairer_cutting_whole_words(words, ["工会", "经费", "网点", "经营"], library_text)
    repair = repairer.repair("公会经费怎么扣")
    assert repair is not None and repair.changes == (("公会", "工会"),)
    # only where the documents print the meant word beside the same characters: 网点 is printed beside 经营, not 怎么
    assert repairer.repair("网店怎么扣") is None
    # a word with a Latin letter in it has no reading to compare: left as typed, no error
    latin = repairer_cutting_whole_words({**words, "A股": 500, "入股": 90}, ["入股"], "以技术入股怎么扣税。" * 5)
    assert latin.repair("A股怎么扣") is None
    # and never a word the documents print themselves
    assert (
        repairer_cutting_whole_words(words, ["工会", "经费"], library_text + "公会。").repair("公会经费怎么扣") is None
    )


def test_a_neighbouring_pair_printed_inside_another_word_does_not_block_a_repair_printed_too() -> None:
    # 业单 is printed (企业单位), but so is 业担 (企业担保): 企业单保 is 企业担保 mistyped.
    frequency = {"单": 20000, "保": 9000, "担保": 800, "企业": 30000}
    repair = repairer_over("企业单位应当为企业担保提供便利。", frequency).repair("企业单保怎么申请")
    assert repair is not None and repair.changes == (("单保", "担保"),)


def test_a_character_alike_only_in_shape_is_repaired_only_where_the_documents_print_the_word_so() -> None:
    # The shapes table groups 企 with 让; 转企 (转为企业) is no typo of 转让 beside 对…有,
    # but 转企股权 is one where the documents print 转让股权.
    assert likeness("企", "让", load_similar_shapes()) == SAME_SHAPE
    frequency = {"转": 5000, "企": 400, "转让": 1300, "股权": 900, "对": 200000, "有": 400000}
    repairer = repairer_over("股东可以依法转让股权。", frequency)
    assert repairer.repair("对转企有什么规定") is None
    repair = repairer.repair("转企股权要交税吗")
    assert repair is not None and repair.changes == (("转企", "转让"),)


def test_an_everyday_word_stands_for_a_word_jieba_had_to_guess() -> None:
    """jieba glues 复责 in 谁复责 (no word of its dictionary): 负责 is meant, though an everyday word. Beside a number
    the glued word is a measure word and what follows it (第九条讲的什么 does not ask 条件)."""
    frequency = {
        "谁": 50000,
        "复": 9000,
        "责": 5000,
        "负责": 40000,
        "第九": 3000,
        "条": 30000,
        "讲": 20000,
        "条件": 30000,
    }
    segments = {"谁复责": ["谁", "复责"], "第九条讲": ["第九", "条讲"]}
    repairer = TypoRepairer(
        ["负责", "条件"],
        frequency=lambda w: frequency.get(w, 0),
        total=TOTAL,
        is_everyday=lambda w: w in ("负责", "条件"),
        library_text="由财政部负责。",
        cut=segments.__getitem__,
        shapes=load_similar_shapes(),
    )
    repair = repairer.repair("谁复责")
    assert repair is not None and repair.text == "谁负责"
    assert repairer.repair("第九条讲") is None


def test_an_everyday_word_is_not_read_into_a_guess_by_a_rare_reading() -> None:
    """交货时出了问题: jieba glues 时出, and 提 may be read shí — rarely: 提出 is not what was meant."""
    frequency = {"交货": 3000, "时": 90000, "出": 90000, "了": 900000, "提出": 60000}
    repairer = TypoRepairer(
        ["提出"],
        frequency=lambda w: frequency.get(w, 0),
        total=TOTAL,
        is_everyday=lambda w: w == "提出",
        library_text="应当提出申请。",
        cut={"交货时出了": ["交货", "时出", "了"]}.__getitem__,
        shapes=load_similar_shapes(),
    )
    assert likeness("时", "提", load_similar_shapes()) == SAME_SOUND  # (every reading counts for other words)
    assert repairer.repair("交货时出了") is None


def test_a_word_the_general_dictionary_barely_knows_is_a_typo_where_the_documents_print_the_meant_one_so() -> None:
    # jieba's dictionary counts typos a few times (注消 3), and plain phrases too (哪部 3): such a word, unprinted by
    # the library, is read as a typo of a library word that sounds the same only where the documents print that word
    # beside the same character (办理注销) — as a word the dictionary knows well is (公会经费, below).
    words = {"注": 2000, "消": 2000, "注销": 80, "注消": 3, "怎么": 90000, "办理": 9000, "登记": 3000}
    library_text = "个体工商户不再从事经营活动的，应当办理注销登记。"
    repairer = repairer_cutting_whole_words(words, ["注销", "办理", "登记"], library_text)
    repair = repairer.repair("怎么办理注消登记")
    assert repair is not None and repair.changes == (("注消", "注销"),)
    assert repairer.repair("怎么注消") is None  # (注销 is not printed beside 么)


def test_a_library_term_the_general_dictionary_barely_counts_is_as_common_as_the_documents_make_it() -> None:
    # jieba counts 征收率 twice, 征收 and 律 often: by its counts alone 征收律 is likelier as typed. The documents print
    # 征收率 again and again, and 律 sounds exactly like 率 — repaired. 说 sounds like 税 only in a rare reading
    # (游说): the library's counts do not make 减免说 a typo of 减免税.
    words = {"征收": 900, "律": 2000, "征收率": 2, "是": 100000, "多少": 50000, "减免": 500, "说": 50000, "减免税": 2}
    library_text = "适用简易计税方法的征收率为百分之三；减免税项目由国务院规定。" * 5
    repairer = repairer_cutting_whole_words(words, ["征收率", "征收", "减免税", "减免"], library_text)
    repair = repairer.repair("征收律是多少")
    assert repair is not None and repair.changes == (("征收律", "征收率"),)
    assert repairer.repair("房租减免说不算") is None


def test_a_character_is_no_typo_of_another_through_a_reading_the_meant_word_does_not_give_it() -> None:
    # 税 was once also read tuō: a typist meaning 税款 types shuì kuǎn, and 拖款 (owed money held back), a word jieba
    # has to guess, is what it says. 代 typed for 贷 in 信贷 is still a typo: 贷 reads dài in its word.
    frequency = {"甲方": 900, "税款": 146, "拖": 3454, "款": 1642, "信贷": 630, "加大": 5000}
    repairer = TypoRepairer(
        ["税款", "信贷"],
        frequency=lambda w: frequency.get(w, 0),
        total=TOTAL,
        is_everyday=lambda w: False,
        library_text="纳税人应当按期缴纳税款；税款由税务机关征收。金融机构应当加大信贷支持。" * 5,
        cut={"甲方拖款": ["甲方", "拖款"], "加大信代": ["加大", "信代"]}.__getitem__,
        shapes=load_similar_shapes(),
    )
    assert likeness("拖", "税", load_similar_shapes()) == SAME_SOUND  # (every reading of 税, its word unknown)
    assert repairer.repair("甲方拖款") is None
    repair = repairer.repair("加大信代")
    assert repair is not None and repair.changes == (("信代", "信贷"),)
