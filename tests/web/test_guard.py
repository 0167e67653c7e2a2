from __future__ import annotations

import pytest

from web.config import ConfigError, ServerConfig, parse_origin
from web.guard import Budget, RateLimiter


def test_rate_limit_window_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.check("a") == 0 and limiter.check("a") == 0
    assert limiter.check("a") > 0  # third in the same minute
    assert limiter.check("b") == 0  # other clients are counted separately
    now[0] = 60.5
    assert limiter.check("a") == 0


@pytest.mark.parametrize(
    ("raw", "origin"),
    [("https://Example.com/", "https://example.com"), ("http://127.0.0.1:8001", "http://127.0.0.1:8001"),
     ("https://a.example:443", "https://a.example")],
)  # fmt: skip
def test_origins_are_normalised(raw: str, origin: str) -> None:
    assert parse_origin(raw) == origin


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_ORIGINS": "example.com"}, "ALLOWED_ORIGINS"),
        ({"ALLOWED_ORIGINS": "https://a.example/path"}, "ALLOWED_ORIGINS"),
        ({"PORT": "http"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"RATE_LIMIT_PER_MIN": "0"}, "RATE_LIMIT_PER_MIN"),
    ],
)
def test_bad_settings_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ServerConfig.from_env(env)


def test_settings_from_env() -> None:
    config = ServerConfig.from_env({"ALLOWED_ORIGINS": "https://a.example, http://b.example:8080", "PORT": "9000"})
    assert config.allowed_origins == {"https://a.example", "http://b.example:8080"} and config.port == 9000
    assert ServerConfig.from_env({}).rate_limit_per_min == 30


def test_desks_behind_one_address_each_have_their_own_budget() -> None:
    config = ServerConfig(rate_limit_per_min=2, session_limit_per_min=2, address_limit_per_min=5)
    budget = Budget(config, clock=lambda: 0.0)
    nat = "203.0.113.1"
    assert [budget.check(nat)[0] == 0 for _ in range(3)] == [True, True, False]  # API client: 2 a minute
    desks = [budget.check(nat, f"desk-{d}-session") for d in range(3) for _ in range(2)]
    assert [wait == 0 for wait, _ in desks] == [True] * 5 + [False]  # 3 desks × 2, the address ceiling is 5
    wait, message = budget.check("198.51.100.2", "desk-0-session")
    assert wait > 0 and "本对话每分钟最多 2 次" in message  # a session's own budget, wherever it comes from
