"""The offline answerer on small hand-made articles: the real spaCy model and embeddings, no index."""

import hashlib
from dataclasses import replace
from datetime import date

from qa.answer.extractive import Extractive
from qa.corpus import Article
from qa.retrieve import Passage

SERIES_TEXT = (
    "The 2020 World Series MVP has three hits in this series, all of them home runs.\n\n"
    "The Rangers beat the Diamondbacks 11-7 in Game 3 on Monday night."
)
DEAL_TEXT = (
    "Binance agreed to pay $4.3 billion to settle the Justice Department's investigations.\n\n"
    "Richard Teng, Binance's former global head of regional markets, will be the exchange's new CEO, "
    "Zhao said on Tuesday.\n\nBankman-Fried was found guilty on seven counts by a jury in New York.\n\n"
    "Changpeng Zhao stepped down as chief executive on Tuesday after pleading guilty."
)
NOBEL_TEXT = (
    "Moungi Bawendi, Louis Brus and Alexei Ekimov have split the 2023 Nobel Prize in chemistry.\n\n"
    "Michigan State fired Mel Tucker on Sept. 27 after allegations from Brenda Tracy.\n\n"
    "Michigan State has hired Jonathan Smith as its next football coach.\n\n"
    "Smith spent six seasons at Oregon State and won 34 games.\n\nSmith, 44, is an Oregon State alumnus.\n\n"
    "The prize money for literature and for chemistry is the same."
)
SERIES = Article("series.txt", SERIES_TEXT, "Rangers lead", "Sporting News", None, date(2023, 10, 31), False, "0" * 64)
DEAL_DOJ = Article(
    "doj.txt",
    "Binance agreed to pay $4.3 billion to settle the DOJ's case.",
    "Binance",
    "AP",
    None,
    date(2023, 11, 21),
    False,
    "3" * 64,
)
DEAL = Article("deal.txt", DEAL_TEXT, "Binance to pay $4.3B", "TechCrunch", None, date(2023, 11, 21), False, "1" * 64)

NOBEL = Article("nobel.txt", NOBEL_TEXT, "Awards", "Wire", None, date(2023, 11, 30), False, "2" * 64)


# Other articles of the collection, so that words common to most of them weigh as little as they would.
OTHERS = [
    Article(f"other{i}.txt", f"The US state said the department met on day {i}.", "News", "Wire", None,
            date(2023, 11, i + 1), False, f"{i:064d}")
    for i in range(12)
]  # fmt: skip


def article(path: str, text: str, title: str, source: str, published: date) -> Article:
    """A hand-made article, its checksum made from its path."""
    return Article(path, text, title, source, None, published, False, hashlib.sha256(path.encode()).hexdigest())


def ask(question: str, *articles: Article):
    passages = [Passage(a, 0, len(a.text), 1.0) for a in articles]
    return Extractive({a.path: a for a in [*articles, *OTHERS]}).answer(question, passages)


def test_a_quoted_heading_gets_a_full_stop_after_its_marks():
    page = article(
        "g.txt", "Google paid $26 billion in 2021 to be the default search engine\n\nIt said so.", "G", "W", None
    )
    assert ask("How much did Google pay in 2021?", page).text == (
        "Google paid $26 billion in 2021 to be the default search engine [1]."
    )
    said = article("q.txt", "“We pay $26 billion a year for it.”\n\nIt said so.", "G", "W", None)
    assert ask("How much do they pay a year?", said).text.endswith("a year for it.” [1]")


def test_a_sentence_about_another_year_does_not_answer():
    a = ask("Who was named MVP of the 2023 World Series?", SERIES)
    assert a.abstained and a.debug["abstained_because"] == "the sentences that cover it are about another year"


def test_a_sentence_that_opens_with_another_year_does_not_answer():
    vc = article("vc.txt", "The year 2022 saw just $14.5 billion invested in Chinese companies by US venture firms, "
                 "according to PitchBook.", "US venture capital in China", "TechCrunch", date(2023, 11, 2))  # fmt: skip
    a = ask("How much did US venture firms invest in Chinese companies in 2023?", vc)
    assert a.abstained and a.debug["abstained_because"] == "the sentences that cover it are about another year"
    assert "$14.5 billion" in ask("How much did US venture firms invest in Chinese companies in 2022?", vc).text


def test_a_row_that_gives_the_asked_year_beside_another_answers():
    table = article(
        "table.txt",
        "Mar-a-Lago Trump's valuation (2021): $612.1 million, Bloomberg valuation (2023): $240 million.",
        "What Trump says his properties are worth",
        "The Age",
        date(2023, 10, 3),
    )
    a = ask("What value did Trump give Mar-a-Lago in 2021?", table)
    assert not a.abstained and "$612.1 million" in a.text


def test_a_figure_for_another_month_does_not_answer_unless_the_question_dates_the_report():
    traffic = article(
        "web.txt",
        "The chatbot's website saw 140.7 million unique visitors in October, the analytics firm said.\n\n"
        "In September, its maker cut the price of the app.",
        "A year of the chatbot",
        "TechCrunch",
        date(2023, 11, 30),
    )
    a = ask("How many unique visitors did the chatbot's website get in October 2023?", traffic)
    assert not a.abstained and "140.7 million" in a.text
    a = ask("How many unique visitors did the chatbot's website get in September 2023?", traffic)
    assert a.abstained and a.debug["abstained_because"] == "the sentences that cover it are about another month"
    # the month may be when the article was published: "In November 2023, TechCrunch reported ..."
    a = ask("In November 2023, how many unique visitors did TechCrunch report for the chatbot's website?", traffic)
    assert not a.abstained and "140.7 million" in a.text


def test_a_month_of_that_year_is_of_the_year_named_before():
    band = article(
        "band.txt",
        "The band formed in Leeds in 2015.\n\nThey released their first album, Dusk, in July of that year.",
        "The band at ten",
        "Wire",
        date(2023, 11, 30),
    )
    a = ask("Which album did the band release in July 2015?", band)
    assert not a.abstained and "Dusk" in a.text


def test_a_sentence_dated_to_another_day_does_not_answer_for_a_month_whatever_its_words():
    shares = article(
        "nike.txt",
        "Nike shares rose about 8% in extended trading Thursday.\n\nNike will report its results in December.",
        "Nike beats estimates",
        "CNBC",
        date(2023, 9, 28),
    )
    assert ask("How much did Nike shares rise in December 2023?", shares).abstained
    assert "8%" in ask("How much did Nike shares rise in September 2023?", shares).text


def test_figures_of_another_quarter_do_not_answer():
    results = article(
        "q3.txt",
        "Uber reported revenue of $9.3 billion, an 11% increase year over year.",
        "Uber's Q3 numbers include profitability gains",
        "TechCrunch",
        date(2023, 11, 7),
    )
    a = ask("What revenue did Uber report for the third quarter of 2023?", results)
    assert not a.abstained and "$9.3 billion" in a.text
    a = ask("What revenue did Uber report for the fourth quarter of 2023?", results)
    assert a.abstained and a.debug["abstained_because"] == "the sentences that cover it are about another quarter"


def test_a_sentence_about_the_company_its_title_names_ranks_first():
    day = date(2023, 11, 7)
    text = "The company reported revenue of $1.2 billion.\n\nIt trails Uber."
    lyft = article("lyft.txt", text, "Lyft results", "Wire", day)
    uber = article("uber.txt", "The company reported revenue of $9.3 billion.", "Uber's numbers", "Wire", day)
    a = ask("What revenue did Uber report?", lyft, uber)  # Lyft's passage is ranked first
    assert not a.abstained and a.text.startswith("The company reported revenue of $9.3 billion")


def test_which_noun_is_answered_by_a_name_the_sentence_calls_that_noun():
    from qa.answer.entities import described_as

    sentence = "Temu, the Chinese company whose app is popular, is Apple's most downloaded free app in the U.S."
    assert [sentence[i:].split(",")[0] for i in described_as(sentence, "app")] == ["Temu"]
    sentence = "The creator, Paul Denino, streamed it."
    assert [sentence[i:].split(",")[0] for i in described_as(sentence, "creator")] == ["Denino"]
    stream = article(
        "kick.txt",
        "Streamers are leaving Kick after a prominent creator streamed an encounter with a sex worker.\n\n"
        "Paul Denino, a creator also known as Ice Poseidon, streamed the encounter on September 21.",
        "Kick streamers consider leaving",
        "The Verge",
        date(2023, 9, 27),
    )
    a = ask("Which creator streamed the encounter on September 21 that led streamers to leave Kick?", stream)
    assert not a.abstained and a.text.startswith("Paul Denino")


