from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.engine import PolicyBot
from web.config import ServerConfig
from web.feedback import FeedbackStore
from web.server import create_app


def make_client(bot: PolicyBot, tmp_path: Path, **settings: object) -> TestClient:
    config = ServerConfig(feedback_db=tmp_path / "feedback.sqlite3", **settings)  # type: ignore[arg-type]
    app = create_app(bot, config, FeedbackStore(config.feedback_db), with_ui=False)
    return TestClient(app, base_url="http://testserver")


@pytest.fixture
def client(fake_bot: PolicyBot, tmp_path: Path) -> TestClient:
    return make_client(fake_bot, tmp_path, allowed_origins=frozenset({"http://partner.example"}))
