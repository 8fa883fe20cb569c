"""The complexity gate of `make lint`: no function above the cyclomatic complexity limit and
no module above the line limit in smart_support/ and functions/, except the exceptions listed
with their reasons in pyproject.toml ([tool.complexity]). Radon measures.

An exception that no longer exceeds the limit fails the gate too, so the list stays true.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("smart_support", "functions")


def measure() -> tuple[dict[str, int], dict[str, int]]:
    """Complexity per ``path::function`` (methods as ``Class.method``), lines per module."""
    functions: dict[str, int] = {}
    modules: dict[str, int] = {}
    for top in PATHS:
        for path in sorted((ROOT / top).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            source = path.read_text(encoding="utf-8")
            modules[name] = len(source.splitlines())
            for block in cc_visit(source):
                functions[f"{name}::{block.fullname}"] = block.complexity
                for inner in getattr(block, "closures", []):
                    functions[f"{name}::{block.fullname}.{inner.name}"] = inner.complexity
    return functions, modules


def main() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "complexity"
    ]
    limit, max_lines = int(config["max_function"]), int(config["max_module_lines"])
    allowed: dict[str, str] = config.get("exceptions", {})
    functions, modules = measure()
    problems = [
        f"{name}: complexity {value} > {limit}"
        for name, value in sorted(functions.items())
        if value > limit and name not in allowed
    ]
    problems += [
        f"{name}: {lines} lines > {max_lines}"
        for name, lines in sorted(modules.items())
        if lines > max_lines and name not in allowed
    ]
    measured = {**{k: v > limit for k, v in functions.items()}}
    measured.update({k: v > max_lines for k, v in modules.items()})
    problems += [
        f"{name}: listed as an exception but within the limits (or gone); drop it"
        for name in allowed
        if not measured.get(name, False)
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    worst = max(functions.values(), default=0)
    print(
        f"complexity gate: {len(functions)} functions (worst {worst}), {len(modules)} modules "
        f"(largest {max(modules.values(), default=0)} lines), {len(allowed)} listed exceptions"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
