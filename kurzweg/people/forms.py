"""Forms for finding and registering persons, section entries and consents."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Office

from .countries import is_valid_nationality, language_choices, nationality_choices
from .models import (
    AlternativeName,
    Consent,
    Identifier,
    Nationality,
    Person,
    SectionEntry,
    SpecialCategory,
    SpokenLanguage,
)
from .search import InvalidQuery, PersonQuery, parse_birth


class LazyChoiceField(forms.ChoiceField):
    """Choices computed in the language of the request, not at import time."""

    def __init__(self, choices_fn, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self._choices_fn = choices_fn
        super().__init__(*args, choices=(), **kwargs)

    def __deepcopy__(self, memo):  # type: ignore[no-untyped-def]
        result = super().__deepcopy__(memo)
        result.choices = [("", "—"), *self._choices_fn()]
        return result


class SearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Given or family name, any order, parts are enough."),
    )
    birth = forms.CharField(
        label=_("Birth date"), required=False, max_length=30, help_text=_("DD.MM.YYYY, MM.YYYY, YYYY or 1990-1995")
    )
    nationality = LazyChoiceField(nationality_choices, label=_("Nationality"), required=False)

    def clean_birth(self) -> Any:
        try:
            return parse_birth(self.cleaned_data["birth"])
        except InvalidQuery as error:
            raise forms.ValidationError(str(error)) from error

    def query(self) -> PersonQuery:
        data = self.cleaned_data
        return PersonQuery(name=data["name"], birth=data["birth"], nationality=data["nationality"])


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "given_names",
            "family_name",
            "given_names_original",
            "family_name_original",
            "birth_day",
            "birth_month",
            "birth_year",
            "sex",
            "place_of_birth",
            "country_of_birth",
            "phone",
            "email",
            "street",
            "postcode",
            "city",
            "household_relation",
        ]
        widgets = {
            "birth_day": forms.NumberInput(attrs={"min": 1, "max": 31, "inputmode": "numeric"}),
            "birth_month": forms.NumberInput(attrs={"min": 1, "max": 12, "inputmode": "numeric"}),
            "birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100, "inputmode": "numeric"}),
            "given_names_original": forms.TextInput(attrs={"dir": "auto"}),
            "family_name_original": forms.TextInput(attrs={"dir": "auto"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        help_texts = {
            "birth_day": _("Leave empty if unknown. Never enter 1 January as a placeholder."),
            "family_name": _("As in the passport. Leave empty if the person has none."),
        }

    country_of_birth = LazyChoiceField(nationality_choices, label=_("Country of birth"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, month, day = data.get("birth_year"), data.get("birth_month"), data.get("birth_day")
        if day and not month:
            self.add_error("birth_month", _("A day of birth needs a month."))
        if month and not year:
            self.add_error("birth_year", _("A month of birth needs a year."))
        if year and not 1900 <= year <= datetime.date.today().year:
            self.add_error("birth_year", _("Enter a year between 1900 and this year."))
        if year and month and day:
            try:
                datetime.date(year, month, day)
            except ValueError:
                self.add_error("birth_day", _("This date does not exist."))
        if not (data.get("given_names") or data.get("family_name")):
            raise forms.ValidationError(_("Enter at least a given name or a family name."))
        return data


class NationalityForm(forms.ModelForm):
    code = LazyChoiceField(nationality_choices, label=_("Nationality"), required=True)

    class Meta:
        model = Nationality
        fields = ["code"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not is_valid_nationality(code):
            raise forms.ValidationError(_("Unknown country code."))
        return code


class LanguageForm(forms.ModelForm):
    code = LazyChoiceField(language_choices, label=_("Language"), required=True)

    class Meta:
        model = SpokenLanguage
        fields = ["code", "level"]


def _formset(model, form=None, fields=None, extra=1):  # type: ignore[no-untyped-def]
    kwargs = {"form": form} if form else {"fields": fields}
    return inlineformset_factory(Person, model, extra=extra, can_delete=True, **kwargs)


NationalityFormSet = _formset(Nationality, form=NationalityForm, extra=2)
LanguageFormSet = _formset(SpokenLanguage, form=LanguageForm, extra=2)
AlternativeNameFormSet = _formset(AlternativeName, fields=["given_names", "family_name", "note"], extra=1)
IdentifierFormSet = _formset(Identifier, fields=["kind", "value", "issuing_country", "valid_until"], extra=2)

RELATED_FORMSETS = [
    ("nationalities", NationalityFormSet),
    ("languages", LanguageFormSet),
    ("alternative_names", AlternativeNameFormSet),
    ("identifiers", IdentifierFormSet),
]


class SectionEntryForm(forms.ModelForm):
    class Meta:
        model = SectionEntry
        fields = ["title", "text", "special_category"]

    def __init__(self, *args, may_special: bool, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if not may_special:
            self.fields["special_category"].choices = (  # type: ignore[attr-defined]
                [c for c in SpecialCategory.choices if c[0] == ""]
            )


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["section_office", "recipient_office", "covers_special_categories", "form"]

    def __init__(self, *args, agency_id: int, section_offices: list[Office], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        offices = Office.objects.filter(agency_id=agency_id)
        self.fields["section_office"].queryset = offices.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in section_offices]
        )
        self.fields["recipient_office"].queryset = offices.filter(has_section=True)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("section_office") and data.get("section_office") == data.get("recipient_office"):
            raise forms.ValidationError(_("An office does not need consent to read its own section."))
        return data


class DifferentPersonForm(forms.Form):
    """Registering although the search found a likely match: the user confirms having checked."""

    confirm_different = forms.BooleanField(
        label=_("I have checked: this is a different person"),
        required=True,
        error_messages={"required": _("Check the persons above. If none of them is this person, tick this box.")},
    )


class MergeForm(forms.Form):
    """Which of the two records survives a merge (the other one is merged into it)."""

    survivor = forms.ChoiceField(label=_("Which record is kept?"), widget=forms.RadioSelect)

    def __init__(self, *args, persons: tuple[Person, Person], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        older = min(persons, key=lambda p: (p.created_at, str(p.pk)))
        self.fields["survivor"].choices = [(str(p.pk), p.display_name) for p in persons]  # type: ignore[attr-defined]
        self.fields["survivor"].initial = str(older.pk)
        self.persons = {str(p.pk): p for p in persons}

    def survivor_and_merged(self) -> tuple[Person, Person]:
        survivor = self.persons[self.cleaned_data["survivor"]]
        merged = next(p for key, p in self.persons.items() if key != self.cleaned_data["survivor"])
        return survivor, merged
