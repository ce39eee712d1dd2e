"""The extractor's vocabulary: every selector, class-name pattern, word list and threshold, as data.

Names nominate, evidence decides. A class word ("sidebar", "caption"), a selector or a label only
puts an element forward; the extract modules keep or drop it on measured evidence (its share of the
page's prose, its link density, its length), and the limits of that evidence are the numbers in
``thresholds``. Tuning a heuristic therefore means editing data here, never hunting through code.

Modules, by topic (each imported directly: ``from newsextract.extract.vocabulary.zones import DROP_TAGS``):

- ``zones``: tags that never carry article text; boilerplate class words, roles and zone tags.
- ``body``: boilerplate lines, datelines, lone time stamps, the fallback's blocks, CJK text.
- ``bylines``: byline selectors, "By"-words, role / credential / organisation words, name shapes.
- ``captions``: caption selectors and class words, caption labels and what is no caption.
- ``credits``: photo-credit selectors, labels, lead-ins, agencies, rights notices and their patterns.
- ``dates``: time zones, month names, update labels, URL days, zones whose dates are not the story's.
- ``headlines``: title separators and section labels, navigation zones.
- ``images``: picture elements and containers, lazy attributes, placeholder / chrome addresses.
- ``metadata``: <meta> keys per field and schema.org types.
- ``thresholds``: every numeric threshold and work bound, grouped by the module that reads it.

What is not here, on purpose: HTML's own grammar and the parser guard built on it (void and raw-text
elements, scopes and depth limits in nesting.py; the srcset syntax in image_sources.py; a compound
selector in node_match.py; binary signatures and script/style ends in page.py), the Markdown shapes
blocks.py reads back from the main-text extractor, text.py's word / space / fold primitives, and
objects built from this data (the SelectorList matchers in captions.py and images.py). They are
specs and machinery, not tuning. Nor are the patterns and sizes of ``extract/main_text``: they are
trafilatura 2.3's own (its XPaths as attribute tests), ported so that both give the same text.
"""
