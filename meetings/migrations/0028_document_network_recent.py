from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0027_outbox_fanout")]

    operations = [
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
