from __future__ import annotations

from bot import compose
from ingest.schema import Document


def test_measure_answer_quotes_names_agencies_and_cites_what_it_used(policy: Document) -> None:
    m22, m18 = policy.measure(22), policy.measure(18)
    quote = ["优化覆盖全球的海外仓网络，提高海外仓数字化、智能化水平，促进中小企业借船出海。"]
    answer = compose.measure_answer(policy, m22, quote, [(m18, "开展海外展会知识产权法律服务。")])
    assert [c.measure for c in answer.citations] == [22, 18]
    for citation in answer.citations:
        assert citation.quote in answer.text
        assert f"措施{citation.label}" in answer.text
    assert "负责部门：商务部、海关总署、贸促会" in answer.text
    assert "工信部企业〔2021〕169号" in answer.text


def test_agency_first_answer(policy: Document) -> None:
    answer = compose.measure_answer(policy, policy.measure(14), [], wants_agencies=True)
    assert answer.text.startswith("措施（十四）“推动工业设计赋能”由工业和信息化部负责。")


def test_out_of_scope_answer_cites_nothing_and_points_to_an_agency(policy: Document) -> None:
    answer = compose.out_of_scope_answer(policy, policy.measure(4))
    assert answer.out_of_scope and not answer.citations
    assert "没有涉及" in answer.text and "人民银行" in answer.text


def test_listing_is_numbered_and_counted(policy: Document) -> None:
    answer = compose.listing_answer("测试", [policy.measure(1), policy.measure(2)], "section")
    assert "共 2 条" in answer.text and "1. 措施（一）" in answer.text and "2. 措施（二）" in answer.text
