"""The Clients screen's table of seekers, its name filter and who is archived: pure functions of the rows."""

from __future__ import annotations

from datetime import date

from coach.rules import overview
from coach.rules.overview import SeekerRow


def row(seeker_id: int, name: str, *, archived: bool = False, closed: int = 4) -> SeekerRow:
    return SeekerRow(
        seeker_id=seeker_id,
        name=name,
        archived=archived,
        last_activity=date(2026, 3, 2) if seeker_id == 1 else None,
        sent_this_week=3,
        goal=5,
        responded=1,
        closed=closed,
        meetings_this_month=2,
        overdue=1,
        red_decisions=0,
    )


ROWS = [row(1, "Maya Chen"), row(2, "Ana Lopez", archived=True, closed=0), row(3, "Omar Haddad")]


def test_the_table_says_each_number_in_words() -> None:
    table = overview.seeker_table(ROWS)
    assert list(table.columns) == [
        "id",
        "Client",
        "Last activity",
        "Requests this week",
        "Response rate",
        "Meetings this month",
        "Overdue",
        "Decided on red",
        "_archived",
    ]
    assert table.to_dict("records")[0] == {
        "id": 1,
        "Client": "Maya Chen",
        "Last activity": "2 Mar 2026",
        "Requests this week": "3 of 5",
        "Response rate": "1 of 4",
        "Meetings this month": 2,
        "Overdue": 1,
        "Decided on red": 0,
        "_archived": False,
    }
    ana = table.to_dict("records")[1]
    assert (ana["Client"], ana["Last activity"], ana["Response rate"]) == (
        "Ana Lopez (archived)",
        "—",
        "none closed",
    )


def test_the_filter_matches_part_of_a_name_and_leaves_the_archived_out_unless_asked() -> None:
    table = overview.seeker_table(ROWS)
    assert overview.filtered(table, "", archived=False)["id"].tolist() == [1, 3]
    assert overview.filtered(table, "", archived=True)["id"].tolist() == [1, 2, 3]
    assert overview.filtered(table, "CHEN", archived=False)["id"].tolist() == [1]  # case ignored
    assert overview.filtered(table, "lopez", archived=False).empty
    assert overview.filtered(table, "(archived)", archived=True)["id"].tolist() == [
        2
    ]  # the words, not a pattern
    assert overview.filtered(table, "a.", archived=True).empty


def test_is_archived_looks_the_seeker_up_by_id() -> None:
    table = overview.seeker_table(ROWS)
    assert [overview.is_archived(table, seeker_id) for seeker_id in (1, 2, 3)] == [False, True, False]
