"""Captions as CMSes print them, and credits split off in any language (fixtures img_caption_shapes,
img_credits_languages)."""

from __future__ import annotations

import pytest
from fixture_articles import fixture_article

from newsextract import Article
from newsextract.extract.images import split_credit


def _caption_of(article: Article, url_end: str) -> str | None:
    found = [image for image in article.images if image.url.endswith(url_end)]
    assert found, f"no image ending {url_end}: {[image.url for image in article.images]}"
    return found[0].caption


def test_figure_in_an_image_widget_keeps_caption_and_named_credit() -> None:
    lead = fixture_article("img_caption_shapes").images[0]
    assert lead.caption == "The entrance to the Svalbard Global Seed Vault, cut into a mountainside near Longyearbyen."
    assert lead.credit == "Ingrid Solberg/The AP"


def test_caption_block_after_the_picture_box_past_its_enlarge_button() -> None:
    caption = _caption_of(fixture_article("img_caption_shapes"), "seed-boxes-1200.jpg")
    assert caption == "Boxes from gene banks in 23 countries arrived in the February deposit."


def test_caption_after_a_lazy_picture_and_its_noscript_copy() -> None:
    caption = _caption_of(fixture_article("img_caption_shapes"), "tunnel-1200.jpg")
    assert caption == "The tunnel was rebuilt in 2019 after meltwater seeped in."


def test_short_text_sharing_a_small_wrapper_with_the_picture() -> None:
    caption = _caption_of(fixture_article("img_caption_shapes"), "longyearbyen-1200.jpg")
    assert caption == "Longyearbyen, the nearest town, has about 2,500 inhabitants."


def test_captions_found_beside_pictures_leave_the_body() -> None:
    body = fixture_article("img_caption_shapes").body
    assert "Boxes from gene banks" not in body
    assert "Enlarge image" not in body


@pytest.mark.parametrize(
    ("url_end", "caption", "credit"),
    [
        (
            "durban-reed-dance.jpg",
            "Young women carry reeds to the royal kraal during the Umkhosi woMhlanga.",
            "Sibusiso Ndlovu",
        ),
        (
            "budapest-busojaras.jpg",
            "Masked busós parade through Mohács to chase away the winter.",
            "MTI/Koszticsák Szilárd",
        ),
        (
            "krakow-lajkonik.jpg",
            "The Lajkonik rides through Kraków’s old town on the Thursday after Corpus Christi.",
            "Jakub Porzycki",
        ),
        ("seoul-lanterns.jpg", "연등회 행렬이 서울 종로를 지나고 있다", "연합뉴스"),
        ("kyoto-aoi.jpg", "葵祭の行列が京都御所を出発した", "共同通信"),
    ],
)
def test_credit_printed_in_the_papers_language_is_split_off(url_end: str, caption: str, credit: str) -> None:
    image = next(image for image in fixture_article("img_credits_languages").images if image.url.endswith(url_end))
    assert (image.caption, image.credit) == (caption, credit)