def test_a_place_the_question_names_must_be_in_the_sentence_or_title():
    gogoro = article(
        "gogoro.txt",
        "Gogoro plans to expand from India into new markets, starting with Nepal.\n\n"
        "Its battery-swapping service grew 10% in the last quarter.",
        "Gogoro's revenue drops",
        "TechCrunch",
        date(2023, 11, 16),
    )
    a = ask("When will Gogoro launch its battery-swapping network in Nepal?", gogoro)
    assert a.abstained  # the sentence that says when is not about Nepal
    a = ask("When did Gogoro's battery-swapping service grow in India?", gogoro)
    assert a.abstained  # India is named in the article, not in the sentence that says when


def test_a_place_the_question_gives_as_owner_of_a_name_may_be_named_elsewhere_in_the_article():
    choir = article(
        "choir.txt",
        "Since 2018, the Riverton Singers have raised $40,000 for the Hope Fund.\n\n"
        "The choir began in 2015, when a dozen teachers in Oregon met to sing.",
        "Teachers who sing",
        "Fox News",
        date(2023, 10, 20),
    )
    a = ask("How much have Oregon's 'Riverton Singers' raised since 2018?", choir)
    assert not a.abstained and "$40,000" in a.text
    a = ask("How much has the choir raised in Oregon since 2018?", choir)
    assert a.abstained  # raised where? The sentence that says how much does not say in Oregon


def test_a_sentence_that_sets_itself_against_the_one_before_is_read_with_it():
    from qa.answer.candidate import leans_back

    assert leans_back("But at that time, the Kremlin did not confirm it.")
    assert leans_back("On Thursday, he described them as unprecedented.")
    assert not leans_back("Butter prices rose.") and not leans_back("The Kremlin said so.")
    visit = article(
        "visit.txt",
        "In April 2019, state media said Putin had accepted Kim's proposal to visit Pyongyang. "
        "But at that time, the Kremlin did not confirm it, nor did Putin visit the North.",
        "North Korea's Choe in Moscow",
        "Wire",
        date(2024, 1, 15),
    )
    a = ask("Did Putin visit North Korea after saying in 2019 he would?", visit)
    assert "nor did Putin visit the North" in a.text


def test_an_amount_of_the_measure_asked_for_and_not_an_expected_one():
    uber = article(
        "uber-q3.txt",
        "Turning to profitability, Uber reported net income of $221 million in the third quarter.\n\n"
        "The company reported revenue of $9.3 billion, an 11% increase year over year.\n\n"
        "Investors had expected Uber to report revenues of around $9.5 billion.",
        "Uber's Q3 numbers",
        "TechCrunch",
        date(2023, 11, 7),
    )
    a = ask("What revenue did Uber report for the third quarter?", uber)
    assert a.text.startswith("The company reported revenue of $9.3 billion")
    a = ask("What revenue had investors expected Uber to report?", uber)
    assert a.text.startswith("Investors had expected Uber to report revenues of around $9.5 billion")
    nike = article(
        "nike.txt",
        "Nike revenue: $12.94 billion vs. $12.98 billion expected.\n\nNike shares rose about 8% on Thursday.",
        "Nike earnings beat",
        "CNBC",
        date(2023, 9, 28),
    )
    a = ask("What revenue did Nike report, and what had analysts expected?", nike)  # the nearest figure was expected
    assert a.text.startswith("Nike revenue: $12.94 billion vs. $12.98 billion expected")
    assert a.debug["parts"][1]["question"] == "what had analysts expected (Nike)?"  # it leans on the part before
    # an adjective of expectation describes its noun: "the highly anticipated trial" started on a day that was so
    trial = article("sbf.txt", "The highly anticipated criminal trial for Sam Bankman-Fried started Tuesday.",
                    "SBF's trial", "TechCrunch", date(2023, 10, 5))  # fmt: skip
    assert "started Tuesday (3 October 2023)" in ask("When did the trial of Sam Bankman-Fried start?", trial).text
    # a figure words away from "estimates" is no estimate: the sun is that much smaller than it was estimated to be
    sun = article("sun.txt", "The difference between the new findings and previous estimates is relatively small: "
                  "The sun is likely somewhere between 0.03% and 0.07% smaller than we thought.", "The sun",
                  "Live Science", date(2023, 12, 20))  # fmt: skip
    a = ask("By how much smaller than previously thought is the sun likely to be?", sun)
    assert not a.abstained and "0.03% and 0.07%" in a.text


def test_a_rate_is_answered_by_an_amount_per_that_unit():
    deal = article(
        "activision.txt",
        "Microsoft has sealed its deal for Activision Blizzard, and it paid $69bn for the privilege.\n\n"
        "Beeper Mini costs $1.99 a month.",
        "Microsoft closes Activision deal",
        "BBC",
        date(2023, 10, 13),
    )
    a = ask("What price per share did Microsoft pay for Activision Blizzard?", deal)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives an amount"
    a = ask("What is Beeper Mini's monthly price?", deal)
    assert not a.abstained and "$1.99 a month" in a.text


def test_a_date_already_past_does_not_say_when_something_still_to_come_will_be():
    trip = article(
        "trip.txt",
        "Putin had accepted an invitation to visit Pyongyang, a trip last made in July 2000.",
        "Putin to visit North Korea",
        "Wire",
        date(2024, 1, 15),
    )
    assert not ask("When did Putin last visit Pyongyang?", trip).abstained
    a = ask("On what date will Putin visit Pyongyang?", trip)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives a date"
    # an article of unknown date: only a sentence about what is to come says when it will be
    undated = replace(trip, path="undated.txt", published=None)
    assert ask("On what date will Putin visit Pyongyang?", undated).abstained
    plan = replace(undated, text="Putin will visit Pyongyang on June 18, the Kremlin said.")
    assert "June 18" in ask("On what date will Putin visit Pyongyang?", plan).text
    soon = replace(trip, text="Putin will visit Pyongyang this year, the Kremlin said.")  # a year, not yet past
    assert "this year (2024)" in ask("When will Putin visit Pyongyang?", soon).text


def test_what_is_still_to_come_does_not_say_what_happened():
    club = article(
        "appeal.txt",
        "Everton's appeal against the 10-point deduction will be heard by a panel before the end of the season.\n\n"
        "Counting 45 organisations among its members, the alliance will focus on open research.",
        "Everton to appeal",
        "Wire",
        date(2023, 11, 20),
    )
    a = ask("How many points did Everton get back when the appeal was decided?", club)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives a number"
    assert a.text.startswith("The articles do not say how many points Everton got back when the appeal was decided.")
    assert "10-point" in ask("How many points will Everton's appeal be about?", club).text  # asked ahead
    assert "45" in ask("How many organisations did the alliance count?", club).text  # said in another clause


def test_who_did_it_is_answered_by_a_name_in_a_sentence_that_says_it_was_done():
    club = article(
        "everton.txt",
        "Bill Kenwright became Everton chairman in 2004 and died on Monday.\n\n"
        "Chief executive Denise Barrett-Baxendale paid tribute to the chairman.\n\n"
        "Everton appointed a new manager in 2022.",
        "Everton chairman Bill Kenwright dies",
        "BBC",
        date(2023, 10, 24),
    )
    a = ask("Who was appointed Everton chairman to succeed Bill Kenwright?", club)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives a name"
    a = ask("According to the BBC, who paid tribute to the Everton chairman?", club)
    assert not a.abstained and a.text.startswith("Chief executive Denise Barrett-Baxendale")


def test_a_verb_with_its_particle_is_matched_in_other_words():
    trip = article(
        "return.txt",
        "North Korea's foreign minister returned home on Friday after a visit to Moscow, state media said.",
        "Choe Son-hui back from Moscow",
        "Wire",
        date(2024, 1, 19),
    )
    a = ask("When did the foreign minister get back?", trip)
    assert a.text.startswith("North Korea's foreign minister returned home on Friday")
    # "foreign" and "minister" are said; "get back" is said as "returned" (without it: 0.45)
    assert a.debug["top"][0]["coverage"] > 0.6


def test_how_much_wants_an_amount_and_who_a_name_anywhere_in_the_sentence():
    a = ask("How much did Binance agree to pay?", DEAL)
    assert not a.abstained and "$4.3 billion" in a.text
    a = ask("Who became Binance's new CEO?", DEAL)
    assert not a.abstained and a.text.startswith("Richard Teng")


def test_each_part_of_a_two_part_question_is_answered():
    a = ask("On how many counts was Bankman-Fried found guilty, and how much did Binance agree to pay?", DEAL)
    assert "seven counts" in a.text and "$4.3 billion" in a.text and len(a.citations) == 2
    assert [c.n for c in a.citations] == [1, 2] and "[1]" in a.text and "[2]" in a.text


