from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicePointConfig(AppConfig):
    name = "kurzweg.servicepoint"
    label = "servicepoint"
    verbose_name = _("Service point")
