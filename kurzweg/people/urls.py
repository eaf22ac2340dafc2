from django.urls import path

from . import views, views_duplicates

app_name = "people"
urlpatterns = [
    path("persons/search/", views.search, name="search"),
    path("persons/new/", views.person_new, name="new"),
    path("persons/new/matches/", views.person_new_matches, name="new_matches"),
    path("persons/<uuid:person_id>/", views.person_file, name="file"),
    path("persons/<uuid:person_id>/edit/", views.person_edit, name="edit"),
    path("persons/<uuid:person_id>/sections/<slug:office_code>/", views.section, name="section"),
    path("persons/<uuid:person_id>/access-log/", views.access_log, name="access_log"),
    path("persons/<uuid:person_id>/consents/", views.consents, name="consents"),
    path(
        "persons/<uuid:person_id>/consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"
    ),
    path("duplicates/", views_duplicates.queue, name="duplicates"),
    path("duplicates/<int:suspicion_id>/", views_duplicates.pair, name="duplicate_pair"),
    path("duplicates/<int:suspicion_id>/merge/", views_duplicates.merge, name="duplicate_merge"),
    path("duplicates/<int:suspicion_id>/different/", views_duplicates.different, name="duplicate_different"),
    path("duplicates/merges/", views_duplicates.merges, name="merges"),
    path("duplicates/merges/<int:merge_id>/undo/", views_duplicates.undo, name="merge_undo"),
]
