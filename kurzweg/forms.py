from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    """Forms render with KERN UX markup (labels, hints, errors tied to their inputs)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
