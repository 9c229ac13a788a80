"""School terms on the DfE statistical boundaries (uk-domain.md §2)."""

from datetime import date

import pytest

from waymark.core.terms import Term, school_term

# Easter Sunday, as published: 31 March 2024, 20 April 2025, 5 April 2026, 28 March 2027.


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 8, 1), Term("Autumn term 2026", date(2026, 8, 1), date(2026, 12, 31))),
        (date(2026, 12, 31), Term("Autumn term 2026", date(2026, 8, 1), date(2026, 12, 31))),
        (date(2027, 1, 1), Term("Spring term 2027", date(2027, 1, 1), date(2027, 3, 28))),
        (date(2027, 3, 28), Term("Spring term 2027", date(2027, 1, 1), date(2027, 3, 28))),
        (date(2027, 3, 29), Term("Summer term 2027", date(2027, 3, 29), date(2027, 7, 31))),
        (date(2027, 7, 31), Term("Summer term 2027", date(2027, 3, 29), date(2027, 7, 31))),
        (date(2025, 4, 20), Term("Spring term 2025", date(2025, 1, 1), date(2025, 4, 20))),
        (date(2025, 4, 21), Term("Summer term 2025", date(2025, 4, 21), date(2025, 7, 31))),
        (date(2024, 3, 31), Term("Spring term 2024", date(2024, 1, 1), date(2024, 3, 31))),
        (date(2026, 4, 6), Term("Summer term 2026", date(2026, 4, 6), date(2026, 7, 31))),
    ],
)
def test_school_term_boundaries(day, expected):
    assert school_term(day) == expected


def test_school_term_unpacks_as_label_start_end():
    label, start, end = school_term(date(2026, 11, 25))

    assert (label, start, end) == ("Autumn term 2026", date(2026, 8, 1), date(2026, 12, 31))
    assert school_term(date(2026, 11, 25)).season == "autumn"


def test_every_day_of_a_school_year_is_in_exactly_one_term():
    day, seen = date(2026, 8, 1), []
    while day <= date(2027, 7, 31):
        term = school_term(day)
        assert term.start <= day <= term.end
        if not seen or seen[-1] != term:
            seen.append(term)
        day = date.fromordinal(day.toordinal() + 1)

    assert [t.label for t in seen] == ["Autumn term 2026", "Spring term 2027", "Summer term 2027"]
    assert all(b.start.toordinal() == a.end.toordinal() + 1 for a, b in zip(seen, seen[1:], strict=False))