def test_the_thing_asked_about_must_be_in_the_articles():
    a = ask("What bonus did Binance agree to pay to settle the Justice Department's investigations?", DEAL)
    assert a.abstained and a.debug["abstained_because"] == "no article that covers it mentions bonus"
    said = ask("What bonus did Binance pay? Give the figure.", DEAL).text  # said once, with one full stop
    assert said.startswith("The articles do not say what bonus Binance paid? Give the figure. The nearest")


def test_a_later_part_is_read_with_the_names_of_the_part_before():
    a = ask("When did Changpeng Zhao step down, and who will replace him?", DEAL)
    assert [p["question"] for p in a.debug["parts"]] == [
        "When did Changpeng Zhao step down",
        "who will replace Changpeng Zhao?",
    ]
    assert "21 November 2023" in a.text and "Richard Teng" in a.text


def test_who_is_not_answered_by_a_sentence_that_names_no_one():
    prizes = article(
        "prizes.txt",
        "The 2023 Nobel Prize in Literature will be announced on Thursday, with one prize every weekday.",
        "The Nobel week",
        "Wire",
        date(2023, 10, 2),
    )
    a = ask("Who won the 2023 Nobel Prize in Literature?", prizes)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives a name"


def test_a_sentence_about_another_thing_of_the_same_name_does_not_answer():
    a = ask("Who won the 2023 Nobel Prize in Literature?", NOBEL)
    assert a.abstained and "Nobel Prize in Literature" in a.debug["abstained_because"]


def test_an_organisation_is_named_by_its_initials_too():
    a = ask("How much did Binance agree to pay the US Justice Department?", DEAL_DOJ)
    assert not a.abstained and "$4.3 billion" in a.text


def test_a_name_asked_by_its_initials_is_named_written_out_too():
    mice = article(
        "mice.txt",
        "Researchers at University of California San Diego fed the mice within six-hour windows each day.",
        "Fasting and memory",
        "Wire",
        date(2023, 10, 2),
    )
    a = ask("In the UC study, how long was the daily eating window of the mice?", mice)
    assert not a.abstained and "six-hour windows" in a.text


def test_a_name_its_article_writes_out_may_be_written_by_its_last_word_alone():
    transfer = article(
        "palmer.txt",
        "Cole Palmer moved from Manchester City to Chelsea in September.\n\n"
        "City decided that he could only leave on a permanent deal and Chelsea paid £42.5m.\n\n"
        "North Korea paid $2m for the rights.\n\nThe South Korea game was postponed.",
        "Palmer's move",
        "Wire",
        date(2023, 11, 30),
    )
    a = ask("What did Chelsea pay Manchester City to sign Cole Palmer?", transfer)
    assert not a.abstained and "£42.5m" in a.text
    a = ask("What did South Korea pay for the rights?", transfer)  # "North Korea" says no "Korea" alone
    assert a.abstained and "$2m" not in a.text


def test_a_name_its_article_writes_out_may_be_written_without_its_last_word():
    firm = article(
        "chkp.txt",
        "Hackers are an opportunity for firms like Check Point Software (NASDAQ:CHKP).\n\n"
        "“It is a great time,” Check Point (CHKP) President Rupal Shah Hollenbeck said this week.\n\n"
        "Hipgnosis Song Management named Merck Mercuriadis as its chief executive.",
        "Check Point sees a fantastic year",
        "Seeking Alpha",
        date(2023, 11, 30),
    )
    a = ask("Who is the president of Check Point Software, according to Seeking Alpha?", firm)
    assert not a.abstained and "Rupal Shah Hollenbeck" in a.text
    a = ask("Who is the chief executive of Hipgnosis Songs Fund?", firm)  # "Song Management" is another firm
    assert a.abstained and "Mercuriadis" not in a.text


def test_a_name_its_initials_stand_for_is_covered_by_them():
    def board(name: str) -> Article:
        text = f"Rob Naylor chairs the board of {name}, which delayed its interim results.\n\nIt said so."
        return article(f"{name}.txt", text, "Board news", "Music Business Worldwide", date(2023, 12, 19))

    asked = "Who chaired the board when Hipgnosis Songs Fund delayed its interim results?"
    short, written_out = ask(asked, board("HSF")), ask(asked, board("Hipgnosis Songs Fund"))
    assert short.debug["top"][0]["coverage"] == written_out.debug["top"][0]["coverage"] == 1.0


def test_what_revenue_wants_an_amount_said_to_be_one():
    results = article(
        "rev.txt",
        "Check Point ended the most recent quarter with $3B in cash.\n\nIts revenue grew.\n\n"
        "The biggest carriers posted net income totaling $364 billion in 2021 and 2022, after a decade of scant "
        "profits.",
        "Results",
        "Seeking Alpha",
        date(2023, 11, 30),
    )
    a = ask("What revenue did Check Point report for the quarter?", results)
    assert a.abstained and "$3B" not in a.text
    a = ask("What combined profit did the biggest carriers make in 2021 and 2022?", results)
    assert not a.abstained and "$364 billion" in a.text


def test_on_what_day_wants_a_day_not_a_month():
    summit = article(
        "summit.txt",
        "Putin had accepted North Korean leader Kim Jong-un's invitation to visit Pyongyang during their "
        "summit at Russia's Vostochny spaceport in September last year.\n\n"
        "Choe left Pyongyang on Sunday to visit Russia.",
        "Choe visits Moscow",
        "Yonhap",
        date(2024, 1, 15),
    )
    asked = (
        "On what exact day in September 2023 did Kim Jong-un and Putin hold their summit at the Vostochny spaceport?"
    )
    a = ask(asked, summit)
    assert a.abstained
    a = ask("On what day did Choe leave Pyongyang?", summit)
    assert not a.abstained and "on Sunday" in a.text


def test_the_name_asked_for_stands_in_a_sentence_with_the_question_verb():
    a = ask("Who did Michigan State hire to replace the fired Mel Tucker?", NOBEL)
    assert not a.abstained and "Michigan State has hired Jonathan Smith" in a.text


def test_how_old_wants_an_age_not_another_number():
    a = ask("How old is Jonathan Smith?", NOBEL)
    assert not a.abstained and a.text.startswith("Smith, 44, is")


def test_a_word_of_the_question_said_in_other_words_counts():
    text = "The survey counted 12 people who bought a house.\n\nThe survey counted 610 people who bought a car."
    survey = Article("survey.txt", text, "A survey", "Wire", None, date(2023, 11, 2), False, "4" * 64)
    a = ask("How many people who bought an automobile did the survey count?", survey)
    assert not a.abstained and a.text.startswith("The survey counted 610")
    coverage = {top["text"]: top["coverage"] for top in a.debug["top"]}
    assert coverage["The survey counted 610 people who bought a car."] > coverage[text.split("\n\n")[0]]


def test_a_word_most_articles_use_asks_for_a_kind_of_answer_and_need_not_be_said():
    storm = article(
        "storm.txt",
        "The geomagnetic storm peaked as a strong G3 on Sunday.",
        "Auroras",
        "Space Wire",
        date(2023, 11, 9),
    )
    rivers = [article(f"river{i}.txt", f"The river rose to its highest level in {i + 2} years.", "Floods", "Wire",
                      date(2023, 11, 9)) for i in range(3)]  # fmt: skip
    collection = {a.path: a for a in [storm, *rivers, *OTHERS]}
    a = Extractive(collection).answer(
        "What level did the geomagnetic storm reach?", [Passage(storm, 0, len(storm.text), 1.0)]
    )
    assert not a.abstained and "G3" in a.text


def test_a_date_that_opens_a_sentence_dates_all_of_it_but_not_the_next():
    text = (
        "Later Monday, the government said it would deepen its ties with the shipping industry in every single "
        "area, calling the port its closest partner.\n\nIn April 2019, the port signed its first deal.\n\n"
        "On January 14, Choe arrived in Moscow. She met Putin during the visit.\n\n"
        "Putin met Choe again in the Kremlin, on January 16."
    )
    port = article("port.txt", text, "Port deal", "Wire", date(2024, 1, 19))
    assert "Later Monday" in ask("When was the port called its closest partner?", port).text
    a = ask("When did Putin meet Choe?", port)
    assert "January 16" in a.text and "January 14" not in a.text
    text = (  # the date opens the second sentence, which leans on the first by "she"
        "Maria Lopez, the port's director of security, stressed the importance of the recent talks with local "
        "fishermen. On Friday, she called them the beginning of a new and lasting era of cooperation."
    )
    talks = article("talks.txt", text, "Port talks", "Wire", date(2024, 1, 19))
    assert "Friday" in ask("On what date did the port's security director praise the cooperation?", talks).text


