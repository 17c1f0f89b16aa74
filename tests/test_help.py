"""Every command explains itself: a one-line summary, an example, and a place in the README.

The commands are read from the Typer app itself, so a command added later is
checked too; the failure messages say what to add and where.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from clipper.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, typer.core.TyperCommand]:
    """Every command by the words that run it: ``list``, and a group's ``feed add``."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    found: dict[str, typer.core.TyperCommand] = {}
    for name, command in group.commands.items():
        if command.hidden:
            continue
        found[name] = command  # type: ignore[assignment]
        for sub, inner in getattr(command, "commands", {}).items():
            if not inner.hidden:
                found[f"{name} {sub}"] = inner
    return found


COMMANDS = sorted(commands())
TOP_LEVEL = [name for name in COMMANDS if " " not in name]


def test_the_app_has_the_commands_people_expect() -> None:
    expected = {"clip", "extract", "search", "list", "show", "export"}
    expected |= {"open", "tag", "note", "star", "unstar", "rm", "stats", "config"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_a_summary_and_an_example(name: str) -> None:
    command = commands()[name]
    doc = (command.help or "").strip()
    where = f"the docstring of the function registered as `{name}` in clipper/cli.py"
    assert doc, f"`clipper {name}` has no help text: write {where}"
    summary = doc.splitlines()[0].strip()
    assert len(summary) <= 80 and summary.endswith("."), (
        f"`clipper {name}`: start {where} with a one-line summary of at most 80 characters "
        f"ending with a full stop (now: {summary!r})"
    )
    assert re.search(rf"^\s*Example: clipper {re.escape(name)}\b", doc, re.MULTILINE), (
        f"`clipper {name}`: add a line `Example: clipper {name} ...` at the end of {where}"
    )
    shown = CliRunner().invoke(
        app, [*name.split(), "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"}
    )
    assert shown.exit_code == 0, shown.output
    assert summary in " ".join(shown.stdout.split())
    assert f"Example: clipper {name}" in shown.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    mentioned = re.search(rf"\bclipper {re.escape(name)}\b", README) is not None
    assert mentioned, (
        f"README.md never mentions `clipper {name}`: add it, with an example, to the "
        "'Using clipper' section"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help(name: str) -> None:
    for parameter in commands()[name].params:
        if isinstance(parameter, typer.core.TyperOption) and not parameter.hidden:
            assert parameter.help, (
                f"`clipper {name}` option {parameter.opts[0]} has no help: "
                "give it help=... in its typer.Option"
            )


def test_the_top_level_help_has_an_example() -> None:
    shown = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert shown.exit_code == 0
    assert "Example: clipper clip" in shown.stdout
    for name in TOP_LEVEL:
        assert re.search(rf"^│ {name}\s", shown.stdout, re.MULTILINE), name


def test_a_group_lists_its_commands() -> None:
    shown = CliRunner().invoke(app, ["feed", "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert shown.exit_code == 0
    for name in ("add", "list", "update", "rm", "import", "export"):
        assert f"feed {name}" in COMMANDS
        assert re.search(rf"^│ {name}\s", shown.stdout, re.MULTILINE), name


@pytest.mark.parametrize("name", COMMANDS)
def test_usage_shows_where_several_values_are_taken(name: str) -> None:
    # `clipper star [OPTIONS] {ID}` hid that `clipper star 12 15` works.
    for param in commands()[name].params:
        named = param.metavar or param.name or ""
        several = isinstance(param, typer.core.TyperArgument) and param.nargs == -1
        if several and param.metavar and "QUERY" not in named:  # a query's words are one query
            assert named.endswith("...") or named.startswith("["), (
                f"`clipper {name}`: the argument {named!r} takes several values; "
                f"end its metavar with '...' (as in ID...)"
            )
