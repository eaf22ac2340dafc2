from django.db import migrations, models


def grant_stewardship(apps, schema_editor):
    # Agencies made before this flag existed: their office leads review duplicates, and they get
    # the standard data steward role ("Datenpflege") that new agencies are made with.
    Role = apps.get_model("core", "Role")
    Agency = apps.get_model("core", "Agency")
    Role.objects.filter(code="lead").update(may_steward_data=True)
    for agency in Agency.objects.exclude(roles__code="steward"):
        Role.objects.create(
            agency=agency,
            code="steward",
            name="Datenpflege",
            may_register_persons=True,
            may_read_section=False,
            may_write_section=False,
            may_read_special_categories=False,
            may_record_consent=False,
            may_view_access_log=False,
            may_oversee_all=False,
            may_administer=False,
            may_steward_data=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_role_oversight"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="may_steward_data",
            field=models.BooleanField(default=False, verbose_name="may review duplicates and merge persons"),
        ),
        migrations.RunPython(grant_stewardship, migrations.RunPython.noop),
    ]
