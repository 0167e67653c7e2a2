"""惠企政策问答助手 — the web app: chat, policy browser, HTTP API and widget on one port.

    python app.py [--host 127.0.0.1] [--port 7860]      (or env HOST, PORT)

Other settings: see web/config.py (ALLOWED_ORIGINS, RATE_LIMIT_PER_MIN, FEEDBACK_DB, …) and
bot/engine.py (LIBRARY_DIR, DOCUMENTS, INDEX_DIR, EMBEDDER, TODAY). Nothing is fetched from the internet.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading

OFFLINE = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_SERVER_NAME": "127.0.0.1",
}


def main(argv: list[str] | None = None) -> int:
    for key, value in OFFLINE.items():  # before gradio is imported: it reads them at import
        os.environ.setdefault(key, value)
    from web.config import ConfigError, ServerConfig

    try:
        env_config = ServerConfig.from_env()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(prog="python app.py", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=env_config.host, help="address to listen on (env HOST)")
    parser.add_argument("--port", type=int, default=env_config.port, help="port (env PORT)")
    args = parser.parse_args(argv)

    import uvicorn

    from bot.__main__ import setup_logging
    from bot.engine import LOAD_ERRORS, BotConfig, PolicyBot
    from web.feedback import FeedbackStore
    from web.reload import LiveBot
    from web.server import create_app

    setup_logging()
    try:
        bot_config = BotConfig.from_env()
        bot = LiveBot(PolicyBot.load(bot_config), bot_config).start()  # follows changes of the library
        threading.Thread(target=bot.warm_up, name="warm-up", daemon=True).start()  # beside serving
    except LOAD_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    config = ServerConfig(**{**env_config.__dict__, "host": args.host, "port": args.port})
    app = create_app(bot, config, FeedbackStore(config.feedback_db))
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    print(f"惠企政策问答助手: http://{shown}:{args.port}/  (API docs /docs, widget /widget.js)", flush=True)
    # Forwarded headers are read by the guard, from FORWARDED_ALLOW_IPS only, not by uvicorn.
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False, proxy_headers=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
