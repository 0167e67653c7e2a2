"""ingest: policy text → Document (sections, measures, agencies, document facts)."""

from __future__ import annotations

from pathlib import Path

from ingest.parse import ParseError, parse
from ingest.schema import Document

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLICY = PROJECT_ROOT / "data" / "policies" / "sme-competitiveness-measures-2021.txt"

__all__ = ["DEFAULT_POLICY", "Document", "ParseError", "load_policy", "parse"]


def load_policy(path: Path = DEFAULT_POLICY) -> Document:
    """Read and parse one policy file (UTF-8)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParseError(f"policy file not found: {path}") from None
    except UnicodeDecodeError:
        raise ParseError(f"policy file is not UTF-8 text: {path}") from None
    return parse(text)
