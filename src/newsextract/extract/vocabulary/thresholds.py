"""Every numeric threshold and work bound of the extractor, grouped by the module that reads it.

Shares and densities are fractions of a measured whole (a zone's prose over the page's); word and
character counts are measured on normalised text. Bounds named MAX_* that cap work (nodes visited,
candidates read) keep hostile pages linear and never change the result on a sane page."""

from __future__ import annotations

from datetime import timedelta

# extract/__init__.py: assembling the record
MIN_ALT_WORDS = 4
# Captions and credits compared with the body: a huge gallery's captions left the page with their figures.
MAX_REPEATED_TEXTS = 1_000


# blocks.py: typing the body's paragraphs
SEGMENT_PREFIX_CHARS = 40  # a long paragraph and a long segment agree when their starts do

SEGMENT_CANDIDATES = 8  # segments tried per paragraph and direction, so a label repeated a thousand times costs no more


# body.py: the body text, its fallback and its clean-up
CAPTION_MIN_WORDS = 3

# In the fallback, a container's own text counts as a paragraph from this length (a sentence, not a label).
OWN_TEXT_MIN_CHARS = 40

# A repeat of a long first paragraph (the standfirst) or of any long paragraph is an artefact, never the author's.
STANDFIRST_MIN_WORDS = 12
PASTED_MIN_WORDS = 30
# A lone time stamp line is short.
TIMESTAMP_MAX_WORDS = 10
# An index page's text: no paragraph of an article's length, and links or linked headings throughout.
INDEX_MAX_PARAGRAPH_WORDS = 30
INDEX_MAX_PARAGRAPH_CHARS = 150
INDEX_LINK_DENSITY = 0.5
INDEX_MIN_TEASERS = 6
# A paragraph inside a caption is that caption only when the caption is a sentence, not a name or a label,
MIN_CONTAINING_CAPTION_WORDS = 5
# and the paragraph adds little to it (a credit, a dateline).
MAX_CAPTION_PARAGRAPH_GROWTH = 1.3
# A paragraph repeating the byline is short; a longer one only mentions the author.
MAX_BYLINE_PARAGRAPH_CHARS = 160
# A "By …" line with most of the byline's words is the byline printed again (roles and dates differ).
BYLINE_SIMILARITY = 0.6
# The headline is printed again only at the top of the text, near word for word.
HEADLINE_REPEAT_PARAGRAPHS = 3
HEADLINE_SIMILARITY = 0.9
# Twins: a paragraph repeating the one before with a little added; short ones agree by chance.
TWIN_MIN_WORDS = 8
TWIN_SIMILARITY = 0.85


# byline.py: finding the byline
MAX_BYLINE_CHARS = 200

# Candidates read per selector: each costs its subtree's text, so a page of 10,000
# nested "author" elements stays linear.
MAX_CANDIDATES = 100
# Nodes read per byline candidate: a byline prints at most MAX_BYLINE_CHARS, so its subtree is small.
MAX_BYLINE_NODES = 500
MAX_BARE_WORDS = 4  # "Associated Press" in a byline slot: a byline, though it names no person
# A "By Jane Doe" line printed in the text stands among its first paragraphs.
BYLINE_SEARCH_PARAGRAPHS = 4


# captions.py: reading a picture's caption
MAX_CAPTION_CHARS = 1200
MAX_CAPTION_ELEMENTS = 40

# A short text sharing a small wrapper with a picture is its caption; longer text is the article's.
MAX_BLOCK_CAPTION_WORDS = 60
MAX_BLOCK_CAPTION_CHARS = 400
# Text children of a caption block beside a picture: more make it a text block, not a caption.
MAX_BLOCK_TEXT_CHILDREN = 2
# A block whose class names a caption may be longer than an unnamed one, but no article.
MAX_NAMED_BLOCK_WORDS = 80
# How far up from a picture its caption's wrapper may be.
WRAPPER_LEVELS = 4
# A byline or date line printed in a figure ("By X, 3 May 2024") is short.
MAX_BYLINE_WORDS = 15
# A link of this many words is a teaser's headline: a block holding one is no caption.
CAPTION_HEADLINE_LINK_WORDS = 3

# "Search for:", "Photos:": a form or section label.
MAX_LABEL_WORDS = 4

# Above this a text is prose, not a caption: no need to look for buttons in it.
MAX_VISIBLE_TEXT_CHARS = 3000

# A button's or an icon's label ("Enlarge", "Bildbeschreibung ausklappen").
MAX_LABEL_CHARS = 200

# Generous, so that a word limit read as characters never cuts a caption short.
CAPTION_CHARS_PER_WORD = 12

# A caption holds at least two words of letters (or twice as many CJK signs).
MIN_CAPTION_WORDS = 2


# clean.py: cleaning the tree
LINK_LIST_MIN_ITEMS = 10
LINK_LIST_DENSITY = 0.8

# A child of the main text holding this share of its prose is one part of a story split in sections.
SECTION_SHARE = 0.15
# Sections are merged only when together they hold most of the page's prose.
MERGE_MIN_SHARE = 0.5