def test_how_many_is_answered_by_a_number_of_the_thing_said_in_other_words():
    text = (
        "The league filed its complaint on Monday. The league has been joined in the complaint by 18 of its "
        "member organizations, and it expects a ruling within 40 days."
    )
    league = article("league.txt", text, "League", "Wire", date(2023, 11, 30))
    a = ask("How many member groups joined the league's complaint?", league)
    assert not a.abstained and "18 of its member organizations" in a.text
    assert ask("How many member cities joined the league's complaint?", league).abstained  # not organizations


def test_a_heading_that_only_repeats_the_question_answers_nothing():
    text = "Honda e\n\nThe Honda e proved a sales flop, thanks in no small part to its short range."
    a = ask(
        "What happened to the Honda e?", article("honda.txt", text, "Small cars we lost", "Wire", date(2023, 12, 1))
    )
    assert "flop" in a.text


def test_a_sentence_that_says_the_expert_is_read_with_the_one_that_names_him():
    from qa.answer.candidate import leans_back

    before = "Vedomosti ran the opinion of Konstantin Asmolov, an expert of the Center for Korean Studies."
    assert not leans_back("According to the ministry, a campaign is waged.", before)
    text = f"{before} According to the expert, a campaign is waged to create the impression that sanctions are broken."
    a = ask(
        "What does Asmolov say the campaign is meant to achieve?",
        article("v.txt", text, "Talks", "Wire", date(2024, 1, 16)),
    )
    assert "sanctions" in a.text and a.citations[0].quote.startswith("Vedomosti")


def test_a_paragraph_that_sets_itself_against_the_one_before_is_read_with_it():
    from qa.answer.candidate import leans_back

    assert not leans_back("Her visit follows Lavrov's trip.", "Peskov said talks go on.", new_paragraph=True)
    assert leans_back("However, Russia rejects it.", "Yonhap said so.", new_paragraph=True)
    text = (
        "Yonhap reported that the two countries seek closer military ties, with North Korea providing weapons to "
        "Russia.\n\nHowever, the Russian side rejects accusations of acquiring artillery shells and "
        "operational-tactical missiles from the DPRK.\n\nNorth Korea and Russia have denied these allegations, as "
        "well as claims that Pyongyang is receiving advanced military technology from Moscow."
    )
    arms = article("w.txt", text, "Arms", "Wire", date(2024, 1, 16))
    candidates = Extractive({arms.path: arms})._candidates([Passage(arms, 0, len(arms.text), 1.0)])
    assert any(c.text.startswith("Yonhap") and c.text.endswith("DPRK.") for c in candidates)  # read together
    assert not any(c.text.startswith("Russia.") or c.text.count("\n") > 2 for c in candidates)
    a = ask("Which weapons does Russia deny acquiring from North Korea?", arms)
    assert "artillery shells" in a.text and "\n" not in a.text


def test_the_words_someone_used_are_answered_by_a_quotation():
    text = (
        "The Kremlin spokesman said Putin has an invitation to visit North Korea, the Kremlin said.\n\n"
        'Later Monday, the Kremlin said it would deepen ties with the North, calling it its "closest neighbor".'
    )
    kremlin = article("k.txt", text, "Kremlin and North Korea", "Wire", date(2024, 1, 15))
    for question in [
        "What words did the Kremlin use to describe North Korea?",
        "What did the Kremlin call North Korea?",
    ]:
        assert "closest neighbor" in ask(question, kremlin).text


def test_a_two_letter_part_of_a_name_does_not_name_the_person():
    text = "During the meeting with Choe in Moscow, Lavrov looked forward to cooperation at the UN."
    talks = article("un.txt", text, "Talks in Moscow", "Wire", date(2024, 1, 16))
    assert ask("Did Choe meet Kim Jong-un in Moscow?", talks).abstained  # "un" of "Jong-un" is not "the UN"


def test_a_question_of_yes_or_no_is_answered_by_a_sentence_that_names_everyone_in_it():
    text = "Jo Chun Ryong sat in on Choe's talks with Putin on Tuesday.\n\nLavrov hosted a dinner on Monday."
    trip = article("trip.txt", text, "Choe in Moscow", "Wire", date(2024, 1, 19))
    assert ask("Did Jo Chun Ryong also sit in on Choe's talks with Lavrov?", trip).abstained
    assert "sat in" in ask("Did Jo Chun Ryong sit in on Choe's talks with Putin?", trip).text


def test_things_named_side_by_side_are_each_answered_by_their_own_sentence():
    spill = article(
        "spill.txt",
        "Mastodon has 1.8 million monthly active users.",
        "Bluesky turns one",
        "TechCrunch",
        date(2023, 11, 4),
    )
    flip = article("flip.txt", "Mastodon today has around 1.5 million monthly active users.",
                   "Flipboard joins the fediverse", "TechCrunch", date(2023, 12, 18))  # fmt: skip
    a = ask(
        "What monthly active user figures for Mastodon do the story on Bluesky and the one on Flipboard give?",
        spill,
        flip,
    )
    assert not a.abstained and "1.8 million" in a.text and "1.5 million" in a.text
    a = ask("What monthly active user figures for Mastodon does the story on Bluesky give?", flip)
    assert a.abstained  # a name asked about alone is still needed
    vague = replace(flip, text="Mastodon today has a growing number of monthly active users.", sha256="f" * 64)
    a = ask("How many monthly active users does Mastodon have, by the story on Bluesky and the one on Flipboard?",
            spill, vague)  # fmt: skip
    assert "1.8 million" in a.text and "The articles do not say this for Flipboard." in a.text  # one side unsaid
    told = "Bluesky and Flipboard both wrote about Mastodon. "  # names side by side before the question asks
    assert ask(told + "What monthly active user figures for Mastodon does the story on Bluesky give?", flip).abstained


def test_a_share_does_not_say_what_something_is_worth():
    deal = article("nascar.txt", "NASCAR secured almost a 40% increase over its current media rights deal.\n\n"
                   "Just days ago, NASCAR finalized a $7.7 billion media rights deal with four networks.",
                   "NASCAR's deal", "Essentially Sports", date(2023, 11, 28))  # fmt: skip
    a = ask("How much is NASCAR's new media rights deal worth?", deal)
    assert "$7.7 billion" in a.text and "40%" not in a.text
    assert "40%" in ask("How much more is NASCAR's new media rights deal worth?", deal).text  # compared: a share


def test_how_many_is_not_answered_by_a_share():
    hiv = article("hiv.txt", "In 2021, 75% of the people diagnosed received some HIV care.\n\n"
                  "There were 1.3 million new HIV infections in 2022.", "HIV", "Vox", date(2023, 12, 1))  # fmt: skip
    a = ask("How many new HIV infections were recorded in 2021?", hiv)
    assert a.abstained and "75%" not in a.text


def test_what_someone_said_is_answered_only_by_a_sentence_that_reports_their_words():
    meeting = article("meeting.txt", "Jo Chun Ryong took part in Choe's meeting with Putin in Moscow.\n\n"
                      "Choe said the talks with Putin went well.", "Choe in Moscow", "AP",
                      date(2024, 1, 19))  # fmt: skip
    assert ask("What did Jo Chun Ryong say during the meeting with Putin?", meeting).abstained
    a = ask("What did Choe say about her talks with Putin?", meeting)
    assert not a.abstained and "talks with Putin went well" in a.text


def test_words_dated_to_another_day_were_not_said_on_the_day_of_the_report():
    remarks = article("vaddi.txt", "Pranay Vaddi spoke to reporters. On Thursday, he said the exchanges were "
                      "unprecedented.\n\nHe said the threat could change.", "Vaddi", "AP",
                      date(2024, 1, 19))  # fmt: skip
    assert ask("What did Pranay Vaddi say on Friday, 19 January 2024?", remarks).abstained
    assert "unprecedented" in ask("What did Pranay Vaddi say on 18 January 2024?", remarks).text


def test_a_figure_next_to_the_question_words_said_in_other_words_answers():
    shipping = article("ship.txt", "The biggest carriers posted net income totaling $364 billion in 2021 and 2022, "
                       "according to figures compiled by industry veteran John McCown, after a decade of scant "
                       "profits.", "Shipping's bust", "Quartz", date(2023, 11, 20))  # fmt: skip
    a = ask("What profit did the largest container lines pocket in 2021 and 2022, by an industry veteran's count?",
            shipping)  # fmt: skip
    assert not a.abstained and "$364 billion" in a.text


def test_a_passage_that_answers_two_parts_is_quoted_once():
    riva = article("riva.txt", "Gigi Riva's relatively insubstantial haul of 35 goals has been the mark to beat since "
                   "World Cup 1974.", "Italy's record", "The Guardian", date(2023, 11, 11))  # fmt: skip
    a = ask("Which Italian striker's international tally has stood as the scoring benchmark since the 1974 World Cup, "
            "and how many goals is it?", riva)  # fmt: skip
    assert len(a.citations) == 1 and a.text.count("35 goals") == 1


