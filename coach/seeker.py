"""The job seeker: the one record every rule, read and screen is scoped to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seeker:
    """A job seeker and the settings every rule reads."""

    id: int
    name: str
    weekly_goal: int
    answer_window_days: int
    thank_you_days: int
    referral_loop_days: int
    keep_in_touch_days: int
    let_go_days: int
    red_min_people: int
    amber_min_people: int
    amber_min_orgs: int
    cadence: str
    archived: bool
    is_demo: bool

    @property
    def thresholds(self) -> dict[str, int]:
        """The sample-size warning settings, as keyword arguments of ``evidence.option_evidence``."""
        return {
            "red_min_people": self.red_min_people,
            "amber_min_people": self.amber_min_people,
            "amber_min_orgs": self.amber_min_orgs,
        }
