from qa.answer.capitals import stands_for
from qa.answer.question import terms


def test_a_capital_stands_for_its_country_and_the_country_for_its_capital():
    def said(place: str, text: str) -> bool:
        return stands_for(tuple(terms(place)), frozenset(terms(text)))

    assert said("Washington", "the United States warns")
    assert said("Washington", "US officials said")
    assert said("Washington", "American officials said")
    assert said("North Korea", "Pyongyang's weapons programs")
    assert said("Seoul", "South Korea's unification ministry")
    assert not said("Moscow", "Ukraine said")
    assert not said("Lavrov", "Russia said")  # no place at all
