"""Shell completion scripts for bash, zsh and fish, generated from the Typer app.

The scripts are static: they list clipper's commands and options, so pressing
Tab never starts Python (Typer's own completion runs the program on every
key press). They live in ``completions/`` in the repository, and a test fails
when they fall out of date with the app. Regenerate them with::

    python -m clipper.completions --write completions/

or print one: ``python -m clipper.completions bash``.

What is completed: commands (with their summaries in zsh and fish), the
commands of a group (``clipper feed add``...), options, the values of options
with a fixed set of choices (``--format``), and file names where a command
takes a file (``clip``'s sources, ``--library``, ``--to``, and any parameter
whose annotation is a ``Path`` or whose name or metavar says PATH, FILE or
SOURCE).
"""

from __future__ import annotations

import argparse
import enum
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHELLS = ("bash", "zsh", "fish")
FILENAMES = {"bash": "clipper.bash", "zsh": "_clipper", "fish": "clipper.fish"}
_FILE_WORDS = ("PATH", "FILE", "SOURCE", "FOLDER", "DIR")
_FILE_NAMES = {"library", "source", "sources", "to", "path", "file", "files", "folder"}
_HEADER = "generated from clipper's commands by `python -m clipper.completions`; do not edit"


@dataclass(frozen=True)
class Option:
    names: tuple[str, ...]  # long first, then short
    help: str
    takes_value: bool
    choices: tuple[str, ...] = ()
    files: bool = False
    repeatable: bool = False


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    options: tuple[Option, ...]
    files: bool  # its arguments are file names
    commands: tuple[Command, ...] = ()  # a group's own commands (``clipper feed add``)


def _summary(text: str | None) -> str:
    first = (text or "").strip().split("\n", 1)[0].strip()
    return first.rstrip(".")


def _is_files(parameter: Any) -> bool:
    if getattr(parameter.type, "name", "") == "path":  # a Path-typed parameter
        return True
    metavar = (parameter.metavar or "").upper()
    return parameter.name in _FILE_NAMES or any(word in metavar for word in _FILE_WORDS)


def _option(parameter: Any) -> Option:
    longs = [n for n in parameter.opts if n.startswith("--")]
    shorts = [n for n in parameter.opts if not n.startswith("--")]
    # Enum options become Click choices; read them there, where every Typer keeps them.
    choices = tuple(
        str(choice.value if isinstance(choice, enum.Enum) else choice)
        for choice in getattr(parameter.type, "choices", None) or ()
    )
    takes_value = not parameter.is_flag
    return Option(
        names=tuple(longs + shorts),
        help=_summary(parameter.help),
        takes_value=takes_value,
        choices=choices,
        files=takes_value and not choices and _is_files(parameter),
        repeatable=bool(parameter.multiple),
    )


def _help_option(help_names: Sequence[str]) -> Option:
    names = sorted(help_names, key=lambda n: (not n.startswith("--"), n))
    return Option(names=tuple(names), help="Show help and exit", takes_value=False)


def _visible_options(command: Any) -> list[Option]:
    help_names = command.context_settings.get("help_option_names", ["-h", "--help"])
    options = [
        _option(p)
        for p in command.params
        if p.param_type_name == "option" and not getattr(p, "hidden", False)
    ]
    return [*options, _help_option(help_names)]


def describe(app: Any = None) -> tuple[list[Option], list[Command]]:
    """The global options and the commands of ``app`` (clipper's, by default)."""
    import typer

    if app is None:
        from clipper.cli import app
    group: Any = typer.main.get_command(app)
    return _visible_options(group), _commands(group)


def _commands(group: Any) -> list[Command]:
    return [
        Command(
            name=name,
            summary=_summary(command.short_help or command.help),
            options=tuple(_visible_options(command)),
            files=any(p.param_type_name == "argument" and _is_files(p) for p in command.params),
            commands=tuple(_commands(command)) if hasattr(command, "commands") else (),
        )
        for name, command in group.commands.items()
        if not command.hidden
    ]


# -- bash ---------------------------------------------------------------------------------


def _words(options: Sequence[Option]) -> str:
    return " ".join(name for option in options for name in option.names)


def _bash_values(options: Sequence[Option], indent: str) -> list[str]:
    """``case "$prev"`` arms: what to complete after an option that takes a value."""
    lines = []
    for option in options:
        if not option.takes_value:
            continue
        pattern = "|".join(option.names)
        if option.choices:
            action = f'COMPREPLY=($(compgen -W "{" ".join(option.choices)}" -- "$cur"))'
        elif option.files:
            action = '_clipper_files "$cur"'
        else:
            action = ":"  # free text: nothing to offer
        lines.append(f"{indent}{pattern}) {action}; return ;;")
    return lines


