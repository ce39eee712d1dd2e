"""Photo credits: the elements that print one, labels and lead-ins in many languages ("Foto:", "사진=",
"Courtesy of"), picture agencies, rights notices, and the patterns built from them that split a credit
off its caption."""

from __future__ import annotations

import re

from newsextract.extract.vocabulary.thresholds import MAX_CREDIT_CHARS

CREDIT_SELECTORS = (
    ".credit",
    ".image-credit",
    ".photo-credit",
    ".img-credit",
    ".media-credit",
    ".wp-caption-credit",
    ".copyright",
    "[itemprop=copyrightHolder]",
    "[itemprop=creditText]",
    ".caption-credit",
    ".figure-credit",
    "figcaption cite",
    "figcaption small",
    ".source",
    ".author-image",
    "[class*=caption__credit]",
    "[class*=caption-credit]",
    "[class*=image-credit]",
    "[class*=photo-credit]",
)

# Link texts that caption credits carry beside the name.
CREDIT_NOISE = re.compile(
    r"\s*(?:purchase\s+licensing\s+rights|buy\s+(?:this\s+)?photo|order\s+(?:a\s+)?print|"
    r"license\s+this\s+image|enlarge|expand)\s*$",
    re.IGNORECASE,
)

# Words that label a photo credit, followed by ":" / "=" (or "by"): "Foto: X", "사진=X", "Photo by X".
CREDIT_LABELS = (
    "photo",
    "photos",
    "photograph",
    "photography",
    "photographer",
    "pic",
    "pics",
    "picture",
    "pictures",
    "image",
    "images",
    "img",
    "image credit",
    "image credits",
    "photo credit",
    "photo credits",
    "credit",
    "credits",
    "source",
    "illustration",
    "graphic",
    "copyright",
    "courtesy",
    "foto",
    "fotos",
    "fotografie",
    "fotografía",
    "fotografia",
    "fotó",
    "fotók",
    "fotograf",
    "fotoğraf",
    "görsel",
    "bild",
    "bilder",
    "bilde",
    "billede",
    "beeld",
    "quelle",
    "bildquelle",
    "fotoquelle",
    "bildrechte",
    "screenshot",
    "capture d'écran",
    "captura",
    "collage",
    "montage",
    "коллаж",
    "crédit",
    "crédits",
    "crédit photo",
    "crédits photo",
    "crédito",
    "créditos",
    "fuente",
    "fonte",
    "imagen",
    "imagem",
    "immagine",
    "zdjęcie",
    "zdjęcia",
    "fot.",
    "źródło",
    "zdroj",
    "forrás",
    "kép",
    "kuva",
    "lähde",
    "kaynak",
    "sursa",
    "sursă",
    "izvor",
    "nuotr.",
    "nuotrauka",
    "φωτογραφία",
    "φωτο",
    "πηγή",
    "фото",
    "фотография",
    "источник",
    "снимка",
    "джерело",
    "ảnh",
    "nguồn",
    "larawan",
    "sumber",
    "isithombe",
    "izithombe",
    "umfanekiso",
    "사진",
    "사진 출처",
    "사진 제공",
    "출처",
    "写真",
    "撮影",
    "提供",
    "图",
    "图片",
    "圖片",
    "照片",
    "摄影",
    "攝影",
    "来源",
    "來源",
    "صورة",
    "تصوير",
    "المصدر",
    "צילום",
    "תמונה",
    "फोटो",
    "फ़ोटो",
    "तस्वीर",
    "स्रोत",
    "ছবি",
    "ภาพ",
)

# Rights notices printed in a caption's credit line ("All rights reserved").
RIGHTS_RESERVED = (
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rettigheder forbeholdes",
    "alle rettigheter reservert",
    "wszelkie prawa zastrzeżone",
    "všechna práva vyhrazena",
)

# Class words of an element that prints a credit ("widget__captionCredit", "photo-copyright").
CREDIT_CLASS = re.compile(r"credit|copyright|photographer|fotograf|bildnachweis|bildquelle", re.IGNORECASE)

# Labels that lead in to a credit with no colon: "Courtesy of X", "Cedida por X".
CREDIT_LEAD_INS = (
    "courtesy of",
    "photo courtesy of",
    "cedida por",
    "cedidas por",
    "cortesía de",
    "cortesia de",
    "mit freundlicher genehmigung von",
    "capture d'écran de",
    "screenshot from",
    "screenshot via",
)

# Picture agencies and stock libraries: a short last segment naming one is a credit ("… Tiktok. Getty Images").
CREDIT_AGENCIES = (
    "getty",
    "getty images",
    "afp",
    "ap",
    "reuters",
    "dpa",
    "keystone",
    "epa",
    "efe",
    "imago",
    "picture alliance",
    "picture-alliance",
    "shutterstock",
    "istock",
    "istockphoto",
    "alamy",
    "anp",
    "ansa",
    "apa",
    "pa",
    "pa wire",
    "xinhua",
    "ntb",
    "tt",
    "ritzau",
    "lusa",
    "anadolu",
    "sipa",
    "zuma",
    "nurphoto",
    "sopa",
    "kcna",
    "yonhap",
    "kyodo",
    "bloomberg",
    "supplied",
    "handout",
    "pool",
    "unsplash",
    "pexels",
    "pixabay",
    "wikimedia",
    "wikimedia commons",
    "belga",
    "čtk",
    "ctk",
    "mti",
    "pap",
    "bta",
    "hina",
    "tass",
    "aap",
    "ians",
    "pti",
    "ani",
    "연합뉴스",
    "뉴스1",
    "뉴시스",
    "共同通信社",
    "共同",
    "時事",
    "新华社",
)


