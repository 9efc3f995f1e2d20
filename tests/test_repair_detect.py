"""Damage detection (:meth:`indexer.repair.Repairer.detect`) on text other than the seed:
words cut at their stretch are no glyph damage.

The sentences are hand-written in the style of UN reports (neither the seed's nor the
held-out fixture's); the damage comes from :mod:`indexer.repair_damage` or is written by hand.
"""
from __future__ import annotations

import random

import pytest

from indexer import repair_damage as damage
from indexer.repair import Repairer, evidence_words

GLYPH_KINDS = {"body-font", "heading-font", "lam-alef"}

SENTENCES = [
    "وتعمل الحكومة على تحسين فرص الحصول على التعليم الجيد في المناطق الريفية والنائية",
    "واعتمد البرلمان قانونا جديدا بشأن حماية حقوق العمال المهاجرين وأفراد أسرهم",
    "وتواصل اللجنة الوطنية رصد أوضاع السجون وتقدم تقاريرها إلى الجهات المختصة بانتظام",
    "وقد نظمت الوزارة دورات تدريبية لفائدة القضاة وأعضاء النيابة العامة وموظفي الشرطة",
    "وتشعر اللجنة بالقلق إزاء استمرار العنف المنزلي ضد النساء والفتيات في بعض الأقاليم",
    "وتوصي الدولة الطرف بتعزيز استقلال السلطة القضائية وضمان محاكمة عادلة لجميع المتهمين",
    "وأنشئ صندوق خاص لدعم الأشخاص ذوي الإعاقة وتيسير اندماجهم في سوق العمل",
    "وتلاحظ المقررة الخاصة الجهود المبذولة لمكافحة الاتجار بالأشخاص وتقديم المساعدة للضحايا",
    "وشاركت منظمات المجتمع المدني في إعداد التقرير الوطني من خلال مشاورات عامة واسعة",
    "وترحب اللجنة بالتصديق على البروتوكول الاختياري لاتفاقية مناهضة التعذيب خلال الفترة المشمولة",
    "وينبغي للدولة أن تكفل تسجيل جميع المواليد دون تمييز وأن تيسر حصولهم على الوثائق",
    "وخصصت الحكومة موارد إضافية لتوفير الرعاية الصحية الأولية للأسر ذات الدخل المنخفض",
    "وتطلب اللجنة معلومات مفصلة عن التدابير المتخذة لتنفيذ توصياتها السابقة وعن نتائجها",
    "وأكد الوفد أن الإصلاحات التشريعية الجارية تهدف إلى مواءمة القوانين الوطنية مع المعايير الدولية",
    "وتعرب اللجنة عن أسفها لعدم توفر بيانات مصنفة حسب الجنس والعمر والأصل الإثني",
    "وتشجع الدولة الطرف على مواصلة تعاونها مع الإجراءات الخاصة لمجلس حقوق الإنسان",
    "ويساور اللجنة القلق من ارتفاع معدلات البطالة بين الشباب ولا سيما في المدن الصغيرة",
    "وقد أطلقت وزارة العدل حملة توعية بحقوق المحتجزين ووسائل تقديم الشكاوى المتاحة لهم",
    "وتدعو اللجنة إلى تعزيز المساعدة القانونية المجانية للفئات المحرومة والمهمشة في المجتمع",
    "وأفادت الحكومة بأنها تعتزم مراجعة التشريعات المتعلقة بحرية التجمع السلمي وتكوين الجمعيات",
]


def _cut(word: str, at: int, rng: random.Random) -> tuple[str, str]:
    stretch = "\u0640" * rng.randint(2, 5)
    return word[:at] + stretch, stretch + word[at:]


def _blocks_document(seed: int = 7) -> list[str]:
    """Every sentence's lines cut into blocks at stretched words (the held-out model)."""
    rng = random.Random(seed)
    return [damage.split_word_blocks(s, rng, splits=2) for s in SENTENCES]


def test_pieces_of_cut_words_are_no_witnesses():
    assert evidence_words("وتعمل على تحســـ ــين فرص") == ["وتعمل", "على", "فرص"]
    # a stretch inside a word is no cut: the word witnesses, read without its tatweel
    assert evidence_words("التعـــليم الجيد") == ["التعليم", "الجيد"]


def test_split_words_alone_are_no_glyph_damage():
    doc = _blocks_document()
    assert sum("\u0640" in l for l in doc) >= 15  # the damage is there ...
    found = Repairer().detect(doc)
    assert "run-order" in found and "tatweel" in found
    assert not found.keys() & GLYPH_KINDS        # ... but no glyph kind


def test_hand_cut_pieces_that_look_like_body_font_damage_are_no_evidence():
    # heads and tails the body font's map would read as damaged words (لتوفـ, فلسطـ, ـندوق ...)
    rng = random.Random(3)
    lines = list(SENTENCES)
    cuts = [("لتوفير", 4), ("والإصلاحات", 5), ("صندوق", 1), ("لقضايا", 3), ("والمطالبة", 5),
            ("فلسطين", 4), ("الاتجار", 4), ("والمهمشة", 5)]
    for k, (word, at) in enumerate(cuts):
        head, tail = _cut(word, at, rng)
        # the head ends one line, the tail starts a line further on (runs out of order)
        lines[k] = lines[k] + " " + head
        lines[k + 8] = tail + " " + lines[k + 8]
    assert not Repairer().detect(lines).keys() & GLYPH_KINDS


@pytest.mark.parametrize("font, kind", [(damage.body_font, "body-font"),
                                        (damage.heading_font, "heading-font")])
def test_glyph_damage_with_split_words_keeps_its_kind(font, kind):
    rng = random.Random(11)
    doc = font("\n".join(SENTENCES), rng).split("\n")
    doc = [damage.split_word_blocks(l, rng, splits=1) if k % 2 else l for k, l in enumerate(doc)]
    assert any("\u0640" in l for l in doc)
    assert kind in Repairer().detect(doc)
