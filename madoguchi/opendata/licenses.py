"""ライセンス — the licences a dataset may carry.

CC BY 4.0 is the default the government's open-data guidelines recommend; the 公共データ利用規約
(第1.0版, PDL 1.0) is the government's own terms, compatible with CC BY 4.0. ``id`` values are the
ones CKAN and data.go.jp use, so clients that know them recognise them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class License:
    id: str
    title: str
    url: str
    is_open: bool = True


LICENSES: tuple[License, ...] = (
    License(
        "CC-BY-4.0",
        _("クリエイティブ・コモンズ 表示 4.0 国際"),
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    License(
        "PDL-1.0",
        _("公共データ利用規約（第1.0版）"),
        "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    ),
)
DEFAULT_LICENSE_ID = "CC-BY-4.0"
LICENSE_CHOICES = [(item.id, item.title) for item in LICENSES]
_BY_ID = {item.id: item for item in LICENSES}


def license_by_id(license_id: str) -> License:
    return _BY_ID.get(license_id, _BY_ID[DEFAULT_LICENSE_ID])
