"""How an answer looks in the chat: HTML with numbered citation cards, and the Markdown that "Copy" puts on the
clipboard. Every piece of article text is HTML-escaped here; the chat's styles (CSS) and behaviour (SCRIPT) are
kept beside the markup they act on.

The chat renders a message as Markdown with HTML allowed (Gradio sanitises it: no scripts, no `style` elements,
no `data-` attributes). An HTML block ends at a blank line, so the answer's markup holds no line breaks; its
Markdown copy follows in a hidden `<pre>`, whose block may hold blank lines.
"""

from __future__ import annotations

import html
import re

from qa.answer import Answer, Citation
from qa.answer.cite import make_citation
from qa.corpus import Article
from qa.format import citation_line, published_label

ABSTAINED_LABEL = "No answer in the articles."
RULE = "\n\n---\n\n"  # separates an answer from its citations in the Markdown; the history keeps what comes before
CONTEXT_CHARS = 280  # at most this much of the paragraph on either side of a quote, in a card
NEAREST = 3  # passages shown as cards when an abstention cites none
_MARKER = re.compile(r"\[(\d+)\]")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # paragraphs are separated by blank lines
_MARKDOWN_BLOCK = re.compile(r'<pre class="qa-md" hidden>(.*?)</pre>', re.S)


def esc(text: str) -> str:
    """Text as HTML on one line: escaped, every line break made a space."""
    return html.escape(re.sub(r"\s*\n\s*", " ", text), quote=True)


# --- Markdown: what "Copy as Markdown" and the `ask` API give ---


def answer_markdown(answer: Answer) -> str:
    """The final answer as Markdown: its text and notices, then its numbered citations with quotes, its backend."""
    parts = [f"**{ABSTAINED_LABEL}** {answer.text}" if answer.abstained else answer.text]
    parts += [f"ℹ️ *{notice}*" for notice in answer.notices]
    body = "\n\n".join(parts)
    if answer.citations:
        heading = "**Nearest passages**" if answer.abstained else "**Sources**"
        cites = [heading] + [f"{citation_line(c)}\n\n{quote_block(c.quote)}" for c in answer.citations]
        body += RULE + "\n\n".join(cites)
    return f"{body}\n\n*answered by {answer.backend}*"


def quote_block(text: str) -> str:
    """`text` as a Markdown blockquote, every line of it quoted."""
    return "\n".join(f"> {line}" for line in text.splitlines() or [""])


def markdown_of(message: str) -> str | None:
    """The Markdown copy carried by a rendered answer, or None when the message has none."""
    found = _MARKDOWN_BLOCK.search(message)
    return html.unescape(found.group(1)) if found else None


# --- HTML: what the chat shows ---


def answer_html(answer: Answer, answer_id: str) -> str:
    """The final answer: its text with [n] linked to numbered cards (title, publisher, date, file, the quote marked
    in its paragraph, the whole article behind "Open"), notices, the backend's badge, and a copy button. An
    abstention is boxed apart and shows the nearest passages."""
    articles = {p.article.path: p.article for p in answer.passages}
    citations = answer.citations or (_nearest(answer) if answer.abstained else ())
    numbers = {c.n for c in citations}
    text = _linked(answer.text, answer_id, numbers)
    if answer.abstained:
        parts = [f'<div class="qa-abstained"><strong>{ABSTAINED_LABEL}</strong> {text}</div>']
    else:
        parts = [f'<p class="qa-text">{text}</p>']
    if rewritten := answer.debug.get("rewritten"):
        parts.append(f'<p class="qa-rewritten">Understood as: “{esc(rewritten)}”</p>')
    parts += [f'<p class="qa-notice" role="status">ℹ️ {esc(notice)}</p>' for notice in answer.notices]
    if citations:
        heading = "Nearest passages" if answer.abstained else "Sources"
        cards = "".join(card_html(c, articles.get(c.source), answer_id) for c in citations)
        parts.append(f'<p class="qa-heading">{heading}</p><ol class="qa-cards">{cards}</ol>')
    parts.append(
        f'<div class="qa-footer"><span class="qa-badge" title="The backend that wrote this answer">'
        f"{esc(answer.backend)}</span>"
        '<button class="qa-copy" type="button" title="The answer and its numbered quotes, as Markdown">'
        "Copy as Markdown</button></div>"
    )
    kind = "qa-answer is-abstained" if answer.abstained else "qa-answer"
    markup = f'<div class="{kind}" id="answer-{answer_id}">{"".join(parts)}</div>'
    return f"{markup}\n\n{_markdown_block(answer_markdown(answer))}"


def partial_html(text: str) -> str:
    """An answer still being written."""
    return (
        f'<div class="qa-answer is-streaming"><p class="qa-text">{esc(text)}<span class="qa-cursor"></span></p></div>'
    )


