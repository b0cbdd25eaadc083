"""The chat: a thin Gradio shell over `qa.stream`. Each answer shows its citations as numbered cards beneath it; an
Articles tab lists and adds articles; an Evaluation tab runs an eval file into the report `qa eval` writes.

    python app.py        # listens on QA_HOST:QA_PORT (127.0.0.1:7860); basic auth when QA_AUTH=user:password
"""

import html  # noqa: I001 - qa is imported before gradio on purpose
import logging
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import qa  # first: switches every library offline before gradio is imported
import gradio as gr
from qa import library, render
from qa.answer import Answer
from qa.config import MAX_QUESTION_CHARS, Settings, get_settings
from qa.corpus import EXTENSIONS
from qa.errors import QAError
from qa.pipeline import History, engine

log = logging.getLogger("qa.app")

EXAMPLES = [
    "Who met Putin and when?",
    "When did Choe Son-hui return to Pyongyang?",
    "What does Jo Chun Ryong oversee?",
]
ERROR_MARK = "⚠️"
RULE = render.RULE
# Questions answered at once; the rest wait in the queue. Offline answering is CPU-bound: on 2 cores limits of 1 to 8
# served 20 clients equally (3.4-4.1 answers/s, bench.concurrency); 4 lets an LLM endpoint's waits overlap.
ANSWER_CONCURRENCY = 4
QUEUE_SIZE = 200  # questions waiting beyond this are refused with "queue full" rather than piling up
SHOWN_QUESTION_CHARS = 300  # a question too long to be answered is shown cut to this in the chat
Messages = list[dict[str, Any]]


# --- the chat ---


