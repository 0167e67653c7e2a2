"""Query expansion: the table's words found in a question, longest first, never overlapping."""

from bot.expand import QueryExpander


def test_the_longest_entry_wins_where_entries_overlap():
    expander = QueryExpander.from_lines(["税\t税收", "增值税\t增值税 税率", "专用发票\t增值税专用发票"])
    assert expander.matches("增值税专用发票丢了") == [("专用发票", ("增值税专用发票",)), ("增值税", ("增值税", "税率"))]


def test_english_words_match_whole_words_whatever_the_case():
    expander = QueryExpander.from_lines(["vat\t增值税", "loan\t贷款"])
    assert sorted(expander.terms("Is VAT due on a loan? (no: vatican, loans)")) == sorted(["增值税", "贷款"])


def test_an_entry_is_found_wherever_it_starts_in_the_question():
    expander = QueryExpander.from_lines(["借钱\t贷款 融资", "cross-border\t跨境", "钱\t资金"])
    question = "想借钱做Cross-border生意，钱不够"
    expanded = expander.expand(question)
    assert expanded.startswith(question + " ")
    assert sorted(expanded.removeprefix(question).split()) == sorted(["贷款", "融资", "跨境", "资金"])


def test_a_question_without_table_words_is_left_as_it_is():
    expander = QueryExpander.from_lines(["借钱\t贷款"])
    assert expander.expand("发票怎么开") == "发票怎么开"


def test_an_english_word_with_an_ampersand_is_one_known_word():
    # R&D is one word the table knows: not the unknown letters r and d
    expander = QueryExpander.from_lines(["r&d\t研发 研究开发"])
    assert "r&d" in expander.english_words


def test_a_phrasal_verb_is_found_with_its_object_between():
    expander = QueryExpander.from_lines(["hand over\t变更经营者", "give up\t放弃"])
    assert expander.terms("Can my father hand it over to me?") == ["变更经营者"]
    assert expander.terms("If we give them up, can we claim them again?") == ["放弃"]
    assert expander.terms("Hand the form in, then give feedback up front") == []  # other words between: no phrase
