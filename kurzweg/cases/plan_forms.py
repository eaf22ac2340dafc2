"""Forms of the integration plan (kept apart from forms.py, which other parts of case management
use); rendered with KERN markup by the project's form renderer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Office, User

from .forms import DateInput
from .models import PlanGoal, PlanStep


class PlanForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("Kept by office"),
        queryset=Office.objects.none(),
        empty_label=None,
        help_text=_("The office that draws up the plan with the person and keeps it in its section."),
    )

    def __init__(self, *args: Any, offices: list[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(pk__in=[o.pk for o in offices])  # type: ignore[attr-defined]


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200, help_text=_("e.g. German B1, work as a nurse"))
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DateInput())


class StepForm(forms.Form):
    """A step, or the fields of it the user may change (`fields`: the others are left out)."""

    title = forms.CharField(
        label=_("Step"),
        max_length=200,
        help_text=_(
            "e.g. integration course A1 to B1. The offices the plan names read it: nothing about health or "
            "reasons for fleeing."
        ),
    )
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=PlanGoal.objects.none(), empty_label=None)
    office = forms.ModelChoiceField(
        label=_("Responsible office"),
        queryset=Office.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Leave empty when an outside partner alone is responsible."),
    )
    partner = forms.CharField(
        label=_("Outside partner"),
        max_length=200,
        required=False,
        help_text=_("e.g. Kita Sonnenschein, the recognition authority"),
    )
    owner = forms.ChoiceField(
        label=_("Owner"),
        required=False,
        help_text=_("A staff member of the responsible office (for a partner: of the office keeping the plan)."),
    )
    due_date = forms.DateField(label=_("Date"), widget=DateInput(), help_text=_("By when, or when it starts."))
    depends_on = forms.ModelChoiceField(
        label=_("After the step"),
        queryset=PlanStep.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("A step that has to be done first, e.g. the childcare place before the course."),
    )

    def __init__(
        self,
        *args: Any,
        goals: list[PlanGoal],
        offices: list[Office],
        owners: dict[Office, list[User]],
        steps: list[PlanStep],
        fields: tuple[str, ...] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = PlanGoal.objects.filter(pk__in=[g.pk for g in goals])  # type: ignore[attr-defined]
        self.fields["office"].queryset = Office.objects.filter(pk__in=[o.pk for o in offices])  # type: ignore[attr-defined]
        self.fields["depends_on"].queryset = PlanStep.objects.filter(pk__in=[s.pk for s in steps])  # type: ignore[attr-defined]
        # Owners grouped by their office, so that one finds the right person among many.
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(office.name, [(str(u.pk), str(u)) for u in users]) for office, users in owners.items() if users],
        ]
        self._owners = {str(u.pk): u for users in owners.values() for u in users}
        if fields is not None:
            for name in [n for n in self.fields if n not in fields]:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "office" in self.fields and not data.get("office") and not (data.get("partner") or "").strip():
            if "office" not in self.errors:
                self.add_error("office", _("Name the responsible office or an outside partner."))
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values as the services take them (the owner as a staff member)."""
        values = dict(self.cleaned_data)
        if "owner" in values:
            values["owner"] = self._owners.get(values["owner"] or "")
        return values


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, step: PlanStep, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(PlanStep.Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in step.next_statuses()]  # type: ignore[attr-defined]
