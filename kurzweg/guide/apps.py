from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "kurzweg.guide"
    label = "guide"
    verbose_name = _("Newcomer's guide")

    def ready(self) -> None:
        # The page cache's signal hooks: an edit made anywhere (a management command too) starts
        # a new content version at once, not only in processes that loaded the URLconf.
        from .views import pagecache  # noqa: F401
