"""How an answer's citations read, the same in the terminal, the chat and the reports."""

from __future__ import annotations

from qa.answer import Citation


def published_label(c: Citation) -> str:
    """The citation's date as a person reads it: "16 January 2024", "(inferred)" when not stated, or "date unknown"."""
    if c.published is None:
        return "date unknown"
    day = f"{c.published.day} {c.published:%B %Y}"
    return f"{day} (inferred)" if c.published_inferred else day


def citation_line(c: Citation) -> str:
    """One line naming a citation: `[n] Title — Publisher, date · file`."""
    publisher = c.publisher or "publisher unknown"
    return f"[{c.n}] {c.title} — {publisher}, {published_label(c)} · {c.source}"
