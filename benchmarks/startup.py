"""Start-up time: clipper's quick commands beside a bare two-command Typer app.

Runs, in one go and interleaved (so that machine noise hits all alike), each
command as a fresh subprocess N times and prints the median and the fastest
run. The floor is a bare Typer app with two commands, run the same way; the
target is ``clipper --help`` at most 1.3x that floor. ``python -c pass`` is shown
too, as the interpreter's own share, and the bare app running one of its
commands, the fair floor for ``clipper list``.

    .venv/bin/python benchmarks/startup.py              # 20 runs each
    .venv/bin/python benchmarks/startup.py --runs 50
    .venv/bin/python benchmarks/startup.py --profile    # slowest imports of `clipper --help`
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:  # run as a script: benchmarks/ is on the path
    from installed import compile_clipper
except ImportError:  # imported as benchmarks.startup
    from benchmarks.installed import compile_clipper

TARGET_RATIO = 1.3

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"Hello {name}")


@app.command()
def bye(name: str) -> None:
    """Say goodbye."""
    print(f"Bye {name}")


app()
'''


def clipper_command() -> list[str]:
    """The installed console script next to this interpreter, else ``-m clipper``."""
    script = Path(sys.executable).parent / "clipper"
    return [str(script)] if script.exists() else [sys.executable, "-m", "clipper"]


def make_library(path: Path, clippings: int = 25) -> None:
    from clipper.article import Article
    from clipper.library import Library

    with Library.open(path) as library:
        for n in range(clippings):
            library.add(
                Article(
                    title=f"Story number {n} about the harbour bridge",
                    url=f"https://news.example.org/{n}",
                    site="Example News",
                    published=f"2024-01-{n % 28 + 1:02d}",
                    text="The bridge opened on Monday. " * 40,
                ),
                tags=["bridge", f"t{n % 3}"],
            )


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def profile(env: dict[str, str]) -> None:
    """The ten imports with the largest cumulative time in ``clipper --help``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import sys; sys.argv = ['clipper', '--help'];"
         " from clipper.cli import main; main()"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line.split("|")
            rows.append((int(cumulative), name.rstrip()))
    print("\nslowest imports (cumulative µs) in `clipper --help`:")
    for cumulative, name in sorted(rows, reverse=True)[:10]:
        print(f"  {cumulative:>8}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per command (default 20)")
    parser.add_argument("--profile", action="store_true", help="show the slowest imports")
    options = parser.parse_args()
    compile_clipper()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bare = root / "bare.py"
        bare.write_text(BARE_APP)
        library = root / "clippings.db"
        make_library(library)
        env = {**os.environ, "CLIPPER_LIBRARY": str(library), "COLUMNS": "100"}
        env.pop("CLIPPER_CONFIG", None)
        clipper = clipper_command()
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "bare Typer app --help": [sys.executable, str(bare), "--help"],
            # Running any command costs Typer more than --help (it builds Pydantic
            # adapters to convert parameters), so `list` has its own floor.
            "bare Typer app hello NAME": [sys.executable, str(bare), "hello", "you"],
            "clipper --help": [*clipper, "--help"],
            "clipper --version": [*clipper, "--version"],
            "clipper list (25 clippings)": [*clipper, "list"],
        }
        for command in commands.values():  # warm the file cache and .pyc files
            time_once(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, command in commands.items():
                times[name].append(time_once(command, env))

        floor = statistics.median(times["bare Typer app --help"])
        print(f"start-up, {options.runs} runs each, interleaved ({sys.executable})\n")
        print(f"{'command':<30} {'median':>9} {'fastest':>9} {'× bare app':>11}")
        for name, samples in times.items():
            median = statistics.median(samples)
            print(
                f"{name:<30} {median * 1000:>7.1f}ms {min(samples) * 1000:>7.1f}ms"
                f" {median / floor:>10.2f}x"
            )
        ratio = statistics.median(times["clipper --help"]) / floor
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(
            f"\nclipper --help is {ratio:.2f}x the bare app: {verdict} the ≤ {TARGET_RATIO}x target"
        )
        command_floor = statistics.median(times["bare Typer app hello NAME"])
        list_ratio = statistics.median(times["clipper list (25 clippings)"]) / command_floor
        print(f"clipper list is {list_ratio:.2f}x the bare app running a command")
        if options.profile:
            profile(env)


if __name__ == "__main__":
    main()
