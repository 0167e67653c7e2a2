"""index: tokenisers, embedders, BM25 and FAISS retrievers, rank fusion, the index folder."""
