"""Every comparison of handling levels goes through ``briefing/store/visibility.py``.

A level compared by hand somewhere else is how a withheld fact reaches the wrong reader:
the next person to touch that line does not know it is a clearance decision. This test
reads the package's syntax trees and fails on any comparison (``<``, ``<=``, ``==`` …) or
``max``/``min`` outside that module whose operands name a level.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).parent
THE_FILTER = PACKAGE / "store" / "visibility.py"
LEVEL_WORDS = frozenset({"handling", "audience", "level", "clearance", "rank"})
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)
_WORDS = re.compile(r"[a-z]+")


def _names_a_level(node: ast.AST) -> bool:
    """Does ``node`` name a level? A ``len(...)`` counts things, so what it holds does not."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len":
        return False
    name = (
        node.id
        if isinstance(node, ast.Name)
        else node.attr
        if isinstance(node, ast.Attribute)
        else node.arg
        if isinstance(node, ast.keyword)
        else None
    )
    if name is not None and LEVEL_WORDS & set(_WORDS.findall(name.lower())):
        return True
    return any(_names_a_level(child) for child in ast.iter_child_nodes(node))


def _is_max_or_min(node: ast.Call) -> bool:
    called = node.func
    name = (
        called.id
        if isinstance(called, ast.Name)
        else called.attr
        if isinstance(called, ast.Attribute)
        else ""
    )
    return name in {"max", "min", "greatest", "least"}


def violations(source: str, filename: str) -> list[str]:
    """``file:line: code`` for each comparison of levels in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Compare) and any(isinstance(op, ORDERING) for op in node.ops):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.Call) and _is_max_or_min(node):
            operands = [*node.args, *(k.value for k in node.keywords)]
        else:
            continue
        if any(_names_a_level(operand) for operand in operands):
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_levels_are_compared_only_in_the_one_filter() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != THE_FILTER:
            found += violations(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    assert not found, "compare levels through briefing.store.visibility:\n" + "\n".join(found)


def test_the_check_finds_a_planted_comparison() -> None:
    """The test above could pass by finding nothing; here it must find each plant."""
    planted = {
        "if chip.handling <= audience: pass": 1,
        "rows = select(Record).where(Record.handling <= level)": 1,
        "x = max(brief.handling, event.handling)": 1,
        "ok = scale[0].rank == wanted_rank": 1,
        "shown = [r for r in records if self.clearance > r.default_handling]": 1,
        "n = len(names) > 3 and day == today": 0,
        "unique = len(set(level_names)) == len(level_names)": 0,
    }
    for source, expected in planted.items():
        assert len(violations(source, "planted.py")) == expected, source
