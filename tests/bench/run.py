"""`make bench`: build a large dataset in its own database and measure the key pages.

    python -m tests.bench.run [--repeat N] [--keep]

Steps: migrate the bench database and empty it, build a small dataset (1/20), count each page's
queries, grow the dataset to full size (about 40 administrations, 2,000 users, ten years of
meetings, 20,000 agenda items), then measure each page signed in with warm caches: median and
95th-percentile time over N requests, the number of SQL queries, and the p95 as a ratio to the
floor page (the base template, signed in, no queries of its own) measured in the same run.

Targets: a page's query count is the same at both sizes and at most MAX_QUERIES; its p95 is
within MAX_RATIO of the floor's. A broken query target fails the run (exit 1): query counts are
deterministic, so a failure is a real defect. The time target is reported in the table and only
fails the run with --strict (or BENCH_STRICT=1): times depend on the machine and its load, and a
benchmark that fails at random would soon be ignored.
"""

import argparse
import os
import statistics
import sys
import time

MAX_QUERIES = 12
# Pages allowed more, with why. The personal data export ("Mina uppgifter") is a download, not a
# page: it reads each table that holds something about the person once (one query per section
# registered in accounts/personal_data.py, two for a section over two tables), so its count is
# flat but grows with the number of sections, not with the data.
# The meeting page shows every part of a meeting, each read once: its documents are the 13th.
QUERY_ALLOWANCE = {"export": 20, "meeting": 13}


def max_queries(name: str) -> int:
    return QUERY_ALLOWANCE.get(name, MAX_QUERIES)


MAX_RATIO = 2.0
FLOOR = "floor"


def _setup() -> None:
    os.environ.setdefault("DEBUG", "1")  # loads the settings without production secrets
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"
    import django

    django.setup()


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, expected 200")
    return response


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client, url)  # warm up first, so one-off queries (e.g. caches) are not counted
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return len(captured)


def time_pages(client, urls: dict[str, str], repeat: int) -> dict[str, tuple[float, float]]:
    """Median and 95th percentile (nearest rank) in milliseconds per page, after warm-up.

    The pages take turns (floor, start, network, …, floor, start, …), so a change in the
    machine's load during the run hits every page alike and the ratios stay fair.
    """
    for _ in range(3):
        for url in urls.values():
            _get(client, url)
    samples: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(repeat):
        for name, url in urls.items():
            start = time.perf_counter()
            _get(client, url)
            samples[name].append((time.perf_counter() - start) * 1000)
    result = {}
    for name, values in samples.items():
        values.sort()
        p95 = values[min(len(values) - 1, max(0, round(0.95 * len(values)) - 1))]
        result[name] = (statistics.median(values), p95)
    return result


def urls(subjects) -> dict[str, str]:
    from django.urls import reverse

    from tests.bench.pages import PAGES

    return {FLOOR: reverse("bench_floor")} | {name: url(subjects) for name, url in PAGES.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", 50)))
    parser.add_argument(
        "--strict", action="store_true", default=bool(os.environ.get("BENCH_STRICT"))
    )
    args = parser.parse_args(argv)
    _setup()

    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from meetings.models import AgendaItem, Meeting
    from representatives.models import Administration
    from tests.bench import dataset

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    dataset.wipe()
    subjects = dataset.build(dataset.SMALL)
    small_urls = urls(subjects)
    small_client = _client(subjects.user)
    small_queries = {name: count_queries(small_client, u) for name, u in small_urls.items()}
    small_times = time_pages(small_client, small_urls, args.repeat)
    subjects = dataset.grow()
    print(
        f"Dataset: {Administration.objects.count()} administrations, "
        f"{User.objects.count()} users, {Meeting.objects.count()} meetings, "
        f"{AgendaItem.objects.count()} agenda items "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics after the bulk load, as autovacuum would
    full_urls = urls(subjects)
    assert full_urls == small_urls, "the measured objects changed while growing"

    client = _client(subjects.user)
    queries = {name: count_queries(client, url) for name, url in full_urls.items()}
    times = time_pages(client, full_urls, args.repeat)
    rows = [
        (name, url, small_queries[name], small_times[name][1], queries[name], *times[name])
        for name, url in full_urls.items()
    ]
    floor_p95 = rows[0][-1]

    failures = []
    print(
        f"\n{args.repeat} requests per page and size, signed in as a coordinator, warm caches; "
        "1/20 = the small dataset, 1x = the full one. "
        f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs."
    )
    header = (
        f"{'page':<10} {'queries 1/20':>12} {'queries 1x':>10} {'p95 ms 1/20':>11} "
        f"{'median ms':>9} {'p95 ms':>7} {'p95/floor':>9}  url"
    )
    print(header)
    print("-" * len(header))
    worst = (0.0, "")
    for name, url, small_queries, small_p95, queries, median, p95 in rows:
        ratio = p95 / floor_p95
        marks = []
        if small_queries != queries:
            marks.append("queries grow with data")
        if queries > max_queries(name):
            marks.append(f"more than {max_queries(name)} queries")
        if marks:
            failures.append(f"{name}: {', '.join(marks)}")
        if name != FLOOR:
            if ratio > MAX_RATIO:
                marks.append(f"p95 over {MAX_RATIO:g}x floor")
            worst = max(worst, (ratio, name))
        note = f"  << {'; '.join(marks)}" if marks else ""
        print(
            f"{name:<10} {small_queries:>12} {queries:>10} {small_p95:>11.2f} "
            f"{median:>9.2f} {p95:>7.2f} {ratio:>9.2f}  {url}{note}"
        )
    print()
    for failure in failures:
        print(f"FAIL {failure}")
    slow = worst[0] > MAX_RATIO
    if slow:
        verdict, why = ("FAIL", "") if args.strict else ("WARN", "; fails only with --strict")
        print(f"{verdict} {worst[1]} p95 is {worst[0]:.2f}x the floor (target {MAX_RATIO:g}x{why})")
    print(f"worst ratio: {worst[0]:.2f} ({worst[1]})")
    return 1 if failures or (slow and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
