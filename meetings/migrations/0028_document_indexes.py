from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0027_outbox_fanout")]

    operations = [
        # Only sent responses: the NULLs of the unanswered made the index look useless.
        migrations.RemoveIndex(
            model_name="consultationresponse", name="consultation_response_sent"
        ),
        migrations.AddIndex(
            model_name="consultationresponse",
            index=models.Index(
                condition=models.Q(("sent_at__isnull", False)),
                fields=["sent_at"],
                name="consultation_response_sent",
            ),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                models.F("network"),
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="document_network_recent",
            ),
        ),
    ]
