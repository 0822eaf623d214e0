"""The layers hold by themselves (import-linter's contracts in pyproject.toml, run by make test);
this keeps the other half of the rule: no import hidden inside a function, where it would dodge a
cycle that import-linter and a reader would otherwise see. An app's `AppConfig.ready` is the one
place an import runs late on purpose: it registers the app's hooks once Django is ready."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "accounts",
    "notifications",
    "programmes",
    "applications",
    "cohort",
    "peerlearning",
    "demo",
]


def imports_inside_functions() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts or path.name == "apps.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    for inner in ast.walk(node):
                        if isinstance(inner, ast.Import | ast.ImportFrom):
                            found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


def test_no_module_imports_inside_a_function():
    assert imports_inside_functions() == []
