"""The chat as a person uses it: `app.py` served on a free port, driven in Debian's Chromium through Playwright.

One server and one page for the module; the tests run in order, as one conversation: ask, check a card, open its
article, copy, follow up, make a mistake, start over, add an article and ask about it, run an evaluation.
Needs /usr/bin/chromium (`apt-get install -y chromium`); without it the tests are skipped, unless
QA_REQUIRE_BROWSER=1 (set by .ci/run) makes that a failure. Never waits for "networkidle": Gradio keeps a
connection open, so the tests wait for what a person would see.
"""

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.corpus import load
from tests.conftest import ROOT, SEEDS, WEXBRIDGE
from tests.e2e.test_app import serve

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the page fixture skips, or fails when the browser is required
    expect = sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = ROOT / "docs" / "chat.png"
WAIT_MS = 60_000  # the longest wait for anything the page shows (an answer takes about a second)
ARTICLE = WEXBRIDGE
# Records, for the last answer in the chat, each state it went through: streaming, then final.
WATCH_STREAMING = """() => {
  window.qaStates = [];
  new MutationObserver(() => {
    const answer = [...document.querySelectorAll("#chat .qa-answer")].pop();
    const state = answer ? answer.className : "none";
    if (window.qaStates[window.qaStates.length - 1] !== state) window.qaStates.push(state);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The chat served over a copy of the seeds with a two-case eval file; its URL and its articles folder."""
    root = tmp_path_factory.mktemp("browser")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, seeds / path.name)
    cases = (SEEDS / "eval.jsonl").read_text().splitlines()[:2]
    (seeds / "two.jsonl").write_text("\n".join(cases) + "\n")
    with serve(root, seeds) as url:
        yield url, seeds


@pytest.fixture(scope="module")
def page(site, tmp_path_factory):
    """One Chromium page on the chat; requests anywhere but the server are refused."""
    missing = [
        "/usr/bin/chromium (apt-get install -y chromium)" if not CHROMIUM.exists() else "",
        "playwright (pip install -e '.[dev]')" if sync_playwright is None else "",
    ]
    if message := " and ".join(filter(None, missing)):
        if os.environ.get("QA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the browser tests need {message}")
        pytest.skip(f"the browser tests need {message}")
    url, _ = site
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(
            viewport={"width": 1280, "height": 960}, permissions=["clipboard-read", "clipboard-write"]
        )
        outside: list[str] = []

        def only_the_server(route) -> None:
            if route.request.url.startswith(url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_the_server)
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto(url)
        page.wait_for_selector("#question textarea")
        yield page
        browser.close()
    assert not outside, f"the page reached beyond the server: {outside}"


def ask(page, question: str) -> object:
    """Type a question, press Enter, and return the last bot message once its reply is complete."""
    replies = page.locator('#chat [data-testid="bot"]')
    before = replies.count()
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    expect(replies).to_have_count(before + 1, timeout=WAIT_MS)
    reply = replies.last
    expect(reply.locator(".qa-answer.is-streaming")).to_have_count(0, timeout=WAIT_MS)
    expect(reply).not_to_have_text("", timeout=WAIT_MS)
    return reply


def articles(seeds: Path) -> dict[str, str]:
    return {a.path: a.text for a in load(seeds).articles}


def check_cards(reply, seeds: Path) -> list[str]:
    """Each card names its article's title and file, and marks a quote found word for word in that article."""
    texts = articles(seeds)
    titles = {a.path: a.title for a in load(seeds).articles}
    cards = reply.locator(".qa-card")
    assert cards.count() >= 1
    sources = []
    for i in range(cards.count()):
        card = cards.nth(i)
        source = card.locator(".qa-card-meta code").inner_text()
        quote = card.locator("blockquote mark").inner_text()
        # word for word: a quote over two paragraphs shows as one line in the page
        assert quote and " ".join(quote.split()) in " ".join(texts[source].split()), (
            f"card {i + 1}: {quote!r} is not in {source}"
        )
        assert card.locator(".qa-card-title").inner_text().endswith(titles[source])
        assert re.search(r"\d{4}|date unknown", card.locator(".qa-card-meta").inner_text())
        sources.append(source)
    return sources


def test_the_answer_streams_in_with_numbered_cards_whose_quotes_are_in_the_articles(page, site):
    _, seeds = site
    page.evaluate(WATCH_STREAMING)
    reply = ask(page, "Who met Putin and when?")
    assert page.evaluate("window.qaStates")[-2:] == ["qa-answer is-streaming", "qa-answer"], "no partial answer"
    assert "Choe Son-hui" in reply.locator(".qa-text").inner_text()
    assert reply.locator(".qa-badge").inner_text() == "extractive"
    numbers = reply.locator(".qa-card .qa-n").all_inner_texts()
    assert numbers and numbers == [str(n) for n in range(1, len(numbers) + 1)]
    check_cards(reply, seeds)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    bottom = page.locator("#question").bounding_box()
    height = bottom["y"] + bottom["height"] + 16  # the page down to the question box, without the empty footer
    page.screenshot(path=str(SCREENSHOT), clip={"x": 0, "y": 0, "width": 1280, "height": height})


