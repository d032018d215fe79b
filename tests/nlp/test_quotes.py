# ruff: noqa: E501  (table rows hold literal article snippets and gold quotes)
"""Direct quotes, table-driven: each row is one article snippet and the quotes it must yield."""
from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.nlp.extract import extract


class Case(NamedTuple):
    text: str
    quotes: tuple[str, ...]
    speakers: tuple[str | None, ...] | None = None


def xfail(case: Case, reason: str):
    return pytest.param(case, marks=pytest.mark.xfail(strict=True, reason=reason))


DIRECT_QUOTES = [
    Case('“We will win,” she said.', ("We will win",)),
    Case('"We will win," she said.', ("We will win",)),
    Case('Smith said: "Taxes must fall."', ("Taxes must fall.",)),
    Case('Brafman said, “The zeal is uncharacteristic.”', ("The zeal is uncharacteristic.",)),
    Case('“It is over,” said Jane Doe, the mayor.', ("It is over",)),
    Case('“Fine,” Blinken told reporters.', ("Fine",)),
    Case("“A terrible idea.” ― Karen Bobadilla", ("A terrible idea.",)),
    Case('According to Limbaugh, “[I]f it was left up to Hillary, she would lose.”', ("[I]f it was left up to Hillary, she would lose.",)),
    Case('“Is that all there is?” Trump said.', ("Is that all there is?",), ("Trump",)),
    Case("“A disgrace.” ― Karen Bobadilla “Shameful and sad.” ― Jorge Falcon", ("A disgrace.", "Shameful and sad."),
         ("Karen Bobadilla", "Jorge Falcon")),
    Case('The ad said it was fine, Schiff said. "It is not fine at all."', ("It is not fine at all.",), ("Schiff",)),
    Case('Caddell continued:\n\n"The health issue is a partisan issue."', ("The health issue is a partisan issue.",),
         ("Caddell",)),
    Case('"Americans are worried about the future of their kids."\n\n- Bernie Sanders.',
         ("Americans are worried about the future of their kids.",), ("Bernie Sanders",)),
    Case('“The rationales are wrong,” said 9/11 widow Terry Strada.', ("The rationales are wrong",),
         ("9/11 widow Terry Strada",)),
]

APOSTROPHES = [
    Case("“The Alliance's role is clear,” he said.", ("The Alliance's role is clear",)),
    Case("“We shouldn‘t wait,” he said.", ("We shouldn‘t wait",)),
    Case("“Trump’s plan failed,” she said.", ("Trump’s plan failed",)),
    Case("“Back in the '90s it was rock ’n’ roll,” he said.", ("Back in the '90s it was rock ’n’ roll",)),
    Case("Trump’s policy and the Alliance's role were discussed.", ()),
]

NESTED = [
    Case("“I’d rather live in what he calls “hell” than here.” ― Adriana Rodarte",
         ("I’d rather live in what he calls “hell” than here.",)),
    Case('"I am going to read you the question: “Do you think so?” Yes," he said.',
         ("I am going to read you the question: “Do you think so?” Yes",)),
    Case("Blinken said that \"the US won't force our allies into an 'us-or-them' choice,\" he said.",
         ("the US won't force our allies into an 'us-or-them' choice",)),
    Case("“The left is saying, ‘Yeah, normally that’s true,’ and so on,” Limbaugh said.",
         ("The left is saying, ‘Yeah, normally that’s true,’ and so on",)),
]

SPLIT_QUOTES = [
    Case('"The last thing," Blinken said. "The next thing."', ("The last thing", "The next thing."), ("Blinken", "Blinken")),
    Case('“We will win,” he said, “and we will do it soon.”', ("We will win", "and we will do it soon."), ("he", "he")),
]

MULTI_PARAGRAPH = [
    Case('Smith said: “First part of it.\n\n“Second part of it.\n\n“Third part.”', ("First part of it.", "Second part of it.", "Third part."), ("Smith", "Smith", "Smith")),
]

PARTIAL_QUOTES = [
    Case('Mr. Blinken hit the notes, talking of the desire to "revitalize the alliance" today.', ("revitalize the alliance",)),
    Case('Biden said last week that it would be "tough" for Washington.', ("tough",), ("Biden",)),
    Case("Blinken says the US has a \"steadfast commitment\" to NATO.", ("steadfast commitment",)),
    Case('But Mr. Blinken promised that "we will consult," despite Beijing\'s "coercive behavior," he said.', ("we will consult", "coercive behavior")),
]

HEADLINES = [
    Case("Blinken says US wants to 'revitalize' NATO\n\nBody text here.", ("revitalize",)),
    Case("'We will not back down', says minister\n\nBody.", ("We will not back down",)),
]

