"""Interface words the renderers write: English here, other languages in scenarios/<lang>/_ui.yml (same keys).

A language's `_ui.yml` overrides any key below; `{audience}`, `{channel}`, `{audiences}`, `{total}` and
`{count}` are filled by the renderers. Keys a language lacks show in English; a key this table does
not have is an error in that file (macros/editions.py checks it).
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    "untranslated_note": "",
    "pdf_handbook": "Download the handbook (PDF, {pages} pages)",
    "pdf_quick_guide": "the quick guide (PDF, {pages} pages)",
    "channel.email": "Email",
    "channel.phone": "Phone call",
    "channel.voicemail": "Voicemail",
    "channel.text": "Text message",
    "channel.linkedin": "LinkedIn message",
    "audience.agency": "Agency recruiter",
    "audience.in-house": "In-house recruiter",
    "audience.hiring-manager": "Hiring manager",
    "timing.ahead": "Well ahead",
    "timing.short-notice": "Under 48 hours",
    "timing.same-day": "Same day",
    "timing.missed": "After a missed interview",
    "timing_short.ahead": "Ahead",
    "timing_short.short-notice": "Under 48 h",
    "timing_short.same-day": "Same day",
    "timing_short.missed": "Missed",
    "audience_phrase.agency": "an agency recruiter",
    "audience_phrase.in-house": "an in-house recruiter",
    "audience_phrase.hiring-manager": "the hiring manager",
    "or": " or ",
    "heading.phone": "Phone call to {audience}",
    "heading.voicemail": "Voicemail for {audience}",
    "heading.other": "{channel} to {audience}",
    "talking_points": "Talking points: say them in your own words.",
    "subject": "Subject:",
    "for_audiences": "For {audiences}:",
    "in_short": "In short",
    "jump_to_messages": "Jump to messages",
    "h.signals": "Is this you?",
    "h.should_you_go": "Should you still go?",
    "h.what_to_say": "What to say, and how much",
    "h.timing": "When to tell them",
    "h.do_and_dont": "Do and don't",
    "do": "Do",
    "dont": "Don't",
    "h.messages": "Messages you can send",
    "messages_intro": "Pick the tab that matches how much time is left. Words in [brackets] are blanks to fill in.",
    "h.related": "Read next",
    "library_intro": "{total} messages for {count} situations. "
    "Each one names its channel, who it is for and when to send it.",
    "h.contents": "Contents",
    "read_the_advice": "Read the advice for this situation",
    "library_empty": "No message matches all of these filters. Clear one or more of them to see more.",
    "channel_rule.ahead": "Two days or more: write, by email, so they have it on record. "
    "With an agency recruiter, a short call first is kind.",
    "channel_rule.short-notice": "Under 48 hours: call, or leave a voicemail, first. Then confirm in writing.",
    "channel_rule.same-day": "On the day: call now, or leave a voicemail. Then confirm in writing.",
    "channel_rule.missed": "After a missed interview: call today, or leave a voicemail. Then confirm in writing.",
}
