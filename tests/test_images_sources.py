"""Where pictures come from: AMP, <picture>/<source>, lazy-loading attributes, <noscript> copies,
page order and the lead (fixtures img_amp_story, img_lazy_lead)."""

from __future__ import annotations

from fixture_articles import fixture_article, image_urls

from newsextract import extract_article


def test_amp_img_figures_are_article_images_with_their_largest_rendition() -> None:
    article = fixture_article("img_amp_story")
    assert image_urls(article) == [
        "https://img.donaukurier-online.de/2024/06/passau-altstadt-flut-1600x900.jpg",
        "https://img.donaukurier-online.de/2024/06/sandsaecke-helfer-800x533.jpg",
    ]
    assert article.images[1].caption == "Freiwillige füllen in Deggendorf Sandsäcke für die Deiche an der Isarmündung."


def test_lead_block_above_the_headline_comes_first_and_is_the_lead() -> None:
    images = fixture_article("img_lazy_lead").images
    assert images[0].url == "https://cdn.railwayreview.example/uploads/2024/03/nightjet-vienna-2400x1260.jpg"
    assert [image.is_lead for image in images] == [True, False, False, False]


def test_noscript_copy_of_a_lazy_picture_is_not_a_second_image() -> None:
    urls = image_urls(fixture_article("img_lazy_lead"))
    assert not any("nightjet-vienna-1200x630" in url for url in urls), urls


def test_placeholder_img_in_a_picture_takes_the_widest_source_candidate() -> None:
    urls = image_urls(fixture_article("img_lazy_lead"))
    assert "https://cdn.railwayreview.example/uploads/2024/03/couchette-1280.webp" in urls


def test_data_img_url_placeholder_is_a_picture_with_its_data_caption() -> None:
    images = fixture_article("img_lazy_lead").images
    found = [image for image in images if image.url.endswith("/route-map-full.png")]
    assert found and found[0].caption == "Night routes planned for 2025, in red."


def test_a_loaders_own_data_srcset_attribute_is_read() -> None:
    urls = image_urls(fixture_article("img_lazy_lead"))
    assert "https://cdn.railwayreview.example/uploads/2024/03/dining-car-1600.jpg" in urls


def test_og_image_marks_the_lead_when_it_is_another_rendition_of_a_later_picture() -> None:
    html = """<html><head><title>Harbour reopens</title>
    <meta property="og:image" content="https://cdn.example.org/2024/05/harbour-crane-1200x630.jpg"></head><body>
    <article><h1>Harbour reopens after the storm</h1>
    <figure><img src="https://cdn.example.org/2024/05/map-of-the-harbour-800.png" width="800" height="600" alt="">
    <figcaption>The harbour and the new breakwater.</figcaption></figure>
    <p>The harbour reopened on Monday after three weeks of repairs to the breakwater, the port authority said.</p>
    <figure><img src="https://cdn.example.org/2024/05/harbour-crane-2048x1152.jpg" width="2048" height="1152" alt="">
    <figcaption>A crane lifts the last concrete block into place.</figcaption></figure>
    <p>Fishing boats were the first to leave, followed by the ferry to the islands in the afternoon.</p>
    </article></body></html>"""
    images = extract_article(html, url="https://news.example.org/2024/05/harbour-reopens").images
    assert [image.is_lead for image in images] == [False, True]


def test_noise_hints_stand_for_every_match_of_the_noise_expression() -> None:
    # _is_noise skips the expression for an ASCII path holding none of its hints: each kind of
    # noise address, in any case, must still be told apart exactly as the expression tells it.
    from urllib.parse import urlsplit

    from newsextract.extract.images import _is_noise
    from newsextract.extract.vocabulary.images import IMAGE_URL_NOISE

    paths = [
        "data:image/gif;base64,R0l",
        "/img/Pixel.png",
        "/SPACER.gif",
        "/blank.GIF",
        "/1X1.png",
        "/Tracking/x.jpg",
        "/Logo/site.png",
        "/site-LOGO_2.png",
        "/avatars/a.jpg",
        "/Gravatar/b.jpg",
        "/Icons/c.png",
        "/sprite.png",
        "/PlaceHolder.jpg",
        "/Lazy-Load.gif",
        "/lazyload.gif",
        "/loading.GIF",
        "/Transparent.png",
        "/Ad/banner.jpg",
        "/ads/b.jpg",
        "/DoubleClick/x",
        "/chart.SVG",
        "/chart.svg?x=1",
        "/2024/05/photo-1200x800.jpg",
        "/uploads/städte.jpg",
        "/ſpacer.gif",
        "/logos.svgz",
        "/adventure.jpg",
    ]
    for path in paths:
        url = path if path.startswith("data:") else f"https://example.com{path}"
        expected = bool(IMAGE_URL_NOISE.search(urlsplit(url).path or url))
        assert _is_noise(url) is expected, path
