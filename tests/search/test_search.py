"""Search: what each person finds, the Swedish word forms, excerpts, and input it refuses."""

import pytest
from django.test import Client
from django.urls import reverse

from meetings.minutes import workflow as minutes
from meetings.models import MinutesVersion
from meetings.search import engine
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("search")


@pytest.fixture
def held(neh, coordinator):
    """A held NEH meeting with a published agenda and minutes about solar panels, and a
    draft (unpublished) entry mentioning them again in other words."""
    meeting = factories.make_meeting(neh, days_ahead=-10, theme_title="Energi i lokalerna")
    item = factories.make_agenda_item(
        meeting, position=1, title="Solceller på förskolor", description="Erfarenheter."
    )
    factories.publish_agenda(meeting)
    draft = minutes.save_draft(
        meeting,
        coordinator,
        "Mötet öppnades.",
        {item.pk: {"note": "Solcellerna på taket gav mer än väntat.", "outcome": "Noterat."}},
        seen_version=0,
    )
    MinutesVersion.objects.create(
        minutes=draft, number=1, content=minutes.content(meeting, draft), published_by=coordinator
    )
    minutes.save_draft(
        meeting,
        coordinator,
        "Mötet öppnades.",
        {item.pk: {"note": "Hemligt utkast om batterilager.", "outcome": "Noterat."}},
        seen_version=draft.version,
    )
    # A proposal nobody but the coordinators may read yet.
    factories.make_agenda_item(meeting, title="Förslag om batterilager i skolor")
    return meeting


def page(client, query: str):
    return client.get(URL, {"q": query})


def test_anonymous_is_sent_to_sign_in(client):
    response = page(client, "solceller")
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_header_has_a_search_box_for_the_signed_in(client_for):
    anonymous = Client().get(reverse("accessibility_statement")).content.decode()
    assert 'role="search"' not in anonymous
    html = client_for("staff").get(reverse("home")).content.decode()
    assert 'role="search"' in html and 'name="q"' in html and ">Sök</label>" in html


@pytest.mark.parametrize("query", ["solcell", "solceller", "solcellerna", "SOLCELLER"])
def test_word_forms_find_the_published_minutes_and_agenda(client_for, held, query):
    html = page(client_for("staff"), query).content.decode()
    assert reverse("minutes_detail", kwargs={"pk": held.pk}) in html
    assert "Solceller på förskolor" in html
    assert "<mark>" in html


def test_staff_never_finds_drafts(client_for, held):
    client = client_for("staff")
    for query in ("batterilager", "hemligt utkast"):
        html = page(client, query).content.decode()
        assert "Hemligt utkast" not in html and "Förslag om batterilager" not in html
        assert "Inget hittades" in html


@pytest.mark.parametrize("role", ["representative", "director", "substitute"])
def test_members_do_not_find_drafts_either(client_for, held, role):
    html = page(client_for(role), "batterilager").content.decode()
    assert "Hemligt utkast" not in html and "Förslag om batterilager" not in html
    assert "Inget hittades" in html


def test_coordinator_finds_the_networks_drafts_marked_as_such(client_for, held):
    html = page(client_for("coordinator"), "batterilager").content.decode()
    assert "Förslag om batterilager i skolor" in html
    assert reverse("minutes_edit", kwargs={"pk": held.pk}) in html
    assert "Utkast, inte publicerat" in html


def test_planned_meetings_only_for_their_coordinators(client_for, neh):
    factories.make_meeting(neh, status="planned", theme_title="Cirkulär upphandling")
    assert "Cirkulär upphandling" not in page(client_for("staff"), "upphandling").content.decode()
    html = page(client_for("coordinator"), "upphandling").content.decode()
    assert "Cirkulär upphandling" in html


def test_questions_only_for_those_who_may_see_them(client_for, neh, administration):
    factories.make_question(neh, administration, title="Hur delar vi laddstolpar?")
    assert "Hur delar vi" in page(client_for("director"), "laddstolpe").content.decode()
    assert "Hur delar vi" not in page(client_for("staff"), "laddstolpar").content.decode()


def test_documents_are_found(client_for, neh):
    document = factories.make_document(neh, title="Klimatplan 2030")
    html = page(client_for("staff"), "klimatplanen").content.decode()
    assert document.get_absolute_url() in html


def test_excerpts_escape_what_people_wrote(client_for, neh):
    factories.make_meeting(
        neh,
        days_ahead=-3,
        theme_title="Solceller <script>alert(1)</script>",
        theme_description='<img src=x onerror="alert(2)"> solceller',
    )
    html = page(client_for("staff"), "solceller").content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 10_000, "högst 200 tecken"),
        ("", "Skriv vad du vill söka efter."),
        ("   ", "Skriv vad du vill söka efter."),
        ("?!…—–*%&/()", "Skriv minst ett ord"),
        ("a\x00b", "tecken som inte går att söka på"),
    ],
)
def test_bad_queries_get_a_swedish_message(client_for, held, query, message):
    response = page(client_for("staff"), query)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "search-hits" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "\u202esolceller",
        "ＳＯＬＣＥＬＬ",
        "🌞 solceller",
        "solceller\u0301",
        "' OR 1=1 --",
        "%_\\",
        # Full-text syntax (FTS5 on SQLite, tsquery on PostgreSQL) is words, never operators.
        "solceller AND batterilager",
        "NEAR(solceller batterilager)",
        "solcell*",
        '"solceller',
        'sol"cell"er',
        "title:solceller",
        "{title description}: solceller",
        "^solceller OR -x NOT y",
        "solceller & !x | y:*",
        "ab",
        "x" * 200,
        " ".join(["solcellerna"] * 20),
    ],
)
@pytest.mark.parametrize("role", ["staff", "coordinator"])
def test_odd_unicode_and_sql_never_break_the_page(client_for, held, query, role):
    response = page(client_for(role), query)
    assert response.status_code in (200, 422)
    assert b"Traceback" not in response.content


def test_no_query_shows_just_the_form(client_for):
    response = client_for("staff").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html and "Resultat för" not in html


def test_highlighted_excerpt_marks_word_forms_and_escapes():
    excerpt = engine.highlighted("Om <b>solcellerna</b> & solceller.", ["solcell"])
    assert excerpt == "Om &lt;b&gt;<mark>solcellerna</mark>&lt;/b&gt; &amp; <mark>solceller</mark>."


def test_headline_markers_become_marks_and_the_rest_is_escaped():
    text = f"<i>x</i> {engine.START}solceller{engine.STOP}"
    assert engine.marked(text) == "&lt;i&gt;x&lt;/i&gt; <mark>solceller</mark>"


@pytest.mark.parametrize(
    ("word", "stem"),
    [("solcellerna", "solcell"), ("solceller", "solcell"), ("solcell", "solcell"), ("och", "och")],
)
def test_crude_stem(word, stem):
    assert engine.stem(word) == stem


def test_query_count_does_not_grow_with_hits(client_for, neh, django_assert_max_num_queries):
    for n in range(5):
        factories.make_meeting(neh, days_ahead=-5 - n, theme_title=f"Solceller {n}")
    client = client_for("staff")
    with django_assert_max_num_queries(12):
        html = page(client, "solceller").content.decode()
    assert html.count("<mark>") >= 5
