"""Bytes to text: BOM, the page's declaration, the HTTP header, detection; never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clipper
from clipper.extraction.decode import declared_charset, decode_html, normalize_label

# One story per legacy encoding, long enough to read like a page, short enough
# to be honest about what a small page gives detection to work with.
STORIES = {
    "windows-1251": (
        "Российские и китайские бомбардировщики патрулировали Тихий океан",
        "Российские и китайские бомбардировщики совершили совместное патрулирование над "
        "Японским и Восточно-Китайским морями. Министерство обороны заявило, что полёт не был "
        "направлен против третьих стран и проходил в строгом соответствии с международным правом.",
    ),
    "shift_jis": (
        "ロシアと中国の爆撃機が太平洋上空で共同パトロール",
        "ロシアと中国の爆撃機が日本海と東シナ海の上空で共同パトロールを行った。ロシア国防省は、"
        "この飛行は第三国に向けたものではなく、国際法に厳格に従って実施されたと述べた。",
    ),
    "gb18030": (
        "俄罗斯和中国轰炸机在太平洋上空联合巡逻",
        "俄罗斯和中国轰炸机在日本海和东海上空进行了联合巡逻。俄罗斯国防部表示，这次飞行并非针对"
        "第三国，并严格按照国际法的规定进行。两国军队的合作水平进一步提高。",
    ),
    "euc-kr": (
        "러시아와 중국 폭격기, 태평양 상공서 합동 순찰",
        "러시아와 중국 폭격기가 동해와 동중국해 상공에서 합동 순찰을 실시했다. 러시아 국방부는 "
        "이번 비행이 제3국을 겨냥한 것이 아니며 국제법에 따라 엄격하게 진행됐다고 밝혔다.",
    ),
    "iso-8859-2": (
        "Rosyjskie i chińskie bombowce patrolowały Pacyfik",
        "Rosyjskie i chińskie bombowce przeprowadziły wspólny patrol nad Morzem Japońskim i "
        "Morzem Wschodniochińskim. Ministerstwo obrony oświadczyło, że lot nie był skierowany "
        "przeciwko państwom trzecim. Zażółć gęślą jaźń.",
    ),
}
# A declaration that is wrong for each story and still decodes its bytes.
WRONG = {
    "windows-1251": "iso-8859-2",
    "shift_jis": "euc-jp",
    "gb18030": "big5",
    "euc-kr": "shift_jis",
    "iso-8859-2": "windows-1251",
}


def page(encoding: str, meta: str | None = None) -> str:
    title, paragraph = STORIES[encoding]
    declaration = f'<meta charset="{meta}">' if meta else ""
    return (
        f"<!DOCTYPE html><html><head>{declaration}<title>{title}</title></head><body>"
        f"<article><h1>{title}</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
        "</body></html>"
    )


@pytest.mark.parametrize("encoding", list(STORIES))
@pytest.mark.parametrize("where", ["meta", "header", "nowhere"])
def test_legacy_encodings_decode_with_or_without_a_declaration(encoding: str, where: str) -> None:
    html = page(encoding, meta=encoding if where == "meta" else None)
    raw = html.encode(encoding)
    text, _used = decode_html(raw, encoding if where == "header" else None)
    assert text == html


@pytest.mark.parametrize("encoding", list(STORIES))
def test_page_declaration_beats_a_wrong_header(encoding: str) -> None:
    html = page(encoding, meta=encoding)
    assert decode_html(html.encode(encoding), WRONG[encoding])[0] == html


@pytest.mark.parametrize("encoding", list(STORIES))
def test_right_header_beats_a_wrong_page_declaration(encoding: str) -> None:
    html = page(encoding, meta=WRONG[encoding])
    assert decode_html(html.encode(encoding), encoding)[0] == html


@pytest.mark.parametrize("encoding", list(STORIES))
def test_title_and_body_come_out_right_through_extract(encoding: str) -> None:
    title, paragraph = STORIES[encoding]
    raw = page(encoding).encode(encoding)  # no declaration at all
    article = clipper.extract(raw, url="https://example.org/story")
    assert article.title == title
    assert paragraph in article.text
    header = {"Content-Type": f"text/html; charset={WRONG[encoding]}"}
    declared = page(encoding, meta=encoding).encode(encoding)
    article = clipper.extract(declared, url="https://example.org/story", headers=header)
    assert article.title == title
    assert paragraph in article.text


def test_valid_utf8_beats_any_label() -> None:
    utf8 = "<meta charset='iso-8859-1'><p>Pékin, Москва, 北京</p>".encode()
    assert decode_html(utf8, "windows-1251") == (utf8.decode(), "utf-8")
    assert decode_html("<p>Pékin</p>".encode(), "iso-8859-1") == ("<p>Pékin</p>", "utf-8")


def test_byte_order_marks() -> None:
    assert decode_html(b"\xef\xbb\xbf<p>x</p>") == ("<p>x</p>", "utf-8")
    assert decode_html(b"\xff\xfe" + "<p>ü</p>".encode("utf-16-le")) == ("<p>ü</p>", "utf-16-le")
    assert decode_html(b"\xfe\xff" + "<p>ü</p>".encode("utf-16-be")) == ("<p>ü</p>", "utf-16-be")


def test_latin1_label_reads_as_windows_1252() -> None:
    html = "<meta charset='iso-8859-1'><p>“Quotes” – and € in a Latin-1 page</p>"
    raw = html.encode("cp1252")
    assert decode_html(raw) == (html, "cp1252")
    # windows-1252's unassigned bytes do not make the page undecodable.
    assert decode_html(b"<meta charset='windows-1252'><p>a\x81b\xe9</p>")[0].endswith("a\x81bé</p>")


def test_a_declaration_that_cannot_decode_is_skipped() -> None:
    html = page("windows-1251", meta="utf-8")  # the template says UTF-8; the bytes are not
    assert decode_html(html.encode("cp1251"))[0] == html
    html = page("windows-1251", meta="shift_jis")
    assert decode_html(html.encode("cp1251"))[0] == html


def test_xml_declaration_and_late_meta() -> None:
    html = '<?xml version="1.0" encoding="windows-1251"?><html><p>Привет, мир</p></html>'
    assert decode_html(html.encode("cp1251"))[0] == html
    late = "<html><head><script>" + "var x = 1;" * 800 + "</script>"
    late += '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>'
    late += "<body><p>Привет, мир</p></body></html>"
    assert decode_html(late.encode("koi8_r"))[0] == late


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"<p>x\xff\xfe\xfd</p>",
        b"\x80\x81\x82\x83" * 100,
        b"<meta charset='no-such-encoding'><p>\xe9\xe8</p>",
        bytes(range(256)) * 4,
        b"<meta charset='utf-16'><p>\xff</p>",
    ],
)
def test_never_crashes(raw: bytes) -> None:
    text, encoding = decode_html(raw, "bogus/charset")
    assert isinstance(text, str)
    assert encoding


def test_labels() -> None:
    assert normalize_label("ISO-8859-1") == "cp1252"
    assert normalize_label("Shift_JIS") == "cp932"
    assert normalize_label("GB2312") == "gb18030"
    assert normalize_label("EUC-KR") == "cp949"
    assert normalize_label("utf-16") == "utf-8"
    assert normalize_label("x-unknown") is None
    assert declared_charset(b'<meta http-equiv="content-type" content="text/html; charset=gbk">')
    assert declared_charset(b"<html><body><p>charset=koi8-r</p>") is None


@pytest.mark.parametrize("encoding", ["iso-8859-2", "windows-1251", "shift_jis"])
def test_detection_reads_the_story_not_the_ascii_navigation_before_it(encoding: str) -> None:
    navigation = "<nav>" + "<a href='/section'>Section link</a> " * 1500 + "</nav>"
    html = page(encoding).replace("<body>", "<body>" + navigation)
    assert len(html) > 50_000
    assert decode_html(html.encode(encoding))[0] == html


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "shift_jis", "latin-1", "x"]))
def test_any_bytes_decode_without_error(raw: bytes, header: str | None) -> None:
    text, encoding = decode_html(b"<meta charset='gbk'>" + raw, header)
    assert isinstance(text, str) and encoding
