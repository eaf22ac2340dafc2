from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("privacy/", views.overview, name="overview"),
    path("privacy/persons/<uuid:person_id>/", views.person, name="person"),
    path("privacy/persons/<uuid:person_id>/export/", views.export_person, name="export"),
    path("privacy/persons/<uuid:person_id>/deletion/", views.request_deletion, name="request_deletion"),
    path("privacy/deletions/<int:request_id>/", views.decide, name="decide"),
]
