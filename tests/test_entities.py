"""The kinds of answer a sentence gives, from the real spaCy model and the patterns that back it up."""

import pytest

from qa.answer.entities import (
    answer_kinds,
    asks_said,
    descriptions,
    known_people,
    named_entities,
    reported,
    reports_words,
    subject,
)
from qa.answer.question import terms


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        ("Cubic Telecom has picked up €473 million ($513 million at today's rates).", {"€473 million", "$513 million"}),
        ("The fine is up to one million NOK (~$100,000) per day.", {"$100,000"}),
        ("It costs €9.99/month on web.", {"€9.99"}),
        ("We were growing our headcount at 50 percent a year.", {"50 percent"}),
        ("The 2023 season had 12 games.", set()),
        ("Zim bought Psagot Investment House for NIS 405 million from Altshuler Shaham.", {"NIS 405 million"}),
        ("They were 3.67 times more likely to fall ill, and sales rose 3-fold.", {"3.67 times", "3-fold"}),
        ("He won 3 times.", set()),  # a count, not a ratio
        ("The House approved the P5.768-trillion national budget.", {"P5.768-trillion"}),  # the peso's sign
        ("Seats in the P2 stand sold out.", set()),  # a letter before a number is a sign only with a scale
    ],
)
def test_money_and_shares_are_amounts(sentence, amounts):
    (kinds,) = answer_kinds([sentence])
    found = [words for kind, words, _ in kinds if kind == "AMOUNT"]
    assert all(any(f.startswith(a) for f in found) for a in amounts) and bool(found) == bool(amounts)
    assert all(sentence[at:].startswith(words) for _, words, at in kinds)
    assert not any(kind != "AMOUNT" and any(words in a or a in words for a in amounts) for kind, words, _ in kinds)


@pytest.mark.parametrize(
    ("sentence", "scores"),
    [
        ("Michigan beat Ohio State 30-24 on Saturday.", ["30-24"]),
        ("Final: Lions 26, Raiders 14.", ["Lions 26, Raiders 14"]),
        ("Reich has a record of 41-40-1 as a head coach.", ["41-40-1"]),
        ("Kids ages 13-17 paid $5-10 on 12-11-2023 in the 2023-24 season, up 10-15%.", []),
    ],
)
def test_a_game_score_or_record_is_a_score(sentence, scores):
    (kinds,) = answer_kinds([sentence])
    assert [words for kind, words, _ in kinds if kind == "SCORE"] == scores


def test_an_age_is_told_from_other_numbers():
    (kinds,) = answer_kinds(["Kenwright died at the age of 78, and Smith, 44, won 34 games."])
    assert {words for kind, words, _ in kinds if kind == "AGE"} == {"the age of 78", "44"}
    (kinds,) = answer_kinds(["It needs a parent's approval for users under the age of 16 or ages 13 to 15."])
    assert {words for kind, words, _ in kinds if kind == "AGE"} == {"the age of 16", "ages 13 to 15"}


@pytest.mark.parametrize(
    ("sentence", "durations"),
    [
        ("The talks lasted two hours and a 10-day trip followed.", {"two hours", "10-day"}),
        ("Choe is to visit Russia from Monday to Wednesday.", {"Monday to Wednesday"}),
        ("He has led the party since 2011 and it ran for years.", {"2011", "for years"}),
        ("An hour-long meeting took place on Tuesday.", {"An hour-long"}),
        ("The meeting took place on Tuesday, January 16.", set()),  # a day is no length of time
    ],
)
def test_a_length_of_time_is_told_from_a_date(sentence, durations):
    (kinds,) = answer_kinds([sentence])
    assert {words for kind, words, _ in kinds if kind == "DURATION"} == durations


def test_no_entity_starts_inside_a_word():
    assert named_entities("The 64MB memory holds 11 minutes.") == [("CARDINAL", "64", 4), ("TIME", "11 minutes", 22)]


def test_a_name_is_never_all_in_small_letters():
    found = named_entities("Their planned contacts, which fed talk of a Putin visit, were a phrase Lavrov used.")
    assert [words for _, words, _ in found] == ["Putin", "Lavrov"]  # spaCy reads "fed" as an organisation


