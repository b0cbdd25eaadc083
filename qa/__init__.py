"""Cited question answering over news articles.

from qa import answer
a = answer("Who met Putin and when?")
a.text, a.citations
"""

from qa import config as _config  # noqa: F401 - first: switches every library offline before it is imported
from qa.answer import Answer, Citation
from qa.errors import QAError
from qa.evaluation import evaluate

# Imported after the `qa.answer` subpackage, so that the name `qa.answer` is the function, as documented.
from qa.pipeline import answer, build_index, stream  # noqa: I001

__all__ = ["Answer", "Citation", "QAError", "answer", "build_index", "evaluate", "stream"]
