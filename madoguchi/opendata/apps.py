from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """オープンデータ — the dataset catalogue, CKAN Action API, DCAT-AP and the datastore."""

    name = "madoguchi.opendata"
    label = "opendata"
