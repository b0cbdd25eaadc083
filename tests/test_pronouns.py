"""Which pronoun the articles use for a person, read from their text."""

from qa.pronouns import Pronouns, agrees

ARTICLES = [
    "Choe Son-hui flew home on Friday. She had met Putin. Choe said she was grateful for her welcome.",
    "Sergei Lavrov met Choe in Moscow. He praised the talks.\n\nLavrov said he was pleased.",
    "Kim In-ae spoke on Friday; she said a visit was probable.",
]


def test_the_pronoun_that_follows_most_mentions_of_a_name_is_its_own():
    pronouns = Pronouns(ARTICLES)
    assert pronouns.of("Choe") == "she"
    assert pronouns.of("Lavrov") == "he"
    assert pronouns.of("Kim In-ae") is None  # one mention tells too little
    assert pronouns.of("Putin") is None  # "Putin." ends a line: nothing follows


def test_a_pronoun_agrees_with_a_name_unless_the_articles_call_it_the_other():
    pronouns = Pronouns(ARTICLES)
    assert not agrees("she", "Lavrov", pronouns) and agrees("he", "Lavrov", pronouns)
    assert agrees("her", "Choe", pronouns) and not agrees("his", "Choe", pronouns)
    assert agrees("she", "Kim In-ae", pronouns) and agrees("it", "Lavrov", pronouns) and agrees("she", "Lavrov", None)