def test_a_part_answered_by_a_sentence_already_quoted_with_the_one_after_it_is_not_repeated():
    deal = article("ohtani.txt", "Shohei Ohtani announced Saturday that he has agreed to a contract with the Dodgers. "
                   "It's a colossal 10-year, $700 million deal, so the franchise will be paying him beyond those 10 "
                   "seasons.\n\nThe Dodgers have deep pockets.", "Ohtani joins Dodgers", "CBS",
                   date(2023, 12, 10))  # fmt: skip
    a = ask("How much is Shohei Ohtani's Dodgers contract worth, and when did he agree to it?", deal)
    assert "$700 million" in a.text and a.text.count("announced") == 1 and len(a.citations) == 1


def test_a_name_given_in_the_sentences_just_before_grounds_a_sentence():
    study = article("glp1.txt", "Mahyar Etminan of the University of British Columbia led the work.\n\n"
                    "It compared several weight loss drugs over four years.\n\n"
                    "Those who took a GLP-1 agonist were 3.67 times more likely to develop stomach paralysis.",
                    "Weight loss drugs and the stomach", "CNN", date(2023, 10, 6))  # fmt: skip
    a = ask("In the University of British Columbia study, how much more likely were people on GLP-1 agonists "
            "to develop stomach paralysis?", study)  # fmt: skip
    assert not a.abstained and "3.67 times" in a.text


def test_a_sentence_grounded_by_the_one_before_answers_though_others_name_it_themselves():
    jelly = article("jelly.txt", "The Caribbean box jellyfish lives among mangrove roots.\n\n"
                    "The Caribbean box jellyfish has four rhopalia. Each rhopalium has six eyes.",
                    "Jellyfish can learn", "Science News", date(2023, 10, 3))  # fmt: skip
    a = ask("How many eyes does each rhopalium of a Caribbean box jellyfish have?", jelly)
    assert not a.abstained and "six eyes" in a.text


def test_a_place_a_sentence_says_it_is_outside_of_is_no_answer_to_where():
    tiktok = article("tiktok.txt", "TikTok is testing an ad-free tier for $4.99 a month.\n\nTikTok says that it is "
                     "piloting the plan in a single market outside the U.S. for now.", "TikTok tests ad-free tier",
                     "TechCrunch", date(2023, 10, 4))  # fmt: skip
    assert ask("In which country is TikTok piloting its ad-free tier?", tiktok).abstained
    assert "outside the U.S." in ask("Where is TikTok piloting its ad-free tier?", tiktok).text  # a where, not a name


def test_an_acronym_the_article_defines_names_what_it_stands_for():
    cppa = article("cppa.txt", "California’s Privacy Protection Agency (CPPA) is preparing to put guardrails on AI.\n\n"
                   "The draft is “the most comprehensive set of rules in the AI space”, Ashkan Soltani, the CPPA’s "
                   "exec director, told TechCrunch.", "Privacy watchdog eyes AI rules", "TechCrunch",
                   date(2023, 11, 27))  # fmt: skip
    a = ask("Who is the executive director of California's Privacy Protection Agency, who called its draft rules "
            "the most comprehensive in the AI space?", cppa)  # fmt: skip
    assert "Ashkan Soltani" in a.text  # not the sentence that only names the agency the question names


def test_the_year_of_the_report_a_question_cites_does_not_date_what_it_asks():
    myths = article("ketamine.txt", "Ketamine has been used as an anesthetic for decades.\n\n"
                    "After successful clinical trials, the FDA approved the drug in 2019 as a medication for "
                    "treatment-resistant depression.", "5 myths about ketamine", "Fox News",
                    date(2023, 12, 17))  # fmt: skip
    a = ask("In what year did the FDA approve ketamine for treatment-resistant depression, according to Fox News's "
            "December 2023 piece on the drug?", myths)  # fmt: skip
    assert "2019" in a.text


def test_a_day_the_question_counts_from_does_not_answer_it():
    clocks = article("clocks.txt", "UK clocks go back on Sunday 29 October.\n\n"
                     "Sleep experts welcome the extra hour in bed.\n\n"
                     "UK clocks won’t go forward again until Sunday 31 March 2024.", "When do the clocks change?",
                     "The Independent", date(2023, 9, 30))  # fmt: skip
    a = ask("On what date will UK clocks go forward again after going back on 29 October 2023?", clocks)
    assert "31 March 2024" in a.text and "29 October" not in a.text


def test_the_thing_a_name_introduced_earlier_is_that_name_s():
    meetup = article("motier.txt", "Last night, Motier Ventures held a tech meetup featuring Dust and Mistral AI.\n\n"
                     "The crowd was excited.\n\nInvestors are circling French AI startups.\n\n"
                     "Funding rounds keep growing.\n\nThe founders of Mistral AI and Dust had to leave the meetup "
                     "quickly as they were invited for dinner at the Elysée Palace.", "AI in France", "TechCrunch",
                     date(2023, 11, 9))  # fmt: skip
    a = ask("Which startups' founders left a Motier Ventures meetup early for dinner at the Elysée Palace?", meetup)
    assert "invited for dinner" in a.text


def test_a_question_the_writer_asks_answers_nothing():
    cfp = article("cfp.txt", "Can Alabama make the College Football Playoff after losing to Texas in September?\n\n"
                  "The committee picked Michigan, Washington, Texas and Alabama for the College Football Playoff.",
                  "Playoff field", "CBS Sports", date(2023, 12, 3))  # fmt: skip
    a = ask("Which teams made the College Football Playoff after the season?", cfp)
    assert "The committee picked" in a.text and "Can Alabama" not in a.text
    # two questions read together ask too, though the second leans on the first
    sbf = article("sbf.txt", "Who is Sam Bankman-Fried, the former CEO of crypto exchange FTX? Is he a liar and a "
                  "fraud?\n\nFTX founder Sam Bankman-Fried faces seven counts of fraud.", "SBF", "Fortune",
                  date(2023, 10, 3))  # fmt: skip
    assert "faces seven counts" in ask("Who is Sam Bankman-Fried?", sbf).text


def test_a_report_published_before_what_is_asked_about_does_not_say_it():
    past = article("cfp-past.txt", "The title game is set for January 8, 2024.\n\nMichigan leads the field.\n\n"
                   "Ohio State, relying on a third-string quarterback, won the national title in the inaugural "
                   "season of the playoff.", "Playoff preview", "CBS Sports", date(2023, 12, 3))  # fmt: skip
    assert ask("Who won the national title game in January 2024?", past).abstained
    # a preview that names the day says what was planned for it; a deadline is no time of the event
    deck = article("deck.txt", "The Steam Deck OLED will be available to order on November 16.", "Valve's new Deck",
                   "Engadget", date(2023, 11, 9))  # fmt: skip
    assert "Steam Deck OLED" in ask("Which handheld became available to order on November 16, 2023?", deck).text
    # ... but tells no outcome of it
    bout = article("bout.txt", "Now back fit again, Paro faces Montana Love in San Francisco on December 9.\n\n"
                   "The result of his last fight stunned the division.", "Paro returns", "Sporting News",
                   date(2023, 11, 30))  # fmt: skip
    assert ask("What was the result of Paro's fight against Love on 9 December 2023?", bout).abstained
    cop = article("cop28.txt", "The final text calls for the tripling of renewable energy capacity by 2030.",
                  "COP28 deal", "TechCrunch", date(2023, 12, 13))  # fmt: skip
    assert not ask("What did the final COP28 text call for on renewable energy capacity by 2030?", cop).abstained


def test_a_place_that_only_one_of_a_few_articles_names_must_be_in_the_sentence():
    visit = [
        article(f"visit{i}.txt", f"Choe held talks with Lavrov in Moscow on day {i}.", "Visit", "Wire",
                date(2024, 1, 16))
        for i in range(3)
    ] + [article("ties.txt", "Choe held talks in Moscow.\n\nKim has also sought closer ties with China.", "Ties",
                 "Wire", date(2024, 1, 16))]  # fmt: skip
    passages = [Passage(a, 0, len(a.text), 1.0) for a in visit]
    a = Extractive({a.path: a for a in visit}).answer("How did China react to Choe's talks in Moscow?", passages)
    assert a.abstained  # "China" tells the fourth article from the others: no sentence about the talks names it


def test_a_relative_date_the_question_quotes_is_answered_with_the_day_it_means():
    clash = article("clash.txt", "Dale Earnhardt Jr. was at the Commonwealth Clash at Lernerville Speedway on Tuesday.",
                    "High Limit", "Essentially Sports", date(2023, 9, 28))  # fmt: skip
    a = ask("Essentially Sports says Earnhardt was at the Commonwealth Clash 'on Tuesday'. What date was that?", clash)
    assert "on Tuesday (26 September 2023)" in a.text


