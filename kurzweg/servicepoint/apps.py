from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicePointConfig(AppConfig):
    name = "kurzweg.servicepoint"
    label = "servicepoint"
    verbose_name = _("Service point")

    def ready(self) -> None:
        from kurzweg.people.merging import register_person_rows

        from .models import Appointment, Visit

        register_person_rows(Visit, Appointment)

        from .timeline import register

        register()  # visits and appointments on the person's timeline (cases may not import us)
