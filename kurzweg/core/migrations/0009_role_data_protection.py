from django.db import migrations, models


def grant_to_oversight(apps, schema_editor):
    # Existing agencies: whoever has data protection oversight today is their data protection
    # officer, so they keep being able to answer subject access and deletion requests.
    Role = apps.get_model("core", "Role")
    Role.objects.filter(may_oversee_all=True).update(may_handle_data_protection=True)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_role_override_consent"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="may_handle_data_protection",
            field=models.BooleanField(
                default=False,
                verbose_name="data protection: subject access exports, deletion requests and approvals",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("open_file", "opened the file"),
                    ("read_section", "read a section"),
                    ("denied", "was refused access"),
                    ("create", "created"),
                    ("update", "changed"),
                    ("delete", "deleted"),
                    ("search", "searched"),
                    ("read_access_log", "read the access log"),
                    ("sign_in", "signed in"),
                    ("export", "exported everything stored about the person"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(grant_to_oversight, migrations.RunPython.noop),
    ]
