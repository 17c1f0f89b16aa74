"""The code base stays lint-clean, type-clean, and quick to start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = run(sys.executable, "-m", "ruff", "check", "clipper", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = run(
        sys.executable, "-m", "ruff", "format", "--check", "clipper", "tests", "benchmarks"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = run(sys.executable, "-m", "mypy", "clipper")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_cli_module_does_not_import_heavy_dependencies() -> None:
    heavy = ("httpx", "selectolax", "yaml", "charset_normalizer", "feedparser")
    probe = f"import sys, clipper.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = run(sys.executable, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def modules_loaded_by(code: str, *, env: dict[str, str] | None = None) -> set[str]:
    """Top-level and clipper modules in ``sys.modules`` after running ``code``."""
    probe = (
        "import sys\n"
        f"{code}\n"
        "names = [m for m in sys.modules if '.' not in m or m.startswith('clipper.')]\n"
        "print(' '.join(sorted(names)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


RENDERING = {"rich", "markdown_it", "pygments", "sqlite3", "webbrowser", "platformdirs"}
CLIPPER_WORK = {"clipper.library", "clipper.render", "clipper.summary", "clipper.markdown_view"}
FETCHING = {"httpx", "selectolax", "yaml", "charset_normalizer", "clipper.extraction", "feedparser"}


def test_importing_the_cli_loads_no_renderer_storage_or_fetching_code() -> None:
    loaded = modules_loaded_by("import clipper.cli")
    assert loaded & (RENDERING | CLIPPER_WORK | FETCHING) == set()


def test_fetching_code_loads_httpx_without_its_command_line_client() -> None:
    loaded = modules_loaded_by("import clipper.fetch")
    assert "httpx" in loaded
    assert loaded & {"click", "pygments"} == set()  # what httpx's own CLI would import
    # httpx's client does what it does without clipper: runs where click is
    # installed, says what is missing where it is not.
    probe = "import sys, httpx; sys.argv = ['httpx', '--help']; httpx.main()"
    alone = run(sys.executable, "-c", probe)
    after_clipper = run(sys.executable, "-c", "import clipper.fetch\n" + probe)
    assert (after_clipper.returncode, after_clipper.stdout) == (alone.returncode, alone.stdout)
    assert "httpx" in alone.stdout


def test_list_loads_no_fetching_or_markdown_code(tmp_path: Path) -> None:
    run_list = "from clipper.cli import app\ntry:\n    app(['list'])\nexcept SystemExit:\n    pass"
    loaded = modules_loaded_by(run_list, env={"CLIPPER_LIBRARY": str(tmp_path / "x.db")})
    assert "rich" in loaded and "clipper.library" in loaded  # it did run
    assert loaded & (FETCHING | {"markdown_it", "pygments", "clipper.markdown_view"}) == set()


def test_the_card_does_not_load_the_markdown_renderer() -> None:
    loaded = modules_loaded_by("import clipper.render, clipper.summary")
    assert loaded & {"markdown_it", "pygments", "clipper.markdown_view"} == set()


LIBRARY_LAYER = ("library", "merging", "imported", "dedup", "history", "migrations", "search")


def test_the_library_layer_never_imports_the_importers() -> None:
    # The library is the lower layer: readers build clipper.imported values and the
    # library stores them; a reader's change can never reach into how things are stored.
    import ast

    for name in LIBRARY_LAYER:
        tree = ast.parse((ROOT / "clipper" / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                assert not module.startswith("clipper.importers"), (name, module)