def test_what_date_is_not_answered_by_a_span_of_time():
    social = article("social.txt", "The company looked at the history of social media over the past decade and "
                     "opened Mozilla.social to testers.", "Mozilla", "TechCrunch", date(2023, 11, 10))  # fmt: skip
    assert ask("On what date did Mozilla open Mozilla.social to the public?", social).abstained


def test_a_clause_of_when_takes_its_time_from_the_clause_it_leads_into():
    fight = article("fight.txt", "When Morrell steps into the ring to defend his WBA title against Agbeko, there "
                    "will be a lump in many throats.", "Final Showtime card", "Sporting News",
                    date(2023, 12, 12))  # fmt: skip
    assert ask("Who won Morrell's title defence against Agbeko?", fight).abstained


def test_how_much_of_a_quantity_is_answered_by_an_amount_in_its_units():
    hand = article("hand.txt", "Hand said he has lost about 18 pounds since his girl was taken hostage on Oct. 7.",
                   "Father waits", "Fox News", date(2023, 11, 17))  # fmt: skip
    assert "18 pounds" in ask("How much weight has Thomas Hand lost since his daughter was taken?", hand).text


def test_a_measure_asked_for_needs_a_figure():
    swans = article("swans.txt", "After a winless campaign in 2022, the Swans have been competitive this season.\n\n"
                    "Attendance has grown across the league.",
                    "Swans", "The Guardian", date(2023, 10, 20))  # fmt: skip
    a = ask("What was the Swans' average home attendance in 2022?", swans)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives a number"


def test_a_sentence_that_wonders_why_gives_no_reason():
    watch = article("watch.txt", "That has led to confusion as to why double tap is not available on older Apple "
                    "Watches.\n\nApple says the double tap gesture requires the computing power of the S9 chip.",
                    "Double tap explained", "The Verge", date(2023, 10, 5))  # fmt: skip
    a = ask("Why is double tap not available on older Apple Watches?", watch)
    assert a.text.startswith("Apple says the double tap gesture requires")


def test_what_kind_of_thing_is_answered_by_one_of_that_kind_whatever_the_noun():
    summit = article("summit.txt", "Putin and Kim held their summit at Russia's Vostochny spaceport in September.",
                     "Summit", "Yonhap", date(2024, 1, 15))  # fmt: skip
    assert "Vostochny spaceport" in ask("What kind of site hosted the September summit of Putin and Kim?", summit).text


def test_an_organisation_s_name_is_no_answer_for_a_person():
    dispatch = article("dispatch.txt", "The delegation was greeted at the airport by the ambassador, the Korean "
                       "Central News Agency (KCNA) said.", "Arrival", "Yonhap", date(2024, 1, 15))  # fmt: skip
    a = ask("What is the name of the ambassador who greeted the delegation at the airport?", dispatch)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives a name"


def test_a_further_sentence_that_says_more_of_the_question_is_added():
    talks = article("talks.txt", "Lavrov and Choe held talks in Moscow on Tuesday, the ministry said.\n\nLavrov and "
                    "Choe also planned future political contacts, fuelling speculation about a Putin visit.",
                    "Talks", "Yonhap", date(2024, 1, 17))  # fmt: skip
    a = ask("What did Lavrov and Choe plan at their talks?", talks)  # the first names the plan, the second the talks
    assert a.text.startswith("Lavrov and Choe also planned future political contacts") and len(a.citations) == 2


def test_a_place_is_named_by_its_adjective_but_not_by_a_neighbour_s_name():
    climate = article("climate.txt", "Sunak has pushed back the British net-zero timeline by at least five years.",
                      "Climate U-turn", "TechCrunch", date(2023, 10, 2))  # fmt: skip
    assert "five years" in ask("How long did Sunak push back Britain's net-zero timeline?", climate).text
    match = article("match.txt", "A goal by Otamendi was enough to see them top Paraguay at home.", "Qualifier",
                    "Fox Sports", date(2023, 10, 13))  # fmt: skip
    assert ask("Who scored in Argentina's qualifier against Peru?", match).abstained


def test_what_score_wants_a_score_not_another_number():
    games = article(
        "games.txt",
        "Michigan beat Ohio State 30-24 on Saturday in front of 110,000 fans.\n\n"
        "Final: Lions 26, Raiders 14.\n\n"
        "Michigan will face Iowa, which has won 10 games, in the Big Ten title game next week.",
        "Michigan beats Ohio State",
        "Sporting News",
        date(2023, 11, 26),
    )
    a = ask("What was the score when Michigan beat Ohio State?", games)
    assert not a.abstained and "30-24" in a.text
    a = ask("What was the final score of the Raiders vs. Lions game?", games)
    assert not a.abstained and "Lions 26, Raiders 14" in a.text
    a = ask("What was the score of the Big Ten title game between Michigan and Iowa?", games)
    assert a.abstained and a.debug["abstained_because"] == "no sentence that covers it gives a score"


def test_what_someone_said_at_a_time_is_reported_then():
    report = article(
        "peskov.txt",
        "Dmitry Peskov said that discussions about Putin's trip to Pyongyang are ongoing.\n\n"
        "Lavrov visited Pyongyang in October 2023.",
        "Kremlin on Putin's trip",
        "TASS",
        date(2024, 1, 19),
    )
    a = ask("What did Dmitry Peskov say in January 2024 about Putin's trip to Pyongyang?", report)
    assert not a.abstained and "discussions about" in a.text
    a = ask("What did Dmitry Peskov say in October 2023 about Putin's trip to Pyongyang?", report)
    assert a.abstained and "discussions about" not in a.text


def test_a_year_that_names_a_thing_does_not_rule_out_a_date_of_another_year():
    text = (
        "The league found the club had cheated throughout the 2017 season.\n\n"
        "Jan. 13, 2020, was when the league suspended the manager for a season."
    )
    league = article("league.txt", text, "How the 2017 cheating scandal unfolded", "Ball Wire", date(2023, 10, 2))
    answer = ask("On what date did the league suspend the manager over the 2017 cheating scandal?", league)
    assert not answer.abstained and "Jan. 13, 2020" in answer.text
    assert ask("On what date in 2017 did the league suspend the manager?", league).abstained


def test_words_a_pronoun_says_are_tied_back_to_who_was_named_sentences_before():
    text = (
        "In a post on the company's blog, chief counsel Dana Whitfield said the product led on merit. "
        "And being first was not decisive, she said; switching was easy. "
        "“People don't buy our kettles because they must, they buy them because they want to,” she said."
    )
    blog = article("blog.txt", text, "Kettle maker answers critics", "Home Wire", date(2023, 10, 2))
    answer = ask("Which executive said 'people don't buy our kettles because they must'?", blog)
    assert not answer.abstained and "Dana Whitfield" in answer.text
    # the passage may open after the sentence that names her
    start = text.index("And being")
    answer = Extractive({"blog.txt": blog}).answer(
        "Who said people buy kettles because they want to?", [Passage(blog, start, len(text), 1.0)]
    )
    assert "Dana Whitfield" in answer.text


def test_a_quotation_that_runs_on_past_its_first_sentence_is_tied_back_to_who_opened_it():
    text = (
        "The ministry did not rule out such a visit. Deputy spokesperson Lena Ortiz told a briefing, "
        '"Both sides have announced it, so it is likely. We will keep a close eye on the talks."\n\n'
        "The talks resume on Monday."
    )
    briefing = article("briefing.txt", text, "Ministry weighs visit", "Wire", date(2024, 1, 19))
    answer = ask('Who said "We will keep a close eye on the talks"?', briefing)
    assert not answer.abstained and "Lena Ortiz" in answer.text


def test_a_name_the_sentences_before_in_its_paragraph_say_counts_for_the_sentence():
    text = (
        "Tubi has dozens of cult favourites this month.\n\n"
        "Few images are as striking as the motorcycle chase in Harbor Dread. Released as half of a double bill, "
        "the film follows a dancer and her lover who survive an outbreak in a small town. Banding together, the "
        "survivors must escape while fighting the rogue military commander (Bruce Wallis) who unleashed the virus."
    )
    films = article("films.txt", text, "Great free movies", "Polygon", date(2023, 11, 3))
    answer = ask("Who is the rogue military commander in Harbor Dread?", films)
    assert not answer.abstained and "Bruce Wallis" in answer.text


