"""Where resident records come from: the adapter named by ``MADOGUCHI_REGISTRY_ADAPTER``.

``local`` (the default) reads the reference tables in this app — the demo's fictional registry
and the sandbox for tests. A city connects its standard-compliant core system (住民記録システム,
基幹業務システム) by adding an adapter with the same interface (``base.RegistryAdapter``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from madoguchi.registry.adapters.base import RegistryAdapter

ADAPTERS = {"local": "madoguchi.registry.adapters.local.LocalRegistry"}


def get_adapter() -> RegistryAdapter:
    name = getattr(settings, "MADOGUCHI_REGISTRY_ADAPTER", "local")
    return import_string(ADAPTERS.get(name, name))()
