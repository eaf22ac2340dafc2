"""Staff pages of the guide (content editors), included at /content/ in kurzweg/urls.py."""

from django.urls import path

from .views import editor

app_name = "guide_staff"

urlpatterns = [
    path("", editor.overview, name="overview"),
    path("services/<slug:code>/<str:lang>/", editor.edit_text, name="edit"),
]
