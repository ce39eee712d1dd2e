"""Pictures that are not the article's: teaser cards, author portraits, newsletter promos; and texts
that are not captions: bylines, newsletter teasers, lists of headlines (fixtures img_teasers_avatars,
img_false_captions)."""

from __future__ import annotations

from fixture_articles import fixture_article, image_urls


def test_related_story_card_inside_the_text_is_not_an_article_image() -> None:
    assert not any("traders-meeting" in url for url in image_urls(fixture_article("img_teasers_avatars")))


def test_reporter_portrait_beside_the_byline_is_not_an_article_image() -> None:
    assert not any("/people/" in url for url in image_urls(fixture_article("img_teasers_avatars")))


def test_only_the_story_picture_remains_of_cards_and_portraits() -> None:
    story_picture = "https://media.northgate-echo.example/2024/05/market-street-1600.jpg"
    assert image_urls(fixture_article("img_teasers_avatars")) == [story_picture]


def test_author_card_printed_as_a_figure_is_neither_image_nor_caption() -> None:
    article = fixture_article("img_false_captions")
    assert not any("/autoren/" in url for url in image_urls(article))
    assert not any("Redakteurin" in (image.caption or "") for image in article.images)


def test_newsletter_teaser_is_no_caption_and_its_promo_picture_no_image() -> None:
    article = fixture_article("img_false_captions")
    assert not any("Newsletter" in (image.caption or "") for image in article.images)
    assert not any("/promo/" in url for url in image_urls(article))


def test_list_of_related_headlines_is_no_caption_of_the_chart() -> None:
    images = fixture_article("img_false_captions").images
    chart = [image for image in images if image.url.endswith("leitzins-grafik-1200.png")]
    assert chart and chart[0].caption is None


def test_the_real_caption_beside_false_ones_is_kept_and_the_lead() -> None:
    lead = fixture_article("img_false_captions").images[0]
    assert lead.caption == "Der Sitz der Europäischen Zentralbank im Frankfurter Ostend."
    assert lead.is_lead


def test_short_texts_answer_as_text_within_whatever_the_order_of_limits() -> None:
    # The judge reads a block's text once and answers later limits from that reading.
    from selectolax.lexbor import LexborHTMLParser

    from newsextract.extract.node_text import ShortTexts, text_within

    html = "<div id=a><p> Caption  text </p><span>by <b>Jane   Doe</b></span>\n<i>  </i>more words here</div>"
    node = LexborHTMLParser(html).css_first("#a")
    assert node is not None
    limits = [5, 30, 10, 200, 12, 22, 23, 0, 1000]
    for start in range(len(limits)):
        texts = ShortTexts()
        for limit in limits[start:] + limits[:start]:
            assert texts.within(node, limit) == text_within(node, limit), limit
