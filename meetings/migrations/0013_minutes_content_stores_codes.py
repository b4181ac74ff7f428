"""Published minutes stored display labels in the publisher's language ("Kommer", "Substitute",
"Öppen"); they now store codes and the labels are rendered for the reader. This rewrites the
versions already published: each role and answer label (Swedish or English, as they were
written) becomes its code, and the actions' stored label is dropped (their status code was
already there). The words of the minutes themselves are not touched."""

from django.db import migrations

# Label as once stored (Swedish, or English when published in English) -> code.
ROLES = {
    "Representant": "representative",
    "Representative": "representative",
    "Ersättare": "substitute",
    "Substitute": "substitute",
}
ANSWERS = {
    "Kommer": "coming",
    "Coming": "coming",
    "Kommer inte": "not_coming",
    "Not coming": "not_coming",
    "Ersättare kommer": "substitute_coming",
    "Substitute coming": "substitute_coming",
}
SWEDISH_ROLES = {"representative": "Representant", "substitute": "Ersättare"}
SWEDISH_ANSWERS = {
    "coming": "Kommer",
    "not_coming": "Kommer inte",
    "substitute_coming": "Ersättare kommer",
}
SWEDISH_STATUSES = {"open": "Öppen", "done": "Klar"}


def _rewrite(apps, roles: dict, answers: dict, statuses: dict | None) -> None:
    MinutesVersion = apps.get_model("meetings", "MinutesVersion")
    for version in MinutesVersion.objects.all().iterator():
        content = version.content
        for group in content.get("attendance", []):
            for person in group.get("people", []):
                person["role"] = roles.get(person.get("role", ""), person.get("role", ""))
                person["answer"] = answers.get(person.get("answer", ""), person.get("answer", ""))
        for action in content.get("actions", []):
            if statuses is None:
                action.pop("status_label", None)
            else:
                action["status_label"] = statuses.get(action.get("status", ""), "")
        # update(): published versions are frozen records with no history of their own.
        MinutesVersion.objects.filter(pk=version.pk).update(content=content)


def labels_to_codes(apps, schema_editor):
    _rewrite(apps, ROLES, ANSWERS, None)


def codes_to_swedish_labels(apps, schema_editor):
    _rewrite(apps, SWEDISH_ROLES, SWEDISH_ANSWERS, SWEDISH_STATUSES)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0012_versions_history_protect"),
    ]

    operations = [
        migrations.RunPython(labels_to_codes, codes_to_swedish_labels),
    ]
