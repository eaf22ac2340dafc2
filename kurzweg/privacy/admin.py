"""Retention periods in the administration: an agency sets its own period per kind of record;
without one the rule's default applies (docs/operations.md lists the defaults)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kurzweg.core.admin import AgencyScopedAdmin, site

from . import registry
from .models import RetentionPeriod


class RetentionPeriodForm(forms.ModelForm):
    agency_id: int = 0  # set per request by the admin below

    class Meta:
        model = RetentionPeriod
        fields = ("kind", "days", "active", "note")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            label=RetentionPeriod._meta.get_field("kind").verbose_name,
            choices=[(r.kind, r.label) for r in registry.rules()],
        )

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        taken = RetentionPeriod.objects.filter(agency_id=self.agency_id, kind=kind).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This kind of record has a period already."))
        return kind


@admin.register(RetentionPeriod, site=site)
class RetentionPeriodAdmin(AgencyScopedAdmin):
    form = RetentionPeriodForm
    list_display = ("__str__", "days", "active", "note")

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"agency_id": request.user.agency_id})