def test_a_place_many_sentences_of_the_article_name_is_where_all_of_it_happens():
    text = (
        "The Hawks visited New Orleans on Sunday.\n\n"
        "The crowd in New Orleans was loud from the start.\n\n"
        "The Hawks led 24-9 after three quarters. Quarterback Dan Carr had just thrown an interception to "
        "linebacker Foye Okafor, who ran it back for a touchdown.\n\n"
        "New Orleans rallied late but fell short, and the Hawks won 31-24 in New Orleans."
    )
    game = article("game.txt", text, "Hawks vs. Saints live updates", "Sporting News", date(2023, 10, 20))
    answer = ask("Who intercepted Dan Carr when the Hawks won in New Orleans?", game)
    assert not answer.abstained and "Foye Okafor" in answer.text


def test_a_figure_by_the_names_answers_when_none_stands_by_the_words_of_the_event():
    text = (
        "Cubic Telecom, which links cars to mobile networks in whichever country they happen to be, has picked up "
        "€473 million from SoftBank Corp. SoftBank is taking a 51% stake in the Dublin-based startup."
    )  # one sentence to the splitter: "Corp." does not end it
    deal = article("cubic.txt", text, "Cubic Telecom raises", "TechCrunch", date(2023, 12, 5))
    answer = ask("How much did SoftBank Corp pay for its 51% stake in Cubic Telecom?", deal)
    assert not answer.abstained and "€473 million" in answer.text


def test_a_name_the_question_gives_may_stand_in_its_article_outside_the_passages():
    text = (
        "This excerpt is adapted from a book by the climate scientist Jane Holloway.\n\n"
        "The planet has warmed before.\n\nIn the Great Dying, 96% of marine species perished."
    )
    book = article("book.txt", text, "How the Great Dying happened", "Live Science", date(2023, 12, 1))
    last = text.index("In the")
    passages = [Passage(book, last, len(text), 1.0)]
    a = Extractive({book.path: book, **{o.path: o for o in OTHERS}}).answer(
        "What share of marine species perished in the Great Dying, according to Jane Holloway?", passages
    )
    assert not a.abstained and "96%" in a.text


def test_a_name_the_articles_first_sentences_give_is_what_a_later_sentence_is_about():
    act = article(
        "act.txt",
        "After years of debate, the Online Safety Act has become law in the UK.\n\n"
        "Regulators published their first guidelines on Thursday.\n\nThe rules cover search engines.\n\n"
        "They also cover games.\n\nCritics say they are vague.\n\n"
        "If a firm is found to be in breach, regulators can levy fines of up to £18 million.",
        "New rules for the internet",
        "The Verge",
        date(2023, 11, 9),
    )
    a = ask("What fines can regulators levy on a firm in breach of the Online Safety Act?", act)
    assert not a.abstained and "£18 million" in a.text
    a = ask("What fines can regulators levy on a firm in breach of the Digital Markets Act?", act)
    assert a.abstained


def test_words_the_question_quotes_pick_the_sentence_that_says_them():
    talks = article(
        "talks.txt",
        "Lavrov called the military cooperation between Moscow and Pyongyang a success and wants more of it.\n\n"
        "Pranay Vaddi, a White House director, spoke about the military exchanges between Moscow and Pyongyang. On "
        "Thursday, he "
        'described them as "an unprecedented level of cooperation."',
        "Visit to Moscow",
        "Wire",
        date(2024, 1, 19),
    )
    a = ask("Who called the military cooperation between Pyongyang and Moscow 'unprecedented'?", talks)
    assert a.text.startswith("Pranay Vaddi") and "Lavrov" not in a.text


def test_who_thinks_is_answered_by_an_opinion_however_reported():
    views = article(
        "views.txt",
        "The daily newspaper Vedomosti wrote the opinion of Konstantin Asmolov, an expert of the Center for Korean "
        "Studies, that the talk of an arms deal is overblown.\n\n"
        '"I think the region could change," Pranay Vaddi said of the arms deal.',
        "Talks in Moscow",
        "Wire",
        date(2024, 1, 16),
    )
    a = ask("Which expert thinks the talk of an arms deal is overblown?", views)
    assert not a.abstained and "Asmolov" in a.text


def test_a_name_many_sentences_of_its_article_say_is_what_a_later_sentence_is_about():
    text = (
        "Don McLean spoke to reporters on Monday.\n\nHe is 78.\n\nAmerican Pie was written in 1970.\n\n"
        "Critics still study American Pie.\n\nFans sing American Pie at every show.\n\nHe toured Europe last year.\n\n"
        "He also toured Asia.\n\nHe rested in the summer.\n\n"
        "After eight weeks on the charts, the song hit No. 1 on the Billboard chart on Jan. 15, 1972."
    )
    song = article("pie.txt", text, "Don McLean looks back", "Fox News", date(2023, 12, 2))
    a = ask("On what date did 'American Pie' hit No. 1 on the Billboard chart?", song)
    assert not a.abstained and "Jan. 15, 1972" in a.text
    twice = article("pie2.txt", text.replace("Fans sing American Pie", "Fans sing it"), "Don McLean", "Fox", None)
    assert ask("On what date did 'American Pie' hit No. 1 on the Billboard chart?", twice).abstained


def test_a_capital_the_question_names_is_its_country_in_the_sentence():
    trip = article(
        "w.txt",
        "Choe Son-hui flew to Moscow on Sunday for talks with Sergei Lavrov.\n\n"
        "The visit signals closer cooperation, which the United States warns could dramatically alter the security "
        "threat the North poses to the region.",
        "Choe visits Moscow",
        "Wire",
        date(2024, 1, 19),
    )
    answer = ask("What does Washington warn the visit could alter?", trip)
    assert not answer.abstained
    assert "the United States warns" in answer.text


def test_a_person_of_the_same_last_name_is_not_the_one_asked_about():
    game = article(
        "afl.txt",
        "Fremantle beat the Lions at home on Sunday.\n\n"
        "Captain Hayley Miller kicked two goals to give Fremantle a 26-point lead at half-time.",
        "Dockers win",
        "The Age",
        date(2023, 10, 1),
    )
    a = ask("How many goals did Patrick Miller kick against the Lions?", game)
    assert a.abstained
    assert not ask("How many goals did Hayley Miller kick against the Lions?", game).abstained


def test_which_team_is_answered_by_a_name_the_question_does_not_give_itself():
    preview = article(
        "cfp.txt",
        "The College Football Playoff ends with its title game in January.\n\n"
        "The winners of the two CFP semifinal games meet in the title game, usually on a Monday in January.",
        "What is the CFP?",
        "Sporting News",
        date(2023, 12, 1),
    )
    assert ask("Which team won the College Football Playoff title game?", preview).abstained
    result = article(
        "won.txt", "Michigan won the College Football Playoff title game on Monday.", "Final", "AP", date(2024, 1, 9)
    )
    a = ask("Which team won the College Football Playoff title game?", result)
    assert not a.abstained and "Michigan" in a.text


def test_how_many_is_answered_by_a_number_of_what_counts_them_in_other_words():
    game = article(
        "fire.txt",
        "78th min: A crowd of 62,124 was announced for the match, a new club record at Soldier Field.",
        "Fire beat Inter Miami",
        "Sporting News",
        date(2023, 10, 4),
    )
    a = ask("How many people turned up at Soldier Field to watch the Fire?", game)
    assert not a.abstained and "62,124" in a.text


def test_the_name_of_one_who_did_something_is_given_by_a_sentence_that_says_it():
    trip = article(
        "trip.txt",
        "Her delegation arrived in Moscow and was greeted at the airport by officials from Russia's foreign ministry "
        "and North Korea's ambassador to Moscow.\n\nChoe's delegation was welcomed back at Pyongyang International "
        "Airport by Vice Foreign Minister Pak Chol-jun and Military Attache Valeri Isaenko.",
        "Choe in Moscow",
        "Yonhap",
        date(2024, 1, 19),
    )
    a = ask("What is the name of the North Korean ambassador who greeted Choe's delegation at the airport?", trip)
    assert a.abstained
    a = ask("What is the name of the North Korean official who welcomed Choe's delegation back?", trip)
    assert not a.abstained and "Pak Chol-jun" in a.text


def test_a_person_is_named_by_a_capitalised_word_not_by_a_word_their_name_begins():
    game = article(
        "nbl.txt",
        "The Phoenix sealed a clinical victory over the 36ers.\n\n"
        "Dejan Vasiljevic, signed only 48 hours earlier, had 17 points on debut with his new club.",
        "NBL round 4",
        "The Roar",
        date(2023, 10, 29),
    )
    assert ask("How many points did Victor Wembanyama score on debut?", game).abstained
    assert not ask("How many points did Dejan Vasiljevic score on debut?", game).abstained


def test_who_won_is_answered_by_the_sentence_that_says_won_not_by_a_preview():
    final = article(
        "gf.txt",
        "North Melbourne will face the Brisbane Lions in the grand final, after Jasmine Garner starred in the "
        "preliminary final.\n\nThe Brisbane Lions won the grand final on Sunday, their second premiership.",
        "AFLW",
        "AP",
        date(2023, 12, 4),
    )
    a = ask("Who won the AFLW grand final?", final)
    assert "Brisbane Lions won" in a.text and "will face" not in a.text