def card_html(c: Citation, article: Article | None, answer_id: str) -> str:
    """One numbered citation card; without the article's text, the quote alone."""
    published = esc(published_label(c)).replace(
        "(inferred)", '<abbr title="The article states no date; this one is inferred from its events">(inferred)</abbr>'
    )
    meta = f"{esc(c.publisher or 'publisher unknown')} · {published} · <code>{esc(c.source)}</code>"
    if article is None:
        quote, whole = f"<mark>{esc(c.quote)}</mark>", ""
    else:
        quote = context_html(article.text, c.start, c.end)
        whole = (
            '<details class="qa-article"><summary>Open the whole article</summary>'
            f'<div class="qa-article-body" tabindex="0">{article_html(article.text, c.start, c.end)}</div></details>'
        )
    return (
        f'<li class="qa-card" id="cite-{answer_id}-{c.n}"><div class="qa-card-title"><span class="qa-n">{c.n}</span>'
        f'{esc(c.title)}</div><div class="qa-card-meta">{meta}</div>'
        f'<blockquote class="qa-context">{quote}</blockquote>{whole}</li>'
    )


def context_html(text: str, start: int, end: int, room: int = CONTEXT_CHARS) -> str:
    """The paragraph around `text[start:end]`, the quote in <mark>, cut to `room` characters either side."""
    begin = text.rfind("\n\n", 0, start)
    begin = 0 if begin < 0 else begin + 2
    stop = text.find("\n\n", end)
    stop = len(text) if stop < 0 else stop
    before, after = text[begin:start], text[end:stop]
    if len(before) > room:
        tail = before[-room:]
        before = "…" + tail[tail.find(" ") + 1 :]
    if len(after) > room:
        head = after[:room]
        after = head[: head.rfind(" ")] + "…" if " " in head else head + "…"
    return f"{esc(before)}<mark>{esc(text[start:end])}</mark>{esc(after)}"


def article_html(text: str, start: int, end: int) -> str:
    """The whole cleaned article as paragraphs, `text[start:end]` marked (across paragraphs when it spans them)."""
    out = []
    for para in _PARAGRAPH.finditer(text):
        a, b = para.span()
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            body = f'{esc(text[a:lo])}<mark class="qa-passage">{esc(text[lo:hi])}</mark>{esc(text[hi:b])}'
        else:
            body = esc(text[a:b])
        out.append(f"<p>{body}</p>")
    return "".join(out)


def _linked(text: str, answer_id: str, numbers: set[int]) -> str:
    """The answer's text escaped, each [n] that has a card made a link to it."""

    def link(found: re.Match[str]) -> str:
        n = int(found.group(1))
        if n not in numbers:
            return found.group(0)
        return f'<a class="qa-ref" href="#cite-{answer_id}-{n}" title="Source {n}">[{n}]</a>'

    return _MARKER.sub(link, esc(text))


def _nearest(answer: Answer) -> tuple[Citation, ...]:
    """The first retrieved passages as citations, for an abstention that cites none."""
    return tuple(
        make_citation(n, p.article, p.start, p.end, p.score) for n, p in enumerate(answer.passages[:NEAREST], 1)
    )


def _markdown_block(markdown: str) -> str:
    # Only & and < need escaping inside <pre>; keeping ">" makes the quotes read as Markdown in the raw message.
    return f'<pre class="qa-md" hidden>{markdown.replace("&", "&amp;").replace("<", "&lt;")}</pre>'


# --- the chat's styles and behaviour, for `launch(css=..., head=...)` ---

