"""Which personal pronoun the articles use for a person ("she" for Choe Son-hui, "he" for Sergei Lavrov), read from
the first such pronoun after each mention of the name: a follow-up's "she" cannot stand for Lavrov."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

_PERSONAL = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
_FEMININE = frozenset({"she", "her", "hers", "herself"})
WINDOW = 200  # characters after a mention in which the first personal pronoun is taken to be the person's
VOTES = 2  # mentions followed by a pronoun needed to tell
MAJORITY = 2.0  # how many times more often one pronoun must follow the name than the other


class Pronouns:
    """The pronouns the given texts use for each name asked about; computed once per name."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = list(texts)
        self._known: dict[str, str | None] = {}

    @cached_property
    def _text(self) -> str:
        """All the texts as one, joined on the first name asked about (a follow-up), not at start-up: a mention's
        window ends at a line's end anyway."""
        return "\n".join(self._texts)

    def of(self, name: str) -> str | None:
        """'she' or 'he' for a person's name, None when the texts do not tell (too few mentions followed by a
        pronoun, or no clear majority). A name of several words the texts do not tell by is read by its last
        word, as later mentions give it ("Lavrov" for "Sergei Lavrov")."""
        words = name.split()
        said = self._of(name)
        return said if said or len(words) < 2 else self._of(words[-1])

    def _of(self, name: str) -> str | None:
        if name not in self._known:
            self._known[name] = self._read(name)
        return self._known[name]

    def _read(self, name: str) -> str | None:
        she = he = 0
        text = self._text
        for m in re.finditer(re.escape(name), text):  # a name is written with its capitals
            if text[m.start() - 1 : m.start()].isalnum() or text[m.end() : m.end() + 1].isalnum():
                continue  # part of a longer word
            pronoun = _PERSONAL.search(text[m.end() : m.end() + WINDOW].split("\n", 1)[0])
            if pronoun:
                she += pronoun.group(1).lower() in _FEMININE
                he += pronoun.group(1).lower() not in _FEMININE
        if she + he < VOTES:
            return None
        return "she" if she >= MAJORITY * he else "he" if he >= MAJORITY * she else None


def agrees(pronoun: str, name: str, pronouns: Pronouns | None) -> bool:
    """False when the texts call the person named by the other gender's pronoun than `pronoun` ("she" and
    "Lavrov"); True for any other pronoun, or a name they do not tell."""
    if pronouns is None or not _PERSONAL.fullmatch(pronoun):
        return True
    said = pronouns.of(name)
    return said is None or (said == "she") == (pronoun in _FEMININE)