def bash(globals_: Sequence[Option], commands: Sequence[Command]) -> str:
    valued = [name for o in globals_ if o.takes_value for name in o.names]
    out = [
        f"# bash completion for clipper; {_HEADER}.",
        "# Install: copy to ~/.local/share/bash-completion/completions/clipper,",
        "# or add `source /path/to/clipper.bash` to ~/.bashrc.",
        "",
        "_clipper_files() {",
        "    compopt -o filenames 2>/dev/null",
        '    COMPREPLY=($(compgen -f -- "$1"))',
        "}",
        "",
        "_clipper() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local i command=""',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in',
        f"            {'|'.join(valued)}) ((i++)) ;;" if valued else "            --) ;;",
        "            -*) ;;",
        '            *) command="${COMP_WORDS[i]}"; break ;;',
        "        esac",
        "    done",
        '    case "$command" in',
        '    "")',
        '        case "$prev" in',
        *_bash_values(globals_, "        "),
        "        esac",
        "        if [[ $cur == -* ]]; then",
        f'            COMPREPLY=($(compgen -W "{_words(globals_)}" -- "$cur"))',
        "        else",
        f'            COMPREPLY=($(compgen -W "{" ".join(c.name for c in commands)}" -- "$cur"))',
        "        fi",
        "        ;;",
    ]
    for command in commands:
        out.append(f"    {command.name})")
        if command.commands:
            out += _bash_group(command)
        else:
            out += _bash_command(command, "        ")
        out.append("        ;;")
    out += ["    esac", "}", "", "complete -F _clipper clipper", ""]
    return "\n".join(out)


def _bash_command(command: Command, indent: str) -> list[str]:
    """Completing a command's options, option values and (maybe) file arguments."""
    out = [
        f'{indent}case "$prev" in',
        *_bash_values(command.options, indent),
        f"{indent}esac",
        f"{indent}if [[ $cur == -* ]]; then",
        f'{indent}    COMPREPLY=($(compgen -W "{_words(command.options)}" -- "$cur"))',
    ]
    if command.files:
        out += [f"{indent}else", f'{indent}    _clipper_files "$cur"']
    return [*out, f"{indent}fi"]


def _bash_group(group: Command) -> list[str]:
    """Completing a group: its commands, then the chosen one's options."""
    out = [
        '        local sub=""',
        "        for ((i++; i < COMP_CWORD; i++)); do",
        '            case "${COMP_WORDS[i]}" in',
        "                -*) ;;",
        '                *) sub="${COMP_WORDS[i]}"; break ;;',
        "            esac",
        "        done",
        '        case "$sub" in',
        '        "")',
        "            if [[ $cur == -* ]]; then",
        f'                COMPREPLY=($(compgen -W "{_words(group.options)}" -- "$cur"))',
        "            else",
        f'                COMPREPLY=($(compgen -W "{" ".join(c.name for c in group.commands)}"'
        ' -- "$cur"))',
        "            fi",
        "            ;;",
    ]
    for command in group.commands:
        out += [
            f"        {command.name})",
            *_bash_command(command, "            "),
            "            ;;",
        ]
    return [*out, "        esac"]


# -- zsh ----------------------------------------------------------------------------------


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh_spec(option: Option) -> str:
    description = option.help.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    exclusive = "" if option.repeatable else f"({' '.join(option.names)})"
    prefix = "*" if option.repeatable else ""
    if option.takes_value:
        if option.choices:
            action = f"({' '.join(option.choices)})"
        elif option.files:
            action = "_files"
        else:
            action = " "
        tail = f":{option.names[0].lstrip('-')}:{action}"
    else:
        tail = ""
    if len(option.names) == 1:
        return _zsh_quote(f"{exclusive}{prefix}{option.names[0]}[{description}]{tail}")
    names = ",".join(option.names)
    return (
        _zsh_quote(f"{exclusive}{prefix}")
        + "{"
        + names
        + "}"
        + _zsh_quote(f"[{description}]{tail}")
    )


def _zsh_item(command: Command) -> str:
    """``name:summary`` for ``_describe``, which splits at the first unescaped colon."""
    return command.name + ":" + command.summary.replace(":", "\\:")


def _zsh_arguments(command: Command, indent: str) -> list[str]:
    specs = [_zsh_spec(option) for option in command.options]
    specs.append("'*:file:_files'" if command.files else "'*: :'")
    out = [f"{indent}_arguments \\"]
    out += [f"{indent}    {spec} \\" for spec in specs[:-1]]
    return [*out, f"{indent}    {specs[-1]}"]


def _zsh_group(group: Command) -> list[str]:
    """A group's commands first; then, its words shifted, the chosen one's arguments."""
    out = [
        "            if (( CURRENT == 2 )); then",
        "                local -a subcommands",
        "                subcommands=(",
        *[f"                    {_zsh_quote(_zsh_item(c))}" for c in group.commands],
        "                )",
        f"                _describe -t commands 'clipper {group.name} command' subcommands",
        "            else",
        "                shift words",
        "                (( CURRENT-- ))",
        "                case $words[1] in",
    ]
    for command in group.commands:
        out.append(f"                {command.name})")
        out += _zsh_arguments(command, "                    ")
        out.append("                    ;;")
    return [*out, "                esac", "            fi"]


