"""Load articles: clean page boilerplate, extract title, source, author and published date.

Cleaning removes; it never rewrites. Every kept character is the article's own: lines are stripped, runs of
white space collapsed to one space, and the kept lines joined as paragraphs with a blank line between them.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import dateparser
import trafilatura
import yaml

from qa.dates import find_dates
from qa.errors import CorpusError

EXTENSIONS = frozenset({".txt", ".md", ".html", ".htm"})
_HINT = "add .txt, .md or .html files, or set QA_SEEDS_DIR"


@dataclass(frozen=True)
class Article:
    """One cleaned article. `path` is the file name relative to the articles folder."""

    path: str
    text: str
    title: str
    source: str | None
    author: str | None
    published: date | None
    published_inferred: bool
    sha256: str


@dataclass(frozen=True)
class Skipped:
    """A file that was not read, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    """The articles of a folder, and the files that were skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class Cleaned:
    """An article body with its page boilerplate removed, and the metadata that the body itself states."""

    text: str
    title: str | None
    source: str | None
    author: str | None
    published: date | None
    published_inferred: bool


# --- the vocabulary of web page furniture ---

_FURNITURE_WORDS = frozenset(
    re.findall(
        r"\w+",
        """share shares shared sharing follow followers subscribe subscribed subscribers subscription
        comment comments view views like likes print email mail tweet pin copy link related advertisement
        advertisements ad ads sponsored promoted newsletter sign up log login click here read more continue
        continues reading article below next previous prev tags tag pagenav""",
    )
)
_SOCIAL = frozenset(
    re.findall(
        r"\w+",
        """facebook twitter instagram linkedin whatsapp telegram reddit pinterest tiktok youtube flipboard
        tumblr snapchat messenger mastodon bluesky googlenews""",
    )
)
_FUNCTION_WORDS = frozenset(
    re.findall(r"\w+", "the a an of to on us our this that for with at in via and or by from it me you your")
)
_CALL_TO_ACTION = re.compile(r"\b(click here|sign up|subscribe|follow us)\b", re.I)
_PHRASES = {
    "googlenews": r"google[- ]?news",
    "pagenav": r"(?:back|scroll|return) to (?:the )?top|(?:top|bottom) of (?:the )?page",
}
_PHRASE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PHRASES.items()))
_SLUG = re.compile(r"(?<![\w-])[a-z]+(?:-[a-z]+)+(?![\w-])")  # an icon's name, e.g. "google-news"
_PRINTF = re.compile(r"%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?[sdifx]\b")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")

# A related-story teaser glued before a paragraph: headline, timestamp, " | ", section name, then the next
# sentence starts right after the section name (lowercase directly followed by Uppercase).
_TEASER = re.compile(
    r"[A-Z][^|]{9,200}?\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"\s*\|\s*[A-Z][A-Za-z&' -]{0,40}?[a-z](?=[A-Z][a-z]|$)"
)
_ABOUT = re.compile(r"About ((?:[A-Z][\w'.-]*)(?: [A-Z][\w'.-]*){0,2})")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.\w[\w.]*|\bcan be reached\b|\breach (?:him|her|them) at\b", re.I)
_LEADING_NAME = re.compile(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3}")
_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@([\w-]+)\.([\w.-]*\w)")
_NON_ALNUM = re.compile(r"[\W_]+")
_SIGNATURE = re.compile(r"[.!?\"”’]\s*\((?P<agency>[A-Z][\w.&' -]{1,30})\)$")

_LABEL = re.compile(
    r"(?P<label>Sources?|Authors?|Written by|Publication|Published(?: on)?|Date|Posted(?: on)?)"
    r"\s*:\s*(?P<value>\S.{0,80})",
    re.I,
)
_BYLINE = re.compile(r"By\s+(?P<value>[A-Z].{1,80})")
_LABEL_KIND = {
    "source": "source",
    "sources": "source",
    "author": "author",
    "authors": "author",
    "written by": "author",
}  # every other label names a date

# Dates: month names from the calendar (English in the C locale), plus the common "Sept".
_MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_MONTH = "(?P<month>" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w.'-]*(?:[ -][A-Z][\w.'-]*){0,3}),?\s+"
    rf"(?:{_MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\s+)?"
    r"\((?P<outlet>[A-Z][^()]{1,40})\)(?P<dash>\s*[-–—])?"
)
_ON = re.compile(r"\bon\s+$", re.I)
_DATEPARSER_SETTINGS = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}


# --- loading ---


def load(folder: Path) -> Corpus:
    """Read every .txt, .md and .html article in `folder`, skipping unreadable files with a reason."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"No articles folder {folder}/: create it and {_HINT}")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in files:
        try:
            result = parse_article(path.name, path.read_bytes())
        except OSError as e:
            result = Skipped(path.name, f"cannot be read ({e.strerror or e})")
        (articles if isinstance(result, Article) else skipped).append(result)
    if not articles:
        if skipped:
            reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
            raise CorpusError(f"No readable articles in {folder}/ ({reasons}): fix those files or {_HINT}")
        raise CorpusError(f"No articles in {folder}/: {_HINT}")
    return Corpus(tuple(articles), tuple(skipped))