SCARE_QUOTES = [
    Case('He repaired damage done by Trump’s “America First” policy.', ()),
    Case('Blinken said Washington would work on nuclear arms control, "strategic stability" and climate.', ()),
    Case('A decision is coming, and "in together, leave together" remains the NATO position.', ()),
    Case('Her book, "Stealing America," sold well.', ()),
    Case("Under government rules, even newspaper articles can be deemed “top secret” if they reference a program.", ()),
    Case("The so-called “mosquito lab” in Wuhan was closed last year.", ()),
    Case("Trump unloaded on Cruz in return, yoking him with the nickname \"Lyin' Ted.\"", ()),
    Case("The Oilers’ “Battle of Alberta” win drew a record crowd.", ()),
    Case("Shares of the “Magnificent Seven” fell on Tuesday, analysts said.", ()),
    Case("The premier’s “open for business” slogan was dropped after the election.", ()),
]

REPLIES = [
    Case("Asked whether he would run, Poilievre said: “No.”", ("No.",)),
    Case("Asked about the trade, the coach replied, “Never!”", ("Never!",)),
    Case("Trump called the plan a “disaster” on Tuesday.", ("disaster",)),
]

ROBUSTNESS = [
    Case("", ()),
    Case('"', ()),
    Case('“unclosed quote that never ends', ("unclosed quote that never ends",)),
    Case('He called it “bad', ()),
    Case('\x00\x01 "" ”“ \'\' ’‘', ()),
    xfail(Case('He said "yes and "no" then left.', ("yes and",)), "a stray mark inside a quote re-opens it"),
]

TRAILING_PUNCTUATION = [
    Case('“We will win,” she said.', ("We will win",)),
    Case('"Let Hillary and I sit there and just debate, because I think that the system is being rigged," Trump said this month on CNBC.', ("Let Hillary and I sit there and just debate, because I think that the system is being rigged",)),
    Case('Cruz called Trump a "pathological liar" who is "utterly amoral," a "serial philanderer."', ("pathological liar", "utterly amoral", "serial philanderer")),
    Case('Trump said he won "every single debate" in which he participated.', ("every single debate",)),
    Case("“It's a disgrace.”", ("It's a disgrace.",)),
    Case('Smith said: "Taxes must fall."', ("Taxes must fall.",)),
    Case('Without naming them, he said, "some of our allies are moving in the wrong direction."', ("some of our allies are moving in the wrong direction.",)),
    Case('“We were not good enough tonight,” Leafs captain John Tavares said.', ("We were not good enough tonight",)),
    Case('He said the bank was "too big to fail..."', ("too big to fail...",)),
    Case('The senator said the plan would "hurt families in the U.S."', ("hurt families in the U.S.",)),
]

ALL_CASES = (DIRECT_QUOTES + TRAILING_PUNCTUATION + APOSTROPHES + NESTED + SPLIT_QUOTES + MULTI_PARAGRAPH + PARTIAL_QUOTES
             + SCARE_QUOTES + REPLIES + ROBUSTNESS)


@pytest.mark.parametrize("case", ALL_CASES)
def test_direct_quotes(case: Case) -> None:
    extraction = extract(case.text, headline=False)
    direct = [q for q in extraction.quotes if q.kind == "direct"]
    assert tuple(q.text for q in direct) == case.quotes
    for quote in extraction.quotes:
        assert case.text[quote.start:quote.end] == quote.text
    if case.speakers is not None:
        assert tuple(q.speaker_mention for q in direct) == case.speakers


@pytest.mark.parametrize("case", HEADLINES)
def test_headline_quotes(case: Case) -> None:
    quotes = [q for q in extract(case.text, headline=True).quotes if q.headline]
    assert tuple(q.text for q in quotes) == case.quotes
    assert all(q.paragraph == 0 for q in quotes)


PATHOLOGICAL = ['"' * 20000, "“a” " * 5000, "x" * 200000, ("word " * 50 + "\n\n") * 400, "'" * 10000,
                "“a b c d” " * 5000, 'He said "yes it is" and Smith said ' * 3000, '"a “b” c" ' * 5000,
                "Trump’s ‘x’ don't 'y' " * 5000, '"Hello there my friend." ' * 5000, "“Hello there friend " * 5000]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda t: repr(t[:12]))
def test_pathological_inputs_stay_fast(text: str) -> None:
    started = time.perf_counter()
    for headline in (True, False):
        extraction = extract(text, headline=headline)
        assert all(text[q.start:q.end] == q.text for q in extraction.quotes)
    assert time.perf_counter() - started < 5  # linear: well under a second on a laptop


