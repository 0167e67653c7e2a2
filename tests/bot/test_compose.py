"""Extractive answers name the document and provision as printed, the status, and the bodies."""

from __future__ import annotations

import datetime as dt

from bot import compose
from bot.compose import Shelf
from ingest import Library


def test_a_provision_answer_quotes_names_bodies_and_cites_what_it_used(library: Library) -> None:
    shelf = Shelf(library, dt.date(2026, 11, 30))
    m22, m18 = library.provision("miit-2021-169", 22), library.provision("miit-2021-169", 18)
    quote = ["优化覆盖全球的海外仓网络，提高海外仓数字化、智能化水平，促进中小企业借船出海。"]
    answer = compose.provision_answer(shelf, m22, quote, [(m18, "开展海外展会知识产权法律服务。")])  # type: ignore[arg-type]
    assert [(c.doc_id, c.number) for c in answer.citations] == [("miit-2021-169", 22), ("miit-2021-169", 18)]
    for citation in answer.citations:
        assert citation.quote in answer.text and citation.status == "现行有效"
    assert "《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）第（二十二）项“推动跨境电商发展”" in answer.text
    assert "负责部门：商务部、海关总署、贸促会" in answer.text


def test_an_old_version_is_marked_as_such(library: Library) -> None:
    shelf = Shelf(library, dt.date(2026, 11, 30))
    old = library.provision("sme-payment-regulation-2020", 8)
    answer = compose.provision_answer(shelf, old, [old.text])  # type: ignore[arg-type, union-attr]
    assert answer.citations[0].status.startswith("已被修订")
    assert "（注：《保障中小企业款项支付条例》（2020年）已被修订" in answer.text
    then = Shelf(library, dt.date(2024, 12, 31))
    assert compose.provision_answer(then, old, [old.text]).citations[0].status == "现行有效"  # type: ignore[arg-type, union-attr]


def test_provision_labels_in_sentences(library: Library) -> None:
    assert compose.provision_label(library.provision("vat-law-2024", 10)) == "第十条"  # type: ignore[arg-type]
    assert compose.provision_label(library.provision("guobanfa-2019-6", 11)) == "第（十一）项"  # type: ignore[arg-type]


def test_out_of_scope_cites_nothing_and_points_to_the_bodies(library: Library) -> None:
    shelf = Shelf(library, dt.date(2026, 11, 30))
    answer = compose.out_of_scope_answer(shelf, library.provision("miit-2021-169", 4))
    assert answer.out_of_scope and not answer.citations
    assert "没有涉及" in answer.text and "人民银行" in answer.text
    # the closest provision is carried as data (for the formal reply), never as a citation
    assert answer.closest is not None and (answer.closest.doc_id, answer.closest.number) == ("miit-2021-169", 4)
    assert "人民银行" in answer.closest.agencies and "closest" not in answer.to_json()
    assert compose.out_of_scope_answer(shelf, None).closest is None
    # a figure no text states, on a topic a provision covers: what is missing is said, not "not covered"
    figure = compose.out_of_scope_answer(shelf, library.provision("miit-2021-169", 4), "具体金额")
    assert "没有规定您问的具体金额" in figure.text and "没有涉及" not in figure.text and not figure.citations
    assert "具体金额" in figure.finding  # (the formal reply's finding)
    # the closest a repealed article: said so; one not yet in force on a past day asked is not called repealed
    repealed = compose.out_of_scope_answer(shelf, library.provision("individual-business-regulation-2016", 9))
    assert "现行有效的文件没有规定" in repealed.text and "（已废止" in repealed.text
    then = Shelf(library, dt.date(2024, 12, 31), dt.date(2026, 11, 30))
    early = compose.out_of_scope_answer(then, library.provision("sme-payment-regulation-2025", 37))
    assert "现行有效" not in early.text and "没有涉及" in early.text


def test_a_refusal_says_what_is_missing_in_plain_words(library: Library) -> None:
    shelf = Shelf(library, dt.date(2026, 11, 30))
    answer = compose.unknown_number_answer(shelf, "miit-2021-169", [50])
    assert (
        answer.finding
        == "《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）共 34 项（（一）至（三十四）），没有第五十项。"
    )
    assert answer.text.startswith(answer.finding)
    assert compose.unknown_document_answer(shelf, ["示例办法"]).finding == "政策库中没有收录《示例办法》。"


def test_a_listing_is_numbered_counted_and_grouped_by_document(library: Library) -> None:
    shelf = Shelf(library, dt.date(2026, 11, 30))
    provisions = [library.provision("miit-2021-169", 1), library.provision("guofa-2018-39", 1)]
    answer = compose.listing_answer(shelf, "测试", provisions, "agency")  # type: ignore[arg-type]
    assert "共 2 项" in answer.text and "1. 第（一）项" in answer.text and "2. 第（一）项" in answer.text
    assert "《提升中小企业竞争力若干措施》" in answer.text and "（国发〔2018〕39号）" in answer.text


def test_a_listing_notes_what_a_renamed_body_it_shows_is_now(library: Library) -> None:
    shelf = Shelf(library, dt.date(2026, 11, 30))
    credit, design = library.provision("miit-2021-169", 4), library.provision("miit-2021-169", 14)
    note = "\n注：2023年机构改革后，银保监会的职责由国家金融监督管理总局承担。"
    assert compose.agency_notes(shelf, (), [credit, design]) == note  # type: ignore[list-item]
    assert compose.agency_notes(shelf, (), [design]) == ""  # type: ignore[list-item]
    assert compose.agency_notes(shelf, ["银保监会"], [credit]) == note  # type: ignore[list-item]  # asked and shown: said once
