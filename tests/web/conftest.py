from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.engine import BotConfig, PolicyBot
from tests.conftest import ANSWER_ALL, DEMO_LIBRARY, TODAY, HashEmbedder
from web.config import ServerConfig
from web.feedback import FeedbackStore
from web.reload import LiveBot
from web.server import create_app


def make_client(bot: PolicyBot, tmp_path: Path, **settings: object) -> TestClient:
    config = ServerConfig(feedback_db=tmp_path / "feedback.sqlite3", **settings)  # type: ignore[arg-type]
    app = create_app(bot, config, FeedbackStore(config.feedback_db), with_ui=False)
    return TestClient(app, base_url="http://testserver")


@pytest.fixture
def client(fake_bot: PolicyBot, tmp_path: Path) -> TestClient:
    return make_client(fake_bot, tmp_path, allowed_origins=frozenset({"http://partner.example"}))


@pytest.fixture
def live(tmp_path: Path) -> LiveBot:
    """A server's bot over a copy of the made-up library (hash embedder), following its folder."""
    library = tmp_path / "library"
    shutil.copytree(DEMO_LIBRARY, library, ignore=shutil.ignore_patterns("expected.json"))
    config = BotConfig(library=library, index_dir=tmp_path / "index", today=TODAY)

    def load(config: BotConfig) -> PolicyBot:
        return PolicyBot.load(config, embedder=HashEmbedder(), scope_model=ANSWER_ALL)

    return LiveBot(load(config), config, load)
