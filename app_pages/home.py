"""The weekly review: what a week brought against the one before, and what comes next."""

from coach.rules import metrics, weekly
from ui import chrome, data, derived
from ui.text import plain
from ui.weekly import (
    conversations_and_options,
    next_week,
    pick_week,
    reflection,
    waiting_and_answers,
    week_counts,
    week_heading,
)

seeker = chrome.require_seeker()
today = data.today()
week = pick_week(today)
chrome.title(f"{weekly.week_name(week, today)} · {plain(seeker.name)}")
review = derived.weekly_review(seeker, week, today)
upcoming = metrics.upcoming_meetings(data.meetings(seeker.id), as_of=review.last_day)
plan = derived.weekly_plan(seeker, week, today)

week_heading(seeker.id, review, today=today)
week_counts(review)
waiting_and_answers(review)
conversations_and_options(review, upcoming)
next_week(review, plan, let_go_days=seeker.let_go_days)
reflection(seeker.id, review.week)