def text_of(content: Any) -> str:
    """The plain text of a chat message's content: a string, a text block, or a list of blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, list | tuple):
        return "\n".join(filter(None, (text_of(block) for block in content)))
    return ""


def said(reply: str) -> str | None:
    """What an assistant message answered, for the history: the answer's Markdown before its citations, or None
    for an error or an answer cut off while streaming."""
    markdown = render.markdown_of(reply)
    if markdown is None and (not reply or reply.startswith((ERROR_MARK, "<"))):
        return None
    return (markdown or reply).split(RULE, 1)[0]


def history_pairs(messages: Messages) -> History:
    """Earlier turns as (question, answer) pairs for `qa.stream`; citations and error replies are left out."""
    pairs: History = []
    question: str | None = None
    for message in messages:
        text = text_of(message.get("content"))
        if message.get("role") == "user":
            question = text
        elif question is not None and (answer := said(text)):
            pairs.append((question, answer))
            question = None
    return pairs


def outcomes(question: str, history: History) -> Iterator[Answer | str]:
    """The answer as it grows, then the final one; or one readable error line (Markdown) instead."""
    try:
        yield from qa.stream(question, history)
    except QAError as error:
        yield f"{ERROR_MARK} **Error:** {html.escape(str(error), quote=False)}"
    except Exception as error:
        log.exception("answering %r failed", question[:200])
        detail = html.escape(str(error) or type(error).__name__, quote=False)
        yield f"{ERROR_MARK} **Something went wrong:** {detail}. The chat still works; ask again."


def respond(message: str, chat: Messages) -> Iterator[tuple[Messages, str]]:
    """Chat event: show the question, then stream the reply into the chat. The textbox is cleared, and refilled
    with the question when it could not be answered, to be edited or asked again."""
    history = history_pairs(chat)
    shown = message if message.strip() else "*(empty question)*"
    if len(message.strip()) > MAX_QUESTION_CHARS:  # refused anyway: shown cut, with its length
        shown = f"{message[:SHOWN_QUESTION_CHARS]}… ({len(message):,} characters)"
    chat = [*chat, {"role": "user", "content": shown}]
    yield chat, ""  # the question shows at once, while the answer is being found
    answer_id = f"a{len(chat)}"  # the message's place: unique in this chat, so card anchors are too
    for out in outcomes(message, history):
        if isinstance(out, str):
            yield [*chat, {"role": "assistant", "content": out}], message
        else:
            reply = render.answer_html(out, answer_id) if out.final else render.partial_html(out.text)
            yield [*chat, {"role": "assistant", "content": reply}], ""


def ask(question: str) -> str:
    """Answer one question: the final answer with its citations as Markdown, or a readable error line."""
    *_, final = outcomes(question, [])
    return final if isinstance(final, str) else render.answer_markdown(final)


def use_example(event: gr.SelectData) -> str:
    """An example question clicked in the empty chat, put in the textbox to be asked."""
    return event.value["text"]


# --- the articles panel ---

ARTICLE_COLUMNS = ["title", "publisher", "published", "file", "chunks"]


def article_rows() -> list[list[Any]]:
    """The indexed articles as table rows; none while the index cannot be built."""
    try:
        infos = library.articles()
    except QAError:
        return []
    return [
        [
            a.title,
            a.source or "",
            (a.published.isoformat() + (" (inferred)" if a.published_inferred else "")) if a.published else "unknown",
            a.path,
            a.chunks,
        ]
        for a in infos
    ]


def add_upload(file: str | None, progress: gr.Progress = gr.Progress()) -> tuple[str, Any, None]:  # noqa: B008
    """Upload event: check the file, add it to the articles folder and index it, with a progress bar; a refused
    file gets the reason and changes nothing."""
    if not file:
        return "", gr.skip(), None
    name = Path(file).name  # Gradio keeps the uploaded file's own name
    progress(0, desc=f"Checking {name}")
    try:
        report = library.add_article(
            name, Path(file).read_bytes(), progress=lambda done, total: progress((done, total), desc="Indexing")
        )
    except QAError as error:
        return refusal(str(error)), gr.skip(), None
    except Exception as error:
        log.exception("adding %s failed", name)
        return refusal(f"Adding {name} failed: {error}"), gr.skip(), None
    chunks = next((a.chunks for a in library.articles() if a.path == name), 0)
    note = f"✅ Added **{name}** ({chunks} chunks, {report.chunks_embedded} embedded). The chat answers from it now."
    return note, article_rows(), None


def refusal(message: str) -> str:
    """A refused upload's message, as the status line shows it."""
    return f'<p class="qa-status-error">{ERROR_MARK} {html.escape(message)}</p>'


# --- the evaluation tab ---


def eval_choices() -> Any:
    """The eval files of the articles folder, the first one picked."""
    names = library.eval_files()
    return gr.Dropdown(choices=names, value=names[0] if names else None)


def run_evaluation(name: str | None, progress: gr.Progress = gr.Progress()) -> tuple[str, str, str | None, str]:  # noqa: B008
    """Run the picked eval file with a progress bar; show its summary, chart and failures as report.md has them."""
    if not name:
        return f"{ERROR_MARK} Pick an eval file first.", "", None, ""
    progress(0, desc="Building the index")
    try:
        run = library.run_eval(name, progress=lambda done, total: progress((done, total), desc="Answering"))
    except QAError as error:
        return f"{ERROR_MARK} {html.escape(str(error))}", "", None, ""
    except Exception as error:
        log.exception("evaluating %s failed", name)
        return f"{ERROR_MARK} The evaluation failed: {html.escape(str(error))}", "", None, ""
    summary, failures = run.markdown()
    return (
        f"Report written to `{run.folder}` (report.md, report.html, results.jsonl).",
        summary,
        str(run.chart),
        failures,
    )


# --- the page ---


