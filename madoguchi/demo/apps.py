from django.apps import AppConfig


class DemoConfig(AppConfig):
    """デモ — realistic fictional Ryugasaki data and the one-command demo server."""

    name = "madoguchi.demo"
    label = "demo"
