"""The articles folder and its evaluation sets as the chat's panels use them: what is indexed, adding an article
(checked before anything is written), and running an eval file into a report."""

from __future__ import annotations

import hashlib
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa.config import Settings, get_settings
from qa.corpus import EXTENSIONS, Article, Skipped, parse_article
from qa.errors import QAError
from qa.evaluation import EvalReport, evaluate
from qa.pipeline import build_index, engine
from qa.report import CHART_LINK, write_report
from qa.store import SyncReport

MAX_UPLOAD_BYTES = 5_000_000
Progress = Callable[[int, int], None]
_adding = threading.Lock()  # one upload at a time: the name check and the write must not interleave


@dataclass(frozen=True)
class ArticleInfo:
    """One indexed article as the articles panel lists it."""

    path: str
    title: str
    source: str | None
    published: date | None
    published_inferred: bool
    chunks: int


def articles(settings: Settings | None = None) -> list[ArticleInfo]:
    """The indexed articles by file name, each with its chunk count from the index's manifest."""
    built = engine(settings)
    chunks = built.store.read_manifest()["articles"]
    return [
        ArticleInfo(
            a.path, a.title, a.source, a.published, a.published_inferred, chunks.get(a.path, {}).get("chunks", 0)
        )
        for a in sorted(built.articles.values(), key=lambda a: a.path)
    ]


def check_upload(filename: str, data: bytes, folder: Path) -> Article:
    """The article an uploaded file holds, cleaned; a `QAError` saying why when it cannot be added to `folder`.

    A file is refused when its name is unusable, its type is not .txt/.md/.html, it is too large, binary, not
    UTF-8, empty or has no article text, or when the folder already holds the same name or the same bytes:
    uploads add articles and never replace one that answers may already cite."""
    name = Path(filename.replace("\\", "/")).name.strip()
    if not name or name.startswith(".") or len(name) > 200 or any(ord(ch) < 32 for ch in name):
        raise QAError(f"{filename!r} is not a usable file name: rename the file and upload it again")
    suffix = Path(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise QAError(
            f"{name} was not added: {suffix or 'a file without extension'} is not an article type; "
            "upload a .txt, .md or .html file"
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise QAError(
            f"{name} was not added: {len(data):,} bytes is over the {MAX_UPLOAD_BYTES:,}-byte limit; "
            "upload the article's text alone"
        )
    parsed = parse_article(name, data)
    if isinstance(parsed, Skipped):
        raise QAError(f"{name} was not added: {parsed.reason}. Fix the file and upload it again")
    if not folder.is_dir():
        raise QAError(f"No articles folder {folder}/: create it, or set QA_SEEDS_DIR to the folder of articles")
    if (folder / name).exists():
        raise QAError(
            f"{name} was not added: an article of that name is already indexed; rename the file to add "
            "it as a new article"
        )
    for existing in folder.iterdir():
        same = existing.suffix.lower() in EXTENSIONS and existing.is_file()
        if same and hashlib.sha256(existing.read_bytes()).hexdigest() == parsed.sha256:
            raise QAError(f"{name} was not added: it is the same file as {existing.name}, already indexed")
    return parsed


def add_article(
    filename: str, data: bytes, settings: Settings | None = None, progress: Progress | None = None
) -> SyncReport:
    """Check an uploaded article, write it into the articles folder (atomically) and index it incrementally.
    A refused file raises a `QAError` before anything is written; a failed indexing takes the file out again."""
    settings = settings or get_settings()
    folder = Path(settings.seeds_dir)
    with _adding:
        article = check_upload(filename, data, folder)
        target = folder / article.path
        partial = folder / f".{article.path}.{uuid.uuid4().hex}.part"  # not an article type: never loaded
        try:
            with partial.open("xb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        try:
            return build_index(settings, progress)
        except BaseException:
            target.unlink(missing_ok=True)
            raise


# --- evaluation sets ---


@dataclass(frozen=True)
class EvalRun:
    """An eval file's run, and the folder its report was written to (report.md, report.html, chart.png, ...)."""

    report: EvalReport
    folder: Path

    @property
    def chart(self) -> Path:
        """The report's chart (PNG)."""
        return self.folder / "chart.png"

    def markdown(self) -> tuple[str, str]:
        """report.md as `qa eval` wrote it, split where its chart goes: (summary and kinds, failures)."""
        text = (self.folder / "report.md").read_text(encoding="utf-8")
        before, _, after = text.partition(CHART_LINK)
        return before.strip(), after.strip()


def eval_files(settings: Settings | None = None) -> list[str]:
    """The names of the eval files (*.jsonl) in the articles folder."""
    folder = Path((settings or get_settings()).seeds_dir)
    return sorted(p.name for p in folder.glob("*.jsonl") if p.is_file()) if folder.is_dir() else []


def run_eval(
    name: str,
    settings: Settings | None = None,
    progress: Progress | None = None,
    out_dir: Path | str = "eval-reports",
) -> EvalRun:
    """Run the eval file `name` (one of `eval_files`) through the answerer and write its report under `out_dir`."""
    settings = settings or get_settings()
    if name not in eval_files(settings):
        raise QAError(
            f"No eval file {name!r} in {settings.seeds_dir}/: pick one of the list, or add a .jsonl file there"
        )
    report = evaluate(Path(settings.seeds_dir) / name, settings, progress)
    return EvalRun(report, write_report(report, out_dir))
