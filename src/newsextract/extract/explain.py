"""A log of what the extractor removed and why, kept only when the caller asks (--explain)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsextract.extract.text import squash, word_count
from newsextract.extract.vocabulary.thresholds import EXCERPT_CHARS
from newsextract.models import Removal


@dataclass
class RemovalLog:
    """Collects Removal records; a disabled log costs one attribute check per call."""

    enabled: bool = False
    removals: list[Removal] = field(default_factory=list)

    def add(self, step: str, rule: str, evidence: str, text: str) -> None:
        if not self.enabled:
            return
        text = squash(text)
        if not text:
            return
        excerpt = text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
        self.removals.append(Removal(step=step, rule=rule, evidence=evidence, text=excerpt, words=word_count(text)))
