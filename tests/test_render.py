"""The chat's HTML for an answer: cards, escaping, the quote marked in its paragraph and in its article, and the
Markdown copy."""

import re
from datetime import date
from html.parser import HTMLParser

from qa.answer import Answer
from qa.answer.cite import make_citation
from qa.corpus import Article
from qa.render import (
    answer_html,
    answer_markdown,
    article_html,
    context_html,
    esc,
    markdown_of,
    partial_html,
)
from qa.retrieve import Passage

TEXT = (
    "Leaders <b>met</b> & talked.\n\n"
    "On January 16, Vladimir Putin met with Choe Son-hui in Moscow. They spoke for two hours.\n\n"
    "The visit ended on Friday."
)
QUOTE = "On January 16, Vladimir Putin met with Choe Son-hui in Moscow."


def article(text: str = TEXT, **fields) -> Article:
    values = {
        "path": "a<1>.txt",
        "text": text,
        "title": 'Putin & "Choe"',
        "source": "Yonhap",
        "author": None,
        "published": date(2024, 1, 16),
        "published_inferred": True,
        "sha256": "0" * 64,
    } | fields
    return Article(**values)


def cited(a: Article, quote: str = QUOTE, n: int = 1):
    start = a.text.index(quote)
    return make_citation(n, a, start, start + len(quote), 0.9)


def answered(text: str = "Choe Son-hui met Putin [1].", **fields) -> Answer:
    a = article()
    values = {
        "question": "Who met Putin?",
        "text": text,
        "citations": (cited(a),),
        "passages": (Passage(a, 0, 30, 1.0),),
    }
    return Answer(**(values | fields))


class Tags(HTMLParser):
    """Every start tag with its attributes, to check the markup's structure without matching strings."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def test_article_text_is_escaped_everywhere():
    markup = answer_html(answered("Choe <script>alert(1)</script> met Putin [1]."), "a1")
    assert "<script>" not in markup and "<b>met</b>" not in markup
    assert "&lt;script&gt;" in markup and "&lt;b&gt;met&lt;/b&gt; &amp; talked" in markup
    assert "Putin &amp; &quot;Choe&quot;" in markup and "a&lt;1&gt;.txt" in markup
    assert not Tags(markup).find("b")


def test_markers_link_to_numbered_cards_that_show_title_publisher_date_and_file():
    markup = answer_html(answered(), "a3")
    tags = Tags(markup)
    assert [a["href"] for a in tags.find("a", "qa-ref")] == ["#cite-a3-1"]
    assert [li["id"] for li in tags.find("li", "qa-card")] == ["cite-a3-1"]
    assert "Yonhap · 16 January 2024 <abbr" in markup and "(inferred)</abbr>" in markup
    assert "answer-a3" in markup and tags.find("span", "qa-badge") and tags.find("button", "qa-copy")
    assert ">extractive</span>" in markup


def test_a_marker_without_a_card_stays_plain_text():
    markup = answer_html(answered("Choe met Putin [1][7]."), "a1")
    assert markup.count('class="qa-ref"') == 1 and "[7]" in markup


def test_the_card_marks_the_quote_inside_its_paragraph_and_the_article_opens_whole():
    a = article()
    c = cited(a)
    assert context_html(a.text, c.start, c.end) == f"<mark>{QUOTE}</mark> They spoke for two hours."
    whole = article_html(a.text, c.start, c.end)
    assert whole.count("<p>") == 3 and whole.count("<mark") == 1
    assert f'<mark class="qa-passage">{QUOTE}</mark>' in whole
    card = answer_html(answered(), "a1")
    assert Tags(card).find("details", "qa-article") and Tags(card).find("div", "qa-article-body")


def test_long_paragraphs_are_cut_around_the_quote_at_word_boundaries():
    text = " ".join(f"word{i}" for i in range(200)) + " " + QUOTE + " " + " ".join(f"tail{i}" for i in range(200))
    start = text.index(QUOTE)
    shown = context_html(text, start, start + len(QUOTE), room=60)
    before, rest = shown.split("<mark>")
    assert before.startswith("…word") and len(before) <= 62 and before.endswith(" ")
    assert rest.endswith("…") and re.search(r"tail\d+…$", rest)


def test_a_quote_across_paragraphs_is_marked_in_each():
    a = article()
    start = a.text.index("They spoke")
    end = a.text.index("Friday") + len("Friday")
    whole = article_html(a.text, start, end)
    assert whole.count("<mark") == 2 and "\n" not in whole


def test_an_abstention_is_boxed_apart_and_shows_the_nearest_passages():
    a = article()
    abstained = answered("The articles do not say who won [1].", abstained=True)
    markup = answer_html(abstained, "a1")
    assert Tags(markup).find("div", "qa-abstained") and "Nearest passages" in markup
    assert "is-abstained" in markup and not Tags(markup).find("p", "qa-text")
    bare = Answer(question="q", text="The articles do not say.", abstained=True, passages=(Passage(a, 0, 30, 1.0),))
    assert Tags(answer_html(bare, "a2")).find("li", "qa-card"), "the retrieved passages stand in for citations"


def test_notices_and_the_rewritten_follow_up_are_shown():
    markup = answer_html(
        answered(
            notices=("The LLM endpoint did not answer in 20 s; this is the offline answer.",),
            debug={"rewritten": "When did Choe Son-hui return?"},
            backend="openai:gpt-4o-mini",
        ),
        "a1",
    )
    assert Tags(markup).find("p", "qa-notice") and "did not answer in 20 s" in markup
    assert "When did Choe Son-hui return?" in markup and ">openai:gpt-4o-mini</span>" in markup


def test_the_markup_has_no_blank_line_and_carries_its_markdown_copy():
    result = answered()
    markup = answer_html(result, "a1")
    block, copy = markup.split("\n\n", 1)
    assert "\n" not in block, "a blank line would end the HTML block and the rest would be read as Markdown"
    assert copy.startswith('<pre class="qa-md" hidden>')
    assert markdown_of(markup) == answer_markdown(result)


def test_markdown_lists_numbered_citations_with_their_quotes():
    md = answer_markdown(answered())
    assert md.startswith("Choe Son-hui met Putin [1].\n\n---\n\n**Sources**\n\n[1] ")
    assert f"\n\n> {QUOTE}\n\n" in md and md.endswith("*answered by extractive*")
    assert "**No answer in the articles.**" in answer_markdown(answered(abstained=True))


def test_partial_answers_are_escaped_and_marked_as_streaming():
    assert partial_html("a <i>b</i>") == (
        '<div class="qa-answer is-streaming"><p class="qa-text">a &lt;i&gt;b&lt;/i&gt;<span class="qa-cursor"></span>'
        "</p></div>"
    )
    assert esc("one\n\ntwo") == "one two"
