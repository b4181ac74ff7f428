"""Create NSH and NEH with the work areas of the assignment document, in its own words and order."""

from django.db import migrations

NETWORKS = [
    {
        "code": "NSH",
        "name": "Nätverk för social hållbarhet",
        "purpose": (
            "Ett nätverk för kontinuerlig dialog, gemensamt arbete och målstyrning avseende "
            "kommunövergripande frågor inom social hållbarhet."
        ),
        "work_areas": [
            "Implementering av CEMR-deklarationen och kommunens jämställdhetsintegrering",
            "Mänskliga rättigheter och rättighetsfrågor kopplade till diskrimineringsgrunderna",
            "Landsbygdsfrågor",
            "Samordning av kommunens samverkan med civilsamhället",
            "Folkhälsofrågor",
            "Nationella minoriteter",
            "Barnkonventionen, barnperspektiv",
            "Arbetet mot segregation",
        ],
    },
    {
        "code": "NEH",
        "name": "Nätverk för ekologisk hållbarhet",
        "purpose": (
            "Ett nätverk för kontinuerlig dialog, gemensamt arbete och målstyrning avseende "
            "kommunövergripande frågor inom ekologisk hållbarhet."
        ),
        "work_areas": [
            "Koldioxidmålet; klimat- och energifrågor (exempelvis handlingsplan för "
            "koldioxidneutralitet, framtagande av handlingsplan för solel, samt energi- och "
            "klimatprogram)",
            "Giftfri miljö",
            "Ny avfallsplan",
            "Klimatanpassning",
            "Miljökommunikation",
        ],
    },
]


def create_networks(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    WorkArea = apps.get_model("networks", "WorkArea")
    for spec in NETWORKS:
        network, created = Network.objects.get_or_create(
            code=spec["code"], defaults={"name": spec["name"], "purpose": spec["purpose"]}
        )
        if not created:
            continue
        WorkArea.objects.bulk_create(
            WorkArea(network=network, name=name, position=index)
            for index, name in enumerate(spec["work_areas"], start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(create_networks, migrations.RunPython.noop)]