def parse_article(name: str, raw: bytes) -> Article | Skipped:
    """Decode, clean and describe one file; front matter (or HTML metadata) overrides what the text states."""
    if b"\0" in raw:
        return Skipped(name, "binary file, not text")
    try:
        content = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        return Skipped(name, f"not UTF-8 text (invalid byte 0x{raw[e.start]:02x} at offset {e.start})")
    if not content.strip():
        return Skipped(name, "empty file")
    if name.lower().endswith((".html", ".htm")):
        content, meta = _from_html(content)
        if not content:
            return Skipped(name, "no article text found in the HTML page")
    else:
        meta, content = _front_matter(content)
    cleaned = clean(content, meta)
    if not cleaned.text:
        return Skipped(name, "no article text left after removing page boilerplate")
    published = _to_date(meta.get("published"))
    return Article(
        path=name,
        text=cleaned.text,
        title=meta.get("title") or cleaned.title or Path(name).stem,
        source=meta.get("source") or cleaned.source,
        author=meta.get("author") or cleaned.author,
        published=published or cleaned.published,
        published_inferred=False if published else cleaned.published_inferred,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _front_matter(content: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter (title, source, author, published) from the body."""
    m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", content, re.S)
    if not m:
        return {}, content
    try:
        data = yaml.load(m.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return {}, content[m.end() :]
    aliases = {
        "title": ("title",),
        "source": ("source", "publisher"),
        "author": ("author", "authors"),
        "published": ("published", "date"),
    }
    meta: dict[str, str] = {}
    for key, names in aliases.items():
        value = next((data[n] for n in names if data.get(n)), None)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        if value:
            meta[key] = str(value).strip()
    if "author" in meta:  # "jane@site.com (Jane Doe)" -> "Jane Doe"
        meta["author"] = re.sub(r"^\S+@\S+\s+\((.+)\)$", r"\1", meta["author"])
    return meta, content[m.end() :]


def _from_html(html: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page and its title, site name, author and date (trafilatura, no network)."""
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    if doc is None:
        return "", {}
    meta = {"title": doc.title, "source": doc.sitename, "author": doc.author, "published": doc.date}
    return doc.text or "", {k: v for k, v in meta.items() if v}


def _to_date(value: str | None) -> date | None:
    """An ISO 8601 (or any full) date string as a date."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
        return parsed.date() if parsed else None


# --- cleaning ---


def clean(raw: str, known: dict[str, str] | None = None) -> Cleaned:
    """Remove page boilerplate from an article body and read the metadata it states. `known` metadata (from
    front matter) helps recognise the masthead and the repeated headline; a known date is not searched for."""
    known = known or {}
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    lines = [kept for line in lines if line and (kept := _drop_teaser(line))]
    dateline = next((d for line in lines[:6] if (d := _dateline(line))), None)
    sites = _site_names(lines, [known.get("source"), dateline and dateline["outlet"]])
    lines, bio_author = _drop_bio(_drop_furniture(lines, sites))
    lines, labels = _take_labels(lines)
    headline, lead = _find_title(lines)
    lines = _drop_repeats(lines, {_norm(t) for t in (known.get("title"), headline) if t})
    text = "\n\n".join(lines)
    if not headline and lead:
        after_dateline = dateline and lead.startswith(dateline[0])
        headline = _shorten(lead[dateline.end() :] if after_dateline else lead)
    published, inferred = (None, False)
    if not _to_date(known.get("published")):
        published, inferred = _published(text, labels.get("date"), dateline)
    return Cleaned(
        text=text,
        title=headline,
        source=_source(lines, labels.get("source"), dateline),
        author=labels.get("author") or bio_author,
        published=published,
        published_inferred=inferred,
    )


def _furniture_kind(line: str) -> str | None:
    """Classify a short line without sentence punctuation: "furniture" (share, follow and comment widgets,
    navigation, ads, printf tokens, no letters or digits at all), "social" (only names social networks)."""
    if len(line) > 120 or _SENTENCE_END.search(line):
        return None
    words = line.split()
    text = _PRINTF.sub(" ", line)
    if not re.search(r"[^\W_]", text):
        return "furniture"
    tokens = re.findall(r"[^\W\d_]+", _PHRASE.sub(lambda m: f" {m.lastgroup} ", text.lower()))
    if len(words) <= 10 and all(t in _FURNITURE_WORDS or t in _SOCIAL or t in _FUNCTION_WORDS for t in tokens):
        if any(t in _FURNITURE_WORDS for t in tokens):
            return "furniture"
        if any(t in _SOCIAL for t in tokens):
            return "social"
    # A social network's icon name among a few words: "Abone Ol google-news" (subscribe, in any language).
    slugs = [part for slug in _SLUG.findall(line) for part in (slug.replace("-", ""), *slug.split("-"))]
    if len(words) <= 4 and any(part in _SOCIAL for part in slugs):
        return "furniture"
    return "furniture" if len(words) <= 12 and _CALL_TO_ACTION.search(line) else None


def _drop_furniture(lines: list[str], sites: set[str]) -> list[str]:
    """Remove furniture and masthead lines. A line that only names social networks goes when it sits next to
    other furniture (a share bar), and stays when it is a heading ("Twitter" above a paragraph)."""
    kinds = ["furniture" if len(line) <= 60 and _norm(line) in sites else _furniture_kind(line) for line in lines]

    def beside_furniture(i: int) -> bool:
        return any(kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(kinds))

    return [
        line
        for i, (line, kind) in enumerate(zip(lines, kinds, strict=True))
        if kind is None or (kind == "social" and not beside_furniture(i))
    ]


def _drop_repeats(lines: list[str], headlines: set[str]) -> list[str]:
    """Keep the first line that is a headline; drop every repeat of it."""
    kept: list[str] = []
    seen = False
    for line in lines:
        if len(line) <= 300 and _norm(line) in headlines:
            if seen:
                continue
            seen = True
        kept.append(line)
    return kept


def _drop_teaser(line: str) -> str:
    """Remove a related-story teaser (headline, timestamp, | section) from the start of a line."""
    m = _TEASER.match(line)
    return line[m.end() :].strip() if m else line


def _norm(text: str) -> str:
    """Letters and digits only, lowercased: 'Social News XYZ' and 'SocialNews.XYZ' compare equal."""
    return _NON_ALNUM.sub("", text.casefold())


def _site_names(lines: list[str], names: list[str | None]) -> set[str]:
    """Normalised names of the publishing site, to recognise a masthead line: the given names, and the domains
    of email addresses in the text (with and without their top-level domain)."""
    found = {_norm(n) for n in names if n}
    for line in lines:
        for name, tld in _EMAIL_DOMAIN.findall(line) if "@" in line else ():
            found |= {_norm(name), _norm(name + tld)}
    return found - {""}


def _drop_bio(lines: list[str]) -> tuple[list[str], str | None]:
    """Remove an author bio at the end ("About Gopi" + paragraphs with an email or "can be reached"); return
    the author's full name when the bio starts with it."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 10), -1):
        m = _ABOUT.fullmatch(lines[i])
        if m and any(_CONTACT.search(line) for line in lines[i + 1 :]):
            bio = lines[i + 1] if i + 1 < len(lines) else ""
            name = _LEADING_NAME.match(bio) if bio.startswith(m.group(1)) else None
            return lines[:i], name.group(0) if name else None
    return lines, None


def _name_like(value: str) -> bool:
    """A person's name (or a few names): capitalised words, no digits, no sentence."""
    words = value.replace(",", " ").split()
    capitalised = sum(w[0].isupper() for w in words)
    return (
        0 < len(words) <= 10
        and value[0].isupper()
        and not re.search(r"\d|[!?;:]", value)
        and not value.endswith(".")
        and capitalised * 2 >= len(words)
    )


def _take_labels(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Consume metadata lines ("Source: IANS", "Author: X", "By X", "Publication: 19.01.2024") near the start
    or the end of the article; a label that occurs more than once is content (a live blog's entries)."""
    found: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        if m := _LABEL.fullmatch(line):
            found.append((i, _LABEL_KIND.get(m.group("label").lower(), "date"), m.group("value")))
        elif (m := _BYLINE.fullmatch(line)) and _name_like(m.group("value")):
            found.append((i, "author", m.group("value")))
    kinds = [kind for _, kind, _ in found]
    labels: dict[str, str] = {}
    consumed: set[int] = set()
    for i, kind, value in found:
        if kinds.count(kind) > 1 or 4 <= i < len(lines) - 4:
            continue
        if kind == "date":
            parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
            if not parsed:
                continue
            value = parsed.date().isoformat()
        elif not (_name_like(value) if kind == "author" else len(value.split()) <= 6):
            continue
        labels[kind] = value
        consumed.add(i)
    return [line for i, line in enumerate(lines) if i not in consumed], labels


def _headline_like(line: str) -> bool:
    """A short line that reads as a headline: 3 to 20 words, capitalised, not ending like a sentence."""
    words = line.split()
    return 3 <= len(words) <= 20 and bool(re.match(r"[\"'‘“]?[A-Z0-9]", line)) and not re.search(r"[.,;:]$", line)


def _body_like(line: str) -> bool:
    """A paragraph of running text."""
    return len(line.split()) >= 8 and bool(_SENTENCE_END.search(line))


def _find_title(lines: list[str]) -> tuple[str | None, str | None]:
    """The headline (a headline-like line before the first paragraph) or, failing that, the lead paragraph."""
    for line in lines[:6]:
        if _body_like(line):
            return None, line
        if _headline_like(line):
            return line, None
    return None, next((line for line in lines if _body_like(line)), lines[0] if lines else None)


def _shorten(lead: str, limit: int = 15) -> str:
    """The lead's first sentence as a title, cut at a comma or after `limit` words with an ellipsis."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", lead.strip(), maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= limit:
        return sentence.rstrip(".")
    cut = max((i for i, w in enumerate(words[:limit]) if w.endswith(",")), default=-1)
    kept = words[: cut + 1] if cut >= 5 else words[:limit]
    return " ".join(kept).rstrip(",;:") + "…"


# --- metadata ---


def _dateline(line: str) -> re.Match[str] | None:
    """A dateline opening the lead: "Seoul, Jan 15 (SocialNews.XYZ) ..." or "WASHINGTON (AP) - ..."."""
    m = _DATELINE.match(line)
    if m and (m.group("month") or m.group("dash")):
        return m
    return None


def _source(lines: list[str], labelled: str | None, dateline: re.Match[str] | None) -> str | None:
    """Publisher and agency as the text states them: the dateline's outlet, a "Source:" line, a closing
    "(Agency)" signature."""
    names = [dateline.group("outlet") if dateline else None, labelled]
    if lines and (m := _SIGNATURE.search(lines[-1])):
        names.append(m.group("agency"))
    ordered: dict[str, str] = {}
    for name in names:
        if name:
            ordered.setdefault(_norm(name), name.strip())
    return "/".join(ordered.values()) or None


def _events(text: str) -> tuple[list[date], list[date]]:
    """Event days ("on Jan. 16, 2024": a day with its year, introduced by "on"), and every dated mention with a
    year, as its day or the 1st of its month ("October 2023"). A bare date, such as a photo caption's stamp,
    dates the photo rather than the news, so it does not count as an event day."""
    mentions = [m for m in find_dates(text, None) if not m.relative and m.month]
    days = [m.value for m in mentions if m.value and _ON.search(text[max(0, m.start - 4) : m.start])]
    return days, [m.value or date(*m.month, 1) for m in mentions]


def _published(text: str, labelled: str | None, dateline: re.Match[str] | None) -> tuple[date | None, bool]:
    """The publication date and whether it was inferred: a labelled date, else the dateline (which states the
    day; a missing year is the first that puts it on or after the latest dated mention), else, inferred, the
    latest event day the text names."""
    if labelled:
        return date.fromisoformat(labelled), False
    days, dated = _events(text)
    if dateline and dateline.group("month"):
        month, day = _MONTHS[dateline.group("month").lower()], int(dateline.group("day"))
        try:
            if dateline.group("year"):
                return date(int(dateline.group("year")), month, day), False
            if dated:
                latest = max(dated)
                stated = date(latest.year, month, day)
                return (stated if stated >= latest else date(latest.year + 1, month, day)), False
        except ValueError:  # e.g. Feb 29 in a year that has none
            pass
    return (max(days), True) if days else (None, False)
