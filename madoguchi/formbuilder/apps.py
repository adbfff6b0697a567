from django.apps import AppConfig


class FormBuilderConfig(AppConfig):
    """申請フォーム — forms as versioned data: definition, validation, rendering, staff editor."""

    name = "madoguchi.formbuilder"
    label = "formbuilder"