def test_the_following_year_is_shown_as_the_year_after_the_one_named_before():
    board = article(
        "ouija.txt",
        "In 1890, a medium named Helen Peters asked the talking board what she should call it.\n\n"
        "The Ouija board was patented the following year.",
        "Ouija boards",
        "Fox News",
        date(2023, 10, 30),
    )
    a = ask("When was the Ouija board patented?", board)
    assert "patented the following year (1891)" in a.text


def test_which_outlet_reported_it_is_answered_by_the_source_of_the_article_that_says_it():
    report = article(
        "yonhap.txt",
        "Koo Byoung-sam, spokesperson at the unification ministry, told a regular press briefing that the world is "
        "keeping close tabs on Choe's visit to Russia.",
        "N. Korean FM arrives in Russia",
        "Yonhap",
        date(2024, 1, 15),
    )
    a = ask("Which news agency reported Koo Byoung-sam's warning about Choe's visit?", report)
    assert a.text.startswith("Reported by Yonhap: Koo Byoung-sam")
    assert ask("What did Koo Byoung-sam say about Choe's visit?", report).text.startswith("Koo Byoung-sam")


def test_why_is_answered_first_by_a_sentence_that_gives_a_cause_not_only_a_time():
    story = article(
        "keep.txt",
        "Keep Labs lost its CES innovation award after the show in 2020. It was rescinded because the box had been "
        "marketed as a cannabis storage device, which the organisers did not allow at the time.",
        "Keep Labs ships its smart storage box",
        "TechCrunch",
        date(2024, 1, 9),
    )
    a = ask("Why did Keep Labs lose the CES innovation award it had won?", story)
    assert "because the box had been marketed" in a.text


def test_why_runs_on_to_a_sentence_after_the_answer_that_points_back_to_it_and_gives_the_cause():
    def club(text: str) -> Article:
        return article("coach.txt", text, "Portland needs a new coach", "Wire", date(2023, 10, 3))

    told = (
        "Following a nine-year run with Portland that included two league titles, coach Dana Reyes announced her "
        "resignation. The titles made her the most decorated manager the club has had."
    )
    cause = "She had led the side until the end of the season, but now, owing to family reasons, she puts them first."
    a = ask("Why did Dana Reyes step down as Portland's coach?", club(f"{told} {cause}\n\nThe club is hiring."))
    assert a.text.startswith("Following a nine-year run") and "owing to family reasons" in a.text
    a = ask("Why did Dana Reyes step down as Portland's coach?", club(f"{told}\n\n{cause}"))  # another paragraph
    assert "owing to" not in a.text


def test_what_time_is_answered_by_a_time_of_day_not_by_a_day():
    def report(text: str) -> Article:
        text += "\n\nAt the same time, Russia denies buying shells."  # the word "time", said of something else
        return article("kremlin.txt", text, "Putin meets Choe", "TASS", date(2024, 1, 17))

    assert ask("What time of day did Putin receive Choe?", report("Putin received Choe on Tuesday.")).abstained
    a = ask("At what time did Putin receive Choe?", report("Putin received Choe at 6 p.m. on Tuesday."))
    assert not a.abstained and "6 p.m." in a.text


def test_who_is_answered_by_the_names_after_a_sentence_that_counts_them():
    prize = article(
        "nobel.txt",
        "Three scientists won the Nobel Prize in chemistry on Wednesday for their work on quantum dots.\n"
        "Moungi Bawendi of MIT, Louis Brus of Columbia University and Alexei Ekimov were honoured for the tiny "
        "particles.",
        "Quantum dots win the chemistry Nobel",
        "AP",
        date(2023, 10, 4),
    )
    a = ask("Who won the 2023 Nobel Prize in chemistry?", prize)
    assert "Three scientists won" in a.text and "Moungi Bawendi" in a.text


def test_an_acronym_the_model_tags_as_no_entity_is_still_a_name_to_ground():
    gifts = article("gifts.txt", "A gift card for Headspace, a popular mindfulness app, offers hundreds of guided "
                    "meditations.\n\nA subscription will run you $12.99 monthly or $69.99 annually.",
                    "Last-minute gifts", "The Verge", date(2023, 12, 20))  # fmt: skip
    budget = article("budget.txt", "YNAB, which stands for You Need A Budget, was the most popular recommendation "
                     "I got from readers after Mint shut down.", "Mint alternatives", "The Verge",
                     date(2023, 12, 3))  # fmt: skip
    assert ask("How much does a YNAB subscription cost?", gifts, budget).abstained  # Headspace's price is not YNAB's
    assert "12.99" in ask("How much does a Headspace subscription cost?", gifts, budget).text


def test_a_contracted_question_word_asks_what_the_full_one_does():
    film = article("moon.txt", "Rebel Moon's release is the biggest of Netflix's month, and a sequel to the space "
                   "opera is planned.\n\nRebel Moon will be released on Netflix on December 22.",
                   "Streaming this month", "SMH", date(2023, 12, 1))  # fmt: skip
    assert "22 December 2023" in ask("What's the release date of Rebel Moon?", film).text  # asks for a date


def test_who_did_a_thing_no_sentence_says_is_answered_only_in_a_past_tense():
    preview = article("card.txt", "David Benavidez -440 vs. Demetrius Andrade +335, super middleweight\n\n"
                      "Jermall Charlo -450 vs. Jose Benavidez Jr. +350, light heavyweight",
                      "Benavidez vs. Andrade odds", "CBS Sports", date(2023, 11, 24))  # fmt: skip
    assert ask("Who won the Andrade fight?", preview).abstained  # odds before the fight name no winner
    gala = article("gala.txt", "Lionel Messi and Erling Haaland lead the shortlist for the Ballon d'Or.\n\n"
                   "Lionel Messi claimed the Ballon d'Or for an eighth time in Paris.", "Messi's eighth", "AP",
                   date(2023, 10, 31))  # fmt: skip
    assert "claimed" in ask("Who won the 2023 Ballon d'Or?", gala).text  # "won" said another way, in the past


def test_a_sentence_that_points_to_the_rest_of_its_article_answers_nothing():
    guide = article("bg3.txt", "In this guide, we’ll walk you through how to wake up Art Cullagh at the inn.\n\n"
                    "To wake Art Cullagh, play him a song on the Battered Lute.", "How to wake Art Cullagh",
                    "Polygon", date(2023, 8, 10))  # fmt: skip
    assert "Battered Lute" in ask("How do you wake up Art Cullagh?", guide).text
    winners = article("awards.txt", "Below, we’ve highlighted some of the winners from the 2023 Game Awards.\n\n"
                      "Cocoon won Best Indie Game.", "Game Awards deals", "Polygon", date(2023, 12, 8))  # fmt: skip
    assert ask("Which game won Game of the Year at the 2023 Game Awards?", winners).abstained


def test_words_the_question_quotes_said_in_a_heading_do_not_hide_the_answer_that_says_them_another_way():
    column = article("ketchup.txt", "Keep a weather eye on Ketchup Economics\n\nAn overvalued peer cannot justify an "
                     "expensive stock. This is what economist Larry Summers termed as Ketchup economists/economics.",
                     "Ketchup economics", "Business Line", date(2023, 11, 5))  # fmt: skip
    # "economist" names a person by what they do, as "journalist" does: the answer is a name
    assert "Larry Summers" in ask("Which economist came up with the idea of 'ketchup economics'?", column).text


def test_what_someones_record_is_asks_for_a_win_loss_record():
    text = (
        "Best NFL bets Week 9\n\n"
        "So, let's reveal our best moneyline and spread bets for Week 9 of the NFL season.\n\n"
        "Despite going 5-6 in Week 7 and 6-8 in Week 8, our best bets are still 65-46-1 on the season.\n\n"
        "Best NFL player prop bets Week 9"
    )
    bets = article("bets.txt", text, "NFL best bets Week 9", "Sporting News", date(2023, 11, 3))
    answer = ask("What was the season record of the NFL best bets going into Week 9?", bets)
    assert not answer.abstained and "65-46-1" in answer.text


def test_a_person_the_question_names_is_no_answer_when_the_sentence_names_them_in_full():
    visit = article(
        "visit.txt",
        "During her visit, Kang, who was in Paris at the invitation of Foreign Minister Jean Moreau, held talks "
        "with Moreau on Tuesday. She later briefed President Macron on the outcomes of their discussions.",
        "Kang visits Paris",
        "Reuters",
        date(2024, 1, 18),
    )
    answer = ask("Who did Kang go and see after her talks with Moreau?", visit)
    assert not answer.abstained and "Macron" in answer.text
