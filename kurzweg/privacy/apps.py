from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "kurzweg.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        # Each app's own privacy.py registers its part of exports, deletions and retention
        # (kurzweg/privacy/registry.py); what belongs to core (the audit log) is registered here.
        from . import builtin  # noqa: F401

        autodiscover_modules("privacy")
