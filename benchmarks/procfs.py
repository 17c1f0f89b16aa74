"""Reading processes from Linux's /proc, shared by the benchmarks that measure a
whole tree of them (clipper's batch runs extraction in worker processes)."""

from __future__ import annotations

from pathlib import Path


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux /proc)."""
    found, pending = [pid], [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            pending += children
    return found