def test_a_marker_leads_to_its_card_and_the_card_opens_the_article_at_the_passage(page, site):
    _, seeds = site
    reply = page.locator('#chat [data-testid="bot"]').last
    reply.locator("a.qa-ref").first.click()
    expect(reply.locator(".qa-card.is-target")).to_have_count(1)
    card = reply.locator(".qa-card").first
    card.locator("summary").click()
    body = card.locator(".qa-article-body")
    expect(body).to_be_visible()
    source = card.locator(".qa-card-meta code").inner_text()
    article = articles(seeds)[source]
    shown = body.locator("p").all_inner_texts()
    assert shown == [p for p in article.split("\n\n")], "the whole cleaned article, paragraph by paragraph"
    passage = body.locator("mark.qa-passage").first
    assert passage.inner_text() in article and passage.inner_text() in card.locator("blockquote mark").inner_text()
    page.wait_for_timeout(200)  # the script scrolls the box to the passage when the card opens
    box, mark = body.bounding_box(), passage.bounding_box()
    assert box["y"] <= mark["y"] and mark["y"] + mark["height"] <= box["y"] + box["height"] + 1, (box, mark)


def test_an_answer_copies_as_markdown_with_its_numbered_quotes(page):
    reply = page.locator('#chat [data-testid="bot"]').last
    button = reply.locator("button.qa-copy")
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    quote = reply.locator(".qa-card blockquote mark").first.inner_text()
    assert copied.startswith(reply.locator(".qa-text").inner_text().split(" [")[0][:40])
    assert "**Sources**" in copied and f"> {quote}" in copied and "*answered by extractive*" in copied


def test_a_follow_up_is_understood_from_the_conversation(page, site):
    _, seeds = site
    reply = ask(page, "When did she return to Pyongyang?")
    assert "Choe Son-hui" in reply.locator(".qa-rewritten").inner_text()
    assert "return" in reply.locator(".qa-text").inner_text()
    check_cards(reply, seeds)
    assert page.locator('#chat [data-testid="user"]').count() == 2


def test_a_question_too_long_gets_a_message_and_the_chat_goes_on(page):
    reply = ask(page, "x" * 2001)
    assert reply.inner_text().startswith("⚠️") and "2,000" in reply.inner_text()
    assert page.input_value("#question textarea") == "x" * 2001, "the question comes back to be shortened"
    reply = ask(page, "What does Jo Chun Ryong oversee?")
    assert reply.locator(".qa-card").count() >= 1


def test_new_chat_clears_the_conversation_and_offers_examples(page):
    page.click("#new-chat")
    expect(page.locator('#chat [data-testid="user"]')).to_have_count(0)
    example = page.get_by_role("button", name="When did Choe Son-hui return to Pyongyang?")
    example.click()
    reply = page.locator('#chat [data-testid="bot"]').last
    expect(reply.locator(".qa-answer:not(.is-streaming)")).to_have_count(1, timeout=WAIT_MS)
    assert "returned" in reply.locator(".qa-text").inner_text()
    assert page.locator('#chat [data-testid="user"]').count() == 1


def test_an_uploaded_article_is_listed_indexed_and_answered_a_broken_one_refused(page, site, tmp_path):
    _, seeds = site
    page.get_by_role("tab", name="Articles").click()
    rows = page.locator("#articles [role=row]:has([role=gridcell])")  # the table's rows are ARIA rows
    expect(rows).to_have_count(5)
    files = sorted(p.name for p in seeds.iterdir())

    broken = tmp_path / "scan.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00 not text")
    page.set_input_files("#upload input[type=file]", str(broken))
    expect(page.locator("#upload-status")).to_contain_text("scan.txt was not added: binary file", timeout=WAIT_MS)
    expect(rows).to_have_count(5)
    assert sorted(p.name for p in seeds.iterdir()) == files

    upload = tmp_path / "wexbridge.md"
    upload.write_bytes(ARTICLE)
    page.set_input_files("#upload input[type=file]", str(upload))
    expect(page.locator("#upload-status")).to_contain_text("✅ Added wexbridge.md", timeout=WAIT_MS)
    expect(rows).to_have_count(6)
    row = rows.filter(has_text="wexbridge.md")
    assert row.locator("[role=gridcell]").all_inner_texts()[:3] == [
        "Wexbridge council approves a new library",
        "Wexbridge Gazette",
        "2024-03-04",
    ]

    page.get_by_role("tab", name="Chat").click()
    reply = ask(page, "Who is the mayor of Wexbridge?")
    assert "Ellen Fairweather" in reply.locator(".qa-text").inner_text()
    assert check_cards(reply, seeds) == ["wexbridge.md"]


def test_the_evaluation_tab_runs_an_eval_file_into_its_report(page, site):
    _, seeds = site
    page.get_by_role("tab", name="Evaluation").click()
    expect(page.locator("#eval-file input")).to_have_value("two.jsonl")
    page.click("#run-eval")
    expect(page.locator("#eval-chart img")).to_be_visible(timeout=WAIT_MS)
    summary = page.locator("#eval-summary")
    expect(summary).to_contain_text("Evaluation of two.jsonl")
    cases = summary.locator("tr", has_text="cases").locator("td").all_inner_texts()
    assert cases == ["cases", "2"]
    assert "correct" in summary.inner_text() and "verbatim quotes" in summary.inner_text()
    expect(page.locator("#eval-failures")).to_contain_text("Failures (")
    expect(page.locator("#eval-status")).to_contain_text("Report written to")
    ids = [json.loads(line)["id"] for line in (seeds / "two.jsonl").read_text().splitlines()]
    failures = page.locator("#eval-failures").inner_text()
    assert "None." in failures or any(i in failures for i in ids)
