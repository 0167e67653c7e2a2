"""Prompt templates: text files with named ``$slots``, rendered by one loader that fails loudly.

>>> render("answer", context="[1] …", history="（无）", question="Q").count("Q")
1
"""

from __future__ import annotations

import functools
import string
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent


class PromptError(KeyError):
    """A template is missing or a slot was not filled; the message names both."""


@functools.cache
def _template(name: str) -> string.Template:
    path = PROMPTS_DIR / f"{name}.txt"
    if not path.is_file():
        raise PromptError(f"no prompt template {path}")
    return string.Template(path.read_text(encoding="utf-8"))


def slots(name: str) -> set[str]:
    """The ``$slots`` a template expects."""
    return set(_template(name).get_identifiers())


def render(name: str, **values: str) -> str:
    """The template with every slot filled; PromptError names a missing or unknown slot."""
    template = _template(name)
    expected = slots(name)
    missing = expected - values.keys()
    if missing:
        raise PromptError(f"prompt {name}.txt needs slot(s) {', '.join(sorted(missing))}")
    unknown = values.keys() - expected
    if unknown:
        raise PromptError(f"prompt {name}.txt has no slot(s) {', '.join(sorted(unknown))}")
    return template.substitute(values)