# credits.py: splitting a photo credit off its caption
def alternatives(words: tuple[str, ...]) -> str:
    """The words as a regular-expression alternation, longest first ("photo credit" before "photo"),
    a space in a word matching any white space or none."""
    escaped = (re.escape(w).replace(r"\ ", r"\s*") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


# A label stands alone: no Latin letter right before it ("Fotograf", "Autophoto" are not labels).
NOT_IN_WORD = r"(?<![A-Za-zÀ-ɏ])"
LABELLED = (
    rf"{NOT_IN_WORD}(?:{alternatives(CREDIT_LABELS)})\s*[:：=]"
    rf"|{NOT_IN_WORD}(?:{alternatives(CREDIT_LEAD_INS)})\s"
)

# Copyright signs need no space before them: "石川（Ｃ）共同通信社"; "(c)" only before a short name
# at the very end, as "(c) of the law" is a list mark.
COPYRIGHT = r"(?:©|（[cCｃＣ]）|\([cCｃＣ]\)(?=\s*\S+(?:\s+\S+){0,3}\s*$))"

# "Photo by X" only after a sentence or a separator: "a picture by Monet" is no credit.
BY_LABELLED = rf"(?:^|(?<=[.!?|/(（\[–—,;])\s*){NOT_IN_WORD}(?:{alternatives(CREDIT_LABELS)})\s+by\b"
CREDIT_START = rf"(?:(?:^|(?<=[\s(（\[【|/,，.。;·•–—-]))[(（\[【]?\s*(?:{LABELLED})|{BY_LABELLED}|{COPYRIGHT})"

# "… Foto: X", "…, Photo by X", "… (Foto: X)", "… © X", "[사진 출처 = X]" at the end.
TRAILING_LABELLED = re.compile(
    rf"{CREDIT_START}\s*(?P<credit>[^\n]{{1,{MAX_CREDIT_CHARS}}}?)\s*[)）\]】]?\s*$", re.IGNORECASE
)

# "[사진 출처 = 연합뉴스] Caption…" or "(Foto: X) Caption…": a bracketed credit first.
LEADING_BRACKETED = re.compile(
    rf"^\s*[(（\[【]\s*(?:{LABELLED}|{BY_LABELLED}|{COPYRIGHT})\s*(?P<credit>[^)）\]】]{{1,{MAX_CREDIT_CHARS}}})"
    r"[)）\]】]\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
RIGHTS_NOTICE = re.compile(
    rf"(?:^|\s[|/–—-]\s*|(?<=[.!?])\s+)(?P<credit>(?:copyright|{alternatives(RIGHTS_RESERVED)})[^|]{{0,60}})$",
    re.IGNORECASE,
)
NOTICE_WORDS = re.compile(
    rf"(?:\.\s*)?(?:{alternatives(RIGHTS_RESERVED)})\.?|\bcopyright\b(?:\s+\d{{4}})?", re.IGNORECASE
)
SPACED_SLASH = re.compile(r"\s*/\s*")
LONE_LABEL = re.compile(rf"(?<=[.!?])\s+(?:{alternatives(CREDIT_LABELS)})\s*[:.]?\s*$", re.IGNORECASE)
TRAILING_PARENS = re.compile(r"\s*[(（]\s*(?P<credit>[^()（）]{2,80}?)\s*[)）]\s*$")

# The last short segment after a sentence: "… auf Tiktok. Getty Images", "… Haus. Keystone/AP/Adam Schultz".
LAST_SEGMENT = re.compile(r"(?:(?<=[.!?»“”\"])|(?<=[.!?»“”\"][)’'])|(?<=\s[|–—]))\s+(?P<credit>[^.!?|]{2,80})$")
SEPARATED_NAME = re.compile(r"(?<=\S)\s+[|/]\s+(?P<credit>[^|/]{2,60})$")

# A credit-only remnant: "/ Getty Images/iStockphoto", "| AFP".
LEADING_SEPARATOR = re.compile(r"^\s*[|/–—-]\s*")
CREDIT_LABEL_START = re.compile(rf"^\s*[(（\[【]?\s*(?:{LABELLED}|{BY_LABELLED}|{COPYRIGHT})", re.IGNORECASE)
CREDIT_LABEL_PREFIX = re.compile(rf"^\s*(?:{LABELLED}|{BY_LABELLED}|{COPYRIGHT})\s*", re.IGNORECASE)
AGENCY = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in CREDIT_AGENCIES) + r")(?!\w)", re.IGNORECASE)

# Where a person stands in the picture: "(l.)", "(M)", "(v.l.)", "(left)"; not an agency's "(AP)" or "(dpa)".
PLACE_MARK = re.compile(
    r"^(?:[a-zà-ÿ]{1,3}\.|[A-Za-z]|v\.\s?[lr]\.(?:\s?n\.\s?[lr]\.)?|"
    r"(?i:li|re|links|rechts|mitte|left|right|centre|center|top|bottom|arriba|abajo|izq\.|dcha\.))$"
)

CREDIT_NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "del",
        "la",
        "le",
        "via",
        "and",
        "und",
        "for",
        "of",
        "y",
        "e",
        "et",
        "&",
    }
)
