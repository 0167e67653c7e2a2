"""A server that follows its library: when the library folder changes (``python -m ingest add``, a
retired or removed document, an edited metadata file), a new bot is loaded in the background — the
index updated incrementally, only new text embedded — and swapped in at once. Questions are answered
by the previous bot until the swap; a library or index that cannot be loaded leaves it serving.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.engine import BotConfig, PolicyBot

log = logging.getLogger(__name__)

CHECK_EVERY_S = 2.0


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file of the library folder (and its documents/)."""
    out = []
    for path in sorted([*folder.glob("*"), *folder.glob("documents/*")]):
        if path.is_file() and not path.name.startswith("."):
            stat = path.stat()
            out.append((str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


class LiveBot:
    """Stands for the current ``PolicyBot`` (every attribute is the current bot's) and replaces it when
    the library folder changes. ``start`` begins watching; ``reload_now`` checks once (for tests)."""

    def __init__(
        self,
        bot: PolicyBot,
        config: BotConfig,
        load: Callable[[BotConfig], PolicyBot] = PolicyBot.load,
        every_s: float = CHECK_EVERY_S,
    ) -> None:
        self.current = bot
        self.config = config
        self._load = load
        self._every_s = every_s
        self._seen = folder_signature(config.library)
        self._stop = threading.Event()
        self.generation = 0  # how many times the bot was replaced
        self.last_error = ""  # why the last change could not be loaded ("" when it could)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current, name)

    def start(self) -> LiveBot:
        threading.Thread(target=self._watch, name="library-watch", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        while not self._stop.wait(self._every_s):
            self.reload_now()

    def reload_now(self) -> bool:
        """Load and swap in a new bot when the library folder changed since the last look."""
        signature = folder_signature(self.config.library)
        if signature == self._seen:
            return False
        self._seen = signature
        log.info("library %s changed; loading it", self.config.library)
        try:
            fresh = self._load(self.config)
        except Exception as exc:  # a broken library or index must not stop the service
            self.last_error = str(exc)
            log.error("the changed library cannot be served (%s); still answering from the previous one", exc)
            return False
        fresh.warm_up()  # (on the watching thread: the swapped-in bot serves its first question warm)
        self.current, self.last_error = fresh, ""
        self.generation += 1
        log.info("now answering from %d documents", len(fresh.library.documents))
        return True
