"""Follow-up questions: "And when did she return?" after "Who met Putin?" is rewritten, from the earlier turns, into
a question that stands alone ("And when did Choe Son-hui return?") before retrieval."""

from __future__ import annotations

import re

from qa.answer.entities import named_entities, proper_names, subjects, tagged
from qa.answer.question import REPORT_NOUNS, analyse, said_at, term_matches, terms
from qa.pronouns import Pronouns, agrees

History = list[tuple[str, str]]
MAX_TURNS = 3  # earlier turns than these rarely hold what a pronoun refers to

# A pronoun, and the kinds of entity it can stand for, most likely first.
_PRONOUNS = {
    "he": ("PERSON", "ORG"), "him": ("PERSON", "ORG"), "his": ("PERSON", "ORG"),
    "she": ("PERSON", "ORG"), "her": ("PERSON", "ORG"), "hers": ("PERSON", "ORG"),
    "they": ("ORG", "GPE", "NORP", "PERSON"), "them": ("ORG", "GPE", "NORP", "PERSON"),
    "their": ("ORG", "GPE", "NORP", "PERSON"),
    "it": ("ORG", "GPE", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"),
    "its": ("ORG", "GPE", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"),
    "there": ("GPE", "LOC", "FAC"),
}  # fmt: skip
_PERSONAL = {"he", "him", "his", "she", "her", "hers"}
_POSSESSIVE = {"his", "its", "their", "hers"}
_PLURAL = {"they", "them", "their"}
_GAP = 60  # characters between two names of one list: "Pak Chol-jun and Russia's Charge d'Affaires ad Interim"
_PRONOUN = re.compile(r"\b(" + "|".join(_PRONOUNS) + r")\b", re.I)
_COUNTED = re.compile(r"\bhow\s+many\s+([\w'’-]+)", re.I)  # what a "how many" question counts
_ELLIPSIS = re.compile(r"^\s*(?:and|what about|how about)\s+(.{1,60}?)\s*\??\s*$", re.I)
_CLAUSE = re.compile(
    r"(who|whom|what|when|where|why|how|which|did|does|do|is|was|were|are|has|have|had|will|can)\b", re.I
)
# A verb of saying or thinking right before a pronoun: the pronoun is the verb's subject, named in the same question.
_REPORTED = re.compile(
    r"\b(?:said|says|say|told\s+\w+|tells\s+\w+|claimed|claims|thought|thinks|believed|believes|announced|"
    r"announces|added|insisted|insists|argued|argues|stated|states|warned|warns|admitted|admits|denied|denies)"
    r"\s+(?:that\s+)?$",
    re.I,
)
_THAT = r"\b(?:that|this|the same)"  # "that meeting", "the same agency"
_POINTS_BACK = re.compile(r"(?:" + _THAT + r"|\b(?:those|these))\b(?!\s+(?:is|was|are|were|will|would)\b)", re.I)
_THAT_NOUN = re.compile(_THAT + r"\s+([a-z]+)\b", re.I)
# The entity kinds that can be the answer to a "which <noun>" question of each kind.
_ANSWERED_BY = {"PERSON": ("PERSON", "ORG"), "ORG": ("ORG", "PERSON"), "PLACE": ("GPE", "LOC", "FAC")}
_NOT_NOUNS = frozenset(
    [
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "with",
        "for",
        "after",
        "before",
        "back",
        "again",
        "home",
        "up",
        "off",
        "out",
        "there",
        "then",
        "now",
        "first",
        "last",
    ]
)
# Words that name who reports, not who is reported on: "she" is never "Seeking Alpha" in "Who is the president of
# Check Point, according to Seeking Alpha, and where did she work before?"; nor "its" the Sydney Morning Herald in
# "How far had the S&P 500 fallen as of the Sydney Morning Herald's late-September market report, and what was its
# loss for the month?", nor "he" Globes in "In Globes' interview, which economist ..., and what did he say?"
_ATTRIBUTED = re.compile(
    r"\b(?:according\s+to|reported\s+by|(?:reported|wrote|writes|said|says)\s+in)\s+(?:the\s+)?$", re.I
)
_REPORTING = re.compile(rf"^['’]s?\s+(?:[\w-]+\s+){{0,3}}(?:{REPORT_NOUNS})s?\b", re.I)
_OWNED = re.compile(r"['’]s?$")  # "the Herald's", "Britney Spears'"
_MARKERS = re.compile(r"\s*\[\d+\]|\s*\(\d{1,2} \w+ \d{4}\)")  # citation marks and resolved dates we added


def rewrite(question: str, history: History | None, pronouns: Pronouns | None = None) -> str:
    """The question made to stand alone: a pronoun replaced by the entity it refers to in the conversation (never a
    person the articles, through `pronouns`, call by the other gender's pronoun), or an elliptical one ("What about
    Lavrov?") read into the last question. Unchanged without history."""
    standalone: History = []
    topic = None  # the entity the conversation is about once a pronoun has been resolved to it
    for asked, said in (history or [])[-MAX_TURNS:]:  # earlier follow-ups are made to stand alone first
        asked, topic = _rewrite(asked, standalone, topic, pronouns)
        standalone.append((asked, _MARKERS.sub("", said.split("\n", 1)[0])))
    return _rewrite(question, standalone, topic, pronouns)[0]


def _rewrite(question: str, history: History, topic: str | None, pronouns: Pronouns | None) -> tuple[str, str | None]:
    if not history:
        return question, topic
    last_question = history[-1][0]
    pointed = _THAT_NOUN.search(question)
    if pointed and (entity := _answered(pointed.group(1), *history[-1])):
        # "Is that agency run by the state?" after "Which news agency quoted Peskov?": the agency answered
        return question[: pointed.start()] + entity + question[pointed.end() :], topic
    match = _PRONOUN.search(question)
    if match and (_REPORTED.search(question[: match.start()]) or _owner_named(question, match)):
        match = None  # "Which senator said he ...?", "What did Beeper do with its pricing?": asked about here
    if match and (entity := topic or _referent(match.group(1).lower(), *history[-1], pronouns)):
        word = match.group(1).lower()
        possessive = word in _POSSESSIVE or (word == "her" and _next_word_is_noun(question, match.end()))
        owner = _OWNED.sub("", entity)  # the model may take in the "'s": not "the Herald's's", nor "beat Wilder's"
        name = (owner + ("'" if owner.startswith("the ") and owner.endswith("s") else "'s")) if possessive else owner
        return _with_context(question[: match.start()] + name + question[match.end() :], last_question), entity
    ellipsis = _ELLIPSIS.match(question)
    if ellipsis and len(ellipsis.group(1).split()) <= 4 and not _CLAUSE.match(ellipsis.group(1)):
        said = ellipsis.group(1)  # "What about Lavrov?": the last question, asked about Lavrov
        kinds = {label: text for label, text, _ in named_entities(said)}
        for label, text, _ in named_entities(last_question):
            if label in kinds:
                return last_question.replace(text, kinds[label], 1), topic
        return f"{last_question.rstrip(' ?')}, {said}?", topic
    q = analyse(question)
    if not q.anchors and len(q.terms) <= 1:  # "When?", "Why?": the last question, asked another way
        return f"{question.rstrip()} {last_question}", topic
    return _with_context(question, last_question), topic


def _owner_named(question: str, pronoun: re.Match) -> bool:
    """True when a possessive pronoun follows a name in the same question: "its" in "What did Beeper do with its
    pricing?" is Beeper's."""
    word = pronoun.group(1).lower()
    if word not in _POSSESSIVE and not (word == "her" and _next_word_is_noun(question, pronoun.end())):
        return False  # "Did Putin meet her?": an object pronoun is someone else
    return any(pos == "PROPN" for _, pos in tagged(question[: pronoun.start()]))


def _with_context(question: str, last_question: str) -> str:
    """A question that points back ("that meeting", "Who said that?") with the names of the last question added
    in brackets, so that retrieval finds what it points to."""
    return with_names(question, last_question) if _POINTS_BACK.search(question) else question


def with_names(question: str, earlier: str) -> str:
    """The question with the names of an earlier one it does not repeat added in brackets: "what had analysts
    expected (CNBC, Nike)?" for the second part of "As reported by CNBC, what revenue did Nike report, and what
    had analysts expected?"."""
    found = [text for _, text, _ in named_entities(earlier)] + [text for text, _ in proper_names(earlier)]
    names = list(dict.fromkeys(text for text in found if text not in question))
    return f"{question.rstrip(' ?')} ({', '.join(names)})?" if names else question


def _referent(pronoun: str, last_question: str, last_answer: str, pronouns: Pronouns | None) -> str | None:
    """The entity a pronoun most likely refers to, of the kinds it can stand for: after a "who" question, the one
    the last answer named next to the words of what was asked (the answer to "Who invited her?" stands by
    "invitation"); else the last question's own, the likeliest kind first."""
    counted = _COUNTED.search(last_question)
    if pronoun in _PLURAL and counted:  # "How many kids did the study follow, and what share of them ...?"
        return f"the {counted.group(1)}"  # "How many summits ..., and where were they held?"
    kinds = _PRONOUNS[pronoun]
    # of the last question's names, a person's for "she" (not a company's), and never the outlet that reports it
    of_question = ("PERSON",) if pronoun in _PERSONAL else kinds
    asked = [e for e in named_entities(last_question) if e[0] in of_question and not _reports(last_question, e)]
    if not asked:  # "When did Choe leave?": a name the small model missed, of the likeliest kind
        missed = [(kinds[0], words, at) for words, at in proper_names(last_question)]
        asked = [e for e in missed if not _reports(last_question, e)]
    new = [
        e for e in named_entities(last_answer) if e[0] in kinds and not any(w in last_question for w in e[1].split())
    ]
    if pronoun in _PERSONAL and not any(label == "PERSON" for label, _, _ in new):
        # "Choe Son-hui met Putin": a name the small model missed (not an acronym, "CHKP") is still a person's
        missed = proper_names(last_answer)
        new += [("PERSON", words, at) for words, at in missed if words not in last_question and not words.isupper()]
    # "she" is not Lavrov, whom the articles call "he"
    asked, new = ([e for e in found if agrees(pronoun, _OWNED.sub("", e[1]), pronouns)] for found in (asked, new))
    q = analyse(last_question)
    dated = {t for start, end in q.dated for t in terms(last_question[start:end])}  # "in January 2024" says when
    event = [t for t in q.terms if t not in q.anchors and t not in dated]
    places = said_at(last_answer, event)
    if pronoun in _PLURAL and "PERSON" in q.types and (together := _named_together(new, last_answer)):
        return together  # "Which of them was Russian?" after "Who saw her off?": the people named together
    if new and places and "PERSON" in q.types:
        return min(new, key=lambda e: min(abs(e[2] - at) for at in places))[1]
    doers = subjects(last_question)  # "Did they claim ...?" after "What missile did North Korea say it fired?"
    for label, text, _ in asked:
        if label in kinds and any(text in doer for doer in doers):
            return text
    for kind in kinds:
        for label, text, _ in asked + new:
            if label == kind:
                return text
    return None


def _reports(question: str, entity: tuple[str, str, int]) -> bool:
    """True when the question names the entity as who reports what it asks about: "according to Seeking Alpha",
    "the Sydney Morning Herald's market report"."""
    _, words, at = entity
    after = question[at + len(_OWNED.sub("", words)) :]  # the model may take in the "'s"
    return bool(_ATTRIBUTED.search(question[:at]) or _REPORTING.match(after))


def _named_together(entities: list[tuple[str, str, int]], text: str) -> str | None:
    """The most people the text names together ("by Pak Chol-jun and Russia's Charge d'Affaires Vladimir Topeha"),
    joined as a list, or None when it names no two together."""
    people = sorted((at, words) for label, words, at in entities if label == "PERSON")
    runs: list[list[str]] = []
    for i, (at, words) in enumerate(people):
        gap = text[people[i - 1][0] + len(people[i - 1][1]) : at] if i else ""
        if i and len(gap) <= _GAP and not re.search(r"[.;:]", gap) and re.search(r",|\band\b", gap):
            runs[-1].append(words)
        else:
            runs.append([words])
    best = max(runs, key=len, default=[])
    return None if len(best) < 2 else ", ".join(best[:-1]) + " and " + best[-1]


def _answered(noun: str, last_question: str, last_answer: str) -> str | None:
    """The name the last answer gave for a `noun` the last question asked for ("TASS" for "that agency" after
    "Which news agency ...?"): of the kind that noun names, new in the answer, the nearest to the noun there."""
    q = analyse(last_question)
    if not q.focus_term or not term_matches(q.focus_term, terms(noun)) or q.focus_kind not in _ANSWERED_BY:
        return None
    kinds = _ANSWERED_BY[q.focus_kind]
    new = [e for e in named_entities(last_answer) if e[0] in kinds and e[1] not in last_question]
    if not new:
        return None
    said = said_at(last_answer, [q.focus_term])
    return min(new, key=lambda e: min((abs(e[2] - at) for at in said), default=0))[1]


def _next_word_is_noun(text: str, end: int) -> bool:
    """ "her delegation" (possessive) rather than "met her", "her back" or "her?" (object)."""
    nxt = re.match(r"\s+([a-z]+)", text[end:])
    return bool(nxt) and nxt.group(1) not in _NOT_NOUNS
