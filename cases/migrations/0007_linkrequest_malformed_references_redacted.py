"""Issue 19.6: what was typed as a reference and is not one (a name, most often) is no longer
kept. Requests stored before the shape was checked keep only its length, as new ones would have
been logged (cases.links). The shapes are copied here: a migration does not import the code."""

import re

from django.db import migrations

SHAPES = {
    "victim_to_case": re.compile(r"V-\d{4}-\d{4,9}"),  # victims.services: V-2026-0001
    "case_to_victim": re.compile(r"C-\d{4}-\d{3,9}"),  # cases.models: C-2026-001
}


def redact(apps, schema_editor):
    LinkRequest = apps.get_model("cases", "LinkRequest")
    for request in LinkRequest.objects.only("direction", "typed_reference").iterator():
        typed = request.typed_reference
        if SHAPES[request.direction].fullmatch(typed) is None:
            request.typed_reference = f"(not a reference: {len(typed)} characters)"
            request.save(update_fields=["typed_reference"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_verbose_names")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
