"""A capital stands for its country and the country for its capital ("Washington" for the United States, "Pyongyang"
for North Korea), from the country data the `countryinfo` package ships."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from qa.answer.question import terms

_DISTRICT = re.compile(r"\s+D\.?C\.?$")  # "Washington D.C." is said "Washington"


def stands_for(place: tuple[str, ...], said: Collection[str]) -> bool:
    """True when the terms `said` name the place (its terms) by its country (for a capital: "the United States",
    "US", "American") or by its capital (for a country)."""
    return any(set(words) <= said for words in _others().get(place, ()))


@cache
def _others() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """For the terms of each capital and country name, the terms of the names that stand for it."""
    from countryinfo import all_countries

    others: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for country in all_countries():
        info = country.info()
        capitals = [tuple(terms(_DISTRICT.sub("", name))) for name in _listed(info.get("capital"))]
        names = [*_listed(info.get("name")), *_listed(info.get("demonym")), *_listed(info.get("altSpellings"))]
        country_terms = [t for name in names if (t := tuple(terms(name)))]
        for capital in filter(None, capitals):
            others.setdefault(capital, []).extend(country_terms)
            for name in country_terms:
                others.setdefault(name, []).append(capital)
    return others


def _listed(value: str | list[str] | None) -> list[str]:
    """A field of the country data as a list: most hold one name, some several ("Vatican City")."""
    return [value] if isinstance(value, str) else list(value or [])
