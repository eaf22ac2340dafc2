from django.db import migrations, models


def grant_content_editing(apps, schema_editor):
    # Agencies made before this flag existed: administrators and office leads edit the guide.
    apps.get_model("core", "Role").objects.filter(code__in=["admin", "lead"]).update(may_edit_content=True)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_role_service_point"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="may_edit_content",
            field=models.BooleanField(default=False, verbose_name="may edit the guide's texts"),
        ),
        migrations.RunPython(grant_content_editing, migrations.RunPython.noop),
    ]
