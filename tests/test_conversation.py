import pytest

from qa.conversation import rewrite
from qa.pronouns import Pronouns

PUTIN = (
    "Who met Putin?",
    "On January 16 (16 January 2024), Vladimir Putin met with Choe Son-hui, Minister of Foreign Affairs of the "
    "DPRK [1].",
)


def test_without_history_the_question_is_unchanged():
    assert rewrite("And when did she return?", []) == "And when did she return?"
    assert rewrite("Who met Putin?", None) == "Who met Putin?"


def test_a_pronoun_becomes_the_person_the_last_answer_named():
    assert rewrite("And when did she return?", [PUTIN]) == "And when did Choe Son-hui return?"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who welcomed her back?", "Who welcomed Choe Son-hui back?"),  # object, not possessive
        ("Who was in her delegation?", "Who was in Choe Son-hui's delegation?"),  # possessive
    ],
)
def test_object_and_possessive_pronouns(question, expected):
    assert rewrite(question, [PUTIN]) == expected


def test_them_after_how_many_is_what_was_counted():
    counted = ("How many kids did the study follow?", "The study followed 203 kids in San Francisco [1].")
    assert rewrite("What share of them used phones at school?", [counted]) == (
        "What share of the kids used phones at school?"
    )
    summits = ("How many summits between Kim Jong-un and Putin do the reports mention?", "Two [1].")
    assert rewrite("Where were they held?", [summits]) == "Where were the summits held?"
    assert rewrite("What were their names?", [summits]) == "What were the summits' names?"


def test_the_topic_carries_over_several_turns():
    history = [PUTIN, ("And when did she return?", "She returned on Friday [1].")]
    assert rewrite("Who accompanied her?", history) == "Who accompanied Choe Son-hui?"


def test_an_elliptical_question_is_read_into_the_last_one():
    history = [("When did Choe Son-hui meet Vladimir Putin?", "On Tuesday [1].")]
    assert rewrite("What about Sergei Lavrov?", history) == "When did Choe Son-hui meet Sergei Lavrov?"


def test_a_bare_question_word_asks_the_last_question_again():
    assert rewrite("Why?", [PUTIN]) == "Why? Who met Putin?"


def test_a_question_that_stands_alone_is_unchanged():
    assert rewrite("What does Jo Chun Ryong oversee?", [PUTIN]) == "What does Jo Chun Ryong oversee?"


def test_a_name_the_model_read_with_its_s_is_the_name_alone():
    record = ("What was Deontay Wilder's professional record?", "He was 43-2-1 [1].")
    assert rewrite("Who beat him that night?", [record]).startswith("Who beat Deontay Wilder that night")


def test_a_possessive_after_a_name_is_that_name_s():
    history = [("How much did Beeper Mini cost?", "Texts.com cost $15 per month [1].")]
    question = "What did Beeper do with its pricing after Apple blocked the app?"
    assert rewrite(question, history) == question
    assert rewrite("Did Putin meet her?", [PUTIN]) == "Did Putin meet Choe Son-hui?"


def test_a_pronoun_after_a_verb_of_saying_is_the_one_asked_about():
    history = [("Who chairs the council?", "Bruce Reed chairs it [1].")]
    question = "Which senator said he was impressed by the order?"
    assert rewrite(question, history) == question


def test_a_name_the_entity_model_missed_is_still_what_a_pronoun_refers_to():
    history = [("When did Choe leave for Russia?", "Her delegation was seen off by Pak Chol-jun on Sunday [1].")]
    assert rewrite("When did she get back?", history) == "When did Choe get back?"


def test_names_of_an_earlier_question_are_added_to_one_that_leans_on_it():
    from qa.conversation import with_names

    earlier = "As reported by CNBC, what revenue did Choe report"
    assert with_names("what had analysts expected?", earlier) == "what had analysts expected (CNBC, Choe)?"
    assert with_names("what did Choe expect?", earlier) == "what did Choe expect (CNBC)?"


def test_the_date_of_the_last_question_does_not_pick_whom_a_pronoun_means():
    said = (
        "Russian President Vladimir Putin meets with North Korean Foreign Minister Choe Son-hui in Moscow on "
        "Jan. 16, 2024, photo by TASS Russian News Agency [1]"
    )
    asked = rewrite("Who from her side sat in on that meeting?", [("Who met Putin in Moscow in January 2024?", said)])
    assert asked.startswith("Who from Choe Son-hui's side")


