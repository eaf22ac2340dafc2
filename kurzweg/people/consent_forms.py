"""The form for recording a consent per purpose (kept apart from forms.py, which another part of
the project owns; it replaces forms.ConsentForm)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Office
from kurzweg.languages import CHOICES as LANGUAGE_CHOICES

from .models import Consent


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConsentForm(forms.ModelForm):
    """Purpose "share_section" (the default) needs the office that may read; the other purposes
    need none. The end date is optional."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices, required=False)
    language = forms.ChoiceField(
        label=_("Language of the printout"),
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text=_("The person gets a printout of what they agreed to in this language."),
    )

    class Meta:
        model = Consent
        fields = [
            "purpose",
            "section_office",
            "recipient_office",
            "covers_special_categories",
            "form",
            "valid_until",
            "language",
        ]
        labels = {"section_office": _("Office asking for the consent (its section)")}
        help_texts = {
            "recipient_office": _("Only for sharing a section."),
            "valid_until": _("Optional: the last day the consent holds."),
        }
        widgets = {"valid_until": DateInput()}

    def __init__(self, *args, agency_id: int, section_offices: list[Office], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        offices = Office.objects.filter(agency_id=agency_id)
        self.fields["section_office"].queryset = offices.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in section_offices]
        )
        self.fields["recipient_office"].queryset = offices.filter(has_section=True)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["purpose"] = data.get("purpose") or Consent.Purpose.SHARE_SECTION
        if data["purpose"] == Consent.Purpose.SHARE_SECTION:
            if not data.get("recipient_office") and "recipient_office" not in self.errors:
                self.add_error("recipient_office", _("Choose the office that may read the section."))
            elif data.get("section_office") and data.get("section_office") == data.get("recipient_office"):
                raise forms.ValidationError(_("An office does not need consent to read its own section."))
        else:
            data["recipient_office"] = None
            data["covers_special_categories"] = False
        if data.get("valid_until") and data["valid_until"] < timezone.localdate():
            self.add_error("valid_until", _("The end date lies in the past."))
        return data

    def _post_clean(self) -> None:
        # The consent is made by services.record_consent, not by saving this form: skip the
        # model's own validation (the recipient is set to None for other purposes above).
        pass
