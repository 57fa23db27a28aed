"""Due: what to do now, what matters most first, what is coming up, and etiquette notes."""

from coach.rules import followups, metrics
from ui import chrome, data, derived
from ui.due import coming_up, conversations_and_action, due_line, items_to_do, just_done, let_go_line
from ui.text import plain

seeker = chrome.require_seeker()
chrome.title(f"Due · {plain(seeker.name)}")
today = data.today()
cadence = followups.Cadence.from_seeker(seeker)
listed = derived.due_list(seeker, today)
coming = derived.upcoming_items(seeker, today, 7)
upcoming = metrics.upcoming_meetings(data.meetings(seeker.id), as_of=today)
notes = derived.etiquette_flags(seeker, today)

due_line(listed.items, today=today, cadence=cadence)
just_done(seeker.id)
let_go_line(listed.let_go, let_go_days=seeker.let_go_days, key="due_let_go")
items_to_do(seeker.id, listed.items, today=today)
coming_up(coming)
conversations_and_action(seeker.id, upcoming, notes, today=today)