def test_that_noun_is_the_one_the_last_answer_named_for_it():
    tass = (
        "Which news agency quoted Peskov on Friday?",
        'We will make announcements as soon as the dates are set," he was quoted by the state-run news agency TASS '
        "[1].",
    )
    assert rewrite("Is that agency run by the state?", [tass]) == "Is TASS run by the state?"
    assert "TASS" not in rewrite("Where did that meeting take place?", [tass])  # not the noun asked for


def test_them_after_who_is_the_people_the_answer_named_together():
    said = ("Choe's delegation was seen off at the airport by Vice Foreign Minister Pak Chol-jun and Russia's Charge "
            "d'Affaires ad Interim Vladimir Topeha, at Lavrov's invitation.")  # fmt: skip
    history = [("Who saw Choe's delegation off at the airport?", said)]
    assert rewrite("Which of them was Russian?", history) == "Which of Pak Chol-jun and Vladimir Topeha was Russian?"


def test_she_is_no_company_nor_the_outlet_that_reports_it():
    asked = "Who is the president of Check Point Software, according to Seeking Alpha?"
    follow_up = "Where did she spend two decades at work before joining?"
    assert rewrite(follow_up, [(asked, "The articles do not say who it is.")]) == follow_up
    said = "Check Point (CHKP) President Rupal Shah Hollenbeck said so in an interview [1]."
    assert rewrite(follow_up, [(asked, said)]) == (
        "Where did Rupal Shah Hollenbeck spend two decades at work before joining?"
    )


def test_she_is_the_person_the_answer_names_though_the_entity_model_missed_her():
    assert rewrite("When did she return?", [("Who met Putin?", "Choe Son-hui met Putin [1].")]) == (
        "When did Choe Son-hui return?"
    )


def test_its_is_not_the_outlet_whose_report_the_question_cites():
    asked = "How far had the S&P 500 fallen as of the Sydney Morning Herald's late-September market report"
    said = "September has brought a loss of 5.2 per cent so far for the S&P 500 [1]."
    follow_up = rewrite("what was its loss for the whole month?", [(asked, said)])
    assert "Herald" not in follow_up and follow_up.startswith("what was S&P")


def test_he_is_not_the_outlet_whose_interview_or_account_the_question_cites():
    said = "Dr. Maya Stern, the fund's chief strategist, spoke of the rates she expects [1]."
    for asked in (
        "In Globes' interview published on 2 May 2023, which economist warned of a slowdown",  # read as a person
        "Which economist warned of a slowdown, according to The Independent",  # a name the entity model missed
    ):
        assert rewrite("what did he forecast?", [(asked, said)]) == "what did Maya Stern forecast?"


def test_a_pronoun_is_the_name_the_last_question_asked_about_before_one_its_answer_gave():
    fired = (
        "What missile did North Korea say it fired around the time Choe got to Moscow?",
        "Yonhap News Agency reported that Choe's visit to Moscow comes as the two countries seek to strengthen "
        "military cooperation [1].",
    )
    assert rewrite("Did they claim the launch worked?", [fired]) == "Did North Korea claim the launch worked?"
    united = ("Where were Manchester United in the Premier League table in early November?", "Eighth [1].")
    assert rewrite("How did their Champions League campaign end?", [united]) == (
        "How did Manchester United's Champions League campaign end?"
    )


def test_a_name_the_model_reads_with_a_bare_apostrophe_is_the_name_alone():
    dickens = ("How many copies has Charles Dickens' estate sold this year?", "It sold 2 million copies [1].")
    assert rewrite("When did he die?", [dickens]) == "When did Charles Dickens die?"
    assert rewrite("What was his first novel?", [dickens]) == "What was Charles Dickens's first novel?"


def test_she_is_not_a_person_the_articles_call_he():
    articles = [
        "Sergei Lavrov met Choe. He praised the talks. Lavrov said he was pleased.",
        "Choe Son-hui flew home on Friday. She had met Putin. Choe said she was grateful.",
    ]
    talks = ("Who did Choe hold talks with in Moscow?", "Choe held talks with Sergei Lavrov in Moscow [1].")
    assert rewrite("Did she also see Putin?", [talks]) == "Did Sergei Lavrov also see Putin?"  # nothing to tell by
    assert rewrite("Did she also see Putin?", [talks], Pronouns(articles)) == "Did Choe also see Putin?"
