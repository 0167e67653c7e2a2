"""Behind a reverse proxy: the app's own page is recognised although the proxy rewrote Host, and the
rate limit counts real clients — believing forwarded headers only from FORWARDED_ALLOW_IPS."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import PolicyBot
from tests.web.conftest import make_client
from web.config import ConfigError, ServerConfig

PROXY = frozenset({"testclient"})  # the test client's peer address plays the proxy
BEHIND_NGINX = {"host": "127.0.0.1:7860", "x-forwarded-host": "zhengce.example.gov.cn", "x-forwarded-proto": "https"}
OWN_PAGE = "https://zhengce.example.gov.cn"


def test_the_own_page_behind_a_proxy_that_rewrites_host(fake_bot: PolicyBot, tmp_path: Path) -> None:
    behind = make_client(fake_bot, tmp_path, trusted_proxies=PROXY)
    answer = behind.post("/api/ask", json={"question": "第三条"}, headers={**BEHIND_NGINX, "origin": OWN_PAGE})
    assert answer.status_code == 200 and answer.json()["answer"]
    # The same headers from a peer that is not a trusted proxy prove nothing.
    direct = make_client(fake_bot, tmp_path, trusted_proxies=frozenset({"127.0.0.1"}))
    refused = direct.post("/api/ask", json={"question": "第三条"}, headers={**BEHIND_NGINX, "origin": OWN_PAGE})
    assert refused.status_code == 403


def test_public_url_names_the_own_origin(fake_bot: PolicyBot, tmp_path: Path) -> None:
    client = make_client(fake_bot, tmp_path, public_origin=OWN_PAGE, trusted_proxies=frozenset())
    headers = {"host": "10.0.0.5:7860", "origin": OWN_PAGE}
    assert client.post("/api/ask", json={"question": "第三条"}, headers=headers).status_code == 200


def test_the_limit_counts_real_clients_behind_the_proxy(fake_bot: PolicyBot, tmp_path: Path) -> None:
    client = make_client(fake_bot, tmp_path, trusted_proxies=PROXY, rate_limit_per_min=2)

    def ask(forwarded_for: str) -> int:
        headers = {"x-forwarded-for": forwarded_for}
        return client.post("/api/ask", json={"question": "第三条"}, headers=headers).status_code

    assert [ask("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert ask("203.0.113.2") == 200  # another desk behind the same proxy has its own budget
    assert ask("198.51.100.9, 203.0.113.1") == 429  # an address the client wrote itself is not believed


def test_forwarded_for_from_an_untrusted_peer_is_ignored(fake_bot: PolicyBot, tmp_path: Path) -> None:
    client = make_client(fake_bot, tmp_path, trusted_proxies=frozenset({"127.0.0.1"}), rate_limit_per_min=2)
    codes = [
        client.post("/api/ask", json={"question": "第三条"}, headers={"x-forwarded-for": f"203.0.113.{i}"}).status_code
        for i in range(3)
    ]
    assert codes == [200, 200, 429]  # one peer, one budget, whatever it claims


@pytest.mark.parametrize(
    ("env", "message"),
    [({"FORWARDED_ALLOW_IPS": "nginx"}, "not an IP address"), ({"PUBLIC_URL": "zhengce"}, "PUBLIC_URL")],
)
def test_proxy_settings_are_checked(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ServerConfig.from_env(env)
    settings = ServerConfig.from_env({"FORWARDED_ALLOW_IPS": "10.0.0.2, ::1", "PUBLIC_URL": "https://A.example/x/"})
    assert settings.trusted_proxies == {"10.0.0.2", "::1"} and settings.public_origin == "https://a.example"
