import gc

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Python looks for garbage cycles after every 700 new objects, and about every hundredth time it
# walks every object of the process. Kurzweg's processes keep large caches (folded names,
# prepared match records: hundreds of thousands of objects), and that walk paused a person
# search for 100 to 250 ms every few hundred requests (the p99 of bench/search_1m). Looking
# after every 50,000 new objects makes the full walks rare; cycles are still collected.
GC_THRESHOLDS = (50_000, 20, 100)


class CoreConfig(AppConfig):
    name = "kurzweg.core"
    label = "core"
    verbose_name = _("Agency")

    def ready(self) -> None:
        from . import lookups

        lookups.register()
        gc.set_threshold(*GC_THRESHOLDS)
