"""Addresses of the service point. Staff pages live under /servicepoint/; devices (kiosk, call
display) under /sp/<device key>/; the live ticket, reached by a visitor's phone without signing
in, under /t/<ticket token>/. Neither address carries personal data."""

from django.urls import include, path

from .views import desk, display, kiosk, reception, statistics, ticket

app_name = "servicepoint"

urlpatterns = [
    path("servicepoint/reception/", include(reception.urlpatterns)),
    path("servicepoint/desk/", include(desk.urlpatterns)),
    path("servicepoint/statistics/", include(statistics.urlpatterns)),
    path("sp/<str:key>/kiosk/", include(kiosk.urlpatterns)),
    path("sp/<str:key>/display/", include(display.urlpatterns)),
    path("t/<str:token>/", include(ticket.urlpatterns)),
]