# credits.py: splitting a photo credit off its caption
MAX_CREDIT_WORDS = 14
MAX_CREDIT_CHARS = 120
# A caption that is only names joined by a slash or beside an agency is a credit when this short.
MAX_AGENCY_CREDIT_WORDS = 6
# A name after " | " or " / " at the end of a caption is a credit when it is this short.
MAX_SEPARATED_WORDS = 5
# Words in a credit in parentheses and in a last segment; a longer one is a sentence.
MAX_PARENS_CREDIT_WORDS = 8
MAX_SEGMENT_CREDIT_WORDS = 8
# A caption that is only a bracketed text is a credit when that text is a few words.
MAX_BRACKETED_CREDIT_WORDS = 6


# dates.py: parsing and guessing dates
EARLIEST_YEAR = 1990

# htmldate scans the whole text with many patterns; dates sit near the top,
# and a bound keeps a huge page from costing seconds. 100,000 rather than 300,000
# characters: a third less date-guessing time, date accuracy equal or better on every dataset.
DATE_SEARCH_CHARS = 100_000
# htmldate's last resort, a cascade of date patterns, reads only this much of the page's text, from
# the top, where a story prints its date: over the whole page it mostly found copyright years and
# other stories' dates (wrong on 10 of the 12 pages with a gold date where it answered).
DATE_LEAD_CHARS = 5_000
# dateutil's fuzzy parse reads a date's text only this far: a date is short, the work is bounded.
MAX_DATE_TEXT_CHARS = 80


# dom.py: walking the tree
# Ancestry walks stop here: a deeper node is treated as inside whatever is
# above it, which keeps hostile 10,000-deep pages linear.
MAX_WALK = 80
# A paragraph's length votes in full for its parent and at half for its grandparent: the article root
# is the container most prose sits right inside, not the page wrapper around it.
PARAGRAPH_VOTE_WEIGHTS = (1.0, 0.5)

# Paragraphs this long vote for their container as the article root; shorter ones are labels.
MIN_PARAGRAPH_CHARS = 40
# An element declared the article body ([itemprop=articleBody]) counts when it holds more than a teaser.
MIN_DECLARED_BODY_CHARS = 200
# The images' scope widens to the <article> or <main> only when it is not much more than the text.
MAX_SCOPE_GROWTH = 3


# evidence.py: finding the main text by its prose
MIN_PROSE_CHARS = 40
MAX_PROSE_LINK_DENSITY = 0.5

# Widen to an ancestor only when it holds clearly more prose than the current region.
WIDEN_GAIN = 1.3
MAX_WIDEN_LEVELS = 12

# A single text block replaces the paragraph container only when it clearly outweighs it
# (a whole post in one <br>-separated <div>), not a long cookie or legal notice.
TEXT_BLOCK_GAIN = 2.0


# explain.py: the removal log
EXCERPT_CHARS = 160


# headline.py: choosing the headline
CUT_OFF_CHARS = 100  # SEO tools and feeds cut headlines at 100-110 characters

# An <h1> of more words is a paragraph styled as a heading.
MAX_HEADLINE_WORDS = 40
# A <title> cut short ("…") replaces the printed headline only after this many words.
MIN_TITLE_WORDS = 3
MIN_PRINTED_WORDS = 3  # shorter <h1>s ("Politics", a site name) count only when metadata confirms them
# A run of text inside an <h1> (a kicker beside the headline) is a candidate from two words.
MIN_INNER_WORDS = 2
MIN_SITE_NAME_CHARS = 3  # host labels "co", "m" name nothing
MAX_HEADLINE_H1S = 2  # more <h1>s in the article: they are its section headings
MAX_H1S = 50  # bounds the work on pages that misuse <h1>
# Nodes read inside one <h1>: a headline is small; this bounds a misused one.
MAX_INNER_NODES = 30
# An <h1> found inside the <title> is the headline when it is a real phrase and most of the title.
MIN_H1_IN_TITLE_CHARS = 12
MIN_H1_TITLE_SHARE = 0.4
# A leading label is dropped only when a real headline follows it.
MIN_HEADLINE_AFTER_LABEL_WORDS = 4
# A short last segment after a long headline is the site's name, even when it is spelt otherwise.
MAX_SITE_SUFFIX_WORDS = 4
MIN_HEADLINE_BEFORE_SUFFIX_CHARS = 20


# image_evidence.py: telling article pictures from teasers, ads and portraits
# Declared sizes (px) at or below which a picture is an icon, an avatar or a button.
TINY_IMAGE_PX = 100
# How far up from a picture its link, its card or its author block may be.
CARD_LEVELS = 4
CARD_HEADLINE_LINK_WORDS = 3
# A card mostly made of links is a teaser; teasers beside the article are many but small.
TEASER_LINK_SHARE = 0.6
MAX_CARDS_SHARE = 0.3
# A teaser card is short: a headline, a line, a picture.
MAX_TEASER_CARD_WORDS = 60
MAX_TEASER_CARD_CHARS = 600
# An author block (portrait, name, role) is short; longer text is the article's.
MAX_AUTHOR_BLOCK_CHARS = 200

