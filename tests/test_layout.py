"""The package's folders are its pipeline: each stage imports only what its stage may.

Only the adapter knows MkDocs, only the CLI knows click, the model and the outputs know
neither, and no CLI module imports the module that imports it.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hooks" / "kithbook"
STAGES = ("reading", "model", "render", "adapter", "writing", "imports", "cli")


def imported_modules(path: Path, package_dir: Path = PACKAGE) -> set[str]:
    """Every module a file imports, anywhere in it, as an absolute dotted name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(package_dir.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def stage_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "top"


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_stage_folder_or_meets_them() -> None:
    top = {p.name for p in modules() if stage_of(p) == "top"}
    assert top == {"__init__.py", "pipeline.py", "parallel.py", "mkdocs_hook.py"} - (
        set() if (PACKAGE / "__init__.py").exists() else {"__init__.py"}
    )
    assert {stage_of(p) for p in modules()} <= {*STAGES, "top"}


def test_only_the_adapter_imports_mkdocs() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in modules()
        if stage_of(p) != "adapter"
        and any(m == "mkdocs" or m.startswith("mkdocs.") for m in imported_modules(p))
    ]
    assert offenders == []


def test_only_the_cli_imports_click() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in modules()
        if stage_of(p) != "cli" and any(m.split(".")[0] == "click" for m in imported_modules(p))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("stage", "forbidden"),
    [
        ("reading", ("kithbook.model", "kithbook.render", "kithbook.adapter", "kithbook.cli")),
        ("model", ("kithbook.render", "kithbook.adapter", "kithbook.cli", "kithbook.writing")),
        ("render", ("kithbook.adapter", "kithbook.cli", "kithbook.writing")),
        ("writing", ("kithbook.adapter", "kithbook.cli", "kithbook.render")),
        ("imports", ("kithbook.adapter", "kithbook.cli")),
    ],
)
def test_stages_import_only_earlier_stages(stage: str, forbidden: tuple[str, ...]) -> None:
    offenders = [
        f"{p.relative_to(PACKAGE)} imports {m}"
        for p in modules()
        if stage_of(p) == stage
        for m in sorted(imported_modules(p))
        if m.startswith(forbidden)
    ]
    assert offenders == []


def test_no_cli_module_imports_its_importer() -> None:
    """cli.main adds every module's COMMANDS; the command modules never import main."""
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in modules()
        if stage_of(p) == "cli"
        and p.name != "main.py"
        and any(m.startswith("kithbook.cli.main") for m in imported_modules(p))
        and p.name != "__init__.py"
    ]
    assert offenders == []


def test_the_import_reader_sees_imports_anywhere(tmp_path: Path) -> None:
    """The checks above can fail: an import inside a function, a relative one, a from-import."""
    probe = PACKAGE / "model" / "probe_for_layout_test.py"
    source = (
        "def f():\n    import mkdocs.plugins\nfrom ..cli.main import cli\nfrom click import echo\n"
    )
    try:
        probe.write_text(source, encoding="utf-8")
        found = imported_modules(probe)
    finally:
        probe.unlink()
    assert {"mkdocs.plugins", "kithbook.cli.main", "click"} <= found


def test_every_command_is_found_where_main_looks_for_it() -> None:
    """cli.main loads a command's modules on first use: its map names each module's COMMANDS."""
    main = importlib.import_module("kithbook.cli.main")
    defined: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        module = importlib.import_module(f"kithbook.cli.{path.stem}")
        for command in getattr(module, "COMMANDS", ()):
            defined.setdefault(command.name, set()).add(path.stem)
    assert set(main.COMMAND_MODULES) == set(defined)
    for name, modules_of in defined.items():
        assert modules_of <= set(main.COMMAND_MODULES[name]), name
