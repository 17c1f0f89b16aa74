"""Pictures kept with clippings: formats, limits and reasons, fetched from a real local server."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clipper.article import Article
from clipper.fetch import FetchOptions
from clipper.images.fetch import collect_now, examine, referer
from clipper.images.formats import AVIF, GIF, JPEG, PNG, SVG, WEBP, dimensions, sniff
from clipper.images.model import ImageData, ImageOutcome
from clipper.images.refs import reference_key, rewrite, story_references
from clipper.images.srcset import Candidate, PageImages, choose, parse_srcset
from clipper.library import Library
from tests import pictures
from tests.conftest import Run, Server
from tests.test_fetch import Web
from tests.test_fetch import web as web  # the fixture


def story_html(figures: list[tuple[str, str]], *, lead: str | None = None, extra: str = "") -> str:
    """A news story with a captioned figure (``src``, alt) between each of its paragraphs
    (the extractor keeps figures that stand between paragraphs of the story)."""
    parts = []
    for number, (src, alt) in enumerate(figures):
        parts.append(
            f"<p>Paragraph {number} tells how the night ferry to the outer islands sails again "
            f"from Monday, after storm {number} kept it in port for weeks on end.</p>"
        )
        image = src if src.startswith("<") else f'<img src="{src}" alt="{alt}">'
        parts.append(f"<figure>{image}<figcaption>{alt}, the caption.</figcaption></figure>")
    parts.append(
        "<p>The harbour board said the timetable would return to normal by spring, and that "
        "islanders should book early for the summer crossings.</p>"
    )
    og = f'<meta property="og:image" content="{lead}">' if lead else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>Night ferry returns</title>{og}</head>'
        f"<body><article><h1>Night ferry returns</h1>{''.join(parts)}{extra}</article>"
        "</body></html>"
    )


def settings(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return {"CLIPPER_CONFIG": str(path)}


def listed(run: Run, clipping_id: int = 1) -> list[dict[str, object]]:
    result = run("images", str(clipping_id), "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


# -- formats ------------------------------------------------------------------------------


def test_formats_are_told_by_their_bytes_and_sized_by_their_headers() -> None:
    cases = [
        (pictures.png(7, 5), PNG, (7, 5)),
        (pictures.jpeg(33, 17), JPEG, (33, 17)),
        (pictures.GIF, GIF, (1, 1)),
        (pictures.webp_lossless(), WEBP, (1, 1)),
        (pictures.webp_lossy(), WEBP, (1, 1)),
        (pictures.webp_extended(1600, 900), WEBP, (1600, 900)),
        (pictures.avif(640, 480), AVIF, (640, 480)),
        (pictures.svg(120, 80), SVG, (120, 80)),
        (b"\xef\xbb\xbf  <!-- a drawing -->\n<svg viewBox='0 0 300 150'/>", SVG, (300, 150)),
    ]
    for data, kind, size in cases:
        assert sniff(data) is kind
        assert dimensions(data, kind) == size
    for other in (b"<!DOCTYPE html><html><svg/></html>", b"%PDF-1.7", b"", b"GIF8", b"{}"):
        assert sniff(other) is None
    assert dimensions(pictures.png()[:20], PNG) is None  # cut short: no size, no crash


def test_a_decompression_bomb_and_things_that_are_not_images_are_refused() -> None:
    bomb = pictures.bomb_png()
    assert len(bomb) < 64 * 1024  # small on the wire...
    assert examine(bomb) == (
        "a decompression bomb: its header claims 12000 × 12000 pixels, over 100 megapixels"
    )
    assert examine(b"<html><body>Log in</body></html>", "text/html; charset=utf-8") == (
        "not an image: an HTML page (sent as text/html)"
    )
    stored = examine(pictures.jpeg(16, 8), "image/png")  # mislabelled: the bytes decide
    assert isinstance(stored, ImageData) and stored.media_type == "image/jpeg"
    assert (stored.width, stored.height) == (16, 8)
    hostile = examine(pictures.HOSTILE_SVG)  # kept as data: never parsed, expanded or run
    assert isinstance(hostile, ImageData) and hostile.content == pictures.HOSTILE_SVG


# -- references in the Markdown, and srcset --------------------------------------------------


def test_a_storys_references_skip_code_and_put_a_lead_image_not_shown_first() -> None:
    markdown = (
        "Intro.\n\n![A harbour \\[map\\]](https://e.org/a.png)\\\n*The caption.*\n\n"
        "```\n![not an image](https://e.org/code.png)\n```\n\n"
        "Text `![no](https://e.org/span.png)` and \\![escaped](https://e.org/x.png).\n\n"
        '[![linked](https://e.org/b(1).png "t")](https://e.org/page) '
        "![again](https://e.org/a.png)"
    )
    refs = story_references(markdown, "https://e.org/lead.jpg")
    assert [(r.url, r.alt, r.lead) for r in refs] == [
        ("https://e.org/lead.jpg", "", True),
        ("https://e.org/a.png", "A harbour [map]", False),
        ("https://e.org/b(1).png", "linked", False),
    ]
    shown = story_references(markdown, "https://e.org/a.png")
    assert [r.lead for r in shown] == [True, False]  # the lead image is the story's own
    local = {"https://e.org/a.png": "attachments/aa.png"}
    assert rewrite(markdown, local.get) == markdown.replace(
        "](https://e.org/a.png)", "](attachments/aa.png)"
    )
    huge = "data:image/png;base64," + "A" * 5000
    assert reference_key(huge).startswith("data:image/png;sha256=")


def test_srcset_candidates_are_read_from_the_page_and_the_widest_that_fits_is_chosen() -> None:
    assert parse_srcset("a.jpg?w=1,2 480w, b.jpg 2x,c.jpg,") == [
        ("a.jpg?w=1,2", "480w"),
        ("b.jpg", "2x"),
        ("c.jpg", None),
    ]
    html = (
        '<img src="/s.jpg" srcset="/a-480.jpg 480w, /a-1200.jpg 1200w, /a-2400.jpg 2400w">'
        '<picture><source type="image/avif" srcset="/p.avif 1600w">'
        '<source type="image/webp" srcset="/p.webp 1600w, /p-800.webp 800w">'
        '<source type="image/x-unknown" srcset="/p.xyz 1000w"><img src="/p.jpg"></picture>'
        '<img src="/d.jpg" width="700" srcset="/d@2x.jpg 2x, /d@3x.jpg 3x">'
        '<img srcset="/w-3000.jpg 3000w, /w-2000.jpg 2000w">'
    )
    page = PageImages(html.encode(), "https://e.org/story")
    pick = lambda url: choose(url, page.candidates(url), 1600)  # noqa: E731
    assert pick("https://e.org/s.jpg") == "https://e.org/a-1200.jpg"
    assert pick("https://e.org/p.jpg") == "https://e.org/p.webp"  # not AVIF at equal width
    assert pick("https://e.org/d.jpg") == "https://e.org/d@2x.jpg"  # 2 × 700 = 1400 px
    # No src: the Markdown names the first candidate; all are wider, so the narrowest.
    assert pick("https://e.org/w-3000.jpg") == "https://e.org/w-2000.jpg"
    assert pick("https://e.org/unknown.jpg") == "https://e.org/unknown.jpg"
    assert choose("u", [Candidate("u"), Candidate("v", 900)], 800) == "u"


def test_the_referer_is_what_a_browser_sends() -> None:
    assert referer("https://e.org/a/story#top", "https://e.org/i.png") == "https://e.org/a/story"
    assert referer("https://e.org/a/story", "https://cdn.e.net/i.png") == "https://e.org/"
    assert referer("https://e.org/a/story", "http://e.org/i.png") is None
    assert referer(None, "https://e.org/i.png") is None


# -- clipping with pictures, from a real server ----------------------------------------------


def hostile_site(server: Server) -> str:
    """A story whose pictures cover every case: a lead image, srcset, a mislabelled JPEG,
    a redirect to a WebP, a hostile SVG, a 403, a login page, a bomb, a missing one."""
    server.route("/img/lead.png", pictures.png(40, 20), content_type="image/png")
    server.route("/img/photo.png", pictures.png(8, 6), content_type="image/png")
    server.route(
        "/img/chart-1600.webp", pictures.webp_extended(1600, 900), content_type="image/webp"
    )
    server.route("/img/mislabelled", pictures.jpeg(16, 16), content_type="image/png")
    server.route("/img/moved.png", b"", 302, location="/img/final.webp")
    server.route("/img/final.webp", pictures.webp_lossless(), content_type="image/webp")
    server.route("/img/drawing.svg", pictures.HOSTILE_SVG, content_type="image/svg+xml")
    server.route("/img/forbidden.png", b"<h1>Forbidden</h1>", 403, content_type="text/html")
    login = b"<!DOCTYPE html><html><body>Please log in" + b" " * 2000 + b"</body></html>"
    server.route("/img/login.png", login, content_type="text/html")
    server.route("/img/bomb.png", pictures.bomb_png(), content_type="image/png")
    chart = (
        '<picture><source type="image/avif" srcset="/img/chart-800.avif 800w">'
        '<source type="image/webp" srcset="/img/chart-800.webp 800w, /img/chart-1600.webp 1600w,'
        ' /img/chart-3200.webp 3200w"><img src="/img/chart.jpg" alt="A chart"></picture>'
    )
    figures = [("/img/photo.png", "The harbour"), (chart, "A chart")] + [
        (f"/img/{name}", name.split(".")[0].title())
        for name in ("mislabelled", "moved.png", "drawing.svg", "forbidden.png", "login.png",
                     "bomb.png", "gone.png")
    ]  # fmt: skip
    return server.route("/story", story_html(figures, lead="/img/lead.png"))


def test_clip_with_images_keeps_what_it_can_and_says_why_not_for_the_rest(
    server: Server, run: Run, library_path: Path
) -> None:
    url = hostile_site(server)
    result = run("clip", url, "--images")
    assert result.exit_code == 0, result.stderr
    assert "#1: 6 of 10 pictures stored (clipper images 1 says why not)." in result.stderr
    found = {Path(str(picture["url"])).name: picture for picture in listed(run)}
    assert [(name, p["status"], p["type"]) for name, p in found.items()] == [
        ("lead.png", "stored", "image/png"),
        ("photo.png", "stored", "image/png"),
        ("chart.jpg", "stored", "image/webp"),  # the widest srcset candidate up to 1,600 px
        ("mislabelled", "stored", "image/jpeg"),  # sent as image/png: the bytes decide
        ("moved.png", "stored", "image/webp"),  # followed the redirect
        ("drawing.svg", "stored", "image/svg+xml"),
        ("forbidden.png", "not stored", None),
        ("login.png", "not stored", None),
        ("bomb.png", "not stored", None),
        ("gone.png", "not stored", None),
    ]
    assert found["lead.png"]["lead"] is True and found["lead.png"]["in_story"] is False
    assert (found["chart.jpg"]["width"], found["chart.jpg"]["height"]) == (1600, 900)
    assert str(found["chart.jpg"]["source"]).endswith("/img/chart-1600.webp")
    assert str(found["moved.png"]["source"]).endswith("/img/final.webp")
    assert found["forbidden.png"]["reason"] == "HTTP 403 Forbidden"
    assert found["gone.png"]["reason"] == "HTTP 404 Not Found"
    assert found["login.png"]["reason"] == "not an image: an HTML page (sent as text/html)"
    assert str(found["bomb.png"]["reason"]).startswith("a decompression bomb: its header")
    # Only the chosen candidate was fetched, each picture once.
    assert "/img/chart-1600.webp" in server.requests
    assert not {"/img/chart.jpg", "/img/chart-800.webp", "/img/chart-3200.webp"} & set(
        server.requests
    )
    with sqlite3.connect(library_path) as db:
        (svg,) = db.execute("SELECT data FROM images WHERE type = 'image/svg+xml'").fetchone()
    assert svg == pictures.HOSTILE_SVG  # stored as data, byte for byte
    table = run("images", "1", env={"COLUMNS": "200"})
    assert "HTTP 403 Forbidden" in table.stdout and "image/webp" in table.stdout
    assert "1600×900" in table.stdout
    shown = run("show", "1").stdout.splitlines()
    at = shown.index("[image: The harbour]")
    assert shown[at + 1] == "The harbour, the caption."  # where it stands, with its caption


def test_limits_refuse_single_pictures_never_the_clipping(
    server: Server, run: Run, tmp_path: Path
) -> None:
    big = pictures.png(300, 300, (1, 2, 3))  # ~1 KB compressed, but decoded size is what counts
    server.route("/img/a.png", pictures.png(10, 10), content_type="image/png")
    server.route("/img/b.png", big, content_type="image/png")
    server.route("/img/c.png", pictures.png(20, 20, (9, 9, 9)), content_type="image/png")
    server.route("/img/d.png", pictures.png(30, 30, (5, 5, 5)), content_type="image/png")
    figures = [(f"/img/{name}.png", name) for name in "abcd"]
    url = server.route("/story", story_html(figures))
    two = len(pictures.png(10, 10)) + len(pictures.png(20, 20, (9, 9, 9)))  # a and c
    limits = settings(
        tmp_path,
        f"[fetch]\nimages = true\nmax_images = 3\nmax_image_mb = {(len(big) - 1) / 2**20}\n"
        f"max_images_mb = {(two - 1) / 2**20}\n",
    )
    result = run("clip", url, env=limits)  # images = true in the settings: no flag needed
    assert result.exit_code == 0, result.stderr
    reasons = {Path(str(p["url"])).stem: (p["status"], p["reason"]) for p in listed(run)}
    assert reasons["a"] == ("stored", None)
    assert reasons["b"][1].startswith("larger than") and "(max_image_mb)" in reasons["b"][1]
    assert reasons["c"][1].startswith("over the") and "(max_images_mb)" in reasons["c"][1]
    assert reasons["d"] == ("not stored", "beyond the first 3 pictures of the story (max_images)")
    assert "/img/d.png" not in server.requests  # beyond the count: not even fetched
    bad = run("clip", url, env=settings(tmp_path, '[fetch]\nimages = "yes"\n'))
    assert bad.exit_code == 1 and "images must be true or false" in bad.stderr


def test_data_urls_are_decoded_and_checked_like_any_picture(tmp_path: Path) -> None:
    import base64
    from urllib.parse import quote

    png = base64.b64encode(pictures.png(3, 2)).decode()
    markdown = (
        f"![dot](data:image/png;base64,{png}) "
        f"![drawing](data:image/svg+xml,{quote(pictures.svg(5, 5).decode())}) "
        "![broken](data:image/png;base64,%%%) ![page](data:text/html,%3C!doctype%20html%3E%3Cp%3Ex)"
    )
    outcomes = collect_now(Article(text="x", markdown=markdown), None, FetchOptions(images=True))
    assert [o.image.media_type if o.image else o.error[:32] for o in outcomes] == [
        "image/png",
        "image/svg+xml",
        "a data: URL that does not decode",
        "not an image: an HTML page",
    ]
    assert outcomes[0].image is not None and outcomes[0].image.content == pictures.png(3, 2)
    with Library.open(tmp_path / "l.db") as library:
        stored = library.add(Article(title="Dots", text="x", markdown=markdown), images=outcomes)
        assert [r.stored for r in library.images.of(stored.id)] == [True, True, False, False]


def test_reextract_and_refresh_fetch_what_is_missing_and_keep_what_is_stored(
    server: Server, run: Run, library_path: Path
) -> None:
    server.route("/img/a.png", pictures.png(10, 10), content_type="image/png")
    server.route("/img/b.png", b"gone for now", 410, content_type="text/plain")
    url = server.route("/story", story_html([("/img/a.png", "A"), ("/img/b.png", "B")]))
    assert run("clip", url).exit_code == 0  # without pictures
    assert [p["status"] for p in listed(run)] == ["not fetched", "not fetched"]
    table = run("images", "1", env={"COLUMNS": "200"})
    assert table.stdout.count("not fetched") == 2  # once a picture, in its status
    assert table.stderr == (
        "#1: 0 of 2 pictures stored; `clipper reextract 1 --images` fetches the 2 not fetched.\n"
    )
    known = run("clip", url, "--images")  # already in the library: not fetched, but said how
    assert "To fetch its pictures: clipper reextract 1 --images" in known.stderr
    first = run("reextract", "1", "--images")
    assert first.exit_code == 0, first.stderr
    assert "pictures: 1 stored, 1 not" in first.stderr
    server.route("/img/b.png", pictures.png(12, 12, (0, 0, 9)), content_type="image/png")
    server.requests.clear()
    second = run("refresh", "1", "--images")
    assert second.exit_code == 0, second.stderr
    assert [p["status"] for p in listed(run)] == ["stored", "stored"]
    assert "/img/a.png" not in server.requests  # stored already: not fetched again
    # The story drops picture A: it stays, listed as an earlier version's.
    url = server.route("/story", story_html([("/img/b.png", "B")]))
    assert run("refresh", "1").exit_code == 0
    rows = listed(run)
    assert [(Path(str(p["url"])).name, p["in_story"]) for p in rows] == [
        ("b.png", True),
        ("a.png", False),
    ]
    assert "earlier version" in run("images", "1", env={"COLUMNS": "200"}).stdout
    with sqlite3.connect(library_path) as db:
        assert db.execute("SELECT count(*) FROM images").fetchone()[0] == 2


def test_rm_removes_the_pictures_no_clipping_uses_and_stats_counts_them(
    tmp_path: Path, run: Run, library_path: Path
) -> None:
    shared = ImageData(pictures.png(5, 5), "image/png", 5, 5)
    own = ImageData(pictures.jpeg(8, 8), "image/jpeg", 8, 8)
    with Library.open(library_path) as library:
        for n, images in ((1, [shared, own]), (2, [shared])):
            markdown = " ".join(f"![x](https://e.org/{n}-{k}.img)" for k in range(len(images)))
            outcomes = [ImageOutcome(f"https://e.org/{n}-{k}.img", image)
                        for k, image in enumerate(images)]  # fmt: skip
            library.add(Article(title=f"S{n}", url=f"https://e.org/{n}", text="t",
                                markdown=markdown), images=outcomes)  # fmt: skip
    figures = json.loads(run("stats", "--json").stdout)
    assert (figures["images"], figures["images_bytes"]) == (2, shared.size + own.size)
    assert "2 images" in run("stats").stdout
    assert run("rm", "1", "--yes").exit_code == 0
    with sqlite3.connect(library_path) as db:
        assert db.execute("SELECT sha256 FROM images").fetchall() == [(shared.sha256,)]
    assert run("rm", "2", "--yes").exit_code == 0
    with sqlite3.connect(library_path) as db:
        assert db.execute("SELECT count(*) FROM images").fetchone()[0] == 0


@pytest.mark.parametrize("extraction", ["thread", "process"])
def test_a_batch_fetches_pictures_in_its_workers(
    server: Server, tmp_path: Path, extraction: str
) -> None:
    from clipper.batch import clip_batch
    from clipper.batch_view import counts_line

    for n in range(2):
        server.route(f"/img/{n}.png", pictures.png(4 + n, 4), content_type="image/png")
        server.route(f"/s{n}", story_html([(f"/img/{n}.png", "P"), ("/img/none.png", "Q")]))
    with Library.open(tmp_path / "l.db") as library:
        summary = clip_batch(
            library,
            [server.url("/s0"), server.url("/s1")],
            options=FetchOptions(images=True),
            extraction=extraction,  # type: ignore[arg-type]
        )
        assert summary.pictures == (2, 2)
        assert "pictures: 2 stored, 2 not" in counts_line(summary).plain
        stored = [r for c in library.clippings() for r in library.images.of(c.id) if r.stored]
        assert sorted((r.width, r.height) for r in stored) == [(4, 4), (5, 4)]


def test_jsonl_with_images_round_trips_byte_for_byte(
    server: Server, run: Run, tmp_path: Path
) -> None:
    url = hostile_site(server)
    assert run("clip", url, "--images").exit_code == 0
    first = tmp_path / "first.jsonl"
    assert run("export", "-f", "jsonl", "--to", str(first), "--with-images").exit_code == 0
    [record] = [json.loads(line) for line in first.read_text().splitlines()]
    assert len(record["images"]) == 10 and record["images"][0]["content_base64"]
    other = tmp_path / "other.db"
    assert run("--library", str(other), "import", str(first)).exit_code == 0
    second = tmp_path / "second.jsonl"
    exported = run("--library", str(other), "export", "-f", "jsonl", "--to", str(second),
                   "--with-images")  # fmt: skip
    assert exported.exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    damaged = first.read_text().replace(record["images"][0]["sha256"], "0" * 64)
    (tmp_path / "damaged.jsonl").write_text(damaged)
    refused = run(
        "--library", str(tmp_path / "third.db"), "import", str(tmp_path / "damaged.jsonl")
    )
    assert refused.exit_code == 1 and "images[0] does not match its sha256" in refused.stderr


# -- notes with their pictures ------------------------------------------------------------


def picture_library(path: Path) -> dict[str, ImageData]:
    """Two clippings sharing one picture, the first with a picture of its own and one
    that could not be stored; the second with a lead image its story does not show."""
    images = {
        "shared": ImageData(pictures.png(5, 5), "image/png", 5, 5),
        "own": ImageData(pictures.jpeg(8, 8), "image/jpeg", 8, 8),
        "drawing": ImageData(pictures.svg(4, 4), "image/svg+xml", 4, 4),
        "new": ImageData(pictures.webp_lossless(), "image/webp", 1, 1),
        "lead": ImageData(pictures.GIF, "image/gif", 1, 1),
    }
    stories = [
        (
            "Harbour & ferries <b>",
            ["shared", "own", "drawing", "missing"],
            None,
            "fr",
        ),
        ("Bridge opens", ["shared"], "lead", "en"),
    ]
    with Library.open(path) as library:
        for n, (title, names, lead, language) in enumerate(stories, start=1):
            urls = {name: f"https://e.org/img/{name}.{n}" for name in [*names, lead or ""]}
            markdown = "\n\n".join(
                [f"Story {n} begins."]
                + [f"![The {name} picture]({urls[name]})\\\n*Caption of {name}.*" for name in names]
                + [f"Story {n} ends."]
            )
            outcomes = [
                ImageOutcome(urls[name], images.get(name), "" if name in images else "HTTP 404")
                for name in [*([lead] if lead else []), *names]
            ]
            library.add(
                Article(title=title, url=f"https://e.org/{n}", text=f"Story {n} text.",
                        markdown=markdown, site="Example", authors=("Ann Lee",),
                        published=f"2026-03-0{n}", language=language,
                        image=urls[lead] if lead else None),
                images=outcomes,
            )  # fmt: skip
    return images


def test_notes_with_images_link_local_copies_and_tidy_their_attachments(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    images = picture_library(library_path)
    vault = tmp_path / "vault"
    result = run("export", "--to", str(vault), "--with-images")
    assert result.exit_code == 0, result.stderr
    assert "(2 written, 0 unchanged, 3 pictures added)" in result.stderr
    attachments = vault / "attachments"
    expected = {f"{images[n].sha256}.{ext}" for n, ext in
                (("shared", "png"), ("own", "jpg"), ("drawing", "svg"))}  # fmt: skip
    assert {p.name for p in attachments.iterdir()} == expected
    assert (attachments / f"{images['own'].sha256}.jpg").read_bytes() == pictures.jpeg(8, 8)
    first = (vault / "2026-03-01-harbour-ferries-b.md").read_text()
    assert f"![The own picture](attachments/{images['own'].sha256}.jpg)\\\n" in first
    assert "![The missing picture](https://e.org/img/missing.1)" in first  # not stored: its URL
    (attachments / "mine.png").write_bytes(b"a file of my own")
    again = run("export", "--to", str(vault), "--with-images")
    assert "(0 written, 2 unchanged)" in again.stderr  # nothing rewritten, nothing added
    # Clipping 1 goes: its own pictures leave the folder, the shared one stays.
    assert run("rm", "1", "--yes").exit_code == 0
    (vault / "2026-03-01-harbour-ferries-b.md").unlink()
    tidy = run("export", "--to", str(vault), "--with-images")
    assert "2 unused pictures removed" in tidy.stderr
    assert {p.name for p in attachments.iterdir()} == {f"{images['shared'].sha256}.png", "mine.png"}
    plain = run("export", "--to", str(vault))  # without pictures: the notes link the web again
    assert "1 unused picture removed" in plain.stderr
    assert {p.name for p in attachments.iterdir()} == {"mine.png"}
    stream = run("export", "--to", "-", "--with-images")
    assert stream.exit_code == 2 and "give a folder" in stream.stderr


def test_an_attachments_link_is_never_followed(
    run: Run, library_path: Path, tmp_path: Path
) -> None:
    picture_library(library_path)
    vault, elsewhere = tmp_path / "vault", tmp_path / "elsewhere"
    vault.mkdir()
    elsewhere.mkdir()
    (vault / "attachments").symlink_to(elsewhere, target_is_directory=True)
    result = run("export", "--to", str(vault), "--with-images")
    assert result.exit_code == 1
    assert "is not a folder clipper can write pictures into" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_site_whose_pictures_many_stories_show_gets_per_host_requests_at_once(
    web: Web, tmp_path: Path
) -> None:
    """Stories from two sites show pictures from a third: the worker that fetches that
    site fetches all of them, so ``per_host`` holds for it as for pages."""
    from clipper.batch import clip_batch

    lock = threading.Lock()
    active = [0, 0]  # now, most

    class SlowPictures(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                active[0] += 1
                active[1] = max(active)
            time.sleep(0.05)
            body = pictures.png(3, 3)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                active[0] -= 1

        def log_message(self, format: str, *args: object) -> None:
            pass

    shared = ThreadingHTTPServer(("127.0.0.1", 0), SlowPictures)
    threading.Thread(target=shared.serve_forever, daemon=True).start()
    cdn = f"http://127.0.0.1:{shared.server_address[1]}"
    port = web.base.rsplit(":", 1)[1]
    urls = []
    for n in range(6):
        figures = [(f"{cdn}/img/{n}-{k}.png", f"Picture {k}") for k in range(3)]
        web.page(f"/s{n}", story_html(figures).encode())
        urls.append(f"http://{('127.0.0.1', 'localhost')[n % 2]}:{port}/s{n}")
    try:
        with Library.open(tmp_path / "l.db") as library:
            summary = clip_batch(
                library, urls, options=FetchOptions(images=True, per_host=1, jobs=8),
                extraction="process",
            )  # fmt: skip
    finally:
        shared.shutdown()
        shared.server_close()
    assert summary.count("clipped") == 6 and summary.pictures == (18, 0)
    assert active[1] == 1
