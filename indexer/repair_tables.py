"""Named character tables of the repair step: one confusion table per kind of damage.

Each :class:`Confusion` says "the extraction shows ``seen`` where the document has ``true``",
optionally only at the start or the end of a word.  Letters are written by their Unicode
names so that the tables read the same in any editor and under any bidi display.

>>> BODY_FONT[0].seen, BODY_FONT[0].true    # the body font shows ظ as أ: نأام for نظام
('أ', 'ظ')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from indexer.unicode_forms import BIDI_FORMATTING

#: Where in a word an entry applies; "noninitial": anywhere but the first letter; "isolated" /
#: "joined": last, in that glyph form (:mod:`indexer.repair_forms`; made per document).
Where = Literal["any", "initial", "final", "noninitial", "isolated", "joined"]

# Letter names, to keep the tables below readable.
ALEF = "\N{ARABIC LETTER ALEF}"
ALEF_HAMZA_ABOVE = "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
ALEF_HAMZA_BELOW = "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
ALEF_MADDA = "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
ALEF_MAKSURA = "\N{ARABIC LETTER ALEF MAKSURA}"
HAMZA = "\N{ARABIC LETTER HAMZA}"
WAW_HAMZA = "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}"
YEH_HAMZA = "\N{ARABIC LETTER YEH WITH HAMZA ABOVE}"
BEH = "\N{ARABIC LETTER BEH}"
TEH = "\N{ARABIC LETTER TEH}"
TEH_MARBUTA = "\N{ARABIC LETTER TEH MARBUTA}"
THEH = "\N{ARABIC LETTER THEH}"
HAH = "\N{ARABIC LETTER HAH}"
KHAH = "\N{ARABIC LETTER KHAH}"
ZAIN = "\N{ARABIC LETTER ZAIN}"
SHEEN = "\N{ARABIC LETTER SHEEN}"
SAD = "\N{ARABIC LETTER SAD}"
TAH = "\N{ARABIC LETTER TAH}"
ZAH = "\N{ARABIC LETTER ZAH}"
AIN = "\N{ARABIC LETTER AIN}"
GHAIN = "\N{ARABIC LETTER GHAIN}"
FEH = "\N{ARABIC LETTER FEH}"
QAF = "\N{ARABIC LETTER QAF}"
KAF = "\N{ARABIC LETTER KAF}"
LAM = "\N{ARABIC LETTER LAM}"
MEEM = "\N{ARABIC LETTER MEEM}"
NOON = "\N{ARABIC LETTER NOON}"
HEH = "\N{ARABIC LETTER HEH}"
WAW = "\N{ARABIC LETTER WAW}"
YEH = "\N{ARABIC LETTER YEH}"
REH = "\N{ARABIC LETTER REH}"
COMMA = "\N{ARABIC COMMA}"
FATHATAN = "\N{ARABIC FATHATAN}"
SHADDA = "\N{ARABIC SHADDA}"
TATWEEL = "\N{ARABIC TATWEEL}"
SOLIDUS = "/"
COLON = ":"


@dataclass(frozen=True)
class Confusion:
    """One entry of a confusion table: ``seen`` in the extraction stands for ``true``."""

    seen: str
    true: str
    where: Where = "any"
    cost: float = 1.0  # in log10 units of word frequency: the evidence a repair must beat


#: The body font of the seed (a Word-made PDF whose ToUnicode map is off for some glyphs).
#: نأام -> نظام, الأإماص -> الأشخاص, ممملي -> ممثلي, المخرخ -> المؤرخ, نليات -> آليات,
#: انعلام -> الإعلام, انرهاق -> الإرهاب, اختلان -> اختلاف, التبليل -> التبليغ, ت،يير -> تغيير,
#: الشرر -> الشرط, إجراي -> إجراء, هناو -> هناك, واضك -> واضح, تاريي -> تاريخ, معيفنة -> معيّنة.
BODY_FONT: tuple[Confusion, ...] = (
    Confusion(ALEF_HAMZA_ABOVE, ZAH),
    Confusion(ALEF_HAMZA_BELOW, SHEEN),
    Confusion(MEEM, KHAH),
    Confusion(MEEM, THEH),
    Confusion(KHAH, WAW_HAMZA),
    Confusion(COMMA, GHAIN),
    Confusion(YEH, HAMZA),
    Confusion(NOON, ALEF_MADDA, "initial"),
    Confusion(NOON, LAM + ALEF_HAMZA_BELOW),
    Confusion(WAW + LAM, WAW + ALEF_HAMZA_BELOW, "initial"),
    Confusion(LAM + ALEF, LAM + LAM + ALEF_HAMZA_ABOVE, "initial", cost=0.5),  # لاإماص -> للأشخاص
    Confusion(QAF, BEH, "final"),
    Confusion(NOON, FEH, "final"),
    Confusion(LAM, GHAIN, "final"),
    Confusion(REH, TAH, "final"),
    Confusion(WAW, KAF, "final"),
    Confusion(KAF, HAH, "final"),
    Confusion(YEH, KHAH, "final"),
    Confusion(FEH, SHADDA, "noninitial", cost=2.0),  # معيفنة -> معيّنة: the font shows shadda as ف
)

#: Letters whose glyph the body font extracts as a space (حما ة -> حماية, عد مي -> عديمي,
#: إضا ية -> إضافية, الاجتما ية -> الاجتماعية) or drops at the end of a word
#: (أخر -> أخرى, ذل -> ذلك, الحفا -> الحفاظ, أنش -> أنشئ).
BODY_GAP_LETTERS: tuple[str, ...] = (YEH, FEH, AIN)
BODY_LOST_FINALS: tuple[str, ...] = (ALEF_MAKSURA, KAF, ZAH, YEH_HAMZA, SHEEN)
BODY_LOST_INITIALS: tuple[str, ...] = (YEH, AIN)

#: The bold heading font of the seed: التوتوا/ -> التوصيات, ممافتة -> مكافحة,
#: التموموة -> الحكومية, الجنسوة -> الجنسية, انعداو -> انعدام, لاشراا -> عاشراً,
#: العقو:ا/ -> العقوبات, تشريا -> تشريع.  Its stretching shows as a run of WAW, which
#: :data:`HEADING_STRETCH` turns back into tatweel before these entries apply.
HEADING_FONT: tuple[Confusion, ...] = (
    Confusion(TEH, SAD),
    Confusion(TEH, HAH),
    Confusion(TEH, ZAIN),
    Confusion(TEH, LAM + ALEF),
    Confusion(WAW, YEH),
    Confusion(WAW, MEEM, "final"),
    Confusion(MEEM, KAF),
    Confusion(LAM, AIN),
    Confusion(ALEF, AIN, "final"),
    Confusion(COLON, BEH),
    Confusion(SOLIDUS, TEH, "final"),
    Confusion(ALEF, ALEF_HAMZA_ABOVE, "initial", cost=0.2),  # the font drops hamza on alef
    Confusion(ALEF, ALEF_HAMZA_BELOW, "initial", cost=0.2),
    Confusion(ALEF + ALEF, ALEF + FATHATAN, "final", cost=0.2),
    Confusion(TATWEEL, YEH, cost=0.5),
    # a run of WAW may hide real WAWs and a YEH: النووية shows as النوووة
    Confusion(TATWEEL, WAW + YEH, cost=0.5),
    Confusion(TATWEEL, WAW + WAW + YEH, cost=0.5),
    Confusion(TATWEEL, WAW, cost=0.5),
    Confusion(TATWEEL, WAW + WAW, cost=0.5),
    Confusion(TATWEEL, YEH + WAW, cost=0.5),
    Confusion(TATWEEL, "", cost=0.0),
)
HEADING_GAP_LETTERS: tuple[str, ...] = (YEH, HEH)
#: A run of at least this many WAW in a heading-font word is stretching (tatweel).
HEADING_STRETCH = 3

#: pdftotext's ligature damage (logical order, a lam ligature split the wrong way round):
#: اإللزامي -> الإلزامي, املتحدة -> المتحدة, االطالع -> الاطلاع, خالل -> خلال.
LAM_LIGATURE_PARTNERS: tuple[str, ...] = (ALEF, ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_MADDA, MEEM)
LAM_ALEF_SWAP: tuple[Confusion, ...] = tuple(
    Confusion(partner + LAM, LAM + partner, cost=0.3) for partner in LAM_LIGATURE_PARTNERS
)

#: Invisible direction controls dropped everywhere (pdftotext wraps runs in them).
BIDI_CONTROLS: tuple[str, ...] = BIDI_FORMATTING
