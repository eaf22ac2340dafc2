"""Addresses of case management. Persons appear by their random UUID only."""

from django.urls import URLPattern

app_name = "cases"

urlpatterns: list[URLPattern] = []