CSS = """
#chat .qa-answer { display: flex; flex-direction: column; gap: .5rem; }
#chat .qa-answer p { margin: 0; }
#chat pre.qa-md { display: none !important; }
#chat .qa-text { font-size: 1.02rem; line-height: 1.55; }
#chat .qa-ref { text-decoration: none; font-weight: 600; font-size: .85em; padding: 0 .1rem;
  color: var(--color-accent); }
#chat .qa-cursor::after { content: "▍"; opacity: .5; }
#chat .qa-abstained { border: 1px dashed var(--border-color-primary); border-radius: 8px; padding: .6rem .8rem;
  background: var(--background-fill-secondary); }
#chat .qa-abstained strong { display: block; margin-bottom: .2rem; }
#chat .qa-rewritten { font-size: .85rem; color: var(--body-text-color-subdued); }
#chat .qa-notice { font-size: .9rem; border-left: 3px solid #e0a800; padding: .3rem .6rem;
  background: rgba(224, 168, 0, .1); }
#chat .qa-heading { font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--body-text-color-subdued); margin-top: .3rem; }
#chat ol.qa-cards { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .5rem; }
#chat .qa-card { margin: 0; padding: .6rem .8rem; border: 1px solid var(--border-color-primary);
  border-radius: 8px; background: var(--background-fill-primary); scroll-margin: 1rem; }
#chat .qa-card.is-target { outline: 2px solid var(--color-accent); }
#chat .qa-card-title { font-weight: 600; font-size: .95rem; display: flex; gap: .5rem; align-items: baseline; }
#chat .qa-n { flex: none; min-width: 1.4rem; height: 1.4rem; border-radius: 50%; text-align: center;
  font-size: .8rem; line-height: 1.4rem; background: var(--color-accent); color: white; }
#chat .qa-card-meta { font-size: .82rem; color: var(--body-text-color-subdued); margin: .15rem 0 .4rem 1.9rem; }
#chat .qa-card-meta code { font-size: .78rem; }
#chat blockquote.qa-context { margin: 0 0 0 1.9rem; padding: 0 0 0 .7rem; border-left: 3px solid
  var(--border-color-primary); font-size: .92rem; color: var(--body-text-color); }
#chat mark { background: #fff0a8; color: inherit; padding: 0 .1rem; border-radius: 2px; }
.dark #chat mark { background: #6b5a12; }
#chat details.qa-article { margin: .4rem 0 0 1.9rem; font-size: .9rem; }
#chat details.qa-article summary { cursor: pointer; color: var(--color-accent); }
#chat .qa-article-body { position: relative; max-height: 18rem; overflow-y: auto; margin-top: .4rem;
  padding: .2rem .8rem; border: 1px solid var(--border-color-primary); border-radius: 6px; }
#chat .qa-article-body p { margin: .5rem 0; }
#chat .qa-footer { display: flex; gap: .5rem; align-items: center; }
#chat .qa-badge { font-size: .75rem; font-weight: 600; padding: .05rem .5rem; border-radius: 999px;
  background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
#chat .qa-copy { font-size: .75rem; padding: .05rem .6rem; border-radius: 999px; cursor: pointer;
  border: 1px solid var(--border-color-primary); background: transparent; color: var(--body-text-color); }
#chat .qa-copy:hover { border-color: var(--color-accent); }
.qa-status-error { color: #c0392b; }
"""

SCRIPT = """<script>
(() => {
  // Opening an article scrolls its marked passage into view inside the article's own box.
  document.addEventListener("toggle", (event) => {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.matches(".qa-article")) return;
    const body = details.querySelector(".qa-article-body");
    const mark = body && body.querySelector("mark");
    if (mark) body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3);
  }, true);

  // The newest question is pinned to the top of the chat until its answer is complete, so an answer is read from
  // its first line rather than from its last card. A rendered answer loses the aria-label that Gradio fills with
  // the message's raw markup, so that screen readers read its text.
  let pinned = null;
  let queued = false;
  function tidy() {
    queued = false;
    for (const message of document.querySelectorAll('#chat [data-testid="bot"][aria-label*="qa-answer"]')) {
      message.removeAttribute("aria-label");
    }
    const log = document.querySelector("#chat [role=log]");
    const rows = log ? log.querySelectorAll(".user-row") : [];
    const row = rows[rows.length - 1];
    if (!row || row === pinned) return;
    log.scrollTop += row.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    const reply = row.nextElementSibling;
    const answered = reply && reply.querySelector(".qa-answer:not(.is-streaming)");
    if (answered || (reply && reply.textContent.trim().startsWith("⚠️"))) pinned = row;
  }
  const watch = { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] };
  new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(tidy); }
  }).observe(document.documentElement, watch);

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    const area = Object.assign(document.createElement("textarea"), { value: text });
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }

  document.addEventListener("click", async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    // [n] scrolls to its card and outlines it, without changing the page's address.
    const ref = target && target.closest("a.qa-ref");
    if (ref) {
      const card = document.getElementById(ref.getAttribute("href").slice(1));
      if (!card) return;
      event.preventDefault();
      card.scrollIntoView({ behavior: "smooth", block: "nearest" });
      card.classList.add("is-target");
      setTimeout(() => card.classList.remove("is-target"), 1600);
      return;
    }
    // "Copy as Markdown": the answer's Markdown is carried, hidden, right after it.
    const button = target && target.closest("button.qa-copy");
    const markdown = button && button.closest(".qa-answer").parentElement.querySelector("pre.qa-md");
    if (!markdown) return;
    try {
      await copyText(markdown.textContent);
      button.textContent = "Copied";
    } catch (error) {
      button.textContent = "Copy failed";
    }
    setTimeout(() => { button.textContent = "Copy as Markdown"; }, 1500);
  });
})();
</script>"""
