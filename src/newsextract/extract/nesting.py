"""Runaway nesting, found by one linear pre-scan of the page text and flattened before parsing.

Tens of thousands of nested elements make the HTML parser itself quadratic: Lexbor walks its
stack of open elements for scope checks (deep <div>s, closed or not) and its list of active
formatting elements for each new one (<font color=…> left open), and an unclosed <font> in each
<p> is re-opened in every later paragraph, so the tree grows with the square of the page. lxml,
which reads the serialised tree again for the main text, drops everything past depth 256.

No article needs more than a few dozen levels, so the scan models the parser's depth roughly
(a stack of open elements, plus the formatting elements the parser would re-open) and drops
the start tags, and their end tags, of elements that would open past MAX_DEPTH. Text is kept.
The model may err towards too shallow (then nothing happens), rarely towards too deep (then a
few inline tags are lost); it never touches a page whose depth stays under the cap.

Usage: ``text, flattened = flatten_nesting(text)``
"""

from __future__ import annotations

import operator
import re
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

# Open elements allowed, counted as the parser would nest them. Real pages reach about 140 in
# this count; lxml's limit of 256 leaves room for the elements the count leaves out.
MAX_DEPTH = 200
# Formatting elements the parser may keep re-opening in every later block: real pages have one or two.
MAX_REOPENED = 10

# One tag or comment opening. Possessive quantifiers: a "<" with no ">" costs one scan to the next "<".
_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/<>]*+)([^<>]*+)>)")
# Elements that never hold others (void), or hold only text until their own end tag (raw text).
_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr".split()
)
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_RAW_TEXT_END = {name: re.compile(rf"</{name}", re.IGNORECASE) for name in _RAW_TEXT}
# Elements the parser closes itself when a sibling opens (a new <a> closes an open <a>, …) or
# that only frame the page: they never pile up, so they are left out of the count.
_UNCOUNTED = frozenset("a nobr button form select h1 h2 h3 h4 h5 h6 html head body frameset template".split())
_NOT_COUNTED = _VOID | _UNCOUNTED


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, grouped by first letter: Python's re tries a flat
    alternation branch by branch, which at every tag of a 4 MB page adds up."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return (
        "(?:"
        + "|".join(f"{first}(?:{'|'.join(sorted(rests, key=len, reverse=True))})" for first, rests in by_first.items())
        + ")"
    )


# The quick bound's view of the page: one mark a tag, "/" for an end tag, a letter for a start tag
# of anything but a (lower-case) void element. It counts more tags than the scan does, never fewer.
_TAG_MARK = re.compile(r"<(/|(?!" + _alternation(_VOID) + r"[\s/>])[A-Za-z])")
_MARK_STEP = {"/": -1} | {letter: 1 for letter in string.ascii_letters}
# Tag marks summed at a time by the coarse bound.
_MARKS_CHUNK = 128
# Formatting elements: closed by a block's end, they are re-opened in the next text, so they count
# until their own end tag or the end of the table cell they opened in.
_FORMATTING = frozenset("b big code em font i s small strike strong tt u".split())
# Elements that close an open one of their kind (and everything inside it), up to the containers named.
_SIBLING_SCOPES = {
    "p": frozenset({"table", "td", "th", "caption", "button", "object", "marquee"}),
    "li": frozenset({"ul", "ol", "menu", "table", "td", "th"}),
    "dd": frozenset({"dl", "table", "td", "th"}),
    "dt": frozenset({"dl", "table", "td", "th"}),
    "option": frozenset({"select", "datalist", "optgroup"}),
    "optgroup": frozenset({"select", "datalist"}),
    "tr": frozenset({"table", "tbody", "thead", "tfoot"}),
    "td": frozenset({"table", "tr"}),
    "th": frozenset({"table", "tr"}),
    "tbody": frozenset({"table"}),
    "thead": frozenset({"table"}),
    "tfoot": frozenset({"table"}),
    "caption": frozenset({"table"}),
    "colgroup": frozenset({"table"}),
}
_SIBLING_SCOPES.update(
    {"rb": frozenset({"ruby"}), "rp": frozenset({"ruby"}), "rt": frozenset({"ruby"}), "rtc": frozenset({"ruby"})}
)
# Where the parser puts a marker in its formatting list: formatting opened inside ends with them.
_CELLS = frozenset({"td", "th", "caption", "object", "marquee", "applet"})
# How far down the open elements a new <li>, <p>, … looks for one to close: real ones are near the top.
_SIBLING_WALK = 32
# The parser keeps at most this many identical formatting elements to re-open (the "Noah's Ark" rule).
_NOAH = 3
_NONE_DROPPED = 1 << 62
# Past this depth even <li>, <td>, <p>, … are dropped, so that nothing the scan keeps grows without bound.
_HARD_DEPTH = 2 * MAX_DEPTH
# Runs of tags handled in one go once the cap is reached: start tags the scan would drop (all but
# void, raw-text, self-closed and sibling-closing ones), and end tags of one name; each with the text before it.
_KEPT_IN_RUNS = _NOT_COUNTED | _SIBLING_SCOPES.keys() | _RAW_TEXT | {"plaintext"}
_START_RUN = re.compile(
    r"(?:[^<]*+<(?!" + _alternation(_KEPT_IN_RUNS) + r"[\s/>])[A-Za-z][^<>]*+(?<!/)>)+", re.IGNORECASE
)
_SAME_END_RUN = re.compile(r"[^<]*+</([A-Za-z][^\s/<>]*+)\s*>(?:[^<]*+</\1\s*>)*")
_START_NAME = re.compile(r"<([A-Za-z][^\s/<>]*+)")
_ANY_TAG = re.compile(r"<[^<>]*+>")


