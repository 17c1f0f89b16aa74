"""completions/ holds bash, zsh and fish scripts that match the app's commands and work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clipper.completions import FILENAMES, SHELLS, describe, script

FOLDER = Path(__file__).parent.parent / "completions"
REGENERATE = "python -m clipper.completions --write completions/"


@pytest.mark.parametrize("shell", SHELLS)
def test_the_committed_scripts_are_up_to_date(shell: str) -> None:
    path = FOLDER / FILENAMES[shell]
    assert path.exists(), f"{path} is missing: run `{REGENERATE}` and commit it"
    assert path.read_text(encoding="utf-8") == script(shell), (
        f"{path} is out of date with clipper's commands or options: "
        f"run `{REGENERATE}` and commit the result"
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_every_command_and_option_is_in_every_script(shell: str) -> None:
    text = script(shell)
    _, commands = describe()
    assert {c.name for c in commands} >= {"list", "show", "tag", "rm", "config", "export"}
    every = [*commands, *(sub for c in commands for sub in c.commands)]
    assert {c.name for c in commands if c.commands} == {"feed"}
    for command in every:
        assert command.name in text
        for option in command.options:
            long = option.names[0]
            assert (long[2:] if shell == "fish" else long) in text, (command.name, long)


def test_the_module_prints_a_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "clipper.completions", "fish"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == script("fish")


def test_writing_the_scripts(tmp_path: Path) -> None:
    from clipper.completions import main

    assert main(["--write", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILENAMES.values())


def complete_in_bash(line: str, cwd: Path) -> list[str]:
    """What bash offers for Tab at the end of ``line``, using the committed script."""
    program = f"""
source {FOLDER / FILENAMES["bash"]}
COMP_LINE='{line}'
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_clipper
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return sorted(filter(None, result.stdout.splitlines()))


def test_bash_completes_commands_options_values_and_files(tmp_path: Path) -> None:
    (tmp_path / "saved-page.html").write_text("<p>x</p>")
    (tmp_path / "notes").mkdir()
    assert complete_in_bash("clipper s", tmp_path) == ["search", "show", "star", "stats"]
    assert complete_in_bash("clipper list --s", tmp_path) == ["--since", "--site", "--starred"]
    assert complete_in_bash("clipper export --format ", tmp_path) == ["epub", "jsonl", "markdown"]
    assert complete_in_bash("clipper clip sa", tmp_path) == ["saved-page.html"]
    assert complete_in_bash("clipper -L ", tmp_path) == ["notes", "saved-page.html"]
    assert complete_in_bash("clipper --library x.db rm --", tmp_path) == [
        "--help",
        "--json",
        "--yes",
    ]
    assert complete_in_bash("clipper list --tag ", tmp_path) == []  # free text
    assert complete_in_bash("clipper show ", tmp_path) == []  # an id: nothing to guess


def test_bash_completes_a_groups_commands_and_their_options(tmp_path: Path) -> None:
    (tmp_path / "subscriptions.opml").write_text("<opml/>")
    assert complete_in_bash("clipper feed ", tmp_path) == [
        "add", "export", "import", "list", "rm", "update",
    ]  # fmt: skip
    assert complete_in_bash("clipper feed up", tmp_path) == ["update"]
    assert complete_in_bash("clipper -L x.db feed update --d", tmp_path) == ["--dry-run"]
    assert complete_in_bash("clipper feed list --", tmp_path) == ["--help", "--json"]
    assert complete_in_bash("clipper feed import sub", tmp_path) == ["subscriptions.opml"]
    assert complete_in_bash("clipper list --fe", tmp_path) == ["--feed"]


def test_fish_does_not_take_a_groups_list_for_the_list_command() -> None:
    text = script("fish")
    assert (
        "complete -c clipper -n '__fish_seen_subcommand_from list; "
        "and not __fish_seen_subcommand_from feed' -l site"
    ) in text
    assert (
        "-n '__fish_seen_subcommand_from feed; and __fish_seen_subcommand_from list' -l json"
        in text
    )
