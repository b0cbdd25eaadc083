"""The scorer on hand-made answers and articles, the summary's rates, and the eval file reader."""

from datetime import date

import pytest

from qa.answer import Answer, Citation
from qa.corpus import Article
from qa.errors import QAError
from qa.evaluation import Case, Row, Scores, load_cases, score, summarize
from tests.conftest import SEEDS

TEXT = (
    "On January 16, Vladimir Putin met with Choe Son-hui in Moscow. "
    "Choe returned to Pyongyang on Friday after the talks with Lavrov."
)
ARTICLE = Article(
    path="putin.txt",
    text=TEXT,
    title="Choe meets Putin",
    source="Example News",
    author=None,
    published=date(2024, 1, 16),
    published_inferred=False,
    sha256="0" * 64,
)
OTHER = Article(
    path="other.txt",
    text="Lavrov hosted the talks in Moscow.",
    title="Lavrov hosts",
    source=None,
    author=None,
    published=None,
    published_inferred=False,
    sha256="1" * 64,
)
ARTICLES = {a.path: a for a in (ARTICLE, OTHER)}
PUTIN = Case(
    id="putin",
    question="Who met Putin and when?",
    expected="Choe Son-hui met Putin on 16 January 2024.",
    must=(("Choe",), ("16 January", "January 16", "Tuesday")),
    sources=("putin.txt",),
)
UNANSWERABLE = Case(id="biden", question="Who met Joe Biden in Paris?", expected="", abstain=True)


def cite(n: int, article: Article, phrase: str, quote: str | None = None) -> Citation:
    start = article.text.index(phrase)
    end = start + len(phrase)
    return Citation(
        n=n,
        source=article.path,
        title=article.title,
        published=article.published,
        quote=article.text[start:end] if quote is None else quote,
        start=start,
        end=end,
        score=1.0,
    )


MEETING = cite(1, ARTICLE, "On January 16, Vladimir Putin met with Choe Son-hui in Moscow.")


def reply(text: str, citations: tuple[Citation, ...] = (MEETING,), abstained: bool = False) -> Answer:
    return Answer(question="q", text=text, citations=citations, abstained=abstained)


def test_a_right_answer_scores_correct():
    s = score(PUTIN, reply("On January 16, Vladimir Putin met with CHOE Son-hui in Moscow [1]."), ARTICLES)
    assert s == Scores(correct=True, gold_cited=True, citation_precision=1.0, verbatim=True, abstained=False)


def test_an_answer_missing_one_must_group_is_wrong():
    s = score(PUTIN, reply("Vladimir Putin met with Choe Son-hui in Moscow [1]."), ARTICLES)
    assert not s.correct and s.missing == (("16 January", "January 16", "Tuesday"),)
    assert s.verbatim and s.gold_cited


def test_abstaining_on_an_answerable_case_is_wrong():
    text = "The articles do not say who met Putin on 16 January; Choe is mentioned [1]."
    assert not score(PUTIN, reply(text, abstained=True), ARTICLES).correct


def test_abstaining_on_an_unanswerable_case_is_correct_and_answering_it_is_wrong():
    abstention = score(UNANSWERABLE, reply("The articles do not say who met Joe Biden.", (), abstained=True), ARTICLES)
    assert abstention.correct and abstention.abstained
    assert abstention.gold_cited is None and abstention.citation_precision is None
    assert not score(UNANSWERABLE, reply("Choe met Putin [1]."), ARTICLES).correct


def test_without_must_the_expected_answers_key_terms_decide():
    case = Case(id="return", question="When did Choe return?", expected="Choe returned to Pyongyang on Friday.")
    returned = cite(1, ARTICLE, "Choe returned to Pyongyang on Friday after the talks with Lavrov.")
    assert score(case, reply("Choe returned to Pyongyang on Friday [1].", (returned,)), ARTICLES).correct
    assert not score(case, reply("Choe met Putin in Moscow [1]."), ARTICLES).correct


def test_a_hallucinated_quote_fails_the_verbatim_check():
    made_up = cite(1, ARTICLE, "On January 16, Vladimir Putin met with Choe Son-hui in Moscow.", "Putin met Kim.")
    s = score(PUTIN, reply("On January 16, Putin met Choe [1].", (made_up,)), ARTICLES)
    assert s.correct and not s.verbatim


def test_citation_precision_with_one_gold_and_one_other_citation_is_a_half():
    other = cite(2, OTHER, "Lavrov hosted the talks in Moscow.")
    s = score(PUTIN, reply("On January 16, Putin met Choe [1]. Lavrov hosted [2].", (MEETING, other)), ARTICLES)
    assert s.citation_precision == 0.5 and s.gold_cited
    conflict = score(Case(id="c", question="q", expected="x", conflict=True), reply("x", (MEETING, other)), ARTICLES)
    assert conflict.both_sides and conflict.gold_cited is None and conflict.citation_precision is None


