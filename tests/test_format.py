from datetime import date

from qa.answer import Citation
from qa.format import citation_line, published_label


def cite(published, inferred=False, publisher="Yonhap"):
    return Citation(1, "001.txt", "Choe arrives", published, "quote", 0, 5, 0.5, publisher, inferred)


def test_dates_read_as_people_write_them():
    assert published_label(cite(date(2024, 1, 16))) == "16 January 2024"
    assert published_label(cite(date(2024, 1, 16), inferred=True)) == "16 January 2024 (inferred)"
    assert published_label(cite(None)) == "date unknown"


def test_a_citation_line_names_title_publisher_date_and_file():
    assert citation_line(cite(date(2024, 1, 5))) == "[1] Choe arrives — Yonhap, 5 January 2024 · 001.txt"
    assert "publisher unknown" in citation_line(cite(None, publisher=None))