# Slack, in characters, between a wrapper's text and the caption it holds (labels, "Enlarge").
WRAPPER_SLACK = 40

# Above this a zone is more than a picture's wrapper: no need to look inside.
MAX_WRAPPER_CHARS = 1500

# A zone holding this share of the region's text (and few links) is the article itself.
PROSE_SHARE = 0.3
PROSE_LINK_SHARE = 0.3

# A picture this many times wider than high is a banner or a strip, not a photo.
BANNER_RATIO = 4
# An uncaptioned picture counts from this declared width; narrower ones are thumbnails.
MIN_LOOSE_WIDTH = 200


# image_region.py: the article's region on the page
# Pages with more headings than this are index pages or hostile; the first ones are enough.
MAX_REGION_HEADINGS = 12


# image_sources.py: a picture's real address
DATA_URL_PREFIX_CHARS = 16


# images.py: collecting the article's pictures
CONTAINER_LEVELS = 6
# A container named like a figure ("media") holding more text wraps the story, not a picture.
MAX_UNIT_CHARS = 1500
# A card (picture, headline, a line) is short.
MAX_CARD_WORDS = 60
MAX_CARD_CHARS = 600

# Labels and link texts a figure prints beside its caption ("Enlarge", "Credit:").
UNIT_TEXT_SLACK = 80

# A file-name stem this long names one picture across its renditions; shorter ones ("img", "1") would merge pictures.
MIN_DISTINCT_STEM = 10
# A caption outside the article's figures is short; longer text is the article's.
MAX_STRAY_CAPTION_CHARS = 600
# A repeated caption (a lightbox copy) is one of the last few: comparing with those keeps a big gallery linear.
REPEAT_WINDOW = 30


# jsonld.py: reading JSON-LD
MAX_JSONLD_NODES = 5_000  # a hostile page cannot make the walk unbounded


# language.py: detecting the body's language
MIN_WORDS = 50
MIN_CONFIDENCE = 0.8  # normalised probability of the best language
SAMPLE_CHARS = 5_000  # the start of the body says enough, and bounds the work on a huge one


# metadata.py: settling the metadata
# A UTC timestamp falls on the day after the URL's local day for sites west of Greenwich.
URL_DAY_SLACK = timedelta(days=1)

# Two stamps this close are the same publication time printed twice.
MAX_SAME_INSTANT = timedelta(minutes=2)
# The widest time-zone offset there is (UTC+14).
MAX_OFFSET = timedelta(hours=14)


# names.py: telling a person's name from anything else
MAX_SPLIT_BYLINE_CHARS = 400
# A person's name is a few words and short; longer text is a sentence or a title.
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 60
# "Jane van Doe", not "Sun Sentinel Editorial Board Members Today": a person's name in a few words.
MIN_PERSON_NAME_WORDS = 2
MAX_PERSON_NAME_WORDS = 5
# An all-capitals word is shouted (and title-cased) from three letters; "JR" stays.
MIN_SHOUTED_LETTERS = 3
# A one-word Latin name this short ("AP", "BBC") is an outlet's acronym, not a person.
MAX_ACRONYM_CHARS = 3

MIN_CONTAINED_CHARS = 4  # "Guardian" inside "The Guardian"; shorter fragments match by chance


# safety.py: choosing between the body and its fallback
# The body is thin when it holds less than this share of the main region's prose.
THIN_SHARE = 0.5

# A fallback replaces the body only when it is clearly longer and covers as much of the region.
FALLBACK_GAIN = 1.5
FALLBACK_MIN_EXTRA_WORDS = 20
# The body is thin only next to a region that holds a real article's words.
REGION_MIN_WORDS = 50
# A region holding less than this share of the page's prose may have missed the article.
DOUBTFUL_REGION_SHARE = 0.3
PROSE_CHARS_PER_WORD = 6  # to compare word counts with prose measured in characters


# tags.py: keeping the page's tags
MIN_TAG_CHARS = 2


# text.py and text_index.py: counting and comparing words
CJK_CHARS_PER_WORD = 2
# Texts sharing this share of their words (Jaccard) are one text printed twice, give or take a label.
SIMILARITY = 0.8


# zones.py: judging nominated boilerplate zones
LINK_DENSE = 0.5

# A zone holding this share of the page's prose is the article, whatever its name.
PROSE_SHARE_KEPT = 0.3

# A name the main text's own paragraphs wear for this share of its prose nominates nothing.
WORN_SHARE = 0.3

# Inside the main text, a zone named as boilerplate stays when it holds a real passage.
PASSAGE_CHARS = 200

# A nominated zone holding a picture and little text (no heading) is a figure, kept for the images.
MEDIA_TEXT_CHARS = 300
# A nominated zone that is nearly all heading text is a heading, not boilerplate.
HEADING_SHARE = 0.9
