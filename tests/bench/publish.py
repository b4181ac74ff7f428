"""Publishing a theme, measured at two network sizes: the request records the messages in the
outbox and leaves the sending to the worker, so its queries must not grow with the recipients.

    python -m tests.bench.publish [--repeat N] [--sizes 4,40]

For each size (administrations in NEH, each with a representative and a substitute) it
publishes `repeat` planned meetings as the coordinator, through the real view, and reports the
median CPU time (`time.process_time`) and the SQL queries of the request; then the worker's
delivery of those messages (to Django's dummy mail backend), which is where the per-recipient
sending and rendering now happen (the calendar notices are rendered by the worker,
`outbox.record_later`). What still grows in the request is reading the audience and
inserting one small row per recipient. Runs in a temporary SQLite database of
its own. Fails (exit 1) if the request's queries differ between the sizes.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time


def _setup(directory: str) -> None:
    os.environ.setdefault("DEBUG", "1")
    os.environ["BENCH_DATABASE_URL"] = f"sqlite:///{directory}/bench-publish.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"
    import django

    django.setup()


def _network_of(size: int):
    from meetings.models import Meeting, OutboxMessage
    from representatives.models import Administration, Appointment, Network
    from tests import factories

    Appointment.objects.all().delete()
    Meeting.objects.all().delete()
    OutboxMessage.objects.all().delete()
    Administration.objects.all().delete()
    neh = Network.objects.get(code="NEH")
    for _ in range(size):
        administration = factories.make_administration()
        for role in (Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE):
            factories.make_appointment(factories.make_user(), administration, neh, role)
    return neh


def measure(size: int, repeat: int, client) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from meetings.models import Meeting, OutboxMessage
    from meetings.outbox import delivery
    from tests import factories

    neh = _network_of(size)
    meetings = [
        factories.make_meeting(
            neh, days_ahead=40 + i, status=Meeting.Status.PLANNED, theme_title=f"Tema {i}"
        )
        for i in range(repeat + 1)
    ]
    cpu, queries = [], []
    for meeting in meetings:
        url = reverse("meeting_publish", args=[meeting.pk])
        with CaptureQueriesContext(connection) as captured:
            start = time.process_time()
            response = client.post(url, {"version": meeting.version})
            elapsed = (time.process_time() - start) * 1000
        assert response.status_code == 302, response.status_code
        cpu.append(elapsed)
        # SQLite takes at most 999 parameters a statement, so Django splits the outbox's one
        # bulk INSERT into batches of about 45 rows; PostgreSQL runs it as one.
        inserts = sum(
            'INTO "meetings_outboxmessage"' in query["sql"] for query in captured.captured_queries
        )
        queries.append((len(captured) - inserts, inserts))
    cpu, queries = cpu[1:], queries[1:]  # the first one warms caches
    recorded = OutboxMessage.objects.count()
    start = time.process_time()
    sent = 0
    while batch := delivery.deliver_due():
        sent += batch
    deliver_ms = (time.process_time() - start) * 1000
    return {
        "size": size,
        "recipients": 2 * size,
        "request_ms": statistics.median(cpu),
        "queries": sorted({other for other, _inserts in queries}),
        "insert_batches": max(inserts for _other, inserts in queries),
        "recorded": recorded,
        "sent": sent,
        "deliver_ms_per_message": deliver_ms / max(sent, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="4,40")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        _setup(directory)
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client, override_settings

        from tests import factories

        call_command("migrate", verbosity=0)  # a fresh file: the networks the migrations seed
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        ):
            coordinator = factories.make_user("samordnare@example.org", "Sam Samordnare")
            factories.network("NEH").coordinators.add(coordinator)
            client = Client()
            client.force_login(coordinator)
            results = [measure(int(s), args.repeat, client) for s in args.sizes.split(",")]
    header = ("admins", "recipients", "request ms", "queries", "+outbox inserts", "worker ms/msg")
    print("".join(f"{name:>16}" for name in header))
    for r in results:
        row = (
            r["size"],
            r["recipients"],
            f"{r['request_ms']:.1f}",
            ",".join(map(str, r["queries"])),
            r["insert_batches"],
            f"{r['deliver_ms_per_message']:.2f}",
        )
        print("".join(f"{value:>16}" for value in row))
    flat = len({tuple(r["queries"]) for r in results}) == 1
    print("queries (besides the outbox's bulk insert) independent of recipients:", flat)
    return 0 if flat else 1


if __name__ == "__main__":
    sys.exit(main())
