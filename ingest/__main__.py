"""python -m ingest FILE [--json]: print the parsed structure of a policy file."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from ingest import DEFAULT_POLICY, ParseError, load_policy
from ingest.schema import Document


def render_outline(doc: Document) -> str:
    m = doc.meta
    lines = [
        f"《{m.title}》 {m.doc_number}",
        f"发文机关：{m.issuer}    日期：{m.date_text}",
        f"审议：{m.approved_by}",
        f"主送：{'，'.join(m.recipients)}",
        f"共 {len(doc.sections)} 个部分、{len(doc.measures)} 条措施",
    ]
    for section in doc.sections:
        lines.append(f"\n{section.heading}")
        for measure in (x for x in doc.measures if x.section == section.heading):
            lines.append(f"  {measure.number:>2} {measure.label}{measure.title}  [{'、'.join(measure.agencies)}]")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_POLICY, help="policy text file (UTF-8)")
    parser.add_argument("--json", action="store_true", help="print the whole Document as JSON")
    args = parser.parse_args(argv)
    try:
        doc = load_policy(args.file)
    except ParseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(asdict(doc), ensure_ascii=False, indent=1))
    else:
        print(render_outline(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