def test_a_name_does_not_end_with_a_word_in_small_letters():
    found = named_entities("In TechCrunch's Week in Review of 7 October 2023, how much does the tier cost?")
    assert ("ORG", "Week in Review", 16) in found  # spaCy reads "Week in Review of"
    found = named_entities("Why, according to the experts Fortune quoted in October 2023, is Egypt unwilling?")
    assert [words for _, words, _ in found if words.startswith("Fortune")] == ["Fortune"]


def test_names_joined_by_and_are_each_a_name():
    text = "Meta offers Facebook and Instagram without ads, the Department of Health and Human Services said."
    found = {(words, at) for _, words, at in named_entities(text)}
    assert {("Facebook", 12), ("Instagram", 25)} <= found
    assert not any(" and " in words for words, _ in found if words != "the Department of Health and Human Services")
    assert all(text[at:].startswith(words) for words, at in found)


def test_a_reason_may_be_given_in_part():
    for sentence in ["It was a flop, thanks in no small part to its range.", "Sales fell due in part to the strike."]:
        assert "REASON" in {kind for kind, _, _ in answer_kinds([sentence])[0]}


def test_quoted_words_are_found():
    found = answer_kinds(['He called it "an unprecedented level of cooperation" and “a threat”.'])[0]
    assert [words for kind, words, _ in found if kind == "QUOTE"] == [
        "an unprecedented level of cooperation",
        "a threat",
    ]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("when did Choe leave Pyongyang", "when Choe left Pyongyang"),  # the verb takes the tense of "did"
        ("what gift did she give", "what gift she gave"),
        ("by what score did Michigan beat Iowa", "by what score Michigan beat Iowa"),
        ("where was Pranay Vaddi when he spoke", "where Pranay Vaddi was when he spoke"),
        ("what is the capital of France", "what the capital of France is"),
        ("why didn't Putin visit", "why Putin didn't visit"),
        ("who met Putin", "who met Putin"),  # the question word is the subject: nothing to move
        # the small parser takes "did" for the verb and the verb for its object: it is still the verb
        ("at what time did Choe's plane land in Moscow", "at what time Choe's plane landed in Moscow"),
        ("how many copies did the memoir The Woman in Me sell", "how many copies the memoir The Woman in Me sold"),
        # where the parse shows no verb after "did", the first word the word list knows as a verb's plain form
        ("how far did the S&P 500 fall", "how far the S&P 500 fell"),
        ("how long did Choe's talks with Lavrov last", "how long Choe's talks with Lavrov lasted"),
        ("how much did Beeper Mini cost when it launched", "how much Beeper Mini cost when it launched"),
        ("how much does the drug donanemab cost per year", "how much the drug donanemab costs per year"),
        # ... not part of a word; and none where two words may be the verb
        ("how far did the solid-fuel missile fly", "how far the solid-fuel missile flew"),
        ("how many fans did the club host stadium hold", "how many fans did the club host stadium hold"),
        ("how many points did Victor Wembanyama score on debut", "how many points Victor Wembanyama scored on debut"),
        # the small parser ties the participle to the subject: the auxiliary still goes before it
        (
            "why was Jo's presence at the meeting seen as significant",
            "why Jo's presence at the meeting was seen as significant",
        ),
        ("why is Kim Jong-un seeking ties with Russia", "why Kim Jong-un is seeking ties with Russia"),
        ("why is Washington uneasy about Choe's trip", "why Washington is uneasy about Choe's trip"),  # ADJ
        (  # the moved verb goes right before the comma that ends the part
            "what is the value of Ohtani's contract, and how much is deferred",
            "what the value of Ohtani's contract is, and how much is deferred",
        ),
    ],
)
def test_a_question_is_said_as_a_clause_after_the_articles_do_not_say(question, said):
    assert reported(question) == said


def test_the_subject_of_a_question():
    assert subject("When did Choe return home?") == "Choe"
    assert subject("When did the White House official give his view?") == "the White House official"


