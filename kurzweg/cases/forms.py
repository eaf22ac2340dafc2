"""Forms of case management; rendered with KERN markup by the project's form renderer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Office, User
from kurzweg.languages import CHOICES as LANGUAGE_CHOICES
from kurzweg.people.models import Consent

from .models import Case, Document, Referral, ResidenceStatus, Task


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _staff_choices(users: list[User]) -> list[tuple[str, str]]:
    return [(str(u.pk), str(u)) for u in users]


class CaseForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Subject"), max_length=200, help_text=_("e.g. application for benefits"))
    for_household = forms.BooleanField(label=_("Case for the whole household"), required=False)

    def __init__(self, *args: Any, offices: list[Office], has_household: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(pk__in=[o.pk for o in offices])  # type: ignore[attr-defined]
        if not has_household:
            del self.fields["for_household"]


class CaseChangeForm(forms.Form):
    """Move the case on: a new status (closing needs a reason) and/or another owner."""

    status = forms.ChoiceField(label=_("New status"), required=False)
    close_reason = forms.ChoiceField(
        label=_("Reason for closing"),
        required=False,
        choices=[("", "—"), *Case.CloseReason.choices],
        help_text=_("Needed when the case is closed."),
    )
    owner = forms.ChoiceField(label=_("Owner"))

    def __init__(self, *args: Any, case: Case, owners: list[User], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"owner": str(case.owner_id or "")})
        super().__init__(*args, **kwargs)
        labels = dict(Case.Status.choices)
        self.fields["status"].choices = [("", _("keep: %(status)s") % {"status": case.get_status_display()})] + [  # type: ignore[attr-defined]
            (s, labels[s]) for s in case.next_statuses()
        ]
        self.fields["owner"].choices = _staff_choices(owners)  # type: ignore[attr-defined]
        self._owners = {str(u.pk): u for u in owners}
        if case.is_closed:
            del self.fields["close_reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Case.Status.CLOSED and not data.get("close_reason"):
            self.add_error("close_reason", _("Give a reason for closing the case."))
        if data.get("close_reason") and data.get("status") != Case.Status.CLOSED:
            self.add_error("close_reason", _("A reason is given only when the case is closed."))
        return data

    @property
    def chosen_owner(self) -> User:
        return self._owners[self.cleaned_data["owner"]]


class ResidenceStatusForm(forms.ModelForm):
    class Meta:
        model = ResidenceStatus
        fields = ["kind", "legal_paragraph", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}
        help_texts = {"legal_paragraph": _("For a residence permit: e.g. § 25 Abs. 2 AufenthG")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ResidenceStatus.Kind.ERLAUBNIS and not data.get("legal_paragraph"):
            self.add_error("legal_paragraph", _("Give the legal paragraph of the residence permit."))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end lies before the start."))
        return data


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), empty_label=None)
    assignee = forms.ChoiceField(
        label=_("Assigned to"), required=False, help_text=_("Leave empty to put the task in the office's queue.")
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, offices: list[Office], assignees: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(pk__in=[o.pk for o in offices])  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [("", _("the office's queue")), *_staff_choices(assignees)]  # type: ignore[attr-defined]
        self._assignees = {str(u.pk): u for u in assignees}

    @property
    def chosen_assignee(self) -> User | None:
        return self._assignees.get(self.cleaned_data.get("assignee") or "")


class TaskAssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, *args: Any, task: Task, assignees: list[User], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"assignee": str(task.assignee_id or "")})
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("the office's queue")), *_staff_choices(assignees)]  # type: ignore[attr-defined]
        self._assignees = {str(u.pk): u for u in assignees}

    @property
    def chosen_assignee(self) -> User | None:
        return self._assignees.get(self.cleaned_data.get("assignee") or "")


class ReferralForm(forms.Form):
    """Refer a person: from which of the user's offices, to which office, why, and exactly which
    parts of the referring office's section are passed. When the person's consent is missing,
    the same form comes back with the consent step (record it now, or override)."""

    RECORD, OVERRIDE = "record", "override"

    from_office = forms.ModelChoiceField(label=_("From office"), queryset=Office.objects.none(), empty_label=None)
    to_office = forms.ModelChoiceField(label=_("To office"), queryset=Office.objects.none())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the other office should do, and why. Write what they need to know, not more."),
    )
    parts = forms.MultipleChoiceField(
        label=_("Data passed to the other office"),
        choices=Referral.Part.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_action = forms.ChoiceField(
        label=_("The person's consent"),
        required=False,
        choices=[
            (RECORD, _("The person agrees now: record the consent (signed form)")),
            (OVERRIDE, _("Pass the data without consent")),
        ],
        widget=forms.RadioSelect,
    )
    consent_form = forms.ChoiceField(label=_("Form of the consent"), choices=Consent.Form.choices, required=False)
    consent_valid_until = forms.DateField(label=_("Consent valid until"), required=False, widget=DateInput())
    consent_language = forms.ChoiceField(label=_("Language of the printout"), choices=LANGUAGE_CHOICES, required=False)
    override_reason = forms.CharField(
        label=_("Why the data is passed without consent"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, from_offices: list[Office], to_offices: list[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_office"].queryset = Office.objects.filter(pk__in=[o.pk for o in from_offices])  # type: ignore[attr-defined]
        self.fields["to_office"].queryset = Office.objects.filter(pk__in=[o.pk for o in to_offices])  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_office") and data.get("from_office") == data.get("to_office"):
            self.add_error("to_office", _("An office does not refer a person to itself."))
        if data.get("consent_action") == self.OVERRIDE and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Give the reason for passing data without consent."))
        if data.get("consent_action") == self.RECORD and not data.get("consent_form"):
            self.add_error("consent_form", _("Choose the form of the consent."))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG or PNG. The type is checked from the content, not from the name.")
    )
    office = forms.ModelChoiceField(label=_("Owning office"), queryset=Office.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Type of document"), choices=Document.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, offices: list[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(pk__in=[o.pk for o in offices])  # type: ignore[attr-defined]
