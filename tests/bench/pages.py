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
    "account": lambda s: reverse("my_account"),
    "my_data": lambda s: reverse("my_data"),
    "export": lambda s: reverse("my_data_download"),
    "inactive": lambda s: reverse("people_to_deactivate"),
}
