"""LangChain adapter: the hybrid search as a ``BaseRetriever`` (the edge; nothing inside the
project depends on LangChain types)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from ingest.schema import Hit


def hit_to_document(hit: Hit) -> LCDocument:
    m = hit.provision
    return LCDocument(
        page_content=m.full_text,
        metadata={
            "doc_id": m.doc_id,
            "number": m.number,
            "label": m.label,
            "title": m.title,
            "section": m.section,
            "agencies": list(m.agencies),
            "score": hit.score,
            "source": hit.source,
        },
    )


class PolicyRetriever(BaseRetriever):
    """``search`` maps a question to ranked hits (e.g. ``lambda q: searcher.search(q).hits``)."""

    search: Callable[[str], Sequence[Hit]]
    k: int = 3

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [hit_to_document(hit) for hit in list(self.search(query))[: self.k]]
