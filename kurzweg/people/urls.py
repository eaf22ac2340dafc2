from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("persons/search/", views.search, name="search"),
    path("persons/new/", views.person_new, name="new"),
    path("persons/<uuid:person_id>/", views.person_file, name="file"),
    path("persons/<uuid:person_id>/edit/", views.person_edit, name="edit"),
    path("persons/<uuid:person_id>/sections/<slug:office_code>/", views.section, name="section"),
    path("persons/<uuid:person_id>/access-log/", views.access_log, name="access_log"),
    path("persons/<uuid:person_id>/consents/", views.consents, name="consents"),
    path(
        "persons/<uuid:person_id>/consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"
    ),
]
