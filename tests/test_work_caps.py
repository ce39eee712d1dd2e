"""Work caps: a page past one is still extracted, bounded, with a warning naming the cap."""

from __future__ import annotations

from newsextract import ExtractSettings, extract_article

_PROSE = "".join(
    f"<p>The harbour council met again on Tuesday to weigh the bridge plan, item {i}.</p>" for i in range(6)
)


def _page(extra: str) -> str:
    return f"<html><body><article><h1>Bridge plan weighed again</h1>{_PROSE}{extra}</article></body></html>"


def test_images_past_the_cap_are_left_out_with_a_warning() -> None:
    figures = "".join(
        f'<figure><img src="/p/{i}.jpg" width="800"><figcaption>Photo number {i} of the '
        f"bridge works</figcaption></figure>"
        for i in range(6)
    )
    article = extract_article(_page(figures), url="https://example.com/a", settings=ExtractSettings(max_images=2))
    assert len(article.images) == 2 and "images_capped" in article.warnings
    uncapped = extract_article(_page(figures), url="https://example.com/a")
    assert len(uncapped.images) == 6 and "images_capped" not in uncapped.warnings


def test_table_cells_past_the_cap_are_cut_with_a_warning() -> None:
    rows = "".join(f"<tr><td>row {i}</td><td>value {i * 7}</td></tr>" for i in range(50))
    article = extract_article(
        _page(f"<table>{rows}</table>"), url="https://example.com/a", settings=ExtractSettings(max_table_cells=10)
    )
    assert "tables_capped" in article.warnings
    assert "row 4 " in article.body + " " and "row 40" not in article.body
    assert "item 5" in article.body  # the article itself stays whole


def test_paragraphs_past_the_cap_are_read_directly_and_the_article_kept() -> None:
    notices = "".join(f"<p>Notice {i}: the quay stays closed.</p>" for i in range(40))
    article = extract_article(
        _page(notices), url="https://example.com/a", settings=ExtractSettings(max_main_text_paragraphs=20)
    )
    assert "main_text_capped" in article.warnings
    assert "item 0" in article.body and "item 5" in article.body
