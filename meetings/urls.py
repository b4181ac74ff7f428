"""Every feature's URLs; config/urls.py includes this module once.

Paths and names are the features' own (see each `urls.py`); no two features share a path, so
the order below is only for reading.
"""

from django.urls import include, path

FEATURES = [
    "pages",
    "calendar",
    "coordination",
    "agenda",
    "participation",
    "reports",
    "wishes",
    "evaluations",
    "documents",
    "report_back",
    "minutes",
    "questions",
    "goals",
    "history",
    "outbox",
    "search",
    "reminders",
]

urlpatterns = [path("", include(f"meetings.{feature}.urls")) for feature in FEATURES]
