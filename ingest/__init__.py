"""ingest: policy document files → Library (documents, provisions, agencies, validity)."""

from __future__ import annotations

from pathlib import Path

from ingest.library import LibraryError, load_library
from ingest.parse import ParseError, parse
from ingest.schema import Document, Library

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIBRARY = PROJECT_ROOT / "data" / "library"

__all__ = [
    "DEFAULT_LIBRARY",
    "PROJECT_ROOT",
    "Document",
    "Library",
    "LibraryError",
    "ParseError",
    "load_library",
    "parse",
]