_ALPHABET = st.sampled_from(list("ab AB.,:;!?\n\"“”‘’'—-―()") + ["he said", "Smith", "said", "\n\n", "according to"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.booleans())
def test_never_raises_and_offsets_are_exact(text: str, headline: bool) -> None:
    extraction = extract(text, headline=headline)
    assert [q.start for q in extraction.quotes] == sorted(q.start for q in extraction.quotes)
    for quote in extraction.quotes:
        assert text[quote.start:quote.end] == quote.text
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.kind in ("direct", "indirect")


class Gold(NamedTuple):
    article: str
    kind: str
    text: str
    speaker: str


SEED_GOLD = [
    Gold('000', 'direct', 'I’ve come here to express the United States’ steadfast commitment (to NATO),', 'Antony Blinken'),
    Gold('000', 'direct', 'The United States wants to rebuild our partnerships, first and foremost with our NATO allies, we want to revitalise the alliance,', 'Antony Blinken'),
    Gold('000', 'direct', 'The last thing we can afford to do is take this alliance for granted,', 'Antony Blinken'),
    Gold('000', 'direct', 'The process of confronting our own shortcomings can be very painful. It can be ugly. But ultimately, at least today, we’ve emerged the better and the stronger for it,', 'Antony Blinken'),
    Gold('000', 'indirect', 'China’s military rise and Russia’s attempts to destabilise the West were threats that required NATO to come together', 'Antony Blinken'),
    Gold('000', 'indirect', 'despite public differences with Ankara, the US and NATO had a strong interest in keeping Turkey anchored in the alliance', 'Antony Blinken'),
    Gold('000', 'direct', 'Turkey is a long-standing and valued ally,', 'Antony Blinken'),
    Gold('000', 'indirect', 'it was also in Ankara’s interest to remain in the alliance', 'Antony Blinken'),
    Gold('000', 'direct', 'experiencing brain death', 'Emmanuel Macron'),
    Gold('000', 'direct', 'I think that the strength of NATO is that by having NATO ships there, we’re able actually to bring Turkey, Greece, and the European Union together, and help to implement an important agreement,', 'Jens Stoltenberg'),
    Gold('000', 'direct', 'It is about building new partnerships with partners in our neighbourhood, training, capacity building, but also building partnerships with like-minded countries, for instance in the Asia-Pacific: Australia, New Zealand, South Korea and Japan – they are partners, so we’d like to strengthen our partnership to stand up for a rules-based order and also address the consequences of the rise of China,', 'Jens Stoltenberg'),
    Gold('000', 'direct', 'They have behaved very badly against Australia after Australia asked for an independent investigation into the origins of coronavirus,', 'Jens Stoltenberg'),
    Gold('000', 'direct', 'It is important to demonstrate we’re able to stand together when we see China trying to bully countries all over the world,', 'Jens Stoltenberg'),
    Gold('001', 'direct', 'revitalize', 'Antony Blinken'),
    Gold('001', 'direct', 'steadfast commitment', 'Antony Blinken'),
    Gold('001', 'direct', 'pivotal moment', 'Antony Blinken'),
    Gold('001', 'direct', "I've come here to express the United States' steadfast commitment (to NATO),", 'Antony Blinken'),
    Gold('001', 'direct', 'The last thing we can afford to do is take this alliance for granted,', 'Antony Blinken'),
    Gold('001', 'direct', 'The United States wants to rebuild our partnerships, first and foremost with our NATO allies. We want to revitalize the alliance.', 'Antony Blinken'),
    Gold('001', 'indirect', 'NATO member states were facing numerous military threats from global powers', 'Antony Blinken'),
    Gold('001', 'direct', 'There will be no European defense without NATO and there will be no efficient and relevant NATO without Europeans,', 'Antony Blinken'),
    Gold('001', 'direct', "President Biden has been very clear, he believes the pipeline is a bad idea, bad for Europe, bad for the United States. Ultimately it is in contradiction to the EU's own security goals,", 'Antony Blinken'),
    Gold('001', 'direct', 'has the potential to undermine the interests of Ukraine, Poland, and a number of close partners and allies.', 'Antony Blinken'),
    Gold('001', 'direct', 'when it advances... our interest.', 'Antony Blinken'),
    Gold('001', 'direct', 'experiencing brain death.', 'Emmanuel Macron'),
    Gold('001', 'direct', "It's no secret that we have differences with Turkey, including over the S-400s and including certain actions that they're taking, including in the Eastern Mediterranean. It's also no secret that Turkey is a long-standing and valued ally, and one that I believe we have a strong interest in keeping anchored to NATO,", 'Antony Blinken'),
    Gold('001', 'direct', 'We went in together, we have adjusted together, and when the time is right, we will leave together,', 'Antony Blinken'),
    Gold('001', 'direct', "We have a review underway in the United States. I'm here today in part to share some of our initial thinking with our NATO allies,", 'Antony Blinken'),
    Gold('001', 'direct', 'tough', 'Joe Biden'),
    Gold('003', 'direct', 'revitalize the alliance', 'Antony Blinken'),
    Gold('003', 'direct', 'wherever and whenever we can.', 'Antony Blinken'),
    Gold('003', 'direct', 'there are differences and there are concerns,', 'Jens Stoltenberg'),
    Gold('003', 'direct', "the president's thinking.", 'Antony Blinken'),
    Gold('003', 'direct', 'We will consult with our friends, early and often,', 'Antony Blinken'),
    Gold('003', 'direct', 'a change from the past that our allies are already seeing.', 'Antony Blinken'),
    Gold('003', 'direct', "the United States won't force our allies into an 'us-or-them' choice with China,", 'Antony Blinken'),
    Gold('003', 'direct', 'coercive behavior,', 'Antony Blinken'),
    Gold('003', 'direct', 'threatens our collective security and prosperity', 'Antony Blinken'),
    Gold('003', 'direct', 'to undercut the rules of the international system and the values we and our allies share.', 'Antony Blinken'),
    Gold('003', 'direct', 'an irritant in an rock-solid alliance,', 'Antony Blinken'),
    Gold('003', 'direct', 'the ball is in their court.', 'Antony Blinken'),
    Gold('003', 'direct', 'When our allies shoulder their fair share of the burden, they will have a fair say in the decisions,', 'Antony Blinken'),
    Gold('003', 'direct', 'some of our allies are moving in the wrong direction.', 'Antony Blinken'),
    Gold('003', 'direct', 'all speak up when countries take steps that undermine democracy and human rights,', 'Antony Blinken'),
    Gold('003', 'direct', "We can't build a foreign policy that delivers for the American people without maintaining effective alliances,", 'Antony Blinken'),
    Gold('003', 'direct', "And we can't sustain effective alliances without showing how they deliver for the American people.", 'Antony Blinken'),
    Gold('003', 'direct', 'We have now a unique opportunity to start a new chapter in the trans-Atlantic relationship,', 'Jens Stoltenberg'),
    Gold('003', 'direct', 'Secretary Blinken, Tony, once again welcome to NATO. You are here not just among allies, but also among friends.', 'Jens Stoltenberg'),
]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = {path.name[:3]: path for path in SEEDS.glob("*.txt")}


def _seed_quotes(prefix: str):
    from app.ingest.cleaning import clean_text

    title, body = clean_text(SEED_FILES[prefix].read_text(encoding="utf-8"))
    return [q for q in extract(body, headline=bool(title)).quotes if not q.headline]


def _bare(text: str) -> str:
    """A quote without its closing punctuation (the served text drops the attribution's comma
    and a fragment's period; test_quotes tables pin down which)."""
    text = text.strip().rstrip(",;: ")
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


@pytest.mark.parametrize("gold", [g for g in SEED_GOLD if g.kind == "direct"], ids=lambda g: g.text[:30])
def test_seed_direct_quote_found_with_speaker(gold: Gold) -> None:
    found = [q for q in _seed_quotes(gold.article) if q.kind == "direct" and _bare(q.text) == _bare(gold.text)]
    assert found, gold.text
    assert found[0].speaker == gold.speaker


def test_seed_direct_quotes_have_no_extras() -> None:
    for prefix in SEED_FILES:
        golds = {_bare(g.text) for g in SEED_GOLD if g.article == prefix and g.kind == "direct"}
        predicted = [_bare(q.text) for q in _seed_quotes(prefix) if q.kind == "direct"]
        assert sorted(predicted) == sorted(golds)


class Clause(NamedTuple):
    text: str
    clause: str  # the reported speech, or the content around a partial quote


ABBREVIATION_BOUNDARIES = [
    Clause("He said the decision was made under Mr. Obama and would stand.", "the decision was made under Mr. Obama and would stand"),
    Clause("Blinken said the plan would keep U.S. troops in Europe for years.", "the plan would keep U.S. troops in Europe for years"),
    Clause("Carney said the tariffs would hurt workers on both sides of the border, according to Sen. Smith.", "the tariffs would hurt workers on both sides of the border"),
    Clause("She said it had no incriminating information about Ms. Clinton at all.", "it had no incriminating information about Ms. Clinton at all"),
    Clause("Trump said he would ban Muslims from entering the U.S.", "he would ban Muslims from entering the U.S."),
    Clause('He said the move was "a gift" to the U.S.', "the move was \"a gift\" to the U.S."),
]


@pytest.mark.parametrize("case", ABBREVIATION_BOUNDARIES)
def test_clauses_do_not_end_at_an_abbreviation(case: Clause) -> None:
    quotes = extract(case.text, headline=False).quotes
    clauses = [case.text[q.content[0]:q.content[1]] if q.content else q.text for q in quotes]
    assert case.clause in clauses
