from __future__ import annotations

import pytest

from index.tokenize import PolicyTokenizer, char_ngrams, dictionary_fingerprint


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> PolicyTokenizer:
    return PolicyTokenizer(cache_dir=tmp_path_factory.mktemp("jieba"))


@pytest.mark.parametrize("term", ["专精特新", "跨境电商", "海外仓", "贸法通", "工业互联网", "发展改革委", "银保监会"])
def test_policy_terms_stay_whole(tokenizer: PolicyTokenizer, term: str) -> None:
    assert term in tokenizer.words(f"关于{term}有什么措施？")


def test_question_scaffolding_is_dropped(tokenizer: PolicyTokenizer) -> None:
    words = tokenizer.words("请问我们企业有哪些支持？")
    assert "请问" not in words and "哪些" not in words and "？" not in words
    assert "支持" in words


def test_char_ngrams_cover_typos() -> None:
    # 待款 (typo for 贷款) still shares the unigram 款 with the document.
    assert "款" in char_ngrams("首待款") and "贷款" in char_ngrams("信用贷款")
    assert char_ngrams("APEC 12366") == ["apec", "12366"]


def test_dictionary_fingerprint_is_stable() -> None:
    assert dictionary_fingerprint() == dictionary_fingerprint()
    assert len(dictionary_fingerprint()) == 64
