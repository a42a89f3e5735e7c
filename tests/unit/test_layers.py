"""The package's stages import one way: each layer only from the layers below it.

The list below is the pipeline, bottom first; each subpackage's `__init__` docstring says what it
may import, and this test holds both the imports (top-level and inside functions) and those
sentences to the list, so neither can drift from it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "benn_site"

# Bottom first. Names on one line are one layer: siblings that may not import each other.
LAYERS = [
    ("messages", "texts", "collector", "timings", "store", "faults"),
    ("errors",),
    ("reading",),
    ("config",),
    ("model",),
    ("calendar", "diagnostics"),
    ("content",),
    ("rendering",),
    ("output",),
    ("build",),
    ("editors",),
    ("cli",),
    ("__main__",),
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def unit(module: str) -> str:
    """The layer member a dotted module below benn_site belongs to: its first part."""
    return module.split(".")[0]


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts) or "__init__"] = path
    return found


def imports(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported module below benn_site) for every import, wherever it stands."""
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name[len("benn_site."):]) for a in node.names if a.name.startswith("benn_site.")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("benn_site"):
                name = node.module[len("benn_site."):]
            else:
                continue
            if name:
                found.append((node.lineno, name))
            else:  # from benn_site import x, y
                found += [(node.lineno, a.name) for a in node.names]
    return found


def test_every_module_has_a_layer():
    assert {unit(m) for m in modules()} - {"__init__"} <= set(RANK), "add the new module or folder to LAYERS"


@pytest.mark.parametrize("module", sorted(modules()))
def test_imports_go_down(module):
    if module == "__init__":
        return
    path = modules()[module]
    own = unit(module)
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{line}: imports benn_site.{name}"
             for line, name in imports(module, path)
             if unit(name) != own and RANK[unit(name)] >= RANK[own]]
    assert wrong == []


def test_the_check_can_fail(tmp_path):
    """A rendering module importing the build is caught."""
    bad = tmp_path / "views.py"
    bad.write_text("def f():\n    from benn_site.build import Builder\n", encoding="utf-8")
    names = [name for _, name in imports("rendering.views", bad)]
    assert names == ["build"] and RANK[unit(names[0])] > RANK["rendering"]


@pytest.mark.parametrize("folder", sorted(n for n in RANK if (PACKAGE / n).is_dir()))
def test_each_folder_says_what_it_may_import(folder):
    doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert doc.count("May import:") == 1, f"benn_site/{folder}/__init__.py: say 'May import: …' in its docstring"
    sentence = doc.split("May import:")[1].split(".")[0]
    said = {name.strip(" `\n") for name in sentence.split(",")}
    below = {name for name, rank in RANK.items() if rank < RANK[folder] and name != "__main__"}
    assert said == below
