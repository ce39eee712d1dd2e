"""Issue 8, the safety net: the cleaner must never lose an article that the page plainly holds.

A class name ("sidebar", "related", "widget") may nominate a zone as boilerplate, but a zone
holding the page's prose is the article; and short paragraphs alone do not make an index page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsextract import extract_article

_URL = "https://harbour.example.com/news/2024/05/dredging-delayed"

_HARBOUR = [
    "The harbour commission met for almost four hours on Thursday evening before agreeing, by a single vote, "
    "to delay the dredging of the inner channel until the autumn.",
    "Fishing crews had argued that the silt bar at the mouth of the channel now grounds boats at every low "
    "spring tide, forcing them to wait offshore for up to three hours before landing their catch.",
    "Commissioners who voted for the delay said the contractor's price had risen by a fifth since the spring "
    "and that the harbour's reserves could not absorb the increase without cutting the maintenance budget.",
    "The chairman, Alan Treloar, said the decision was the hardest the commission had faced in his eleven "
    "years on it, and promised that the work would be put out to tender again within a month.",
    "Two skippers who attended the meeting said they would consider landing at the neighbouring port until "
    "the channel was cleared, which would cost the harbour several thousand pounds a month in dues.",
    "An environmental survey carried out last year found that the silt contains low levels of tributyltin "
    "from old antifouling paint, which means it cannot be dumped at sea without a special licence.",
    "The commission has applied for that licence, but officials said the marine regulator had not yet given "
    "a date for its decision, adding further uncertainty to the timetable for the work.",
    "The next public meeting of the harbour commission will be held on the first Thursday of next month, "
    "when the revised tender documents are expected to be published for comment.",
]


def _page(story: str, *, title: str = "Harbour commission delays dredging of silted channel") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Portlow Packet</title></head>
<body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/letters">Letters</a></nav>
<h1>{title}</h1>
{story}
<footer><a href="/about">About the Packet</a> <a href="/privacy">Privacy</a></footer>
</body></html>"""


def _zone_with_divs(paragraphs: list[str]) -> str:
    inner = "\n".join(f'<div class="text">{p}</div>' for p in paragraphs)
    return f'<div class="sidebar-content related-widget">\n{inner}\n</div>'


def _zone_with_breaks(paragraphs: list[str]) -> str:
    return '<div class="sidebar-content related-widget">\n' + "<br><br>\n".join(paragraphs) + "\n</div>"


@pytest.mark.parametrize("build", [_zone_with_divs, _zone_with_breaks], ids=["div-blocks", "br-lines"])
def test_article_in_a_zone_nominated_by_class_is_kept(build: Callable[[list[str]], str]) -> None:
    # The only prose on the page sits in a zone whose class says "sidebar", "related" and "widget".
    # Its content says article (eight long paragraphs, no links): it must not be removed.
    article = extract_article(_page(build(_HARBOUR)), url=_URL)
    missing = [p[:60] for p in _HARBOUR if p[:60] not in article.body]
    assert not missing, f"body lost the article's paragraphs {missing!r}; body: {article.body[:300]!r}"
    assert article.word_count > 200, f"word_count {article.word_count}, expected the ~270-word article"
    assert "no_article" not in article.warnings, f"warnings {article.warnings!r}"


_WIRE = [
    "Heavy rain closed the coast road between Polwenna and St Ives for most of Tuesday, police said.",
    "A section of embankment near the Carn Gloose junction slipped shortly after 6 a.m., blocking both lanes.",
    "No vehicles were caught in the slip, but two cars were stranded between the debris and a fallen tree.",
    "Highways crews cleared one lane by early afternoon and said the road would reopen fully on Wednesday.",
    "Buses on the coastal route were diverted inland, adding about twenty minutes to journeys each way.",
    "The Met Office had issued a yellow warning for rain, with up to 60 millimetres forecast on high ground.",
    "Several homes in Porthcarrow reported flooded gardens, though no properties were flooded inside.",
    "The fire service pumped water from a care home car park after a drain overflowed in the morning.",
    "Council engineers will inspect the embankment this week to decide whether it needs permanent repairs.",
    "The same stretch of road was closed for three days in 2021 after a smaller slip in similar weather.",
    "Residents said drainage ditches along the road had not been cleared since last autumn's storms.",
    "The council said a programme of ditch clearing would begin next month, weather permitting.",
]


def test_twelve_short_paragraphs_are_an_article() -> None:
    # Wire style: one sentence a paragraph, every one under 30 words. That is an article, not an index.
    story = '<div class="story-text">\n' + "\n".join(f"<p>{p}</p>" for p in _WIRE) + "\n</div>"
    article = extract_article(
        _page(story, title="Landslip closes coast road after heavy rain"),
        url="https://packet.example.com/news/2024/02/landslip-closes-coast-road",
    )
    assert article.body, f"empty body; warnings {article.warnings!r}"
    assert article.word_count > 150, f"word_count {article.word_count}, expected the ~200-word story"
    assert _WIRE[0] in article.body and _WIRE[-1] in article.body, f"body: {article.body[:300]!r}"
