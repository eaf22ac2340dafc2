from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ServiceText


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        help_text=_("What did not work for you, or which content do you need in an accessible form?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    page = forms.CharField(
        label=_("Which page is it about?"), required=False, max_length=300, help_text=_("For example its address.")
    )
    contact = forms.EmailField(
        label=_("Your e-mail address, if you would like an answer"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class ServiceTextForm(forms.ModelForm):
    class Meta:
        model = ServiceText
        fields = ["summary", "who_for", "documents", "fees", "status"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "who_for": forms.Textarea(attrs={"rows": 3}),
            "documents": forms.Textarea(attrs={"rows": 6}),
            "fees": forms.Textarea(attrs={"rows": 2}),
        }
