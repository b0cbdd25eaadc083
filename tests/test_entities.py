"""The kinds of answer a sentence gives, from the real spaCy model and the patterns that back it up."""

import pytest

from qa.answer.entities import answer_kinds


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        ("Cubic Telecom has picked up €473 million ($513 million at today's rates).", {"€473 million", "$513 million"}),
        ("The fine is up to one million NOK (~$100,000) per day.", {"$100,000"}),
        ("It costs €9.99/month on web.", {"€9.99"}),
        ("We were growing our headcount at 50 percent a year.", {"50 percent"}),
        ("The 2023 season had 12 games.", set()),
    ],
)
def test_money_and_shares_are_amounts(sentence, amounts):
    (kinds,) = answer_kinds([sentence])
    found = [words for kind, words, _ in kinds if kind == "AMOUNT"]
    assert all(any(f.startswith(a) for f in found) for a in amounts) and bool(found) == bool(amounts)
    assert all(sentence[at:].startswith(words) for _, words, at in kinds)


def test_an_age_is_told_from_other_numbers():
    (kinds,) = answer_kinds(["Kenwright died at the age of 78, and Smith, 44, won 34 games."])
    assert {words for kind, words, _ in kinds if kind == "AGE"} == {"at the age of 78", "44"}


def test_a_reason_may_be_given_in_part():
    for sentence in ["It was a flop, thanks in no small part to its range.", "Sales fell due in part to the strike."]:
        assert "REASON" in {kind for kind, _, _ in answer_kinds([sentence])[0]}


def test_quoted_words_are_found():
    found = answer_kinds(['He called it "an unprecedented level of cooperation" and “a threat”.'])[0]
    assert [words for kind, words, _ in found if kind == "QUOTE"] == [
        "an unprecedented level of cooperation",
        "a threat",
    ]
