import pytest

from qa.answer.question import analyse, clauses, focus_noun, from_question_word, term_matches, terms, ungapped


def test_terms_are_lemmas_stemmed_without_stop_words():
    assert terms("Putin met her at the meeting") == ["putin", "meet", "meet"]
    assert terms("the and of") == []
    assert terms("Michigan won") == ["michigan", "won"]  # not the stem of "won't"
    assert terms("they won't") == []


def test_an_acronym_is_a_word_of_its_own_not_a_pronoun():
    assert terms("US consumers and the U.S. market") == ["us", "consum", "us", "market"]
    assert terms("Let us go") == ["let", "we", "go"]  # the pronoun


def test_a_stem_matches_its_longer_forms():
    assert term_matches("korea", {"korean"}) and not term_matches("kor", {"korean"})


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("Who met Putin and when?", {"PERSON", "DATE"}),
        ("Who greeted her when she arrived?", {"PERSON"}),
        ("When Choe landed, what did Peskov say?", set()),  # a clause that says when, not a question
        ("When did Choe land, and what did Peskov say?", {"DATE"}),
        ("Where did they meet?", {"PLACE"}),
        ("How many days was the visit?", {"DURATION"}),
        ("How long did the meeting last?", {"DURATION"}),  # "two hours", "from Monday to Wednesday"; not "Tuesday"
        ("For how long was the channel suspended?", {"DURATION"}),
        ("How long before this trip had Putin last visited?", {"DATE"}),  # "in July 2000" answers it
        ("How many days after meeting Putin did Choe return?", {"NUMBER", "DATE"}),
        ("Amazon was sued in the US. How many pages long was the lawsuit?", {"NUMBER"}),  # asked after a statement
        ("According to TechCrunch, roughly how many firms joined?", {"NUMBER"}),  # an adverb before "how"
        ("How many organizations signed up?", {"NUMBER"}),  # counts them: no name of an organisation wanted
        ("On what day did she leave?", {"DATE"}),
        ("Did Putin visit?", set()),
        ("In which city did the delegation land?", {"PLACE"}),
        ("Which expert did the paper quote?", {"PERSON"}),
        ("Which Russian paper ran the comments?", {"ORG"}),
        ("Who is Konstantin Asmolov?", {"ROLE"}),  # asks what he is, not for another person
        ("Who was the mayor of Moscow?", {"PERSON"}),
        ("How much did Binance agree to pay?", {"AMOUNT"}),  # money or a percentage, not a bare count
        ("What percentage of shares rose?", {"AMOUNT"}),
        ("What revenue did Nike report?", {"AMOUNT"}),  # a measure: the noun is still looked for
        ("What did Chelsea pay to sign Palmer?", {"AMOUNT"}),  # what was paid is how much
        ("What exact words did the Kremlin use for the North?", {"QUOTE"}),
        ("What was the final score of the game?", {"SCORE"}),
        ("How old was Bill Kenwright when he died?", {"AGE"}),  # "at the age of 78", "aged 78", "Smith, 44,"
        ("Which creator streamed the encounter?", {"NAME"}),  # a name the articles call a creator
        ("What gift did she give?", set()),  # the thing itself, not a name for it
    ],
)
def test_the_kind_of_answer_asked_for(question, types):
    assert analyse(question).types == types


def test_anchors_are_names_and_numbers_not_nationalities_or_dates():
    q = analyse("Which American official paid 42 visits to Choe Son-hui in October 2023?")
    assert q.anchors == {"choe", "son", "hui", "42"}
    assert "octob" in q.terms  # a date still counts as words of the question


def test_a_capital_that_opens_a_sentence_of_the_question_is_no_name():
    assert analyse("Which came first, Peskov's remark or the return? Give both dates.").anchors == {"peskov"}


def test_of_a_hyphenated_name_only_the_name_is_an_anchor():
    assert analyse("How many users did the Cameroon-born platform gain?").anchors == {"cameroon"}
    assert analyse("When did Putin meet Choe Son-hui?").anchors >= {"son", "hui"}  # "hui" is no English word


def test_a_score_is_no_part_of_the_name_before_it():
    q = analyse("Who scored twice when Eintracht Frankfurt thrashed Bayern Munich 5-1?")
    assert "Bayern Munich" in [name.text for name in q.names] and q.anchors >= {"bayern", "munich"}


def test_a_name_is_read_without_the_quotation_marks_or_plural_owners_apostrophe_around_it():
    names = analyse("On what date did Don McLean's 'American Pie' reach No. 1?").names
    assert ("American Pie", ("American", "Pie")) in [(n.text, n.words) for n in names]
    names = analyse("How much did The Epoch Times' revenue grow?").names
    assert "The Epoch Times" in [n.text for n in names]


