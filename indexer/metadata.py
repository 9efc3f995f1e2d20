"""Fields a document states about itself: UN symbol, State, session or review cycle, date.

UN documents print their symbol (``A/HRC/52/7/Add.1``), the date (``12 كانون الثاني/يناير 2023``)
and the session (``الدورة الثانية والخمسون``) on the first page; a State's UPR response names
the State (``جمهورية كازاخستان``). Only the opening of the text is searched, where these
fields are printed; anything not found is left out (the caller falls back to the file name).

>>> stated_metadata("A/HRC/52/7/Add.1\\nالدورة الثانية والخمسون\\n12 كانون الثاني/يناير 2023")
{'symbol': 'A/HRC/52/7/Add.1', 'session': 'الدورة الثانية والخمسون', 'date': '2023-01-12'}
"""
from __future__ import annotations

import re
from pathlib import Path

#: How much of the opening text is searched (characters).
OPENING = 4000

#: First parts of UN document symbols (General Assembly, ECOSOC, Security Council, treaty bodies).
SYMBOL_SERIES = ("A", "E", "S", "CRC", "CEDAW", "CCPR", "CERD", "CAT", "CMW", "CRPD", "CED",
                 "HRI", "ST", "TD", "UNEP", "DP")
SYMBOL = re.compile(r"(?<![\w/])(?:" + "|".join(SYMBOL_SERIES) + r")(?:/[A-Za-z0-9.\-]*[A-Za-z0-9]){2,}")

#: Month names as UN Arabic documents print them (Levantine/Iraqi name, then the Egyptian one,
#: joined by "/"), either alone, and English names; number of the month.
MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "يناير": 1, "شباط": 2, "فبراير": 2, "آذار": 3, "مارس": 3,
    "نيسان": 4, "أبريل": 4, "ابريل": 4, "أيار": 5, "مايو": 5, "حزيران": 6, "يونيه": 6, "يونيو": 6,
    "تموز": 7, "يوليه": 7, "يوليو": 7, "آب": 8, "أغسطس": 8, "أيلول": 9, "سبتمبر": 9,
    "تشرين الأول": 10, "أكتوبر": 10, "تشرين الثاني": 11, "نوفمبر": 11, "كانون الأول": 12, "ديسمبر": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
DATE = re.compile(r"(?<!\d)(\d{1,2})\s+((?:" + _MONTH + r")(?:\s*/\s*(?:" + _MONTH + r"))?)\s+(\d{4})(?!\d)", re.I)
SESSION = re.compile(r"الدورة\s+(?:[\u0621-\u064a]+)(?:\s+و?[\u0621-\u064a]+){0,2}"
                     r"|(?:\w+[- ])?\w+ session", re.I)
SESSION_STOP = ("جنيف", "البند", "من", "في", "حقوق", "مجلس")
CYCLE = re.compile(r"الجولة\s+[\u0621-\u064a]+|\w+ cycle", re.I)
#: Words that introduce a State's name in Arabic ("جمهورية كازاخستان", "دولة الإمارات ...").
STATE_TITLES = ("جمهورية", "مملكة", "دولة", "سلطنة", "إمارة", "حكومة", "الاتحاد")
STATE = re.compile(r"(?<![\u0621-\u064a])(?:" + "|".join(STATE_TITLES) + r")\s+([\u0621-\u064a]+(?:\s+ال[\u0621-\u064a]+){0,2})")
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def find_symbol(text: str) -> str | None:
    """The first UN document symbol in ``text`` (``A/HRC/WG.6/41/KAZ/1``)."""
    match = SYMBOL.search(text)
    return match.group(0).rstrip(".") if match else None


def find_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO ``YYYY-MM-DD`` (``30 تشرين الثاني/نوفمبر 2022``)."""
    for match in DATE.finditer(text.translate(DIGITS)):
        day, month_words, year = match.groups()
        name = re.split(r"\s*/\s*", month_words)[0]
        month = MONTHS.get(name) or MONTHS.get(name.lower())
        if month and 1 <= int(day) <= 31:
            return f"{int(year):04d}-{month:02d}-{int(day):02d}"
    return None


def find_session(text: str) -> str | None:
    """``الدورة الثانية والخمسون`` / ``Fifty-second session`` as printed, if stated."""
    match = SESSION.search(text)
    if not match:
        return None
    words = match.group(0).split()
    kept = words[:1]
    for word in words[1:3]:
        if word in SESSION_STOP:
            break
        kept.append(word)
    return " ".join(kept) if len(kept) > 1 else None


def find_state(text: str) -> str | None:
    """The State a document names after a title word (``جمهورية كازاخستان`` -> ``كازاخستان``)."""
    match = STATE.search(text)
    return match.group(1) if match else None


def stated_metadata(text: str) -> dict[str, str]:
    """The fields the opening of ``text`` states: symbol, state_ar, session, cycle, date."""
    opening = text[:OPENING]
    found = {
        "symbol": find_symbol(opening),
        "state_ar": find_state(opening),
        "session": find_session(opening),
        "cycle": (m.group(0) if (m := CYCLE.search(opening)) else None),
        "date": find_date(opening),
    }
    return {key: value for key, value in found.items() if value}


def file_properties(properties: dict[str, str]) -> dict[str, str]:
    """Fields from a file's own properties (PDF info, DOCX core, HTML title): title, date."""
    found: dict[str, str] = {}
    title = properties.get("title") or properties.get("Title")
    if title and not re.fullmatch(r"(?i)(untitled|microsoft word - .*|document\d*)", title.strip()):
        found["title"] = title.strip()
    created = properties.get("created") or properties.get("CreationDate", "")
    match = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", created.replace("D:", ""))
    if match:
        found["file_date"] = "-".join(match.groups())
    return found


def document_fields(text: str, properties: dict[str, str], path: Path) -> dict[str, str]:
    """Everything a document says about itself, with its file name as the fallback title.

    ``symbol``/``state_ar``/``session``/``cycle``/``date`` from the text, ``title`` and
    ``file_date`` from the file's properties; ``title`` defaults to the file name.
    """
    running = properties.get("running_header", "") + "\n" + properties.get("title", "")
    fields = {**file_properties(properties), **stated_metadata(running + "\n" + text)}
    fields.setdefault("title", path.stem)
    return fields
