"""Tokenisers: a jieba dictionary read from the library, place names, how specific a word is."""

from __future__ import annotations

import pytest

from index.tokenize import PolicyTokenizer, char_ngrams, dictionary_fingerprint, library_vocabulary
from ingest import Library


@pytest.fixture(scope="module")
def tokenizer(library: Library, tmp_path_factory: pytest.TempPathFactory) -> PolicyTokenizer:
    return PolicyTokenizer(library_vocabulary(library), cache_dir=tmp_path_factory.mktemp("jieba"))


def test_the_dictionary_is_read_from_the_documents(library: Library, demo_library: Library) -> None:
    words = {line.split()[0] for line in library_vocabulary(library)}
    assert {"增值税法", "款项支付条例"} <= words  # titles and short names
    assert "专精特新" in words  # a quoted name (“专精特新”)
    assert "小规模纳税人" in words  # a defined term (本法所称小规模纳税人，是指…)
    assert "应纳税所得额" in words  # a chapter heading
    demo = {line.split()[0] for line in library_vocabulary(demo_library)}
    assert {"示例企业", "数字化贷", "示例企业促进法"} <= demo and "增值税法" not in demo


@pytest.mark.parametrize("term", ["专精特新", "小规模纳税人", "发展改革委", "银保监会", "款项支付条例"])
def test_library_terms_stay_whole(tokenizer: PolicyTokenizer, term: str) -> None:
    assert term in tokenizer.words(f"关于{term}有什么规定？")


def test_question_scaffolding_is_dropped(tokenizer: PolicyTokenizer) -> None:
    words = tokenizer.words("请问我们企业有哪些支持？")
    assert "请问" not in words and "哪些" not in words and "？" not in words
    assert "支持" in words


def test_places_spoken_of_as_places(tokenizer: PolicyTokenizer) -> None:
    assert tokenizer.places("深圳南山区对新认定的企业奖励多少？") == ["南山区"]
    assert tokenizer.places("上海市中小企业发展专项资金") == ["上海市"]
    assert tokenizer.places("我在苏州办了个厂，政府出台城建、市容政策") == []
    assert tokenizer.places("过年发给员工的这些东西的进项税额能抵扣吗？") == []  # 东西, "things", jieba tags a place


def test_places_spelled_in_pinyin(tokenizer: PolicyTokenizer) -> None:
    assert tokenizer.places("Does Chengdu offer start-up grants to small firms?") == ["成都"]
    assert tokenizer.places("How much does Xiamen's SME fund pay out?") == ["厦门"]
    assert tokenizer.places("I opened a noodle shop in Chengdu. Is the VAT rate lower for us?") == []  # only there
    assert tokenizer.places("Which sannong entities can the guarantee fund serve?") == []  # a term, not 三弄
    # a person's name or a syllable is no place: only places listed as a province, city, district or county
    assert tokenizer.places("Can Wang Jianguo's shop and Zhang's factory get a loan?") == []


def test_places_outside_the_mainland_named_in_english(tokenizer: PolicyTokenizer) -> None:
    assert tokenizer.places("What about in Singapore?") == ["新加坡"]
    assert tokenizer.places("What is the VAT rate on software in the EU?") == ["欧盟"]
    assert tokenizer.places("Is the profits tax lower in Hong Kong or the US?") == ["香港", "美国"]
    # the asker's own place or business, and "us", are not places asked of
    assert tokenizer.places("We sell in the EU. What VAT applies to our exports?") == []
    assert tokenizer.places("We are a Singapore company investing here. What is the income tax rate?") == []
    assert tokenizer.places("Tell us about the VAT exemptions.") == []
    assert tokenizer.places("The buyer pays in US dollars 90 days after delivery. Is that allowed?") == []


def test_specificity_ranks_terms_above_everyday_words(tokenizer: PolicyTokenizer) -> None:
    assert tokenizer.specificity("现在") == 0
    assert tokenizer.specificity("增值税") > tokenizer.specificity("销售") > 0


def test_char_ngrams_cover_typos() -> None:
    # 待款 (typo for 贷款) still shares the unigram 款 with the document.
    assert "款" in char_ngrams("首待款") and "贷款" in char_ngrams("信用贷款")
    assert char_ngrams("APEC 12366") == ["apec", "12366"]


def test_dictionary_fingerprint_follows_the_dictionary() -> None:
    assert dictionary_fingerprint(["甲 1"]) == dictionary_fingerprint(["甲 1"]) != dictionary_fingerprint(["乙 1"])
