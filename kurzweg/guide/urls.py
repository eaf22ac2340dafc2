"""Addresses of the newcomer's guide: public pages under /guide/, no sign-in.

/guide/<agency>/<lang>/… — the agency (its short name) and the language are in every address,
so a link shared with a friend opens the same page in the same language."""

from django.urls import path, register_converter

from kurzweg.languages import NEWCOMER_LANGUAGES

from .views import accessibility, booking, finder, pages


class LanguageConverter:
    # Longest first, so that "de-ls" is not read as "de".
    regex = "|".join(sorted((lang.code for lang in NEWCOMER_LANGUAGES), key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")

app_name = "guide"

urlpatterns = [
    path("", pages.index, name="index"),
    path("<slug:agency>/", pages.agency_start, name="agency"),
    path("<slug:agency>/<lang:lang>/", pages.home, name="home"),
    path("<slug:agency>/<lang:lang>/services/<slug:code>/", pages.service_page, name="service"),
    path("<slug:agency>/<lang:lang>/finder/", finder.questions, name="finder"),
    path("<slug:agency>/<lang:lang>/finder/checklist/", finder.checklist, name="checklist"),
    path("<slug:agency>/<lang:lang>/way/", pages.way, name="way"),
    path("<slug:agency>/<lang:lang>/accessibility/", accessibility.statement, name="accessibility"),
    path("<slug:agency>/<lang:lang>/easy-read/", pages.easy_read, name="easy-read"),
]

# Online booking (views/booking.py): the booking's own addresses carry a signed token.
urlpatterns += [
    path("<slug:agency>/<lang:lang>/services/<slug:code>/book/", booking.book, name="book"),
    path("<slug:agency>/<lang:lang>/booking/<str:token>/", booking.confirmation, name="booking"),
    path("<slug:agency>/<lang:lang>/booking/<str:token>/appointment.ics", booking.calendar, name="booking-ics"),
    path("<slug:agency>/<lang:lang>/booking/<str:token>/cancel/", booking.cancel, name="booking-cancel"),
    path("<slug:agency>/<lang:lang>/booking/<str:token>/rebook/", booking.rebook, name="booking-rebook"),
]
