"""The library's guarantees under concurrent use, full disks and read-only files.

Each test drives real ``clipper`` processes (``python -m clipper``) against a real
library file, because these guarantees are about processes and files, not calls.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<link rel="canonical" href="https://example.org/story-{n}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>Paragraph one of story {n} tells of the harbour, the ships and the storm that came at night.</p>
<p>Paragraph two of story {n} follows the crew as they bring the cargo ashore before dawn.</p>
</article><footer>Copyright Example Media</footer></body></html>"""


def clipper(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "clipper", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def write_pages(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for n in range(count):
        page = folder / f"story-{n}.html"
        page.write_text(ARTICLE.format(n=n, title=f"Harbour story number {n}"), encoding="utf-8")
        pages.append(page)
    return pages


def check_integrity(library: Path) -> None:
    with sqlite3.connect(library) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO clippings_fts(clippings_fts) VALUES ('integrity-check')")


def test_eight_writers_and_readers_share_one_new_library(tmp_path: Path) -> None:
    library = tmp_path / "shared.db"
    pages = write_pages(tmp_path / "pages", 8)
    writers = [clipper("--library", library, "clip", page, "--json") for page in pages]
    readers = [clipper("--library", library, "search", "harbour", "--json") for _ in range(4)]
    for process in writers + readers:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "locked" not in err and "busy" not in err
    with sqlite3.connect(library) as db:
        urls = sorted(row[0] for row in db.execute("SELECT url FROM clippings"))
        assert urls == sorted(f"https://example.org/story-{n}" for n in range(8))
        assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 8
    check_integrity(library)


RACE = """
import sys, time
from clipper.article import Article
from clipper.library import Library
while time.time() < float(sys.argv[2]):
    pass
with Library.open(sys.argv[1]) as library:
    library.add(Article(title="t", url="https://example.org/" + sys.argv[3], text="w"))
"""


def test_processes_creating_one_library_at_the_same_instant_all_succeed(tmp_path: Path) -> None:
    # Creating the file, switching it to WAL and migrating it are the racy moments.
    import time

    library = tmp_path / "new.db"
    start = str(time.time() + 1.0)
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(library), start, str(n)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(12)
    ]
    for racer in racers:
        _, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
    with sqlite3.connect(library) as db:
        assert db.execute("SELECT count(*) FROM clippings").fetchone()[0] == 12
    check_integrity(library)


def run_clipper(
    *args: str | Path, limit_file_size: int | None = None
) -> subprocess.CompletedProcess[str]:
    """Run clipper to completion; ``limit_file_size`` makes larger writes fail, like a full disk."""

    def full_disk() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing us
        assert limit_file_size is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run(
        [sys.executable, "-m", "clipper", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=full_disk if limit_file_size is not None else None,
    )


def records(library: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(library) as db:
        return db.execute("SELECT id, url, title, text FROM clippings ORDER BY id").fetchall()


def test_a_full_disk_is_one_line_and_loses_nothing(tmp_path: Path) -> None:
    library = tmp_path / "full.db"
    first, second = write_pages(tmp_path / "pages", 2)
    assert run_clipper("--library", library, "clip", first).returncode == 0
    before = records(library)
    # A big page needs many new pages in the WAL file; the disk "fills" a few KB in.
    big = second.read_text(encoding="utf-8").replace(
        "</article>", "<p>" + "More about the harbour and the storm. " * 4000 + "</p></article>"
    )
    second.write_text(big, encoding="utf-8")
    result = run_clipper(
        "--library", library, "clip", second, limit_file_size=library.stat().st_size + 8192
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ")
    assert "full" in result.stderr and "nothing was saved" in result.stderr
    assert "Traceback" not in result.stderr
    assert records(library) == before
    check_integrity(library)
    # And the library still takes new clippings once there is room again.
    assert run_clipper("--library", library, "clip", second).returncode == 0
    assert len(records(library)) == 2


def test_a_read_only_library_can_be_read_but_not_changed(tmp_path: Path) -> None:
    library = tmp_path / "archive.db"
    first, second = write_pages(tmp_path / "pages", 2)
    assert run_clipper("--library", library, "clip", first).returncode == 0
    before = records(library)
    library.chmod(0o444)
    try:
        listed = run_clipper("--library", library, "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert '"title": "Harbour story number 0"' in listed.stdout
        found = run_clipper("--library", library, "search", "harbour", "--json")
        assert found.returncode == 0 and found.stdout.count("\n") == 1
        refused = run_clipper("--library", library, "clip", second)
        assert refused.returncode == 1
        assert refused.stderr.count("\n") == 1
        assert "is read-only" in refused.stderr
        assert "Traceback" not in refused.stderr
    finally:
        library.chmod(0o644)
    assert records(library) == before
    check_integrity(library)


# -- crashes and hostile servers: the fast versions of benchmarks/soak.py ----------------


def test_a_batch_killed_at_random_moments_loses_nothing_it_reported(tmp_path: Path) -> None:
    from benchmarks.soak import crash_loop

    report = crash_loop(tmp_path, pages=30, kills=3, seed=7)
    assert report.kills == 3
    assert report.lost == []
    assert report.damaged == []
    assert (report.stored_at_end, report.duplicates) == (30, 0)


def test_a_hostile_server_cannot_stop_a_batch_or_hide_a_failure(tmp_path: Path) -> None:
    from benchmarks.soak import soak

    # A deadline that well-behaved pages meet even on a loaded machine; stalls and
    # trickles still run into it.
    report = soak(tmp_path, 80, seed=3, hostile_share=0.5, timeout=4.0)
    assert report.returncode == 1  # some URLs failed, as they must
    assert report.unaccounted == []
    assert report.good_not_clipped == []
    assert report.hostile_clipped == []
    assert report.failed >= sum(report.failures_by_kind.values()) > 20
    assert report.peak_rss < 1 << 30
