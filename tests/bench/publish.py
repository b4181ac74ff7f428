"""Publishing a theme, measured at two network sizes: the request records one fan-out in the
outbox and leaves the rest to the worker, so its cost must not grow with the recipients.

    python -m tests.bench.publish [--repeat N] [--sizes 4,40]

For each size (administrations in a network of its own, each with a representative and a
substitute) it publishes `repeat` planned meetings as the network's coordinator, through the
real view, the sizes taking turns, and reports the median CPU time (`time.process_time`) and
the SQL queries of the request; then the worker's share: expanding the fan-outs into one
outbox message per person (reading the audience, one bulk INSERT) and delivering them
(rendering each, to Django's dummy mail backend). Runs in a temporary SQLite database of its
own; `make bench` (tests/bench/run.py) runs the same measurement in its database and holds it
to the target below. Fails (exit 1) if the target is missed.

Target: the request's queries the same at every size, and its median CPU at the largest size
at most MAX_CPU_RATIO x that at the smallest.
"""

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time

MAX_CPU_RATIO = 1.3
NETWORK_NAME = "Publiceringsmätning"
_networks = itertools.count()


def _setup(directory: str) -> None:
    os.environ.setdefault("DEBUG", "1")
    os.environ["BENCH_DATABASE_URL"] = f"sqlite:///{directory}/bench-publish.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"
    import django

    django.setup()


def _network_of(size: int, coordinator):
    """A network of its own (whatever else the database holds) with `size` administrations,
    each with a representative and a substitute, coordinated by `coordinator`."""
    from representatives.models import Administration, Appointment, Network
    from tests import factories

    n = next(_networks)
    code = "PUB" + "".join("ABCDEFGHIJ"[int(digit)] for digit in f"{os.getpid() % 1000}{n}")
    network = Network.objects.create(code=code[:10], name=f"{NETWORK_NAME} {n}")
    network.coordinators.add(coordinator)
    for i in range(size):
        administration = Administration.objects.create(
            name=f"Mätförvaltning {code} {i}", short_name=f"{code}-{i}"
        )
        for role in (Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE):
            person = factories.make_user(f"{code.lower()}-{i}-{role}@bench.example.org")
            factories.make_appointment(person, administration, network, role)
    return network


def remove_networks() -> None:
    """Remove the measuring networks and all that was made for them (the bench's dataset
    assumes the migrations' networks only)."""
    from django.db import transaction

    from accounts.models import User
    from meetings.models import Meeting, OutboxFanout, OutboxMessage
    from representatives.models import Administration, Appointment, Network

    networks = Network.objects.filter(name__startswith=NETWORK_NAME)
    with transaction.atomic():
        people = list(
            User.objects.filter(appointments__network__in=networks).values_list("pk", flat=True)
        )
        people += list(networks.values_list("coordinators", flat=True))
        administrations = list(
            Administration.objects.filter(appointments__network__in=networks).values_list(
                "pk", flat=True
            )
        )
        OutboxMessage.objects.filter(network__in=networks).delete()
        OutboxFanout.objects.filter(network__in=networks).delete()
        Meeting.history.model.objects.filter(network_id__in=networks.values("pk")).delete()
        Meeting.objects.filter(network__in=networks).delete()
        Appointment.objects.filter(network__in=networks).delete()
        Administration.objects.filter(pk__in=administrations).delete()
        networks.delete()
        User.objects.filter(pk__in=[pk for pk in people if pk is not None]).delete()