def test_a_name_tagged_as_a_person_in_one_sentence_is_a_person_in_the_others_of_its_article():
    texts = [
        "Tessa Wullaert’s brace fired Belgium to a 3-2 win.",
        "Wullaert equalised before she fired in an 85th minute winning penalty.",
        "Wullaert equalised.",
    ]
    found = answer_kinds(texts)
    assert not any(kind == "PERSON" for kind, _, _ in found[1])  # what the small model reads alone
    known_people(found, texts, ["match.txt", "match.txt", "other.txt"])
    assert ("PERSON", "Wullaert", 0) in found[1]
    assert not any(kind == "PERSON" for kind, _, _ in found[2])  # another article: no one named it there


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What did Jo Chun Ryong say during the meeting with Putin?", "Jo Chun Ryong"),
        ("What did Vice Foreign Minister Pak Chol-jun say?", "Vice Foreign Minister Pak Chol-jun"),
        ("What did Koo Byoung-sam say about a possible Putin visit?", "Koo Byoung-sam"),
        ("What did referee Michael Oliver say after the game?", "referee Michael Oliver"),  # "referee" a verb
        ("What did Lavrov say Moscow appreciates about Pyongyang?", None),  # about what the clause says
        ("What did Gellar say she had been forced to cancel?", None),
        ("What did the ministry plan?", None),
    ],
)
def test_a_question_may_ask_what_was_said(question, said):
    assert asks_said(question) == said


@pytest.mark.parametrize(
    ("sentence", "speaker", "reports"),
    [
        ("During the meeting, Lavrov underscored that Moscow appreciates Pyongyang's support.", "Lavrov", True),
        ('Vaddi spoke of the exchanges. He called it "an unprecedented level of cooperation".', "Pranay Vaddi", True),
        ("According to Yonhap, the delegation returned home.", "Yonhap", True),
        ("Ryong participated in Choe's meeting with Putin, underscoring the focus on defense.", "Jo Chun Ryong", False),
        ("Putin met Choe on Tuesday.", "Putin", False),
        # the words reported are another's: the one asked about is only named in them
        ("They were seen off by Vice Foreign Minister Pak Chol-jun, the agency KCNA said.", "Pak Chol-jun", False),
        ("The state media said Putin had accepted Kim's proposal to visit Pyongyang.", "Kim Jong-un", False),
        ("According to Yonhap, Kim Jong-un visited the plant.", "Kim Jong-un", False),
        ('Spokesperson Kim In-ae stated, "It is probable."', "Kim Jong-un", False),  # another Kim
        ('Kim told the party, "We will stand firm."', "Kim Jong-un", True),
        ("Choe held talks with Lavrov. She later briefed President Putin on the outcomes.", "Choe", True),
        ('Peskov was also quoted saying Moscow hopes for a visit "soon".', "Peskov", True),
        ('Deputy spokesperson Kim In-ae stated, "It is probable."', "deputy spokesperson Kim In-ae", True),
    ],
)
def test_a_sentence_may_report_what_someone_said(sentence, speaker, reports):
    assert reports_words(sentence, speaker) == reports


@pytest.mark.parametrize(
    ("sentence", "name", "said"),
    [
        ("Kremlin spokesman Dmitry Peskov said dialogue will continue.", "Dmitry Peskov", ["Kremlin spokesman"]),
        (
            "North Korean Foreign Minister Choe Son-hui has left for Russia.",
            "Choe Son-hui",
            ["North Korean Foreign Minister"],
        ),
        (
            "Pranay Vaddi, White House Senior Director for Arms Control, emphasized the significance of the exchanges.",
            "Pranay Vaddi",
            ["White House Senior Director for Arms Control"],
        ),
        (
            "Putin met with Choe Son-hui, Minister of Foreign Affairs of the DPRK.",
            "Choe",
            ["Minister of Foreign Affairs of the DPRK"],
        ),
        ("Vedomosti quoted the expert, Konstantin Asmolov.", "Asmolov", ["the expert"]),
        ("Vaddi is the senior director for arms control.", "Vaddi", ["the senior director for arms control"]),
        (
            "It was greeted by officials, the Korean Central News Agency (KCNA) said.",
            "KCNA",
            ["the Korean Central News Agency"],
        ),
        ("Russian President Vladimir Putin met her.", "Putin", ["Russian President"]),  # not the first name
        ("On January 14, Choe Son-hui arrived in Russia.", "Choe Son-hui", []),  # nothing says what she is
        ("The email thread, a long one, was leaked.", "Threads", []),  # a name is written with a capital
    ],
)
def test_descriptions_are_what_a_sentence_calls_the_one_named(sentence, name, said):
    found = descriptions(sentence, frozenset(terms(name)))
    assert [words for _, words, _ in found] == said
    assert all(sentence[at:].startswith(words) and kind == "ROLE" for kind, words, at in found)
