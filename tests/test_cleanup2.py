"""Competency questions the cleanup2 lens made answerable (triples/audit3/cleanup2.ttl and
the in-place fixes of its commits): the loose ends earlier curators noticed.

Translations that silently rendered a speech-recognition homophone as the intended name now
say what the transcript says ('Chuqi [sic: SU7]'); 友商 is no label; stated sequences are
kg:followedBy, not kg:ledTo; the Mi 11, the 1996 resignation's two reasons, Kingsoft's
survival and the dream car's label say what the sources say.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- 1. homophones: the translation says what the transcript says -----------------------
    ("how-do-the-translations-render-song-wei",  # 宋炜 for 顺为 (2024 line 149)
     'SELECT DISTINCT ?t WHERE { ?e kg:quote ?q ; kg:quoteTranslation ?t FILTER(CONTAINS(?q, "宋炜")) }',
     {("Later he joined Song Wei [sic: Shunwei], and later still he also became my adviser.",)}),
    ("which-translations-of-a-su7-homophone-hide-it",  # none renders 初七/苏柒/速7/... as a plain 'SU7'
     """SELECT ?t WHERE { ?e kg:quote ?q ; kg:quoteTranslation ?t
               FILTER(REGEX(?q, "初七|小米初期|的初期|酥七|苏柒|速7|书7|舒7|舒淇") && CONTAINS(?t, "SU7") && !CONTAINS(?t, "[sic")) }""",
     set()),
    ("which-translations-of-c-beidou-hide-it",  # C北斗 / C飞的 for CFIDO (2022 transcript)
     """SELECT ?t WHERE { ?e kg:quote ?q ; kg:quoteTranslation ?t
               FILTER(REGEX(?q, "C北斗|C飞的") && !REGEX(?t, "C-Beidou|C-Feide|C北斗|C飞的")) }""",
     set()),
    # --- 2. 友商 is a common word, no label ----------------------------------------------------
    ("what-does-youshang-name",
     'SELECT ?e WHERE { ?e skos:prefLabel|skos:altLabel "友商"@zh }',
     set()),
    ("which-group-fanned-the-smears",  # 2024 line 733: 几家友商推波助澜, car makers, not phone makers
     "SELECT ?g WHERE { kgr:event-xiaomi-auto-smear-wave kg:participant ?g . ?g a kg:Group }",
     {("kgr:rival-carmakers",)}),
    # --- 3. stated sequences, not causes -------------------------------------------------------
    ("how-is-the-reply-to-the-board-linked-to-the-car-launch-event",  # '当天晚上我们举办了发布会'
     "SELECT ?rel WHERE { kgr:event-lei-jun-replies-to-board ?rel kgr:event-xiaomi-car-launch-2021 . FILTER(?rel IN (kg:ledTo, kg:followedBy)) }",
     {("kg:followedBy",)}),
    ("what-did-the-xiaomi-auto-debut-cause",  # '但没过几天': a sequence, no cause
     "SELECT ?e WHERE { kgr:event-xiaomi-auto-debut-2023 kg:ledTo ?e }",
     set()),
    ("what-followed-the-xiaomi-auto-debut",
     "SELECT ?e WHERE { kgr:event-xiaomi-auto-debut-2023 kg:followedBy ?e }",
     {("kgr:event-xiaomi-auto-smear-wave",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_cleanup2_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