def _publish(client, meeting) -> tuple[float, int]:
    """Publish the meeting's theme through the real view: (CPU ms, queries) of the request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("meeting_publish", args=[meeting.pk])
    with CaptureQueriesContext(connection) as captured:
        start = time.process_time()
        response = client.post(url, {"version": meeting.version})
        elapsed = (time.process_time() - start) * 1000
    assert response.status_code == 302, response.status_code
    return elapsed, len(captured)


def _worker(network) -> dict:
    """The worker's share for the network's publishings: expand, then deliver."""
    from meetings.models import OutboxFanout, OutboxMessage
    from meetings.outbox import delivery, fanout

    recorded = OutboxFanout.objects.filter(network=network)
    pending = list(recorded.pending().order_by("pk").values_list("pk", "batch"))
    start = time.process_time()
    batches = [batch for pk, batch in pending if fanout.expand(pk) is not None]
    expand_ms = (time.process_time() - start) * 1000
    messages = OutboxMessage.objects.filter(batch__in=batches).count()
    start = time.process_time()
    sent = 0
    for batch in batches:
        while count := delivery.deliver_due(batch=batch):
            sent += count
    deliver_ms = (time.process_time() - start) * 1000
    return {
        "fanouts": recorded.count(),
        "messages": messages,
        "sent": sent,
        "expand_ms_per_message": expand_ms / max(messages, 1),
        "deliver_ms_per_message": deliver_ms / max(sent, 1),
    }


def measure(sizes: list[int], repeat: int, client, coordinator) -> list[dict]:
    """Publish `repeat` themes (after one that warms the caches) in each size's network, the
    sizes taking turns, so a change in the machine's load hits them alike; then the worker."""
    from meetings.models import Meeting
    from tests import factories

    networks = {size: _network_of(size, coordinator) for size in sizes}
    planned = {
        size: [
            factories.make_meeting(
                network, days_ahead=40 + i, status=Meeting.Status.PLANNED, theme_title=f"Tema {i}"
            )
            for i in range(repeat + 1)
        ]
        for size, network in networks.items()
    }
    samples: dict[int, list[tuple[float, int]]] = {size: [] for size in sizes}
    for i in range(repeat + 1):
        for size in sizes:
            samples[size].append(_publish(client, planned[size][i]))
    results = []
    for size in sizes:
        measured = samples[size][1:]  # the first one warms caches
        results.append(
            {
                "size": size,
                "recipients": 2 * size,
                "request_ms": statistics.median(cpu for cpu, _queries in measured),
                "queries": sorted({queries for _cpu, queries in measured}),
                **_worker(networks[size]),
            }
        )
    return results


def run(sizes: list[int], repeat: int) -> list[dict]:
    """Measure the sizes in the database Django is set up with, in networks of their own,
    removed afterwards (anything else it holds stays)."""
    from django.conf import settings
    from django.test import Client, override_settings

    from tests import factories

    remove_networks()  # a run that stopped half-way
    try:
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        ):
            coordinator = factories.make_user(
                f"publicering-{os.getpid()}-{time.time_ns()}@bench.example.org", "Sam Samordnare"
            )
            client = Client()
            client.force_login(coordinator)
            return measure(sizes, repeat, client, coordinator)
    finally:
        remove_networks()


def report(results: list[dict]) -> list[str]:
    """Print the table; return the targets missed."""
    header = (
        "admins",
        "recipients",
        "request ms",
        "queries",
        "fan-outs",
        "expand ms/msg",
        "worker ms/msg",
    )
    print("".join(f"{name:>15}" for name in header))
    for r in results:
        row = (
            r["size"],
            r["recipients"],
            f"{r['request_ms']:.1f}",
            ",".join(map(str, r["queries"])),
            r["fanouts"],
            f"{r['expand_ms_per_message']:.2f}",
            f"{r['deliver_ms_per_message']:.2f}",
        )
        print("".join(f"{value:>15}" for value in row))
    failures = []
    if len({tuple(r["queries"]) for r in results}) != 1 or any(
        len(r["queries"]) != 1 for r in results
    ):
        failures.append("publishing: the request's queries differ between sizes")
    smallest, largest = results[0], results[-1]
    ratio = largest["request_ms"] / smallest["request_ms"]
    print(
        f"request CPU at {largest['size']} administrations: {ratio:.2f}x that at "
        f"{smallest['size']} (target at most {MAX_CPU_RATIO}x)"
    )
    if ratio > MAX_CPU_RATIO:
        failures.append(
            f"publishing: request CPU at {largest['size']} administrations is {ratio:.2f}x "
            f"that at {smallest['size']}, over {MAX_CPU_RATIO}x"
        )
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sizes", default="4,40")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        _setup(directory)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a fresh file
        results = run([int(s) for s in args.sizes.split(",")], args.repeat)
    failures = report(results)
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
