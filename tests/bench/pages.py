"""The measured pages: one line per page. Add every new page here.

Each entry maps a name to a function of the dataset's `Subjects` (see `dataset.py`) that
returns the URL to fetch, signed in as `subjects.user` (a coordinator of both networks).
The floor page is measured separately by `run.py`.
"""

from django.urls import reverse

PAGES = {
    "start": lambda s: reverse("home"),
    "network": lambda s: reverse("network_detail", kwargs={"code": s.network.code.lower()}),
    "meeting": lambda s: reverse("meeting_detail", kwargs={"pk": s.meeting.pk}),
    "contacts": lambda s: reverse("network_contacts", kwargs={"code": s.network.code.lower()}),
    "contacts csv": lambda s: reverse(
        "network_contacts_csv", kwargs={"code": s.network.code.lower()}
    ),
    "documents": lambda s: reverse("document_list", kwargs={"code": s.network.code.lower()}),
    "consultation": lambda s: _first_consultation(s).get_absolute_url(),
}


def _first_consultation(s):
    from meetings.models import Document

    return Document.objects.consultations().filter(network=s.network).order_by("pk").first()
