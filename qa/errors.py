"""Errors a user can cause. Each message says what to do; the CLI and the chat show it instead of a traceback.

QAError
├── ConfigError      a setting has a value that cannot be used
├── QuestionError    the question is empty or too long
├── CorpusError      no articles to read (missing or empty folder)
└── StoreError       the index cannot be used and could not be rebuilt
"""


class QAError(Exception):
    """Base of every error the user can fix; its message says how."""


class ConfigError(QAError):
    """A setting cannot be used."""


class QuestionError(QAError):
    """The question cannot be answered as asked (empty or too long)."""


class CorpusError(QAError):
    """There are no articles to index."""


class StoreError(QAError):
    """The index cannot be used and was not rebuilt."""