def test_a_name_the_entity_model_finds_inside_a_word_is_no_anchor():
    assert analyse("How much does the 64MB memory of the sampler hold?").anchors == set()  # "MB" is not a name


def test_a_question_in_the_past_tense_asks_about_what_happened():
    assert analyse("How many points did Everton get back?").past
    assert not analyse("When will Putin visit?").past and not analyse("What is the price?").past


def test_question_frames_are_not_content_words():
    assert analyse("What position does Dmitry Peskov hold?").terms == ("dmitri", "peskov")
    assert analyse("How long did the meeting last?").terms == ("meet",)
    assert analyse("What happened in July 2000?").terms == ("juli", "2000")  # the event itself is asked for
    # the articles themselves are no content of the question: "according to the coverage", "going by the reports"
    assert analyse("What happened on 14 January 2024, according to the coverage?").terms == ("14", "januari", "2024")
    assert "report" not in analyse("How many times, going by the reports, has Putin agreed to visit?").terms


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("What gift did Choe give Putin?", "gift"),
        ("How many artillery shells has North Korea sent?", "shell"),
        ("What was the name of the treaty they signed?", "treaty"),
        ("In which city did Choe's delegation land?", "city"),
        ("Which South Korean government body thought so?", "body"),
        ("What was Cubic Telecom's annual revenue in 2023?", "revenue"),
        ("What is the largest fine Ofcom can levy?", "fine"),  # tagged an adjective: a measure all the same
        ("Roughly what is OpenAI worth these days?", "worth"),  # "these days" is another phrase
        ("What does Jo Chun Ryong oversee?", None),
        ("What position does Dmitry Peskov hold?", None),  # answered by a title, not by the word
        ("What word did the ministry use?", None),
        ("Who met Putin and when?", None),
    ],
)
def test_the_noun_a_question_asks_about(question, noun):
    assert focus_noun(question) == noun


def test_a_question_of_several_parts_is_cut_into_them():
    assert clauses("When did the trial start, and what did the jury decide?") == [
        "When did the trial start",
        "what did the jury decide?",
    ]
    assert clauses("Who met Putin and when?") == ["Who met Putin"]  # "when" adds a kind of answer, not a part
    assert clauses("Did Lavrov and Choe meet?") == ["Did Lavrov and Choe meet?"]
    assert (
        clauses("How much did Google pay, and roughly how much went to Apple?")[1] == "roughly how much went to Apple?"
    )
    assert len(clauses("What did he say about France and Italy is it?")) == 1  # a capitalised "-ly" name is no adverb
    assert clauses("What was the score, and by what score did they lose at Cleveland?") == [
        "What was the score",
        "by what score did they lose at Cleveland?",
    ]
    assert clauses("Who went to Moscow and to Pyongyang?") == ["Who went to Moscow and to Pyongyang?"]


@pytest.mark.parametrize(
    "part, before, asked",
    [
        (
            "how many times against UCLA?",
            "How many times was Shedeur Sanders sacked against Arizona State",
            "How many times was Shedeur Sanders sacked against UCLA?",
        ),
        ("what about the UN?", "What did Lavrov say about Ukraine", "What did Lavrov say about the UN?"),
        ("when did she leave?", "When did Choe arrive", "when did she leave?"),  # a verb of its own
        ("who met Lavrov?", "Who met Putin", "who met Lavrov?"),
    ],
)
def test_a_part_that_gives_only_another_phrase_borrows_the_verb_before_it(part, before, asked):
    assert ungapped(part, before) == asked


def test_a_question_word_after_an_attribution_still_makes_a_wh_question():
    assert analyse("According to The Independent, since when have they been separated?").wh
    assert not analyse("Did Putin visit Pyongyang?").wh
    assert analyse("In December 2023, under which EU law did the Commission open its investigation?").wh


def test_names_other_than_people_and_places_and_the_main_verb():
    q = analyse("Who did Michigan State hire to replace Mel Tucker after the Nobel Prize in Literature?")
    assert [name.text for name in q.names] == ["Michigan State", "the Nobel Prize in Literature"]
    assert q.event == "hire"
    assert analyse("Who said that?").event is None  # a verb of saying tells nothing of what happened


def test_which_picks_a_named_one_what_asks_for_the_thing_itself():
    assert analyse("Which pundit did ten Hag disagree with?").picks
    assert analyse("At what annual rate was Roblox growing its headcount?").picks  # the noun only frames it
    assert not analyse("What gift did she give?").picks


def test_a_noun_of_a_person_by_what_they_do_asks_for_a_person():
    assert analyse("Which economist coined the phrase?").focus_kind == "PERSON"
    assert analyse("Which novelist won the award twice?").focus_kind == "PERSON"  # "-list" of a person
    assert analyse("Which historian wrote the book?").focus_kind == "PERSON"
    assert analyse("Which playlist topped the chart?").focus_kind is None  # a list, not a person