@dataclass
class _Nesting:
    """The scan's model of the parser: open elements, formatting to re-open, tags dropped."""

    stack: list[tuple[str, str]] = field(default_factory=list)  # (tag name, formatting key)
    open_names: Counter[str] = field(default_factory=Counter)
    # Formatting elements closed by a block but re-opened by the parser: one frame per open cell.
    reopened: list[Counter[str]] = field(default_factory=lambda: [Counter()])
    reopened_total: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    # Dropped elements sit above this many open ones: closing any of those closes them too.
    dropped_above: int = _NONE_DROPPED
    flattened: bool = False

    def start_tag(self, name: str, attrs: str) -> bool:
        """Record a start tag; False when it opens past the cap and must be dropped."""
        if name in _NOT_COUNTED or attrs.endswith("/"):  # "/>" closes svg and math elements
            return True
        if name in _SIBLING_SCOPES:
            self._close_sibling(name)
            if len(self.stack) >= _HARD_DEPTH:
                return self._drop(name)
        elif len(self.stack) + self.reopened_total >= MAX_DEPTH or (
            name in _FORMATTING and self.reopened_total >= MAX_REOPENED
        ):
            return self._drop(name)
        self._push(name, f"{name} {attrs.strip()}" if name in _FORMATTING else "")
        return True

    def saturated(self) -> bool:
        """True when any start tag that counts would be dropped now."""
        return len(self.stack) + self.reopened_total >= MAX_DEPTH

    def _drop(self, name: str) -> bool:
        self.dropped[name] += 1
        self.dropped_above = min(self.dropped_above, len(self.stack))
        self.flattened = True
        return False

    def end_tag(self, name: str) -> bool:
        """Record an end tag; False when it closes an element whose start tag was dropped."""
        if self.dropped[name]:
            self.dropped[name] -= 1
            return False
        if self.open_names[name]:
            self._pop_until(name, own_end=True)
        elif name in _FORMATTING:
            self._forget_reopened(name)
        return True

    def _push(self, name: str, key: str) -> None:
        self.stack.append((name, key))
        self.open_names[name] += 1
        if name in _CELLS:
            self.reopened.append(Counter())

    def _close_sibling(self, name: str) -> None:
        """A new <li>, <td>, <p>, … closes an open one of its kind within its container."""
        if not self.open_names[name]:
            return
        scope = _SIBLING_SCOPES[name]
        for open_name, _key in reversed(self.stack[-_SIBLING_WALK:]):
            if open_name == name:
                self._pop_until(name)
                return
            if open_name in scope:
                return

    def _pop_until(self, name: str, *, own_end: bool = False) -> None:
        """Close open elements down to the nearest ``name``; formatting closed by another's end is re-opened."""
        self._pop_down_to(name, own_end)
        if len(self.stack) < self.dropped_above:  # what was dropped was inside what just closed
            self.dropped.clear()
            self.dropped_above = _NONE_DROPPED

    def _pop_down_to(self, name: str, own_end: bool) -> None:
        while self.stack:
            popped, key = self.stack.pop()
            self.open_names[popped] -= 1
            if popped == name and own_end:
                return
            if popped in _CELLS:
                self._close_cell()
            elif key:
                self._reopen_later(key)
            if popped == name:
                return

    def _reopen_later(self, key: str) -> None:
        frame = self.reopened[-1]
        if frame[key] < _NOAH:
            frame[key] += 1
            self.reopened_total += 1

    def _close_cell(self) -> None:
        if len(self.reopened) > 1:
            self.reopened_total -= self.reopened.pop().total()

    def _forget_reopened(self, name: str) -> None:
        """An end tag for a formatting element the parser would re-open: it stops doing so."""
        frame = self.reopened[-1]
        for key in frame:
            if key.partition(" ")[0] == name:
                frame[key] -= 1
                if not frame[key]:  # keep the frame as small as what is re-opened
                    del frame[key]
                self.reopened_total -= 1
                return


