"""The offline answerer: picks the fewest sentences of the retrieved passages that answer the question, quotes
them verbatim and cites each one. No language model; it abstains when no sentence covers the question."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import pairwise
from typing import TypeVar

import numpy as np

from qa.answer import Answer, Citation, nearest_note
from qa.answer.candidate import SAID_BY_PRONOUN, W_TERMS, Candidate, leans_back
from qa.answer.capitals import stands_for
from qa.answer.cite import make_citation
from qa.answer.conflict import dates_of, rival, with_dates
from qa.answer.entities import (
    COUNT_WORDS,
    TIME_REASONS,
    answer_kinds,
    descriptions,
    gives_cause,
    known_people,
    named_entities,
    past_tense,
    proper_names,
    reported,
    reports_words,
)
from qa.answer.giving import ALIKE, Wanted, opens
from qa.answer.interval import Interval, between, interval, order, pinned
from qa.answer.question import (
    INITIALISM,
    NAME_WORD,
    WORD,
    Name,
    Question,
    TermWeights,
    analyse,
    asks_outlet,
    clauses,
    from_question_word,
    initials,
    inside,
    names_one,
    spelled_out,
    term_matches,
    terms,
    ungapped,
)
from qa.chunking import sentence_spans, stop_words
from qa.conversation import rewrite, with_names
from qa.corpus import Article
from qa.dates import DateConstraint, Period, named_periods, periods, quarters
from qa.embeddings import embed_model, embed_texts
from qa.pronouns import Pronouns
from qa.retrieve import Passage

MAX_SENTENCES = 3
NEAREST = 2  # passages shown with an abstention
RELEVANT = 0.40  # below this relevance a sentence does not answer the question
W_QUOTED = 0.3  # bonus for saying the words the question quotes
W_TYPE, W_RANK = 0.2, 0.05  # bonus for holding the kind of answer asked for, and for a higher-ranked passage
ADD_SHARE = 0.7  # a further sentence must score at least this share of the best one (and say more of the question)
LIST_SHARE = 0.92  # ... and this share when all it adds is one more name of the kind asked for
SAME_CLAIM = 0.6  # share of content words two sentences must have in common to be the same claim
ANCHOR_WEIGHT = 2  # names and numbers count double: other words may be paraphrased, they cannot
COMMON_SHARE = 0.1  # a word more than this share of the articles use (and more than one) tells no name apart
SOFT_MATCH = 0.6  # a word this close in meaning to a word of the question says it in other words
ADJECTIVE_MATCH = 0.65  # a word this close to a place's name, of the same first letters, is its adjective
TITLE_SHARE = 0.5  # the share of a name's weight a sentence gets (in rank) when only its article's title has it
CONTEXT_SHARE = 0.5  # ... and (in relevance too) when only the sentences before it in its paragraph have it
CAUSE_MARGIN = 0.1  # a sentence that gives a cause goes first for "why" when it scores about as well as the best
CAUSE_SENTENCES = 2  # how many sentences after the best may give its cause, when it gives none ("owing to ...")
ELLIPTICAL_TERMS = 2  # a part of a question with no more words than these leans on the part before
TOPIC_MENTIONS = 3  # a name this many sentences of an article say is what all of it is about
LEDE_SENTENCES = 2  # an article's first sentences, which name what all of it is about
CONTEXT_SENTENCES = 3  # the sentences before a candidate that may name what it speaks of
SPEAKER_SENTENCES = 3  # how far back the sentence may be that names who a pronoun's words are said by
SHORTLIST = 20  # sentences embedded and tagged for each question
POST_SHORTLIST = 3 * SHORTLIST  # sentences parsed for what they call each person, for a question naming a post
# Kinds of answer whose absence from every relevant sentence means the articles do not say.
MUST_HAVE = {
    "PERSON": "a name",  # of a person or an organisation: the small model takes one for the other
    "ORG": "a name",
    "DATE": "a date",
    "DURATION": "a length of time",
    "NUMBER": "a number",
    "AMOUNT": "an amount",
    "PLACE": "a place",
    "AGE": "an age",
    "SCORE": "a score",
}
YEAR_WORDS = 2  # "the 2020 World Series": a year this close to a word of the question is that thing's year
_PARTICLE = re.compile(r"\s+(?:back|up|down|off|out|over|away)\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A year that names a thing rather than saying when: "the 2017 sign-stealing scheme", "Apple's 2023 revenue"
_NAMING_YEAR = re.compile(r"\b(?:the|an?|its|his|her|their|this|that|\w+['’]s?)\s+((?:19|20)\d\d)\s+[A-Za-z]")
_MARK = re.compile(r"\[(\d+)\]")
_DEFINED = re.compile(r"\(([A-Z]{2,6})\)")  # "California’s Privacy Protection Agency (CPPA)"
_ONLY_WHEN = re.compile(TIME_REASONS, re.I)
# "Three scientists won the Nobel Prize ...", and the next sentence names them: "Moungi Bawendi of MIT, ..."
_COUNTED_ONES = re.compile(rf"\W*(?i:(?:the\s+)?(?:{COUNT_WORDS}|\d+))\s+[a-z]+s\b")
_NAMES_OPEN = re.compile(r"\W*[A-Z][\w’'-]+\s+[A-Z][\w’'-]+")
_WONDERS = re.compile(r"(?<!that['’]s )(?<!that is )(?<!this is )(?<!which is )\bwhy\b", re.I)  # not "that's why"
# A sentence that opens by pointing to the rest of its article: "Here are ...", "Below, ...", "In this guide, we'll ..."
_SIGNPOST = re.compile(
    r"\s*(?:here(?:['’]s|\s+is|\s+are)\b|below(?:\s*,|\s+(?:is|are)\b)"
    r"|(?:(?:in|for)\s+this\s+[^,]{1,60},\s*)?(?:we['’]ll|we\s+will|we['’]ve|we\s+have|let['’]s)\s+"
    r"(?:walk|take|show|explain|break|go\s+over|look|highlight|round|list|compile|gather|collect|outline|detail)\w*\b)",
    re.I,
)
_YES_NO = re.compile(r"\s*(?:did|does|do|is|was|were|are|has|have|had|will|can|could|would|should)\b", re.I)
_CONNECTIVES = frozenset({"of", "the", "for", "and", "&", "on", "in"})
T = TypeVar("T")


class Extractive:
    """Answers from the retrieved passages alone, sentence by sentence."""

    name = "extractive"

    def __init__(self, articles: dict[str, Article]) -> None:
        self._terms: dict[tuple[str, str], frozenset[str]] = {}
        self._capitals: dict[tuple[str, str], frozenset[str]] = {}
        self.weights = TermWeights(self._words(a) for a in articles.values())
        self._spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._vectors: dict[tuple[str, int, int], np.ndarray] = {}
        self._words_seen: dict[str, np.ndarray] = {}
        self._article_days: dict[tuple[str, str], set[Period]] = {}
        self._article_quarters: dict[tuple[str, str], set[int]] = {}
        self._acronyms: dict[tuple[str, str], dict[str, str]] = {}
        self._sentence_terms: dict[tuple[str, str], list[frozenset[str]]] = {}
        self.pronouns = Pronouns(a.text for a in articles.values())  # "she" or "he" for a name, for follow-ups

    def answer(self, question: str, passages: list[Passage]) -> Answer:
        """A cited answer of one to three sentences (for each part of a question of several), or an abstention
        with the nearest passages."""
        question = spelled_out(question)
        if (asked := interval(question)) and (found := self._interval(question, asked, passages)):
            return found
        parts = clauses(question)
        if len(parts) > 1:  # "When did the trial start, and what did the jury decide?": each part on its own
            answers = [self._answer(parts[0], passages)]
            for before, part in pairwise(parts):
                part = ungapped(part, before)  # "..., and how many times against UCLA?": sacked, as before
                # "..., and when did she get back?": "she" is who the part before named
                part = rewrite(part, [(answers[-1].question, answers[-1].text)], self.pronouns)
                if _elliptical(analyse(part)):  # "..., and what had analysts expected?": of what came before
                    part = with_names(part, answers[-1].question)
                answers.append(self._answer(part, passages))
            if not all(a.abstained for a in answers):
                return _join(question, answers, passages)
        return self._answer(question, passages)

    def _interval(self, question: str, asked: Interval, passages: list[Passage]) -> Answer | None:
        """ "How many days after X did Y?": when X was and when Y was, each answered and cited, and the time
        between the two days (or months); None when either is not pinned to one."""
        # "... did she return?": she is who the first names
        then = rewrite(asked.then, [(asked.first, "")], self.pronouns)
        answers = [self._answer(asked.first, passages), self._answer(then, passages)]
        days = [pinned(a, asked.unit) for a in answers]
        if None in days:
            return None
        if asked.compare:
            joined = _join(question, answers, passages)
            return replace(joined, text=f"{order(*days)} {joined.text}")
        first, then_day = sorted(days) if not asked.ordered else days if asked.after else days[::-1]
        span = between(first.day, then_day.day, asked.unit)
        if span is None:
            return None
        joined = _join(question, answers, passages)
        said = f"{span}, from {first.said} to {then_day.said}."
        return replace(joined, text=f"{said} {joined.text}", debug={**joined.debug, "interval": span})

    def _answer(self, question: str, passages: list[Passage]) -> Answer:
        q = analyse(question)
        candidates = self._candidates(passages, who="PERSON" in q.types)
        if not candidates:
            return self._abstain(q, [], passages, "nothing was retrieved")
        # A name the question hinges on must be in some article a passage comes from (each sentence is checked
        # for it below): "according to the Michael Mann excerpt" names the book's author once, far from the answer.
        seen = frozenset().union(*(self._words(c.article) | c.about for c in candidates))
        said = " ".join(c.text for c in candidates)
        spoken = frozenset().union(*(c.stems for c in candidates))  # the terms of `said`
        capitalised = frozenset().union(*(self._capitalised(c.article) | c.about for c in candidates))
        missing = self._unnamed(q, seen, capitalised, said)
        named = {t for p in q.people for t in p.stems} | {t for name in q.names for t in name.stems}
        named |= {t for w in INITIALISM.findall(q.text) if _spelled_out(w, said) for t in terms(w)}
        named |= {  # "British" for "Britain", "the United States" for "Washington"
            t
            for place in q.places
            if self._adjective_of(place.text, said) or stands_for(place.stems, spoken)
            for t in place.stems
        }
        missing += [t for t in sorted(q.anchors - named) if not term_matches(t, seen)]
        missing += [d.text for d in q.dates if not any(d.matches(day) for c in candidates for day in self._days(c))]
        # The question's verb weighs as a name does when the sentences use it ("hire"), else it may be paraphrased.
        # (not for a post: "Who runs North Korea's diplomacy?" is answered by a title, whatever the verb)
        attested = (
            q.event if q.event and not q.post and any(term_matches(q.event, c.stems) for c in candidates) else None
        )
        shortlist = self._score(q, candidates, attested)
        # a sentence that says nothing the question does not ("Honda e", a heading) answers nothing, nor does one
        # that asks ("Will Alabama make the College Football Playoff?") or points to what the article says elsewhere
        # ("In this guide, we'll walk you through how to wake up Art Cullagh")
        asked = set(q.terms)
        relevant = [
            c for c in shortlist if c.relevance >= RELEVANT and c.stems - asked and not _asks(c) and not _signposts(c)
        ]
        if missing:
            return self._abstain(q, shortlist, passages, f"no passage mentions {', '.join(sorted(missing))}")
        if not relevant:
            return self._abstain(q, shortlist, passages, "no sentence covers the question")
        for c in relevant:
            c.unnamed = frozenset(self._ungrounded(q, c))
        grounded = [c for c in relevant if not c.unnamed]
        side_by_side = not grounded and bool(grounded := _each_grounded(q, relevant))
        if not side_by_side:
            # named in the sentences before it in its paragraph ("The Caribbean box jellyfish has four rhopalia. Each
            # rhopalium has six eyes."); or, where no sentence names it, a few sentences before, or introduced earlier
            # as what the sentence calls "the meetup" ("In the University of British Columbia study, ...?")
            within = bool(grounded)
            grounded = [
                c for c in relevant if not c.unnamed or not self._ungrounded(q, c, in_context=True, paragraph=within)
            ]
        if not grounded:
            names = ", ".join(sorted(relevant[0].unnamed))
            return self._abstain(q, shortlist, passages, f"no sentence that covers it is about {names}")
        relevant = grounded
        if q.past and (later := [d for d in q.happened if d.year]):
            # "Who won the final in January 2024?": a report published before then cannot say, unless it is a preview
            # that names the time and says what is asked of it ("it goes on sale on November 16")
            relevant = [c for c in relevant if not _published_before(q, c, later)]
            if not relevant:
                return self._abstain(q, shortlist, passages, "the articles that cover it were published before then")
        for period, another in self._other_periods(q):
            relevant = [c for c in relevant if not another(c)]
            if not relevant:
                return self._abstain(q, shortlist, passages, f"the sentences that cover it are about another {period}")
        focus = q.focus_term
        if (
            focus
            and not (q.focus_kind or q.picks)
            and not self._common(focus)  # "What level ...?" asks for a kind of answer, not a thing
            and not any(term_matches(focus, self._words(c.article)) or c.counted_as or _weighed(q, c) for c in relevant)
        ):
            # "What gift did she give?" and no article that covers the question speaks of a gift (or, for "how
            # many", a sentence that covers it of something like it: "organizations" for "groups")
            return self._abstain(q, shortlist, passages, f"no article that covers it mentions {q.focus}")
        if not q.wh and not _names_everyone(q, relevant[0]):
            # "Did Pranay Vaddi meet Choe Son-hui?" asks about a relation: one sentence must name them all.
            return self._abstain(q, shortlist, passages, "no sentence that covers it names everyone asked about")
        if q.speaker:
            # "What did Jo say at the meeting?": a sentence that reports his words ("he said", a quote), naming all
            relevant = [c for c in relevant if reports_words(c.text, q.speaker) and _names_everyone(q, c)]
            if not relevant:
                return self._abstain(q, shortlist, passages, "no sentence that covers it reports what was said")
            # "What did Peskov say in October 2023?": not his words in a report of January 2024
            if q.happened:
                relevant = [c for c in relevant if _said_then(c, q.happened, self._before(c))]
                if not relevant:
                    return self._abstain(
                        q, shortlist, passages, "the words the articles report were said at another time"
                    )
        if quoting := max((c.quoted for c in relevant), default=0.0):
            # "Who called it 'unprecedented'?" asks about the sentence that says it
            quoted = [c for c in relevant if c.quoted == quoting]
            wanted = [ALIKE.get(kind, {kind}) for kind in q.types if kind in MUST_HAVE]
            if wanted and not any(_gives(c, wanted) for c in quoted):
                # a heading says it ("Keep a weather eye on Ketchup Economics"), the answer says its words another
                # way: "what economist Larry Summers termed as Ketchup economists/economics"
                quoted = [c for c in relevant if _gives(c, wanted) and _holds_words(q.quoted, c)] or quoted
            relevant = quoted
        if len(q.types) == 1:
            # One kind of answer is asked for: the sentences that give one answer before the others.
            (kind,) = q.types
            giving = [c for c in relevant if _gives(c, [ALIKE.get(kind, {kind})])]
            if kind == "PERSON" and attested:
                # "Who was appointed to succeed him?": a name in a sentence (or article title) that says "appointed"
                # (or one that says the words the question quotes: "Who called it 'unprecedented'?")
                giving = [c for c in giving if term_matches(q.event, c.stems | c.title) or c.quoted]
            elif kind == "PERSON" and q.past and q.event and not q.post:
                # "Who won Benavidez vs. Andrade?", no sentence saying "won": a name said in a past tense, not a
                # preview's "David Benavidez -440 vs. Demetrius Andrade +335"
                giving = [c for c in giving if past_tense(c.text)]
            if kind in MUST_HAVE and not giving:
                return self._abstain(q, shortlist, passages, f"no sentence that covers it gives {MUST_HAVE[kind]}")
            if kind in MUST_HAVE or kind in (q.focus_kind, "QUOTE", "ROLE"):  # the words used, quoted if any are
                relevant = giving or relevant
            if kind == "REASON":
                # "... and why double tap isn't available on older watches" asks the question, it gives no reason
                relevant = [c for c in relevant if c in giving or not _WONDERS.search(c.text)] or relevant
                # "owing to health concerns" gives a cause; "following an 11-year tenure" may only say when
                best = relevant[0].score
                caused = [c for c in relevant if _gives_cause(c) and c.score >= best - CAUSE_MARGIN]
                if not caused and (run_on := self._cause_after(relevant[0])):
                    relevant = [run_on, *relevant[1:]]  # the sentences after it, pointing back to it, give the cause
                else:
                    relevant = caused + [c for c in relevant if c not in caused]
            # "What revenue ...?": an amount said to be revenue, not another ("$3B in cash", "net income of $221m")
            if kind == "AMOUNT" and q.measures and not any(c.measured for c in relevant):
                return self._abstain(q, shortlist, passages, f"no sentence that covers it gives the {q.focus}")
            relevant = [c for c in relevant if c.measured] or relevant
        groups = self._select(q, relevant, side_by_side)
        return self._compose(q, groups, shortlist, passages, _unsaid(q, groups) if side_by_side else "")

    def _other_periods(self, q: Question) -> list[tuple[str, Callable[[Candidate], bool]]]:
        """For each year, month or quarter the question asks about, the test of a candidate that speaks of another
        one instead."""
        dates = [d for d in q.dates if d not in q.framing]  # not "after 29 October", nor a report's date
        years, months, asked = {d.year for d in dates if d.year}, [d for d in dates if d.month], quarters(q.text)
        when = years - {int(y) for y in _NAMING_YEAR.findall(q.text)}  # not "the 2017 scheme"
        tests = [
            # "the 2020 World Series MVP" does not answer a question about the 2023 one
            ("year", years, lambda c: _another_year(q, c, years, when)),
            # "visitors in October" does not answer for September, unless the question dates the report
            ("month", months, lambda c: _another_month(c, months)),
            # third-quarter figures do not answer for the fourth quarter
            ("quarter", asked, lambda c: self._another_quarter(c, asked)),
        ]
        return [(period, test) for period, named, test in tests if named]

    def _candidates(self, passages: list[Passage], who: bool = False) -> list[Candidate]:
        """Every sentence of the passages, and each sentence that leans on the one before (by a pronoun) together
        with that one; for a question that asks `who`, words a pronoun says ("..., he said.") together with the
        sentences back to the one that names the speaker (see `_speaker_before`). A candidate's terms include its
        article's publisher, author and date, so that "as reported by TechCrunch" or "in October 2023" is covered by
        any sentence of such an article."""
        seen, out = set(), []
        for rank, p in enumerate(passages):
            about, title = _about(p.article), frozenset(terms(p.article.title or ""))
            spans = [(s, e) for s, e in self._sentence_spans(p.article) if s >= p.start and e <= p.end]
            for i, (start, end) in enumerate(spans):
                if (p.article.path, start) in seen:
                    continue
                seen.add((p.article.path, start))
                text = p.article.text
                out.append(Candidate(p.article, start, end, rank, frozenset(terms(text[start:end])), about, title))
                paired = None
                if i:
                    begin, before = spans[i - 1][0], text[spans[i - 1][0] : start]
                    new_paragraph = "\n" in text[spans[i - 1][1] : start]
                    if _continues(before) and (
                        leans_back(text[start:end], before, new_paragraph)
                        or (who and _COUNTED_ONES.match(before) and _NAMES_OPEN.match(text, start))
                    ):
                        stems, paired = frozenset(terms(text[begin:end])), begin
                        out.append(Candidate(p.article, begin, end, rank, stems, about, title, start - begin))
                if who and (first := self._speaker_before(p.article, start)) not in (None, paired):
                    stems = frozenset(terms(text[first:end]))
                    out.append(Candidate(p.article, first, end, rank, stems, about, title, start - first))
        return out

    def _speaker_before(self, article: Article, start: int) -> int | None:
        """Where the sentences start that name who says the words of the sentence at `start` by a pronoun ("...,
        he said."): back over the sentences the pronoun speaks too, as far as SPEAKER_SENTENCES, to the one that
        does not ("Walker said ... . And ..., he said. “People ...,” he said."); for words of a quotation that opened
        in an earlier sentence, after words that say who speaks, that sentence; None otherwise."""
        spans, text = self._sentence_spans(article), article.text
        at = next(k for k, (s, _) in enumerate(spans) if s == start)
        if (opened := _quote_opened(text, start)) is not None:
            # 'Kim In-ae stated at a press briefing, "As both ... it is probable. We will continue to ... situation."'
            first = next(k for k, (_, e) in enumerate(spans) if e > opened)
            attributed = text[spans[first][0] : opened].strip()  # the words before the quotation name who says it
            return spans[first][0] if attributed and first < at and at - first <= SPEAKER_SENTENCES else None
        if not SAID_BY_PRONOUN.search(text[spans[at][0] : spans[at][1]]):
            return None
        first = at
        while first and at - first < SPEAKER_SENTENCES and _continues(text[spans[first - 1][0] : spans[first][0]]):
            first -= 1  # not over a heading or a caption
            if not SAID_BY_PRONOUN.search(text[spans[first][0] : spans[first][1]]):
                break
        return spans[first][0] if first < at else None

    def _ungrounded(self, q: Question, c: Candidate, in_context: bool = False, paragraph: bool = False) -> list[str]:
        """The question's names and numbers the candidate's context does not mention: a sentence about the 2023
        chemistry Nobel does not answer for the literature one, nor a sentence without "Nepal" for a launch in
        Nepal, nor an article about a namesake for a person asked about. The context is the candidate, its article's
        title and byline and, `in_context`, the sentences before it (in its `paragraph`, if so) and what it calls by
        a noun the article introduced with a name; for a person or a one-word name (the small NER model takes many a
        surname for an organisation), or a place that many of its sentences name, the whole article."""
        before = self._before(c, paragraph) if in_context else ""
        spoken = c.stems | frozenset(terms(before))  # the terms of the candidate and the sentences before it
        near = spoken | c.about | c.title
        if in_context:
            near |= self._introduced(q, c)
        # "the CPPA's exec director" names California’s Privacy Protection Agency where the article spells it out
        defined = _per_article(self._acronyms, c.article, lambda a: acronyms(a.text))
        near |= {t for short, long in defined.items() if re.search(rf"\b{short}\b", c.text) for t in terms(long)}
        places = [
            place.text
            for place in q.places  # "Nepal", unless most articles name it ("US"): then "Washington" may stand for it
            if not all(term_matches(t, near) for t in place.stems if not self._common(t))
            and not _spelled_out(place.text, f"{before} {c.text}")
            and not self._adjective_of(place.text, f"{before} {c.text}")
            and not stands_for(place.stems, spoken)  # "the United States" for "Washington"
            and not _shortened(place, self._words(c.article), f"{before} {c.text}")
            and not (_owns(place.text, q.text) and all(term_matches(t, self._words(c.article)) for t in place.stems))
            and self._mentions(place, c.article) < TOPIC_MENTIONS  # "New Orleans", all through a report of a game there
        ]
        anywhere = self._capitalised(c.article) | c.about
        unnamed = self._unnamed(q, near, anywhere, f"{before} {c.text}")
        if unnamed:  # a name the article's first sentences give is what all of it is about (a place, one of several)
            lede, told = self._lede(c.article), frozenset().union(*self._said(c.article)[:LEDE_SENTENCES])
            unnamed = [n for n in unnamed if n in self._unnamed(q, told, anywhere, lede)]
        if unnamed:  # so is a name many of its sentences say
            topics = {name.text for name in q.names if self._mentions(name, c.article) >= TOPIC_MENTIONS}
            unnamed = [n for n in unnamed if n not in topics]
        namesakes = [" ".join(sorted(p.stems)) for p in q.people if _namesake(p, anywhere, c.article.text)]
        return unnamed + places + namesakes

    def _lede(self, article: Article) -> str:
        """An article's first sentences, which say what all of it is about ("After the Online Safety Act's arduous
        multiyear passage ..." grounds "Ofcom can levy fines of up to £18 million")."""
        spans = self._sentence_spans(article)[:LEDE_SENTENCES]
        return article.text[spans[0][0] : spans[-1][1]] if spans else ""

    def _mentions(self, name: Name, article: Article) -> int:
        """How many sentences of the article say the name (its telling terms)."""
        telling = self._telling(name)
        return sum(all(term_matches(t, stems) for t in telling) for stems in self._said(article))

    def _said(self, article: Article) -> list[frozenset[str]]:
        """The terms of each sentence of the article, computed once."""
        return _per_article(
            self._sentence_terms, article, lambda a: [frozenset(terms(a.text[s:e])) for s, e in self._sentence_spans(a)]
        )

    def _adjective_of(self, place: str, text: str) -> bool:
        """True when the text names a one-word place by a word of the same first three letters that the model holds
        close to it: its adjective ("British" for "Britain", "Chinese" for "China"; not "Australian" for "Austria",
        nor "Paraguay" for "Peru")."""
        if " " in place or len(place) < 3:
            return False
        said = {w.lower() for w in re.findall(rf"\b{re.escape(place[:3])}[a-z]+\b", text)} - {place.lower()}
        vectors = self._word_vectors([place.lower(), *said])
        return any(float(vectors[w] @ vectors[place.lower()]) >= ADJECTIVE_MATCH for w in said)

    def _introduced(self, q: Question, c: Candidate) -> frozenset[str]:
        """The terms of the question's names that the candidate speaks of as "the <thing>": the question writes the
        name with that thing ("a Motier Ventures meetup") and an earlier sentence of its article names both
        ("Motier Ventures held a tech meetup"), so "the meetup" is that one."""
        found: set[str] = set()
        for name in q.names:
            m = re.search(rf"{re.escape(name.text)}(?:['’]s)?\s+([a-z]{{3,}})\b", q.text)
            if not m or m.group(1) in stop_words() or not re.search(rf"\bthe\s+{m.group(1)}\b", c.text, re.I):
                continue
            thing, telling = re.compile(rf"\b{m.group(1)}\b", re.I), self._telling(name)
            for start, end in self._sentence_spans(c.article):
                said = c.article.text[start:end]
                if end > c.start:
                    break
                if thing.search(said) and all(term_matches(t, terms(said)) for t in telling):
                    found |= set(name.stems)
                    break
        return frozenset(found)

    def _unnamed(self, q: Question, near: frozenset[str], anywhere: frozenset[str], text: str) -> list[str]:
        """The people and names of the question not mentioned: a person by any part of their name in `anywhere` (the
        terms of capitalised words: "victory" does not name "Victor Wembanyama"), another name or a number by its
        telling words (in `near`, or `anywhere` for a one-word capitalised name) or by its initials in `text` ("DOJ"
        for "the US Justice Department")."""
        missing = [" ".join(sorted(p.stems)) for p in q.people if not names_one(p.stems, anywhere)]
        for name in q.names:
            vocabulary = near if len(name.words) > 1 or not name.text[0].isupper() else anywhere
            if not all(term_matches(t, vocabulary) for t in self._telling(name)) and not (
                initials(name.words, text) or _spelled_out(name.text, text) or _shortened(name, anywhere, text)
            ):
                missing.append(name.text)
        return missing

    def _telling(self, name: Name) -> list[str]:
        """The terms of a name that tell it from others: all but those most articles use ("US" in "the US Justice
        Department", "state" in "Michigan State"); its rarest term when all are common."""
        return [t for t in name.stems if not self._common(t)] or [max(name.stems, key=self.weights)]

    def _common(self, term: str) -> bool:
        """True when many articles use the stem, so it does not tell one from another: more than COMMON_SHARE of
        them, and more than one ("China" in one of five articles about the same visit tells that one apart)."""
        return self.weights.share(term) > COMMON_SHARE and self.weights.df.get(term, 0) > 1

    def _days(self, c: Candidate) -> set[Period]:
        """The days, months and years the candidate's article is about (see `periods`)."""
        return _per_article(self._article_days, c.article, lambda a: periods(a.text, a.published))

    def _another_quarter(self, c: Candidate, asked: set[int]) -> bool:
        """True when the quarters the candidate names (else its article's title, else its article) are all others
        than those asked about."""
        named = quarters(c.text, c.article.published) or _per_article(
            self._article_quarters,
            c.article,
            lambda a: quarters(a.title or "", a.published) or quarters(a.text, a.published),
        )
        return bool(named) and not named & asked

    def _words(self, article: Article) -> frozenset[str]:
        """The terms of an article's title and text (those of the articles known at start, computed then)."""
        return _per_article(self._terms, article, lambda a: frozenset(terms(f"{a.title}\n{a.text}")))

    def _capitalised(self, article: Article) -> frozenset[str]:
        """The terms of the capitalised words of an article's title and text, which may be names."""
        return _per_article(
            self._capitals, article, lambda a: frozenset(terms(" ".join(NAME_WORD.findall(f"{a.title}\n{a.text}"))))
        )

    def _before(self, c: Candidate, paragraph: bool = False) -> str:
        """The sentences just before the candidate (in its `paragraph`, if so), which may name what it speaks of
        ("PSG" for "it")."""
        opens = c.article.text.rfind("\n", 0, c.start) + 1 if paragraph else 0
        spans = [(s, e) for s, e in self._sentence_spans(c.article) if opens <= s and e <= c.start][-CONTEXT_SENTENCES:]
        return c.article.text[spans[0][0] : c.start] if spans else ""

    def _cause_after(self, c: Candidate) -> Candidate | None:
        """The candidate run on to a sentence soon after it in its paragraph that points back to it and gives a
        cause in words of cause: "Following an 11-year tenure with Cleveland ..., Terry Francona announced his
        resignation. ... He had managed the Guardians till the conclusion of the 2023 season, but now, owing to
        health concerns, he decides to put his wellbeing first." None when no such sentence follows."""
        text = c.article.text
        ends = text.find("\n", c.end)  # where its paragraph ends
        ends = len(text) if ends < 0 else ends
        after = [(s, e) for s, e in self._sentence_spans(c.article) if c.end <= s and e <= ends][:CAUSE_SENTENCES]
        for s, e in after:
            if leans_back(text[s:e]) and gives_cause(text[s:e]):
                return replace(c, end=e, kinds=(*c.kinds, ("REASON", text[s:e])), _words=None)
        return None

    def _sentence_spans(self, article: Article) -> list[tuple[int, int]]:
        return _per_article(self._spans, article, lambda a: sentence_spans(a.text))

    def _embed(self, candidates: list[Candidate]) -> np.ndarray:
        keys = [(c.article.path, c.start, c.end) for c in candidates]
        todo = [c.text for c, k in zip(candidates, keys, strict=True) if k not in self._vectors]
        if todo:
            new = iter(embed_texts(todo))
            for k in keys:
                if k not in self._vectors:
                    self._vectors[k] = next(new)
        return np.stack([self._vectors[k] for k in keys])

    def _score(self, q: Question, candidates: list[Candidate], attested: str | None) -> list[Candidate]:
        """The shortlist of candidates worth a closer look, best first: scored on the terms they cover, their
        closeness in meaning and whether they hold, near the question's words, the kind of answer wanted.
        `attested` is the question's verb when some candidate uses it."""
        key = q.anchors | {q.focus_term, attested}
        weights = {u: max(map(self.weights, u)) * (ANCHOR_WEIGHT if key & set(u) else 1) for u in _units(q)}
        total = sum(weights.values()) or 1.0
        names = [u for u in weights if q.anchors & set(u)]
        quoted = [_plain(words) for words in q.quoted]  # "Who called it 'unprecedented'?": the words said
        for c in candidates:
            # "HSF" says "Hipgnosis Songs Fund" as the question writes it out
            initialled = {
                t for name in q.names if len(name.words) > 1 and initials(name.words, c.text) for t in name.stems
            }
            covered = {u for u in weights if names_one(u, c.covered | initialled)}
            c.coverage = sum(weights[u] for u in covered) / total
            # A sentence that says "the company" is about the company its title names: it ranks higher for that
            # name (it is no more relevant: the title does not say the sentence answers the question).
            titled = (u for u in names if u not in covered and names_one(u, c.title))
            c.titled = TITLE_SHARE * sum(weights[u] for u in titled) / total
            if quoted:
                plain = _plain(c.text)
                c.quoted = sum(words in plain for words in quoted) / len(quoted)
        # Retrieval already ranked the passages by meaning; words and rank pick the few candidates to embed.
        candidates.sort(key=lambda c: c.coverage + c.titled + c.quoted + 1 / (1 + c.rank), reverse=True)
        if q.post:  # "Who is North Korea's top diplomat?": of the likelier, those that call someone that come first
            self._posts(q.post, candidates[:POST_SHORTLIST])
            candidates.sort(key=lambda c: c.coverage + c.titled + c.quoted + c.post + 1 / (1 + c.rank), reverse=True)
        shortlist = candidates[:SHORTLIST]
        for c in shortlist:  # "... the rogue military commander (Bruce Willis)", "Planet Terror" two sentences before
            if unsaid := [u for u in names if not names_one(u, c.covered)]:
                before = frozenset(terms(self._before(c, paragraph=True)))
                c.coverage += CONTEXT_SHARE * sum(weights[u] for u in unsaid if names_one(u, before)) / total
        self._paraphrased(q, {u: w / total for u, w in weights.items() if not key & set(u)}, shortlist)
        query = np.asarray(embed_model().get_query_embedding(q.text), dtype=np.float32)
        for c, meaning in zip(shortlist, self._embed(shortlist) @ query, strict=True):
            c.meaning = max(0.0, float(meaning))
            c.score = c.relevance + W_TERMS * c.titled + W_QUOTED * c.quoted + W_RANK / (1 + c.rank)
        if q.types:
            wanted = Wanted(q)
            if wanted.counted:
                self._counted_as(q, wanted.counted, shortlist)
            texts = [c.text for c in shortlist]
            found_in = answer_kinds(texts)
            if "ROLE" in q.types:  # "Who is Pranay Vaddi?": "Pranay Vaddi, White House Senior Director for ..."
                for text, found in zip(texts, found_in, strict=True):
                    found += descriptions(text, q.anchors)
            known_people(found_in, texts, [c.article.path for c in shortlist])
            for c, found in zip(shortlist, found_in, strict=True):
                answers = wanted.answers(c, found)
                c.kinds = tuple((kind, words) for kind, words, _ in answers)
                c.measured = wanted.measured(c, answers)
                given = {kind for kind, _ in c.kinds}
                if attested and not (term_matches(q.event, c.stems) or c.quoted):
                    continue  # "Who did X hire?": a name in a sentence that does not say "hire" answers another thing
                c.score += W_TYPE * sum(bool(ALIKE.get(t, {t}) & given) for t in q.types) / len(q.types)
                c.score += c.post  # a title close to the post asked about says most of all who holds it
        return sorted(shortlist, key=lambda c: c.score, reverse=True)

    def _paraphrased(self, q: Question, weights: dict[tuple[str, ...], float], shortlist: list[Candidate]) -> None:
        """Credit each candidate for the question's words it says in other words ("cannabis" for "marijuana",
        "threat" for "danger"), by how close the model holds the two words to be. Names are never paraphrased."""
        asked = {}
        for m in WORD.finditer(q.text):
            if inside(m.start(), q.dated):  # "September" is not said as "January"
                continue
            unit = tuple(terms(m.group())[:1])
            if unit in weights:  # a verb with its particle ("get back") says more than the verb alone
                particle = _PARTICLE.match(q.text, m.end())
                asked.setdefault(unit, (m.group() + (particle.group() if particle else "")).lower())
        if not asked:
            return
        said = [c.lemmas for c in shortlist]
        vectors = self._word_vectors([*asked.values(), *(w for words in said for w in words)])
        for c, words in zip(shortlist, said, strict=True):
            if not words:
                continue
            theirs = np.stack([vectors[w] for w in words])
            for unit, word in asked.items():
                if not term_matches(unit[0], c.covered):
                    similar = theirs @ vectors[word]
                    closeness = float(similar.max())
                    if closeness >= SOFT_MATCH:
                        c.coverage += weights[unit] * closeness
                        c.said_as |= frozenset(terms(words[int(similar.argmax())]))

    def _posts(self, post: str, candidates: list[Candidate]) -> None:
        """Note in each candidate how close the model holds what it calls a person it names to the `post` a "who"
        question names ("North Korean Foreign Minister Choe Son-hui" for "North Korea's top diplomat"), when at
        least SOFT_MATCH."""
        texts = [c.text for c in candidates]
        people = [
            [name for kind, name, _ in found if kind in ALIKE["PERSON"]] + [name for name, _ in proper_names(text)]
            for text, found in zip(texts, answer_kinds(texts), strict=True)
        ]  # a name the small model missed ("Choe Son Hui" after a headline) may be a person's
        called = [
            [said for name in names for _, said, _ in descriptions(text, terms(name))]
            for text, names in zip(texts, people, strict=True)
        ]
        phrases = sorted({w for words in called for w in words})
        if not phrases:
            return
        vectors = embed_texts([post, *phrases])
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        closeness = dict(zip(phrases, vectors[1:] @ vectors[0], strict=True))
        for c, words in zip(candidates, called, strict=True):
            best = max((float(closeness[w]) for w in words), default=0.0)
            c.post = best if best >= SOFT_MATCH else 0.0

    def _counted_as(self, q: Question, counted: str, shortlist: list[Candidate]) -> None:
        """Note in each candidate its words that say what a "how many" question counts (the term `counted`) in other
        words: "18 of its member organizations" for "How many member groups ...?"."""
        asked = (m.group().lower() for m in WORD.finditer(q.text) if terms(m.group())[:1] == [counted])
        noun = next(asked, counted)  # the word as the question writes it
        said = [c.lemmas for c in shortlist]
        vectors = self._word_vectors([noun, *(w for words in said for w in words)])
        for c, words in zip(shortlist, said, strict=True):
            close = (w for w in words if float(vectors[w] @ vectors[noun]) >= SOFT_MATCH)
            c.counted_as = frozenset(t for w in close for t in terms(w))

    def _word_vectors(self, words: list[str]) -> dict[str, np.ndarray]:
        """Unit vectors of single words from the embedding model, each computed once."""
        todo = sorted({w for w in words if w not in self._words_seen})
        if todo:
            for w, v in zip(todo, embed_texts(todo), strict=True):
                self._words_seen[w] = v / (np.linalg.norm(v) or 1.0)
        return self._words_seen

    def _select(self, q: Question, relevant: list[Candidate], side_by_side: bool = False) -> list[list[Candidate]]:
        """The fewest candidates, led by the best that names all the question's anchors, that together cover its
        answer kinds and words (and, for a list of people or places, each one named; for things named side by side,
        each one's best sentence); each comes with the candidates of other articles that say the same."""
        best = relevant[0]
        groups = [[best]]
        lacking = set(best.unnamed) if side_by_side else set()
        for c in relevant[1:]:
            if lacking and (gained := lacking - c.unnamed) and not _overlaps(c, groups):
                groups.append([c])
                lacking -= gained
        covered_types = {k for k, _ in best.kinds} & q.types
        covered_terms = {t for t in q.terms if term_matches(t, best.covered)}
        named = {words for _, words in best.kinds}
        for c in relevant[1:]:
            if _overlaps(c, groups):
                continue
            same = next((g for g in groups if _same_claim(g[0], c)), None)
            if same is not None:
                if c.article.path not in {x.article.path for x in same}:
                    same.append(c)
                continue
            if len(groups) >= MAX_SENTENCES or c.score < ADD_SHARE * best.score:
                continue
            new_types = ({k for k, _ in c.kinds} & q.types) - covered_types
            new_terms = {t for t in q.terms if term_matches(t, c.covered)} - covered_terms
            new_names = {w for k, w in c.kinds if k in q.types and k in {"PERSON", "PLACE"}} - named
            # Another person or place the event involved ("Whom did she meet?") only when it answers nearly as well.
            if new_types or new_terms or (new_names and c.score >= LIST_SHARE * best.score):
                groups.append([c])
                covered_types |= new_types
                covered_terms |= new_terms
                named |= {words for _, words in c.kinds}
        return groups

    def _compose(self, q: Question, groups: list[list[Candidate]], shortlist, passages, unsaid: str = "") -> Answer:
        citations: list[Citation] = []
        parts = []
        other = rival(q, [c for g in groups for c in g], shortlist, RELEVANT)
        if asks_outlet(q.text) and (
            outlets := list(dict.fromkeys(c.article.source for c in groups[0] if c.article.source))
        ):
            parts.append(f"Reported by {' and '.join(outlets)}:")  # "Which news agency reported ...?"
        if other is not None:
            groups = [groups[0], [other]]
            parts.append("The reports differ on the date:")
        for group in groups:
            # Of the articles saying the same, the one whose dates can be pinned to days is quoted in the text.
            group = sorted(group, key=lambda c: (sum(m.value is not None for m in dates_of(c)), c.score), reverse=True)
            marks = ""
            for c in group:
                citations.append(make_citation(len(citations) + 1, c.article, c.start, c.end, c.score))
                marks += f"[{len(citations)}]"
            parts.append(_place_marks(" ".join(with_dates(group[0]).split()), marks))  # one paragraph
        if unsaid:  # "What price do Engadget and Polygon give?" and only Engadget's is found
            parts.append(f"The articles do not say this for {unsaid}.")
        return Answer(
            question=q.text,
            text=" ".join(parts),
            citations=tuple(citations),
            passages=tuple(passages),
            debug={**_debug(q, shortlist), "conflict": other is not None},
        )

    def _abstain(self, q: Question, shortlist: list[Candidate], passages: list[Passage], why: str) -> Answer:
        nearest, used = [], set()
        for c in shortlist:
            if c.article.path not in used and len(nearest) < NEAREST:
                used.add(c.article.path)
                nearest.append(make_citation(len(nearest) + 1, c.article, c.start, c.end, c.score))
        asked = from_question_word(q.text.strip()).rstrip("?.! ")  # "... still under way? Give both dates."
        said = reported(asked[0].lower() + asked[1:]) if q.wh else f'anything that answers "{q.text.strip()}"'
        text = f"The articles do not say {said}." + nearest_note(nearest)
        return Answer(
            question=q.text,
            text=text,
            citations=tuple(nearest),
            abstained=True,
            passages=tuple(passages),
            debug={**_debug(q, shortlist), "abstained_because": why},
        )


def _per_article(cache: dict[tuple[str, str], T], article: Article, compute: Callable[[Article], T]) -> T:
    """What `compute` gives for an article, computed once per version of the article (its path and checksum)."""
    key = (article.path, article.sha256)
    if key not in cache:
        cache[key] = compute(article)
    return cache[key]


def _join(question: str, answers: list[Answer], passages: list[Passage]) -> Answer:
    """One answer from the answers to each part of a question: the parts answered, renumbered in order, and a
    plain statement for each part the articles do not answer."""
    citations: list[Citation] = []
    texts = []
    for a in answers:
        if a.abstained:
            texts.append(a.text.removesuffix(nearest_note(a.citations)))
            continue
        if all(any(_within(c, earlier) for earlier in citations) for c in a.citations):
            continue  # "..., and how much of it is deferred?": answered by the passage already quoted
        offset = len(citations)
        citations += [replace(c, n=c.n + offset) for c in a.citations]
        texts.append(_MARK.sub(lambda m, offset=offset: f"[{int(m.group(1)) + offset}]", a.text))
    return Answer(
        question=question,
        text=" ".join(texts),
        citations=tuple(citations),
        passages=tuple(passages),
        debug={"parts": [{"question": a.question, **a.debug} for a in answers]},
    )


def _within(c: Citation, other: Citation) -> bool:
    """True when the citation quotes a part of what the other quotes."""
    return c.source == other.source and other.start <= c.start and c.end <= other.end


def _each_grounded(q: Question, relevant: list[Candidate]) -> list[Candidate]:
    """For a question that names things side by side ("What price do Engadget and Polygon give?"), where no
    sentence is about them all: the sentences about some of them, when together they are about all."""
    names = frozenset().union(*(c.unnamed for c in relevant))
    if not names or any(all(n in c.unnamed for c in relevant) for n in names) or not _side_by_side(q.text, names):
        return []
    return [c for c in relevant if c.unnamed < names]


def _unsaid(q: Question, groups: list[list[Candidate]]) -> str:
    """The things asked about side by side that no chosen sentence is about, as the question names them."""
    left = frozenset.intersection(*(g[0].unnamed for g in groups))
    return " and ".join(" ".join(m.group() for m in _naming(q.text, n)) for n in sorted(left))


def _side_by_side(question: str, names: frozenset[str]) -> bool:
    """True when the question asks about all of `names` in one run joined by "and", "or" or commas ("Engadget
    and Polygon", "its story on Spill and its story on Flipboard")."""
    # not names side by side in what the question tells before it asks ("X and Y both announced deals. Which ...")
    question = from_question_word(re.split(r"(?<=[.!])\s+(?=[A-Z])", question)[-1])
    found = [_naming(question, n) for n in names]
    if not all(found):
        return False
    at = [words[0].start() for words in found]
    between = question[min(at) : max(at)]
    return len(at) > 1 and bool(re.search(r"\b(?:and|or|vs|versus)\b|,", between, re.I))


def _naming(question: str, name: str) -> list[re.Match]:
    """The words of the question that say a name (as `_ungrounded` gives it: "blueski" for "Bluesky")."""
    said = set(terms(name))
    return [m for m in WORD.finditer(question) if said & set(terms(m.group()))]


def _about(article: Article) -> frozenset[str]:
    """The terms of an article's publisher, author and publication date ("published 16 January 2024")."""
    day = article.published
    return frozenset(terms(" ".join(filter(None, [article.source, article.author, day and f"{day:%d %B %Y}"]))))


def _units(q: Question) -> list[tuple[str, ...]]:
    """The question's terms as units of meaning: a person's name is one (an article that names "Kim Jong-un"
    once calls him "Kim" after), every other term is one of its own."""
    units: list[tuple[str, ...]] = []
    for t in q.terms:
        person = next((p.stems for p in q.people if t in p.stems), None)
        unit = tuple(u for u in q.terms if u in person) if person else (t,)
        if unit not in units:
            units.append(unit)
    return units


def _weighed(q: Question, c: Candidate) -> bool:
    """True when the candidate gives an amount for "how much <noun>", which measures it in its units whatever the
    noun: "lost about 18 pounds" for "How much weight did he lose?"."""
    return "AMOUNT" in q.types and not q.measures and any(kind == "AMOUNT" for kind, _ in c.kinds)


def _another_year(q: Question, c: Candidate, years: set[int], when: set[int]) -> bool:
    """True when the candidate ties one of the question's words to a year the question does not ask about, or
    opens a sentence with one ("The year 2022 saw just $14.5 billion invested") where the question says `when` (not
    "the 2017 scheme": it was punished in 2020), and names none it does ask about (a table row "valuation (2021):
    ..., (2023): ..." gives both)."""
    found = list(_YEAR.finditer(c.text))
    if any(int(m.group()) in years for m in found):
        return False
    return any(c.near(m.start(), q.terms, YEAR_WORDS) or (when and opens(c, m.start(), q.terms)) for m in found)


def _published_before(q: Question, c: Candidate, asked: list[DateConstraint]) -> bool:
    """True when the candidate's article was published before the first day of every period asked about, and the
    candidate is no preview of it: one that names the period and says what the question asks of it ("available to
    order on November 16"; "faces Love on December 9" tells no result)."""
    published = c.article.published
    if published is None or any(date(d.year, d.month or 1, d.day or 1) <= published for d in asked):
        return False
    says = all(term_matches(t, c.stems) for t in (q.event, q.focus_term) if t)
    return not (says and any(d.matches(when) for d in asked for when in periods(c.text, published)))


def _said_then(c: Candidate, asked: tuple[DateConstraint, ...], before: str) -> bool:
    """True when the candidate's words were said in one of the periods asked about: it names that time or, naming
    no day or month, the sentences `before` it do, or they name none and its article was published then ("On
    Thursday, he described ..." in a report of Friday was not said on Friday)."""
    published = c.article.published
    said = named_periods(c.text, published) or named_periods(before, published) or periods(c.text, published)
    return any(d.matches(w) for d in asked for w in said)


def _another_month(c: Candidate, asked: list[DateConstraint]) -> bool:
    """True when the candidate names a day or month the question does not ask about and none it does, and its
    article was not published then ("In October 2023, Fox News told ..." may date the report rather than the
    event). Unlike a bare year ("the 2020 MVP"), a day or month in a sentence dates what the sentence says."""
    said = [m.value or m.month for m in dates_of(c) if m.value or (m.month and m.month[1])]
    published = [c.article.published] if c.article.published else []
    return bool(said) and not any(d.matches(when) for d in asked for when in [*published, *said])


def _gives_cause(c: Candidate) -> bool:
    """True when the candidate gives a reason in words of cause ("because", "owing to"), not of time alone ("after",
    "since", "following", "amid")."""
    return any(kind == "REASON" and not _ONLY_WHEN.fullmatch(words) for kind, words in c.kinds)


def _signposts(c: Candidate) -> bool:
    """True when the candidate's first sentence points to what its article says elsewhere: "Below, we've highlighted
    some of the winners", "Here are the live odds", not "Here's why that's important: ..." (which goes on to say it)."""
    return bool(_SIGNPOST.match(c.first)) and ":" not in c.first


def _asks(c: Candidate) -> bool:
    """True when the candidate's sentences are questions of the writer's (not one quoted: "'Why now?' she asked"):
    "Who is Sam Bankman-Fried, the former CEO of crypto exchange FTX? Is he a liar and a fraud?"; a question read
    with the sentence before it may lean on a statement ("At the time, ... how often does it?")."""
    return c.first.rstrip().endswith("?") and c.text.rstrip().endswith("?")


def _gives(c: Candidate, wanted: list[set[str]]) -> bool:
    """True when the candidate gives one of the `wanted` kinds of answer (each a set of kinds alike)."""
    given = {kind for kind, _ in c.kinds}
    return any(alike & given for alike in wanted)


def _holds_words(quotes: tuple[str, ...], c: Candidate) -> bool:
    """True when the candidate has every word of the question's quotes, in whatever order or form of a word."""
    return all(term_matches(t, c.stems) for words in quotes for t in terms(words))


def _quote_opened(text: str, start: int) -> int | None:
    """Where the quotation opens that the sentence at `start` goes on with, when one opened earlier in its paragraph
    is not yet closed; None otherwise."""
    opens = text.rfind("\n", 0, start) + 1
    before = text[opens:start]
    if before.count("“") > before.count("”"):
        return opens + before.rfind("“")
    if before.count('"') % 2:
        return opens + before.rfind('"')
    return None


def _plain(text: str) -> str:
    """The text's words in small letters, each between spaces, without punctuation or quotation marks: one text
    says another's words when its plain form holds the other's."""
    return " " + " ".join(re.findall(r"\w+(?:['’]\w+)?", text.lower().replace("’", "'"))) + " "


def _continues(before: str) -> bool:
    """True when the text before a sentence is a sentence it may go on from (news gives each its own paragraph),
    not a heading or a caption, which end without a full stop."""
    return before.rstrip().endswith((".", "!", "?", '"', "”", "’", "'"))


def _elliptical(q: Question) -> bool:
    """True when a part of a question names nothing and says little: "and what had analysts expected?"."""
    return not q.anchors and len(q.terms) <= ELLIPTICAL_TERMS


def _shortened(name: Name, anywhere: frozenset[str], text: str) -> bool:
    """True when a name of capitalised words its article writes out is written by its last word alone ("City
    decided ..." for "Manchester City") or by its first words alone ("Check Point (CHKP)" for "Check Point
    Software"), as a name."""
    words = name.words
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or not all(t in anywhere for t in name.stems):
        return False
    # not after another capitalised word ("North Korea" is no "Korea" alone), unless that one ends a sentence
    last = rf"\b{re.escape(words[-1])}\b"
    if any(not re.search(r"[A-Z][\w'’-]*\s+$", text[: m.start()]) for m in re.finditer(last, text)):
        return True
    # nor before another ("Hipgnosis Song Management" is no "Hipgnosis Songs Fund")
    first = r"\s+".join(re.escape(w) for w in words[:-1])
    return bool(re.search(rf"\b{first}\b(?!['’]?\s*[A-Z0-9])", text))


def acronyms(text: str) -> dict[str, str]:
    """The acronyms a text defines, each with the name it stands for: {"CPPA": "California’s Privacy Protection
    Agency"} from "California’s Privacy Protection Agency (CPPA)". The name's capitalised words, read back from
    the bracket, must begin with the acronym's letters in order."""
    found = {}
    for m in _DEFINED.finditer(text):
        short = m.group(1)
        words = text[: m.start()].split()[-3 * len(short) :]
        letters, start = list(short), None
        for i in range(len(words) - 1, -1, -1):
            word = words[i]
            if not letters or not (word[:1].isupper() or word.lower() in _CONNECTIVES):
                break
            if word[:1].isupper():
                if word[0] != letters[-1]:
                    break
                letters.pop()
                start = i
        if not letters and start is not None:
            found.setdefault(short, " ".join(words[start:]))
    return found


def _owns(place: str, question: str) -> bool:
    """True when the question writes the place as what a name it asks about belongs to ("Nebraska's Caring Contacts
    program", "the Philippines' budget", "the Fairfield 'Mombies'"): the article that names both tells which one,
    though the sentence may name only the thing; not a place where something happened ("the launch in Nepal")."""
    return re.search(rf"\b{re.escape(place)}(?:['’]s?\s|\s+['‘’\"“]?[A-Z])", question) is not None


def _spelled_out(name: str, text: str) -> bool:
    """True when a name written as initials is written out in the text: "UC" as "University of California"."""
    if not INITIALISM.fullmatch(name):
        return False
    words = r"(?:\s+(?:of|the|and|for|&))*\s+".join(rf"{letter}[a-z]+" for letter in name)
    return re.search(rf"\b{words}\b", text) is not None


def _names_everyone(q: Question, c: Candidate) -> bool:
    """True when the candidate names every person the question names (by any part of their name) and, for a
    question of yes or no ("Did Jo sit in on Choe's talks with Lavrov?"), every name other than a place's."""
    places = {place.text for place in q.places}
    others = [name.stems for name in q.names if name.text not in places] if _YES_NO.match(q.text) else []
    return all(names_one(name, c.covered) for name in [*(p.stems for p in q.people), *others])


def _namesake(person: Name, anywhere: frozenset[str], text: str) -> bool:
    """True when an article (its terms `anywhere`, its `text`) never says the first name of a person asked about and
    names another person of the same last name: "Hayley Miller" is not "Patrick Miller"."""
    if len(person.words) < 2:
        return False
    first, last = person.words[0], person.words[-1]
    given = terms(first)  # none for "Will" of "Will Smith", a word too common to tell
    if not first[0].isupper() or not given or any(term_matches(t, anywhere) for t in given):
        return False
    for m in re.finditer(rf"\b[A-Z][\w’'-]+\s+{re.escape(last)}\b", text):
        around = text[max(0, m.start() - 100) : m.end() + 20]
        if any(
            label == "PERSON" and words.split()[-1] == last and words.split()[0] != first
            for label, words, _ in named_entities(around)
        ):
            return True
    return False


def _overlaps(c: Candidate, groups: list[list[Candidate]]) -> bool:
    """True when the candidate shares text with one already chosen (a sentence and its two-sentence span)."""
    return any(c.article.path == x.article.path and c.start < x.end and x.start < c.end for g in groups for x in g)


def _same_claim(a: Candidate, b: Candidate) -> bool:
    union = a.stems | b.stems
    return bool(union) and len(a.stems & b.stems) / len(union) >= SAME_CLAIM


def _place_marks(sentence: str, marks: str) -> str:
    """Citation markers go before the closing full stop; a sentence without one (a heading, a caption) gets one
    after them, so that the next sentence of the answer does not run on from it."""
    body = sentence.rstrip()
    if body.endswith((".", "!", "?")):
        return f"{body[:-1]} {marks}{body[-1]}"
    closed = body[-2:-1] in (".", "!", "?")  # a quotation that ends the sentence: “... the best.”
    return f"{body} {marks}" + ("" if closed else ".")


def _debug(q: Question, shortlist: list[Candidate]) -> dict:
    return {
        "terms": list(q.terms),
        "anchors": sorted(q.anchors),
        "types": sorted(q.types),
        "top": [
            {
                "source": c.article.path,
                "start": c.start,
                "score": round(c.score, 3),
                "coverage": round(c.coverage, 3),
                "meaning": round(c.meaning, 3),
                "answers": [f"{kind}: {words}" for kind, words in c.kinds],  # the kinds of answer it gives
                "text": c.text[:160],
            }
            for c in shortlist[:5]
        ],
    }