@pytest.mark.parametrize(
    ("printed", "text", "credit"),
    [
        ("Young women carry reeds. Isithombe: Sibusiso Ndlovu", "Young women carry reeds.", "Sibusiso Ndlovu"),
        ("Masked busós parade. Fotó: MTI/Koszticsák Szilárd", "Masked busós parade.", "MTI/Koszticsák Szilárd"),
        ("The Lajkonik rides. Zdjęcie: Jakub Porzycki", "The Lajkonik rides.", "Jakub Porzycki"),
        ("[사진 출처 = 연합뉴스] 연등회 행렬이 지나고 있다", "연등회 행렬이 지나고 있다", "연합뉴스"),
        ("연등회 행렬이 지나고 있다. 사진=연합뉴스", "연등회 행렬이 지나고 있다.", "연합뉴스"),
        ("葵祭の行列が出発した 写真：共同通信", "葵祭の行列が出発した", "共同通信"),
        ("日本代表の石川（Ｃ）共同通信社", "日本代表の石川", "共同通信社"),
        ("Onion braids at the market (Photo: Anna Keller)", "Onion braids at the market", "Anna Keller"),
        ("Alex Lowes had a strong season, Foto: LAT Images", "Alex Lowes had a strong season", "LAT Images"),
        (
            "The pig farm near Neustadt. Bildrechte: Deutsches Rundfunkarchiv",
            "The pig farm near Neustadt.",
            "Deutsches Rundfunkarchiv",
        ),
        (
            "Biden met his advisers on Saturday. Keystone/The White House via AP/Adam Schultz",
            "Biden met his advisers on Saturday.",
            "Keystone/The White House via AP/Adam Schultz",
        ),
        ("Georgescu campaigns on TikTok. Getty Images", "Georgescu campaigns on TikTok.", "Getty Images"),
        ("Thousands rallied in Tbilisi on Monday. - Copyright", "Thousands rallied in Tbilisi on Monday.", None),
        ("The riders at the start line Credit: Jane Doe", "The riders at the start line", "Jane Doe"),
        (
            "Y bác sĩ nội soi cho bệnh nhân. Ảnh: Bệnh viện cung cấp",
            "Y bác sĩ nội soi cho bệnh nhân.",
            "Bệnh viện cung cấp",
        ),
    ],
)
def test_split_credit_in_any_language(printed: str, text: str, credit: str | None) -> None:
    assert split_credit(printed) == (text, credit)


@pytest.mark.parametrize(
    "printed",
    [
        "Chef Holland-Moritz (r.) talks to an inspector.",
        "German soldiers on patrol (Kundus, 6.12.2010)",
        "Electric car sales rose only slightly (+1,3 %)",
        "The museum bought a picture by Monet",
        "Section (c) of the law applies here and there",
    ],
)
def test_text_that_only_looks_like_a_credit_stays_in_the_caption(printed: str) -> None:
    assert split_credit(printed) == (printed, None)


@pytest.mark.parametrize("doctype", ["<!DOCTYPE html>", ""])  # quirks mode matches class names in any case
def test_stray_captions_tell_known_from_loosely_named_in_one_walk(doctype: str) -> None:
    """Known caption markup is kept whatever its size; a loosely named block ([class*=caption], in
    this case) only when short and free of paragraphs; known ones first, each in page order."""
    from selectolax.lexbor import LexborHTMLParser

    from newsextract.extract.stray_captions import stray_captions

    long_text = "word " * 200
    tree = LexborHTMLParser(
        f"{doctype}<html><body>"
        '<div class="has-Caption">Loose short</div>'
        f'<div class="caption">{long_text}</div>'
        '<div class="article--with-captions"><p>Body</p></div>'
        '<span class="CAPTION">Upper</span><p class="infotext">Info</p>'
        '<figcaption class="photo-caption Caption">Both</figcaption>'
        f'<div class="xcaptionx">{long_text}</div>'
        "</body></html>"
    )
    texts = [n.text(deep=True)[:11] for n in stray_captions(tree)]
    upper = [] if doctype else ["Upper"]  # .caption matches "CAPTION" in quirks mode only
    assert texts == ["word word w", *upper, "Info", "Both", "Loose short"]


def test_the_caption_candidates_walk_lists_every_known_caption_class() -> None:
    """stray_captions walks for a class naming one of STRAY_CAPTION_CLASS_PARTS in place of the known
    class selectors: each of them must name one."""
    from newsextract.extract.vocabulary.captions import STRAY_CAPTION_CLASS_PARTS, STRAY_CAPTION_SELECTORS

    classes = [s[1:] for s in STRAY_CAPTION_SELECTORS if s.startswith(".")]
    assert classes and all(" " not in c and "." not in c and "[" not in c for c in classes)
    # The others are walked for as they are and matched without classes (whose case quirks mode ignores).
    assert all(s.startswith(".") or ("." not in s and " " not in s) for s in STRAY_CAPTION_SELECTORS)
    assert all(any(part in c.lower() for part in STRAY_CAPTION_CLASS_PARTS) for c in classes)