def flatten_nesting(text: str) -> tuple[str, bool]:
    """The text with start and end tags past the nesting cap removed, and whether any were."""
    if _deepest_possible(text) < MAX_DEPTH:  # almost every page: no scan
        return text, False
    model = _Nesting()
    kept = _Kept(text)
    position = 0
    while (match := _TAG.search(text, position)) is not None:
        position = match.end()
        comment, closing, name, attrs = match.groups()
        if comment:  # an unclosed comment runs to the end of the page
            position = _end_of(text.find("-->", position), 3)
            continue
        name = name.lower()
        if closing:
            if not model.end_tag(name):
                position = kept.drop(match.start(), *_end_run(text, position, model, name))
        elif name in _RAW_TEXT:
            position = _end_of(_find(_RAW_TEXT_END[name], text, position), 0)
        elif name == "plaintext":
            break
        elif not model.start_tag(name, attrs):
            position = kept.drop(match.start(), *_start_run(text, position, model))
    return (kept.text(), True) if model.flattened else (text, False)


class _Kept:
    """The page text less the dropped tags, gathered piece by piece."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pieces: list[str] = []
        self._from = 0

    def drop(self, start: int, stop: int, kept_inside: str) -> int:
        """Drop text[start:stop] but ``kept_inside``; where the scan goes on."""
        self._pieces += (self._text[self._from : start], kept_inside)
        self._from = stop
        return stop

    def text(self) -> str:
        return "".join(self._pieces) + self._text[self._from :]


def _start_run(text: str, position: int, model: _Nesting) -> tuple[int, str]:
    """Past a dropped start tag, the run of start tags that would be dropped too, handled at C speed:
    a flood of 100,000 <b> costs one regex match, not 100,000 steps. Its text is kept."""
    run = _START_RUN.match(text, position) if model.saturated() else None
    if run is None:
        return position, ""
    model.dropped.update(map(str.lower, _START_NAME.findall(text, position, run.end())))
    return run.end(), _ANY_TAG.sub("", run.group())


def _end_run(text: str, position: int, model: _Nesting, name: str) -> tuple[int, str]:
    """Past a dropped end tag, the run of end tags of the same name that close dropped elements too."""
    run = _SAME_END_RUN.match(text, position)
    if run is None or run.group(1).lower() != name:
        return position, ""
    closing = min(model.dropped[name], run.group().count("</"))
    if not closing:
        return position, ""
    model.dropped[name] -= closing
    stop = run.end() if closing == run.group().count("</") else _end_of_nth(text, position, run.group(1), closing)
    return stop, _ANY_TAG.sub("", text[position:stop])


def _end_of_nth(text: str, position: int, tag: str, count: int) -> int:
    """Where the ``count``-th end tag ``</tag>`` from ``position`` ends (the run holds that many)."""
    found = re.compile(rf"(?:[^<]*+</{re.escape(tag)}\s*>){{{count}}}").match(text, position)
    return found.end() if found else position


def _deepest_possible(text: str) -> int:
    """A bound on the scan's depth at C speed: the deepest point of the walk +1 a start tag, -1 an end tag."""
    marks = "".join(_TAG_MARK.findall(text))
    coarse = _coarse_bound(marks)
    # The coarse bound is loose by at most two chunks: the exact walk only settles the doubtful range.
    return coarse if not MAX_DEPTH <= coarse < MAX_DEPTH + 2 * _MARKS_CHUNK else _walk_bound(marks)


def _coarse_bound(marks: str) -> int:
    """The walk's bound by chunks of marks: cheap, and loose by at most two chunks."""
    deepest = open_before = 0
    for at in range(0, len(marks), _MARKS_CHUNK):
        ends = marks.count("/", at, at + _MARKS_CHUNK)
        starts = min(_MARKS_CHUNK, len(marks) - at) - ends
        deepest = max(deepest, open_before + starts)
        # Stray end tags close nothing: what stays open is what was plus the chunk's excess,
        # or else at most the chunk's own start tags.
        open_before = max(open_before + starts - ends, starts)
    return deepest


def _walk_bound(marks: str) -> int:
    """The walk's exact deepest point, stray end tags closing nothing: the largest rise over any stretch."""
    heights = list(accumulate(map(_MARK_STEP.__getitem__, marks), initial=0))
    lowest_so_far = accumulate(heights, min)
    return int(max(map(operator.sub, heights, lowest_so_far)))


def _find(pattern: re.Pattern[str], text: str, position: int) -> int:
    found = pattern.search(text, position)
    return found.start() if found else -1


def _end_of(index: int, width: int) -> int:
    """Where the scan goes on: past a found end, or past the whole text when there is none."""
    return index + width if index >= 0 else 1 << 62
