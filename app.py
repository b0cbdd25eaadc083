"""The chat: a thin Gradio shell over `qa.stream` that shows each answer with its cited quotes beneath it.

    python app.py        # listens on QA_HOST:QA_PORT (127.0.0.1:7860)
"""

import logging  # noqa: I001 - qa is imported before gradio on purpose
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import qa  # first: switches every library offline before gradio is imported
import gradio as gr
from qa.answer import Answer
from qa.config import get_settings
from qa.errors import QAError
from qa.format import citation_line
from qa.pipeline import History, engine

log = logging.getLogger("qa.app")

EXAMPLES = [
    "Who met Putin and when?",
    "When did Choe Son-hui return to Pyongyang?",
    "What does Jo Chun Ryong oversee?",
]
ERROR_MARK = "⚠️"
ABSTAINED_LABEL = "**No answer in the articles.**"
RULE = "\n\n---\n\n"  # separates the answer from its citations; history keeps only what comes before
Messages = list[dict[str, Any]]


def render(answer: Answer) -> str:
    """The final answer as Markdown: its text and notices, its numbered citations with quotes, its backend."""
    parts = [f"{ABSTAINED_LABEL} {answer.text}" if answer.abstained else answer.text]
    parts += [f"ℹ️ *{notice}*" for notice in answer.notices]
    body = "\n\n".join(parts)
    if answer.citations:
        heading = "**Nearest passages**" if answer.abstained else "**Sources**"
        cites = [heading] + [f"{citation_line(c)}\n\n{quote_block(c.quote)}" for c in answer.citations]
        body += RULE + "\n\n".join(cites)
    return f"{body}\n\n<sub>answered by {answer.backend}</sub>"


def quote_block(text: str) -> str:
    """`text` as a Markdown blockquote, every line of it quoted."""
    return "\n".join(f"> {line}" for line in text.splitlines() or [""])


def text_of(content: Any) -> str:
    """The plain text of a chat message's content: a string, a text block, or a list of blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, list | tuple):
        return "\n".join(filter(None, (text_of(block) for block in content)))
    return ""


def history_pairs(messages: Messages) -> History:
    """Earlier turns as (question, answer) pairs for `qa.stream`; citations and error replies are left out."""
    pairs: History = []
    question: str | None = None
    for message in messages:
        text = text_of(message.get("content"))
        if message.get("role") == "user":
            question = text
        elif question is not None and text and not text.startswith(ERROR_MARK):
            pairs.append((question, text.split(RULE, 1)[0]))
            question = None
    return pairs


def replies(question: str, history: History) -> Iterator[str]:
    """The reply as it grows: partial texts, then the rendered final answer or one readable error line."""
    try:
        for answer in qa.stream(question, history):
            yield render(answer) if answer.final else answer.text
    except QAError as error:
        yield f"{ERROR_MARK} **Error:** {error}"
    except Exception as error:
        log.exception("answering %r failed", question[:200])
        detail = str(error) or type(error).__name__
        yield f"{ERROR_MARK} **Something went wrong:** {detail}. The chat still works; ask again."


def respond(message: str, chat: Messages) -> Iterator[tuple[Messages, str]]:
    """Chat event: append the question and stream the reply into the chat, clearing the textbox."""
    history = history_pairs(chat)
    chat = [*chat, {"role": "user", "content": message}]
    yield chat, ""  # the question shows at once, while the answer is being found
    for reply in replies(message, history):
        yield [*chat, {"role": "assistant", "content": reply}], ""


def ask(question: str) -> str:
    """Answer one question: the final answer with its citations as Markdown, or a readable error line."""
    *_, final = replies(question, [])
    return final


def warm() -> threading.Thread:
    """Build or sync the index in the background, so the server is up at once and the first answer is fast."""

    def run() -> None:
        try:  # a failure is only logged here; the first question shows it to the user
            started = time.monotonic()
            engine()
            log.info("ready to answer in %.1f s", time.monotonic() - started)
        except QAError as error:
            log.warning("not ready to answer: %s", error)
        except Exception:
            log.exception("warming up failed")

    thread = threading.Thread(target=run, name="qa-warm", daemon=True)
    thread.start()
    return thread


def build_demo() -> gr.Blocks:
    """The chat page, and the `ask` API endpoint (question in, final Markdown out)."""
    with gr.Blocks(title="Ask the articles") as demo:
        gr.Markdown("## Ask the articles\nEvery answer quotes the articles it comes from, beneath it.")
        chatbot = gr.Chatbot(label="Chat", height=520, buttons=["copy"], feedback_options=None)
        with gr.Row():
            question = gr.Textbox(
                placeholder="Ask a question about the articles", show_label=False, scale=5, max_lines=6,
                autofocus=True,
            )
            submit = gr.Button("Ask", variant="primary", scale=1, min_width=80)
        gr.Examples(EXAMPLES, inputs=question, label="Try")
        gr.ClearButton([chatbot, question], value="New chat", size="sm")
        gr.on(
            [question.submit, submit.click], respond, inputs=[question, chatbot], outputs=[chatbot, question],
            api_name="chat", api_visibility="undocumented", concurrency_id="answer",
        )
        gr.api(ask, api_name="ask", concurrency_id="answer")
    return demo


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    try:
        settings = get_settings()
    except QAError as error:  # a bad setting: one line, not a traceback
        sys.exit(f"app.py: {error}")
    warm()
    build_demo().launch(server_name=settings.host, server_port=settings.port)
