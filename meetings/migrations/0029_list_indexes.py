import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0028_document_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agendaitem",
            name="goal",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agenda_items",
                to="meetings.goal",
                verbose_name="mål",
            ),
        ),
        migrations.AddIndex(
            model_name="agendaitem",
            index=models.Index(
                condition=models.Q(("goal__isnull", False)),
                fields=["goal"],
                name="agenda_item_goal",
            ),
        ),
        migrations.AddIndex(
            model_name="question",
            index=models.Index(fields=["raised_on"], name="question_raised_on"),
        ),
        migrations.AddIndex(
            model_name="themesuggestion",
            index=models.Index(
                models.F("network"),
                models.OrderBy(
                    django.db.models.functions.comparison.Coalesce("handled_at", "created_at"),
                    descending=True,
                ),
                name="theme_suggestion_handled",
            ),
        ),
    ]