def test_what_a_record_is_asks_for_a_score_and_what_record_was_set_does_not():
    assert analyse("What was Cleveland's record in Terry Francona's final season?").focus_kind == "SCORE"
    assert analyse("What national-team record did Emiliano Martinez set?").focus_kind is None


def test_the_question_from_its_question_word_on():
    assert from_question_word("According to CNBC, how much did shares rise?") == "how much did shares rise?"
    assert from_question_word("Did Putin visit?") == "Did Putin visit?"


@pytest.mark.parametrize(
    ("question", "per"),
    [
        ("What price per share did Microsoft pay?", ("share",)),
        ("What monthly web price did Meta set?", ("month",)),  # "€9.99/month", "$1.99 a month"
        ("What daily fine did the authority attach?", ("day", "daili")),
        ("At what annual rate was Roblox growing its headcount?", ("year", "annual")),  # "50 percent a year"
        ("How much did Microsoft pay?", ()),
        ("Per Business Line, how many Indians will have $1 million in assets?", ()),  # who reports it
    ],
)
def test_the_unit_a_rate_is_asked_per(question, per):
    assert analyse(question).per == per


def test_a_question_about_what_is_still_to_come():
    assert analyse("On what date will Putin visit Pyongyang?").ahead
    assert analyse("When is Sen. Bob Menendez's bribery trial scheduled to begin?").ahead
    assert not analyse("When was the trial scheduled to begin?").ahead
    assert not analyse("When did Putin agree to visit?").ahead
    assert analyse("Will Putin visit Pyongyang?").ahead
    assert not analyse("Since when have Jada Pinkett Smith and Will Smith been separated?").ahead  # a name


def test_the_main_verb_is_read_from_the_question_word_on():
    assert analyse("According to Yardbarker, who did the Minnesota Wild hire to replace Dean Evason?").event == "hire"
    assert analyse("According to TechCrunch, who became Binance's new CEO?").event is None  # a light verb
    assert analyse("Who, as Mozilla CEO, gave a deposition in the trial?").event is None  # the deposition is
    # after "is", the verb of the clause that says who is asked about
    assert analyse("What is the name of the ambassador who greeted Choe at the airport?").event == "greet"


def test_the_words_someone_used_are_asked_for():
    for question in [
        "What words did the Kremlin use?",
        "How did the White House describe the talks?",
        "What did Seoul call it?",
    ]:
        assert analyse(question).types == {"QUOTE"}
    assert "QUOTE" not in analyse("How did Choe travel to Moscow?").types


def test_a_date_that_frames_the_question_is_not_the_period_asked_about():
    dates = lambda q: [d.text for d in analyse(q).framing]  # noqa: E731
    assert dates("On what date will the clocks go forward after going back on 29 October 2023?") == ["29 October 2023"]
    assert dates("How many years before Choe's January 2024 trip did Pyongyang first claim it?") == ["January 2024"]
    assert dates("As reported by TechCrunch in November 2023, who founded Dust?") == ["November 2023"]
    assert dates("In what year did the FDA approve it, according to Fox News's December 2023 piece?") == [
        "December 2023"
    ]
    assert dates("What revenue did Nike report for its second quarter in December 2023?") == []
    assert dates("Of the reports Meta received in 2021, how many were disabled?") == []


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is Pranay Vaddi?", True),
        ("What is KCNA?", True),
        ("What post does Pak Chol-jun hold?", True),
        ("What is Valeri Isaenko's position?", True),
        ("Who is the president of Check Point?", False),  # asks for a person, not what one is
        ("Who met Putin?", False),
        ("Who won Morrell's title defence against Agbeko?", False),  # the title is what was defended
    ],
)
def test_a_question_about_what_someone_is_asks_for_a_role(question, role):
    assert ("ROLE" in analyse(question).types) is role


@pytest.mark.parametrize(
    ("question", "post"),
    [
        ("Who is North Korea's top diplomat?", "North Korea's top diplomat"),
        ("Who runs North Korea's diplomacy?", "runs North Korea's diplomacy"),
        ("Who is Konstantin Asmolov?", None),  # a name: what he is, not who holds a post
        ("Who was named MVP of the 2023 World Series?", None),  # who was named, not a post called "named MVP"
        ("Who met Putin?", None),
    ],
)
def test_a_who_question_that_names_a_post(question, post):
    assert analyse(question).post == post


def test_the_words_a_question_quotes_are_kept_but_not_an_owner_s_apostrophe():
    assert analyse("Who called the cooperation 'unprecedented'?").quoted == ("unprecedented",)
    assert analyse("Which city did Passan say he has an “affinity” for?").quoted == ("affinity",)
    assert analyse("What did Choe's aide tell Putin's?").quoted == ()
