from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_role_edit_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="may_override_consent",
            field=models.BooleanField(
                default=False,
                verbose_name="may pass data by a referral without the person's consent (with a reason, audited)",
            ),
        ),
    ]
