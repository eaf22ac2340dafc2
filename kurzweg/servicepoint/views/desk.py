"""desk pages of the service point."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
