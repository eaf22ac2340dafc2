from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "kurzweg.cases"
    label = "cases"
    verbose_name = _("Case management")

    def ready(self) -> None:
        from kurzweg.people.merging import register_person_rows

        from .models import Case, Document, Referral, ResidenceStatus, Task

        register_person_rows(Case, ResidenceStatus, Task, Referral, Document)
