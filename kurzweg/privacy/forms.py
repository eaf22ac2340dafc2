from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DeletionRequest


class DeletionRequestForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground for deletion"), choices=DeletionRequest.Ground.choices)
    note = forms.CharField(
        label=_("Note for the approver"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you checked, e.g. that no retention duty applies. Deleted when the request is decided."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked that no law requires keeping these records (Art. 17(3) GDPR)."), required=True
    )
