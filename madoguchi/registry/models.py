"""住民記録 — a reference resident registry with the national standard record items.

In production the city's standard-compliant core system (基幹業務システム) is the source of
truth and is read through an adapter; these tables back the demo and the sandbox adapter.
Personal data here is read only through ``registry.selectors``, which writes an audit event.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Household(models.Model):
    """世帯."""

    household_code = models.CharField(_("世帯番号"), max_length=12, unique=True)
    postal_code = models.CharField(_("郵便番号"), max_length=7)
    address = models.CharField(_("住所"), max_length=200, help_text=_("都道府県から番地まで"))
    building = models.CharField(_("方書"), max_length=100, blank=True)
    town = models.CharField(_("町名"), max_length=50, db_index=True)

    class Meta:
        verbose_name = _("世帯")
        verbose_name_plural = _("世帯")

    def __str__(self) -> str:
        return self.household_code


class ResidentRecord(models.Model):
    """住民票 — one resident's record."""

    class Sex(models.TextChoices):
        MALE = "male", _("男")
        FEMALE = "female", _("女")

    resident_code = models.CharField(_("住民票コード"), max_length=11, unique=True)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    last_name = models.CharField(_("氏"), max_length=30)
    first_name = models.CharField(_("名"), max_length=30)
    last_name_kana = models.CharField(_("氏（フリガナ）"), max_length=60)
    first_name_kana = models.CharField(_("名（フリガナ）"), max_length=60)
    birth_date = models.DateField(_("生年月日"))
    sex = models.CharField(_("性別"), max_length=6, choices=Sex.choices)
    is_head = models.BooleanField(_("世帯主"), default=False)
    relationship = models.CharField(_("続柄"), max_length=20)
    became_resident_on = models.DateField(_("住民となった年月日"))
    previous_address = models.CharField(_("前住所"), max_length=200, blank=True)
    # 個人番号, sealed by core.crypto (never stored or logged in the clear). Read it only through
    # ``registry.selectors.my_number``, which records who read it and why.
    my_number_ciphertext = models.TextField(_("個人番号（暗号文）"), blank=True, editable=False)
    my_number_key_id = models.CharField(
        _("暗号鍵ID"), max_length=32, blank=True, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("住民記録")
        verbose_name_plural = _("住民記録")
        indexes = [models.Index(fields=["last_name_kana", "first_name_kana", "birth_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=models.Q(is_head=True), name="one_head_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"


class TransferOut(models.Model):
    """転出証明書情報 — a household moving in, as the municipality it leaves sent it ahead.

    With the マイナンバーカードによる転出・転入手続のワンストップ化, the municipality a household
    leaves sends the 転出証明書情報 to the planned new municipality through 住基ネット before the
    household arrives; the 転入届 at the counter then confirms it. These rows are that information
    as received here (the demo's sandbox; production reads it through the registry adapter). They
    are not residents of this city: nothing here is a 住民票 until the 転入届 is accepted.
    """

    notice_number = models.CharField(_("通知番号"), max_length=20, unique=True)
    from_municipality = models.CharField(_("転出元の市区町村"), max_length=50)
    previous_address = models.CharField(_("前住所"), max_length=200)
    planned_postal_code = models.CharField(_("転入予定地の郵便番号"), max_length=7)
    planned_address = models.CharField(_("転入予定地"), max_length=200)
    planned_building = models.CharField(_("転入予定地の方書"), max_length=100, blank=True)
    planned_move_date = models.DateField(_("転出予定年月日"))
    received_at = models.DateTimeField(_("受信日時"))

    class Meta:
        verbose_name = _("転出証明書情報")
        verbose_name_plural = _("転出証明書情報")

    def __str__(self) -> str:
        return self.notice_number


class TransferOutPerson(models.Model):
    """転出証明書情報の記載事項 — one person moving with the household (個人番号 is not carried)."""

    transfer_out = models.ForeignKey(TransferOut, on_delete=models.CASCADE, related_name="persons")
    # 住民票コード is nationwide (住基ネット): the same code stays with the person when they move.
    resident_code = models.CharField(_("住民票コード"), max_length=11, unique=True)
    last_name = models.CharField(_("氏"), max_length=30)
    first_name = models.CharField(_("名"), max_length=30)
    last_name_kana = models.CharField(_("氏（フリガナ）"), max_length=60)
    first_name_kana = models.CharField(_("名（フリガナ）"), max_length=60)
    birth_date = models.DateField(_("生年月日"))
    sex = models.CharField(_("性別"), max_length=6, choices=ResidentRecord.Sex.choices)
    is_head = models.BooleanField(_("世帯主"), default=False)
    relationship = models.CharField(_("続柄"), max_length=20)
    domicile = models.CharField(_("本籍"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("転出する方")
        verbose_name_plural = _("転出する方")
        indexes = [models.Index(fields=["last_name", "first_name", "birth_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["transfer_out"], condition=models.Q(is_head=True), name="one_head_per_transfer_out"
            )
        ]

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"