def zsh(globals_: Sequence[Option], commands: Sequence[Command]) -> str:
    out = [
        "#compdef clipper",
        f"# zsh completion for clipper; {_HEADER}.",
        "# Install: copy to a folder in $fpath (e.g. ~/.zfunc, with `fpath+=~/.zfunc` before",
        "# `compinit` in ~/.zshrc), or add `source /path/to/_clipper` after `compinit`.",
        "",
        "_clipper() {",
        '    local curcontext="$curcontext" state line',
        "    typeset -A opt_args",
        "    _arguments -C \\",
        *[f"        {_zsh_spec(option)} \\" for option in globals_],
        "        '1: :->command' \\",
        "        '*:: :->arguments'",
        "    case $state in",
        "    command)",
        "        local -a commands",
        "        commands=(",
        *[f"            {_zsh_quote(_zsh_item(c))}" for c in commands],
        "        )",
        "        _describe -t commands 'clipper command' commands",
        "        ;;",
        "    arguments)",
        "        case $words[1] in",
    ]
    for command in commands:
        out.append(f"        {command.name})")
        if command.commands:
            out += _zsh_group(command)
        else:
            out += _zsh_arguments(command, "            ")
        out.append("            ;;")
    out += [
        "        esac",
        "        ;;",
        "    esac",
        "}",
        "",
        'if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then',
        '    _clipper "$@"',
        "else",
        "    compdef _clipper clipper",
        "fi",
        "",
    ]
    return "\n".join(out)


# -- fish ---------------------------------------------------------------------------------


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_option(option: Option, condition: str) -> str:
    parts = ["complete -c clipper", f"-n {_fish_quote(condition)}"]
    for name in option.names:
        parts.append(f"-l {name[2:]}" if name.startswith("--") else f"-s {name[1:]}")
    if option.takes_value:
        parts.append("-r")
        if option.choices:
            parts += ["-f", f"-a {_fish_quote(' '.join(option.choices))}"]
        elif option.files:
            parts.append("-F")
        else:
            parts.append("-f")
    parts.append(f"-d {_fish_quote(option.help)}")
    return " ".join(parts)


def fish(globals_: Sequence[Option], commands: Sequence[Command]) -> str:
    names = " ".join(c.name for c in commands)
    top = "not __fish_seen_subcommand_from " + names
    groups = [c for c in commands if c.commands]
    out = [
        f"# fish completion for clipper; {_HEADER}.",
        "# Install: copy to ~/.config/fish/completions/clipper.fish",
        "",
        "complete -c clipper -f",
        *[_fish_option(option, top) for option in globals_],
        *[
            f"complete -c clipper -n {_fish_quote(top)} -a {c.name} -d {_fish_quote(c.summary)}"
            for c in commands
        ],
    ]
    for command in commands:
        condition = f"__fish_seen_subcommand_from {command.name}"
        # `clipper feed list` is not `clipper list`: a group's words are not commands.
        shared = [g.name for g in groups if any(c.name == command.name for c in g.commands)]
        if shared:
            condition += f"; and not __fish_seen_subcommand_from {' '.join(shared)}"
        if command.commands:
            out += _fish_group(command)
            continue
        out += [_fish_option(option, condition) for option in command.options]
        if command.files:
            out.append(f"complete -c clipper -n {_fish_quote(condition)} -F")
    out.append("")
    return "\n".join(out)


def _fish_group(group: Command) -> list[str]:
    inside = f"__fish_seen_subcommand_from {group.name}"
    names = " ".join(c.name for c in group.commands)
    choosing = f"{inside}; and not __fish_seen_subcommand_from {names}"
    out = [
        f"complete -c clipper -n {_fish_quote(choosing)} -a {c.name} -d {_fish_quote(c.summary)}"
        for c in group.commands
    ]
    for command in group.commands:
        condition = f"{inside}; and __fish_seen_subcommand_from {command.name}"
        out += [_fish_option(option, condition) for option in command.options]
        if command.files:
            out.append(f"complete -c clipper -n {_fish_quote(condition)} -F")
    return out


def script(shell: str, app: Any = None) -> str:
    """The completion script for ``shell`` (bash, zsh or fish)."""
    globals_, commands = describe(app)
    generators = {"bash": bash, "zsh": zsh, "fish": fish}
    return generators[shell](globals_, commands)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m clipper.completions",
        description="Print or write clipper's shell completion scripts.",
    )
    parser.add_argument("shell", nargs="?", choices=SHELLS, help="print this shell's script")
    parser.add_argument(
        "--write", metavar="FOLDER", type=Path, help="write all three scripts into FOLDER"
    )
    options = parser.parse_args(argv)
    if options.write is None and options.shell is None:
        parser.error("give a shell, or --write FOLDER")
    if options.write is not None:
        options.write.mkdir(parents=True, exist_ok=True)
        for shell in SHELLS:
            target = options.write / FILENAMES[shell]
            target.write_text(script(shell), encoding="utf-8")
            print(f"wrote {target}", file=sys.stderr)
    if options.shell:
        sys.stdout.write(script(options.shell))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
