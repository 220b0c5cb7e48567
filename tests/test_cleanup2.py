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
    # --- 4. the Mi 11: its setback is told, its launch is not -----------------------------------
    ("what-does-the-2023-speech-tell-of-the-mi-11",  # 小米十一遭遇了重大挫折 (line 581)
     "SELECT DISTINCT ?e WHERE { ?e kg:product kgr:xiaomi-mi-11 ; kg:evidence/kg:source kgr:source-speech-2023-zh }",
     {("kgr:event-mi-11-setback",)}),
    ("does-any-source-describe-the-mi-11-launch",
     "SELECT ?e WHERE { ?e a kg:Release ; kg:product kgr:xiaomi-mi-11 }",
     set()),
    ("in-which-period-was-the-mi-11-setback",
     "SELECT ?p WHERE { ?e kg:product kgr:xiaomi-mi-11 ; kg:during ?p }",
     {("kgr:period-xiaomi-high-end-push",)}),
    # --- 5. Kingsoft's survival: caused by the 'later' hits, not dated before the resignation --
    ("when-did-kingsoft-find-a-way-to-live",  # no source dates it
     "SELECT ?d WHERE { kgr:event-kingsoft-finds-way-to-live kg:date ?d }",
     set()),
    ("which-sentence-states-that-the-hits-saved-kingsoft",  # 所以很快金山找到了活下去的路 (line 229)
     """SELECT DISTINCT ?q WHERE { kgr:stmt-powerword-release-led-to-kingsoft-survival kg:evidence [ kg:source kgr:source-speech-2022-zh ; kg:quote ?q ] }""",
     {("后来我们出了一系列的爆品，有金山词霸、金山毒霸一二十个。",), ("所以很快金山找到了活下去的路。",)}),
    # --- 6. why Lei Jun resigned in April 1996 ---------------------------------------------------
    ("why-did-lei-jun-resign-in-april-1996",  # Pangu's failure; no hope of winning against Microsoft
     "SELECT ?c WHERE { ?c kg:ledTo kgr:event-lei-jun-resignation-1996 }",
     {("kgr:event-pangu-release",), ("kgr:event-microsoft-enters-china",)}),
    ("which-sentences-give-the-microsoft-reason",
     """SELECT ?q WHERE { ?st rdf:subject kgr:event-microsoft-enters-china ; rdf:predicate kg:ledTo ;
               rdf:object kgr:event-lei-jun-resignation-1996 ; kg:evidence/kg:quote ?q }""",
     {("Competing with Microsoft, there is absolutely no hope of winning.",),
      ("I completely lost my ideals, and at the end of April, I handed in my resignation letter directly.",),
      ("我觉得第二个的话，面对微软的竞争，真的看不到一丝赢的希望。",),
      ("所以，四月底我就提交了辞职信，求军的死活不放。",)}),
    ("which-claim-gives-both-reasons-for-the-resignation",
     "SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:event-lei-jun-resignation-1996 , kgr:pangu , kgr:microsoft }",
     {("kgr:claim-speech-two-reasons-for-resignation",)}),
    # --- 7. dream卡: the English words 'dream car', no Chinese label --------------------------------
    ("what-is-dream-ka",
     'SELECT ?l WHERE { ?e skos:altLabel "dream卡"@zh ; skos:prefLabel ?l }',
     {("Dream car",)}),
    # --- 8. conflicts that read right ----------------------------------------------------------
    ("which-conflicts-have-a-sentence-on-both-sides",
     """SELECT DISTINCT ?c WHERE { ?c a kg:Conflict ; kg:sideA ?a ; kg:sideB ?b .
               ?a kg:evidence/kg:quote ?q . ?b kg:evidence/kg:quote ?q }""",
     set()),
    ("what-does-the-english-say-of-joyo-s-us-1-million",  # 'from friends', against 一个朋友的公司
     """SELECT ?q WHERE { kgr:conflict-translation-friends-or-friends-company kg:sideB/kg:evidence [ kg:source ?s ; kg:quote ?q ] }""",
     {("only to raise 1 million US dollars from friends",)}),
    ("which-sources-does-the-english-side-of-the-translation-conflicts-cite",  # the English translation only
     """SELECT DISTINCT ?s WHERE { ?c kg:conflictKind kg:Translation ; kg:sideB/kg:evidence/kg:source ?s }""",
     {("kgr:source-speech-2022",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_cleanup2_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
