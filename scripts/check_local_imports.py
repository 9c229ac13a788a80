"""Fail when an import inside a function has no comment saying why (docs/architecture.md).

An import belongs at the top of its module; one inside a function (to wait for the app
registry, to keep a heavy library off the start-up path, ...) carries a comment on its
own line or on the line just above it (or above the block of imports it opens).
Tests and migrations are not checked.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "waymark"


def _has_reason(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line, or on the nearest line above that is not an import."""
    if "#" in lines[lineno - 1]:
        return True
    index = lineno - 2
    while index >= 0:
        text = lines[index].strip()
        if text.startswith("#"):
            return True
        if text.startswith(("import ", "from ")) or text == "":
            index -= 1
            continue
        return False
    return False


def check(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for child in ast.walk(node):
            if isinstance(child, ast.Import | ast.ImportFrom) and not _has_reason(lines, child.lineno):
                where = f"{path.relative_to(ROOT.parent)}:{child.lineno}"
                problems.append(f"{where}: import inside a function needs a comment saying why")
    return problems


def main() -> int:
    problems = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.parts)
        if {"tests", "migrations", "browser_tests", "testing"} & parts:
            continue
        problems.extend(check(path))
    for problem in sorted(set(problems)):
        sys.stdout.write(problem + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