def build_demo() -> gr.Blocks:
    """The page (Chat, Articles, Evaluation tabs) and the `ask` API endpoint (question in, final Markdown out)."""
    with gr.Blocks(title="Ask the articles") as demo:
        gr.Markdown(
            "## Ask the articles\nEvery answer quotes the articles it comes from: check each quote in its card."
        )
        with gr.Tabs():
            with gr.Tab("Chat", id="chat-tab"):
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    show_label=False,
                    height=620,
                    autoscroll=False,
                    buttons=[],
                    feedback_options=None,
                    latex_delimiters=[],
                    allow_tags=False,
                    layout="panel",
                    examples=[{"text": q} for q in EXAMPLES],
                    placeholder="Ask about the articles. Each answer cites its sources; open a card to read the "
                    "quote in its article.",
                )
                with gr.Row():
                    question = gr.Textbox(
                        elem_id="question",
                        placeholder="Ask a question about the articles",
                        show_label=False,
                        scale=6,
                        max_lines=6,
                        autofocus=True,
                    )
                    submit = gr.Button("Ask", variant="primary", scale=1, min_width=80)
                    gr.ClearButton([chatbot, question], value="New chat", scale=1, min_width=80, elem_id="new-chat")
            with gr.Tab("Articles", id="articles-tab"):
                upload = gr.File(
                    label="Add an article (.txt, .md or .html; it is indexed at once)",
                    elem_id="upload",
                    file_types=sorted(EXTENSIONS),
                    file_count="single",
                    height=120,
                )
                status = gr.Markdown(elem_id="upload-status")
                table = gr.Dataframe(
                    headers=ARTICLE_COLUMNS,
                    datatype=["str", "str", "str", "str", "number"],
                    interactive=False,
                    elem_id="articles",
                    label="Indexed articles",
                    wrap=True,
                    column_widths=["42%", "17%", "17%", "17%", "7%"],
                )
            with gr.Tab("Evaluation", id="eval-tab"):
                with gr.Row(equal_height=False):
                    eval_file = gr.Dropdown(label="Eval file (in the articles folder)", elem_id="eval-file", scale=4)
                    with gr.Column(scale=1, min_width=160):
                        run = gr.Button("Run evaluation", variant="primary", elem_id="run-eval")
                        gr.Markdown("Writes the report that `qa eval` writes, under eval-reports/.")
                eval_status = gr.Markdown(elem_id="eval-status")
                summary = gr.Markdown(elem_id="eval-summary")
                chart = gr.Image(label="Chart", type="filepath", interactive=False, buttons=[], elem_id="eval-chart")
                failures = gr.Markdown(elem_id="eval-failures")

        answer = {"concurrency_id": "answer", "concurrency_limit": ANSWER_CONCURRENCY}
        gr.on(
            [question.submit, submit.click],
            respond,
            inputs=[question, chatbot],
            outputs=[chatbot, question],
            api_name="chat",
            api_visibility="undocumented",
            **answer,
        )
        chatbot.example_select(use_example, None, question, api_visibility="private").then(
            respond, [question, chatbot], [chatbot, question], api_visibility="private", **answer
        )
        gr.api(ask, api_name="ask", **answer)

        index = {"concurrency_id": "index", "concurrency_limit": 1, "api_visibility": "private"}
        upload.upload(add_upload, upload, [status, table, upload], **index)
        demo.load(article_rows, None, table, api_visibility="private")
        demo.load(eval_choices, None, eval_file, api_visibility="private")
        run.click(run_evaluation, eval_file, [eval_status, summary, chart, failures], **index)
    return demo


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


def serve(settings: Settings) -> None:
    """Start the chat where the settings say (QA_HOST, QA_PORT), behind basic auth when QA_AUTH is set."""
    credentials = settings.credentials  # a malformed QA_AUTH stops here, before anything starts
    warm()
    demo = build_demo().queue(default_concurrency_limit=ANSWER_CONCURRENCY, max_size=QUEUE_SIZE)
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        auth=credentials,
        auth_message="Sign in with the user name and password from QA_AUTH." if credentials else None,
        css=render.CSS,
        head=render.SCRIPT,
        max_file_size=library.MAX_UPLOAD_BYTES,
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    try:
        serve(get_settings())
    except QAError as error:  # a bad setting: one line, not a traceback
        sys.exit(f"app.py: {error}")
