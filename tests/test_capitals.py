from qa.answer.capitals import stands_for


def test_a_capital_stands_for_its_country_and_the_country_for_its_capital():
    assert stands_for("Washington", "the United States warns")
    assert stands_for("Washington", "US officials said")
    assert stands_for("Washington", "American officials said")
    assert stands_for("North Korea", "Pyongyang's weapons programs")
    assert stands_for("Seoul", "South Korea's unification ministry")
    assert not stands_for("Moscow", "Ukraine said")
    assert not stands_for("Lavrov", "Russia said")  # no place at all