def row(abstain: bool, abstained: bool, latency: float = 100.0) -> Row:
    case = Case(id="x", question="q", expected="", abstain=abstain)
    answer = reply("text", (), abstained=abstained)
    s = Scores(
        correct=abstain == abstained, gold_cited=None, citation_precision=None, verbatim=True, abstained=abstained
    )
    return Row(case=case, answer=answer, scores=s, latency_ms=latency)


def test_abstention_precision_and_recall():
    rows = [
        row(abstain=True, abstained=True),  # a right abstention
        row(abstain=True, abstained=False),  # answered what the articles do not say
        row(abstain=False, abstained=True),  # abstained on an answerable question
        row(abstain=False, abstained=False),
        row(abstain=True, abstained=True),
    ]
    s = summarize(rows)
    assert s.abstention_recall == pytest.approx(2 / 3)  # 2 of the 3 unanswerable cases abstained
    assert s.abstention_precision == pytest.approx(2 / 3)  # 2 of the 3 abstentions were right
    assert s.correct == pytest.approx(3 / 5) and s.verbatim == 1.0


def test_failed_cases_count_as_wrong_and_latency_percentiles():
    failed = Row(case=PUTIN, answer=None, scores=None, latency_ms=None, error="The question is empty")
    s = summarize([row(False, False, 100.0), row(False, False, 300.0), failed])
    assert s.n == 3 and s.failed == 1 and s.correct == pytest.approx(2 / 3)
    assert s.latency_p50_ms == 200.0 and s.latency_p95_ms == pytest.approx(290.0)
    assert s.abstention_precision is None and s.abstention_recall is None and s.backends == ("extractive",)


def test_load_cases_reads_every_field_and_defaults(tmp_path):
    path = tmp_path / "eval.jsonl"
    path.write_text(
        '{"id": "a", "question": "Who met Putin?", "expected": "Choe", "must": [["Choe"], "Moscow"],'
        ' "sources": ["002.txt"], "history": ["Who is Choe?"], "kind": "person", "conflict": true}\n'
        "\n"
        '{"id": "b", "question": "Who met Biden?", "abstain": true}\n',
        encoding="utf-8",
    )
    a, b = load_cases(path)
    assert a.must == (("Choe",), ("Moscow",)) and a.sources == ("002.txt",) and a.history == ("Who is Choe?",)
    assert a.kind == "person" and a.conflict and not a.abstain and a.line == 1
    assert b.abstain and b.expected == "" and b.kind == "unanswerable" and b.line == 3


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('{"id": "b", "question": "When?", "expected": "x"', "not valid JSON"),
        ('{"id": "b", "question": "When?", "expected": "x", "sorces": []}', "sorces"),
        ('{"id": "b", "question": "When?", "expected": "x", "must": "Choe"}', "must"),
        ('{"id": "b", "question": "", "expected": "x"}', "question"),
        ('{"id": "b", "question": "When?", "expected": "x", "abstain": "yes"}', "abstain"),
        ('{"id": "a", "question": "When?", "expected": "x"}', "twice"),
        ('["a", "list"]', "object"),
    ],
)
def test_a_malformed_line_names_the_file_and_line(tmp_path, bad, problem):
    path = tmp_path / "eval.jsonl"
    path.write_text('{"id": "a", "question": "Who?", "expected": "Choe"}\n\n' + bad + "\n", encoding="utf-8")
    with pytest.raises(QAError) as err:
        load_cases(path)
    assert f"{path}:3: " in str(err.value) and problem in str(err.value) and "\n" not in str(err.value)


def test_a_missing_or_empty_eval_file_is_a_clear_error(tmp_path):
    with pytest.raises(QAError, match="No eval file"):
        load_cases(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(QAError, match="no cases"):
        load_cases(tmp_path / "empty.jsonl")


def test_the_openai_backend_needs_an_endpoint(tmp_path):
    from qa.config import Settings
    from qa.errors import ConfigError
    from qa.evaluation import check_backend

    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        check_backend(Settings(), "openai")
    endpoint = Settings(openai_base_url="http://127.0.0.1:9/v1")
    assert check_backend(endpoint, "openai") is endpoint
    assert not check_backend(endpoint, "extractive").llm_enabled


@pytest.mark.parametrize("path", sorted([*SEEDS.glob("*.jsonl"), *(SEEDS.parent / "evals").glob("*.jsonl")]), ids=str)
def test_every_eval_set_of_the_repository_loads_with_unique_ids(path):
    cases = load_cases(path)
    assert len({c.id for c in cases}) == len(cases)
    assert all(c.must and c.sources for c in cases if not c.abstain)  # what makes an answer right, and where it is
    if path.parent == SEEDS:
        assert {s for c in cases for s in c.sources} <= {p.name for p in SEEDS.glob("*.txt")}
