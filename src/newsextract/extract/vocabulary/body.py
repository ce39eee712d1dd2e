"""Body text: lines that are boilerplate wherever they stand, datelines, lone time stamps, the
fallback's block elements, and the scripts whose words are counted in characters."""

from __future__ import annotations

import re

# Lines that are boilerplate wherever they appear in the body text: BOILERPLATE_LINES, in two parts
# that body.is_boilerplate_line tests in turn.
_COMMON_LINES = r"""
        widgetized\ section
      | go\ to\ admin\ .{0,40}widgets?.*
      | (?:also\ read|read\ more|read\ also|more\ from|see\ also|related|recommended|watch|listen|
           related\ (?:articles?|stories|coverage|content|posts?)|you\ (?:may|might)\ also\ like|
           more\ on\ this\ story|advertisement|continue\ reading|lesen\ sie\ auch|mehr\ zum\ thema|
           lire\ aussi|leer\ m[aá]s|leia\ tamb[eé]m|auch\ interessant)\b\s*[:›»|>-].{0,200}
      | (?:advertisement|anzeige|publicit[ée]|werbung|sponsored|story\ continues\ below\ advertisement|
           scroll\ to\ continue(?:\ with\ content)?|continue\ reading\ below|article\ continues\ below)
      | (?:share|share\ this(?:\ article|\ story)?|tweet|email|print|copy\ link|follow\ us.*)
      | (?:read\ more|continue\ reading|read\ the\ full\ (?:story|article)|weiterlesen|lire\ la\ suite|
           leer\ m[aá]s|leia\ mais|czytaj\ dalej|lees\ meer|l[aä]s\ mer)\s*[.…›»>]*
      | (?:sign\ up|subscribe)\b.{0,120}(?:newsletter|inbox|email).{0,80}
      | (?:we\ use\ cookies|this\ (?:site|website)\ uses\ cookies).{0,300}
      | (?:click|tap)\ here\ to\ .{0,80}
      | (?:try|start|get)\ .{1,40}\ (?:for\ free|free\ trial).{0,40}
      | no\ credit\ card\ (?:required|needed).{0,40}
      | (?:listen|subscribe)\ to\ (?:the|our|this)\ (?:podcast|episode|show)\b.{0,200}
      | follow\ us\ on\ .{1,80}
      | (?:check|see|view|compare)\ (?:the\ )?(?:latest\ )?(?:price|prices|deal|deals)(?:\ (?:at|on)\ .{1,40})?
      | (?:buy|shop)\ (?:it\ )?now(?:\ (?:at|on)\ .{1,40})?
      | (?:related|trending|most\ read|popular)\ (?:news|now|stories|articles)
      | (?:copyright|©|\(c\))\ .{0,120}(?:all\ rights\ reserved|may\ not\ be\ (?:published|reproduced)).{0,200}
      | (?:(?:additional\ )?reporting|writing|editing|compiled|graphics?)\ by\ [^.]{2,200}
"""
# A newsletter's call to sign up. Apart, since looking for its "newsletter" at each of the first 81
# places is half of the matching work on a body line: a line it matches is at most
# NEWSLETTER_LINE_MAX_CHARS long ($ also matches before a final newline), with the word among its
# first NEWSLETTER_WORD_END characters.
_NEWSLETTER_LINE = r".{0,80}\bnewsletter\b.{0,100}(?:sign\ up|subscribe|inbox).{0,40}"
NEWSLETTER_LINE_MAX_CHARS = 80 + len("newsletter") + 100 + len("subscribe") + 40 + 1
NEWSLETTER_WORD_END = 80 + len("newsletter")
_LINE_FLAGS = re.IGNORECASE | re.VERBOSE
BOILERPLATE_LINES = re.compile(rf"^(?:{_COMMON_LINES}| {_NEWSLETTER_LINE})$", _LINE_FLAGS)
COMMON_BOILERPLATE_LINE = re.compile(rf"^(?:{_COMMON_LINES})$", _LINE_FLAGS)
NEWSLETTER_LINE = re.compile(rf"^{_NEWSLETTER_LINE}$", _LINE_FLAGS)

# A paragraph that is only a time stamp: a clock time and a year, a few words around them.
TIMESTAMP_LINE = re.compile(r"^(?=.*\b\d{1,2}[:.]\d{2}\b)(?=.*\b(?:19|20)\d{2}\b)[^.!?]{0,60}$")
TIMESTAMP_LINE_MAX_CHARS = 61  # its [^.!?]{0,60}, and a final newline ($ matches before one)

# Datelines: "BAGHDAD:", "WASHINGTON (AP) —", "LONDON, May 9 (Reuters) -", "ATLANTA --".
DATELINE = re.compile(
    r"""^(?P<dateline>
        (?:[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*){0,3})          # PLACE in capitals
        (?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)?                       # , State / Country
        (?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))? # , May 9
        (?:\s*\((?:[A-Za-z][\w .&'’-]{0,30})\))?                             # (AP) / (Reuters)
    )\s*(?:[—–:]|--?)\s+(?=\S)""",
    re.VERBOSE,
)


# body.py: the body text, its fallback and its clean-up
FALLBACK_BLOCKS = "p, h2, h3, h4, li, blockquote, pre"
FALLBACK_TAGS = frozenset({"p", "h2", "h3", "h4", "li", "blockquote", "pre"})
