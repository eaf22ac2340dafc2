from django.db import migrations, models


def grant_service_point_rights(apps, schema_editor):
    # Agencies made before these flags existed get what new agencies are made with.
    Role = apps.get_model("core", "Role")
    Role.objects.filter(code__in=["reception", "lead"]).update(may_issue_tickets=True)
    Role.objects.filter(code__in=["lead", "admin"]).update(may_view_statistics=True)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_api_token"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="may_issue_tickets",
            field=models.BooleanField(default=False, verbose_name="may issue tickets at reception"),
        ),
        migrations.AddField(
            model_name="role",
            name="may_view_statistics",
            field=models.BooleanField(default=False, verbose_name="may see service point statistics and close the day"),
        ),
        migrations.RunPython(grant_service_point_rights, migrations.RunPython.noop),
    ]
