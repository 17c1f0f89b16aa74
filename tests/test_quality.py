"""The code base stays lint-clean, type-clean, and quick to start."""

from __future__ import annotations

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
    heavy = ("httpx", "selectolax", "yaml", "charset_normalizer")
    probe = f"import sys, clipper.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = run(sys.executable, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
