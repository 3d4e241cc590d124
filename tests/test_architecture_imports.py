"""The package's import graph, read from the source: no cycles, and the stages never reach up into the layers above.

Edges: every ``import`` of a ``cxzy_nlp`` module, at module level or inside a function (a lazy import
still ties the two modules together; only ``if TYPE_CHECKING:`` blocks are left out, they never run).
``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to ``pkg``. Importing
a submodule always runs its package's ``__init__`` first, so a module's import of its own enclosing
package (``from . import generate_plan`` inside ``synth/copies.py``) adds nothing and is not an edge,
nor is that implicit step: a package re-exporting its submodules is no cycle. The top package
``cxzy_nlp`` is the exception: it loads the pipeline lazily, so ``from .. import __version__`` in a
stage would close a real loop and is kept as an edge.

Cycles are looked for twice: between modules, and between the package's parts (each subpackage and
top-level module one node), where the old ``pipeline → check → batch → pipeline`` loop lived.

Layers, top to bottom: ``cli`` → ``corpus`` (work over many files) → ``report`` → ``pipeline`` (one
file) → the stages.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "cxzy_nlp"
UPPER = ("cxzy_nlp.cli", "cxzy_nlp.corpus", "cxzy_nlp.report", "cxzy_nlp.pipeline", "cxzy_nlp.train")
STAGES = (
    "cxzy_nlp.read",
    "cxzy_nlp.normalise",
    "cxzy_nlp.segment",
    "cxzy_nlp.headings",
    "cxzy_nlp.doctitle",
    "cxzy_nlp.kinds",
    "cxzy_nlp.zones",
    "cxzy_nlp.classify",
    "cxzy_nlp.extract",
    "cxzy_nlp.check",
    "cxzy_nlp.dedup",
    "cxzy_nlp.model",
    "cxzy_nlp.config",
    "cxzy_nlp.errors",
    "cxzy_nlp.jsonio",
)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    """Every import statement that can run (``if TYPE_CHECKING:`` bodies left out)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports (see the module docstring for what counts)."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py")) if "__pycache__" not in p.parts}
    graph: dict[str, set[str]] = {name: set() for name in files}
    top = root.name
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base_parts = package.split(".")
                    base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                    base = ".".join(base_parts + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            for target in targets:
                while target and target not in files and "." in target:  # import pkg.mod.attr
                    target = target.rpartition(".")[0]
                enclosing = target != top and name.startswith(target + ".")
                if target in files and target != name and target.split(".")[0] == top and not enclosing:
                    graph[name].add(target)
    return graph


def package_graph(graph: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """The module graph folded onto the package's parts: ``cxzy_nlp.check.run`` counts as ``cxzy_nlp.check``."""

    def part(module: str) -> str:
        return ".".join(module.split(".")[:2])

    folded: dict[str, set[str]] = {}
    for module, targets in graph.items():
        folded.setdefault(part(module), set()).update(part(t) for t in targets if part(t) != part(module))
    return folded


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def _within(module: str, prefixes: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(PACKAGE)


def test_the_graph_sees_the_package(graph: dict[str, set[str]]) -> None:
    assert "cxzy_nlp.corpus.batch" in graph["cxzy_nlp.corpus.check"]  # a module-level relative import
    assert "cxzy_nlp.pipeline" in graph["cxzy_nlp.corpus.batch"]  # an import inside a function
    assert "cxzy_nlp.check.engine" in graph["cxzy_nlp.check"]  # from .engine import ...
    assert "cxzy_nlp.check.knowledge" in graph["cxzy_nlp.check.structure"]  # from . import knowledge


def test_no_import_cycle_in_the_package(graph: dict[str, set[str]]) -> None:
    assert find_cycles(graph) == []


def test_no_import_cycle_between_the_packages_parts(graph: dict[str, set[str]]) -> None:
    assert find_cycles(package_graph(graph)) == []


def test_stages_do_not_import_the_layers_above(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        if _within(module, STAGES)
        for target in targets
        if _within(target, UPPER)
    )
    assert wrong == []


def test_report_does_not_import_the_corpus_or_the_cli(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        if _within(module, ("cxzy_nlp.report",))
        for target in targets
        if _within(target, ("cxzy_nlp.corpus", "cxzy_nlp.cli"))
    )
    assert wrong == []


# ------------------------------------------------------------------ controls: the detector can fail


def test_control_planted_cycle_is_found(tmp_path: Path) -> None:
    pkg = tmp_path / "cxzy_nlp"
    (pkg / "stage").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "stage" / "__init__.py").write_text("from .core import run\n", encoding="utf-8")
    (pkg / "stage" / "core.py").write_text("def run():\n    from ..batch import go\n", encoding="utf-8")
    (pkg / "batch.py").write_text("from .stage import run\n\ndef go():\n    pass\n", encoding="utf-8")
    (pkg / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .batch import go\n", encoding="utf-8"
    )
    planted = import_graph(pkg)
    assert find_cycles(planted) == [["cxzy_nlp.batch", "cxzy_nlp.stage", "cxzy_nlp.stage.core"]]
    assert planted["cxzy_nlp.typed"] == set()  # type-checking imports never run
    assert find_cycles(package_graph(planted)) == [["cxzy_nlp.batch", "cxzy_nlp.stage"]]
    (pkg / "stage" / "core.py").write_text("def run():\n    pass\n", encoding="utf-8")
    assert find_cycles(import_graph(pkg)) == [] and find_cycles(package_graph(import_graph(pkg))) == []


def test_control_a_cycle_only_between_packages_is_found(tmp_path: Path) -> None:
    # the shape of the old loop: stage/run.py → batch → (lazily) stage/__init__ → stage/engine; no module cycle
    pkg = tmp_path / "cxzy_nlp"
    (pkg / "stage").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "stage" / "__init__.py").write_text("from .engine import check\n", encoding="utf-8")
    (pkg / "stage" / "engine.py").write_text("def check():\n    pass\n", encoding="utf-8")
    (pkg / "stage" / "run.py").write_text("from ..batch import go\n", encoding="utf-8")
    (pkg / "batch.py").write_text("def go():\n    from .stage import check\n", encoding="utf-8")
    planted = import_graph(pkg)
    assert find_cycles(planted) == []
    assert find_cycles(package_graph(planted)) == [["cxzy_nlp.batch", "cxzy_nlp.stage"]]


def test_control_stage_importing_the_corpus_is_caught() -> None:
    planted = {"cxzy_nlp.check.engine": {"cxzy_nlp.corpus.batch"}, "cxzy_nlp.corpus.batch": set()}
    assert [(m, t) for m, ts in planted.items() if _within(m, STAGES) for t in ts if _within(t, UPPER)] == [
        ("cxzy_nlp.check.engine", "cxzy_nlp.corpus.batch")
    ]
