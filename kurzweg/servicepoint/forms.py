"""Forms of the reception and the kiosk."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import User
from kurzweg.languages import CHOICES as LANGUAGE_CHOICES
from kurzweg.people.access import persons_for
from kurzweg.people.models import Person

from .models import Service, ServicePoint

AUTOMATIC = "auto"

# ISO 639-3 codes of the person's spoken languages (people.SpokenLanguage) → our newcomer
# languages. Dari (prs) is read in Persian script; Persian is the closest we have.
ISO_639_3 = {
    "deu": "de",
    "eng": "en",
    "ara": "ar",
    "fas": "fa",
    "prs": "fa",
    "ukr": "uk",
    "rus": "ru",
    "ron": "ro",
    "bul": "bg",
    "pol": "pl",
    "hun": "hu",
    "tur": "tr",
}


def walk_in_services(service_point: ServicePoint) -> QuerySet[Service]:
    """What a visitor can come for without an appointment, in catalogue order, with the names
    in other languages prefetched (Service.name_in)."""
    return (
        Service.objects.filter(agency_id=service_point.agency_id, active=True, walk_in=True)
        .select_related("office")
        .prefetch_related("names")
        .order_by("office__name", "position", "name")
    )


def by_office(services: Any) -> list[tuple[Any, list[Service]]]:
    groups: dict[int, tuple[Any, list[Service]]] = {}
    for service in services:
        groups.setdefault(service.office_id, (service.office, []))[1].append(service)
    return list(groups.values())


def ticket_language(person: Person | None) -> str:
    """The person's first spoken language that is one of ours (in the order recorded, leaving
    out languages they do not know); German otherwise."""
    if person is not None:
        for spoken in sorted(person.languages.all(), key=lambda spoken: spoken.pk):  # prefetched by callers
            if spoken.level != "none" and spoken.code in ISO_639_3:
                return ISO_639_3[spoken.code]
    return "de"


class TicketForm(forms.Form):
    """Reception: who (a person found, or an anonymous walk-in's first name), what for, and
    the language of the ticket."""

    person = forms.UUIDField(required=False, widget=forms.HiddenInput)
    nonce = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)  # see kiosk.issue_once
    first_name = forms.CharField(
        label=_("First name"),
        required=False,
        max_length=100,
        help_text=_("For a visitor who is not registered or does not want to be: a first name is enough."),
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Concerns"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one concern.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the ticket"),
        initial=AUTOMATIC,
        choices=[(AUTOMATIC, _("The person's language (German if unknown)")), *LANGUAGE_CHOICES],
    )

    def __init__(self, *args: Any, user: User, service_point: ServicePoint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["services"].queryset = walk_in_services(service_point)  # type: ignore[attr-defined]

    def clean_person(self) -> Person | None:
        person_id = self.cleaned_data.get("person")
        if person_id is None:
            return None
        person = persons_for(self.user).filter(pk=person_id).first()
        if person is None:
            raise forms.ValidationError(_("This person is not known (any more). Search again."))
        return person

    def clean_first_name(self) -> str:
        return str(self.cleaned_data.get("first_name") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors.get("person") and data.get("person") is None and not data.get("first_name"):
            raise forms.ValidationError(
                _("Choose the person from the search results, or enter a first name for a visitor without a record.")
            )
        if data.get("person") is not None:
            data["first_name"] = ""  # a registered person is known by their record
        if data.get("language") == AUTOMATIC:
            data["language"] = ticket_language(data.get("person"))
        return data


class ServicePointForm(forms.Form):
    service_point = forms.ModelChoiceField(label=_("Service point"), queryset=ServicePoint.objects.none())

    def __init__(self, *args: Any, agency_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_point"].queryset = ServicePoint.objects.filter(agency_id=agency_id)  # type: ignore[attr-defined]


class AddConcernForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Add a concern"), queryset=Service.objects.none())

    def __init__(self, *args: Any, service_point: ServicePoint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(  # type: ignore[attr-defined]
            agency_id=service_point.agency_id, active=True
        ).select_related("office")


class KioskConcernsForm(forms.Form):
    """Kiosk: the concerns chosen on the touch tiles. `nonce` makes a double tap issue one
    ticket (see views/kiosk.py)."""

    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.none(),
        error_messages={"required": _("Please choose at least one concern.")},
    )
    nonce = forms.CharField(max_length=200)

    def __init__(self, *args: Any, service_point: ServicePoint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = walk_in_services(service_point)  # type: ignore[attr-defined]
