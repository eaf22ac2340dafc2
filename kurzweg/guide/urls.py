"""Addresses of the newcomer's guide: public pages under /guide/, no sign-in."""

from django.urls import URLPattern

app_name = "guide"

urlpatterns: list[URLPattern] = []
