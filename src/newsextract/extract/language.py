"""The body's language, for pages whose metadata names none.

py3langid (a maintained fork of langid.py by trafilatura's author; 97 languages, its model shipped
in the package, deterministic) classifies the start of the body. It is imported, and its model
loaded (about 2 s, once per process), only when a page needs it. A short body is not classified:
under 50 words the guess is unreliable, and a record says nothing rather than something wrong.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from newsextract.extract.text import word_count
from newsextract.extract.vocabulary.thresholds import MIN_CONFIDENCE, MIN_WORDS, SAMPLE_CHARS


@cache
def _identifier() -> Any:
    """The classifier, loaded once and never changed (a read-only model)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(body: str) -> str | None:
    """The body's language as an ISO 639-1 code ("en"), or None when the body is short or the guess unsure."""
    sample = body[:SAMPLE_CHARS]
    if word_count(sample) < MIN_WORDS:
        return None
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= MIN_CONFIDENCE else None
