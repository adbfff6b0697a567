"""Public JSON API v1 for the procedure catalogue (手続): read-only, no sign-in.

Outside developers, the chatbot and partner sites read the same published catalogue the HTML
pages show; field names are stable within v1.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from madoguchi.procedures.models import Procedure
from madoguchi.procedures.selectors import published_procedures


class DepartmentSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Department code, stable across years.")
    name = serializers.CharField(help_text="Name in Japanese.")
    name_en = serializers.CharField(help_text="Name in English (may be empty).")
    phone = serializers.CharField(help_text="Phone number, with extension.")


class CounterSerializer(serializers.Serializer):
    place = serializers.CharField(source="counter_place")
    place_en = serializers.CharField(source="counter_place_en")
    bring = serializers.CharField(source="counter_bring", help_text="What to bring, one item per line.")
    bring_en = serializers.CharField(source="counter_bring_en")
    hours = serializers.CharField(source="counter_hours")
    hours_en = serializers.CharField(source="counter_hours_en")


class ProcedureSerializer(serializers.ModelSerializer):
    department = DepartmentSerializer(read_only=True, help_text="The responsible department (担当課).")
    fee_rule = serializers.JSONField(
        help_text=(
            'Fee in integer yen: {"type": "free"}, {"type": "fixed", "amount": 300} or '
            '{"type": "per_unit", "unit_price": 300, "unit_field": "copies", "unit_label": "通", '
            '"unit_label_en": "copy"}.'
        )
    )
    applicant_types = serializers.ListField(
        child=serializers.ChoiceField(choices=["self", "agent", "corporation"]),
        help_text="Who may apply: the person concerned, an agent, a corporation.",
    )
    required_attachments = serializers.JSONField(
        help_text='Documents to attach: [{"name": "…", "name_en": "…", "required": true}].'
    )
    processing_days = serializers.IntegerField(
        allow_null=True,
        help_text="Standard processing period in business days after receipt; null for same-day or none.",
    )
    counter = serializers.SerializerMethodField(
        help_text="Where to go in person; null for online-only procedures."
    )
    online_form = serializers.SerializerMethodField(help_text="Whether the procedure can be started online.")
    url = serializers.SerializerMethodField(help_text="The procedure's page on the city's site.")

    class Meta:
        model = Procedure
        fields = [
            "code",
            "title",
            "title_en",
            "summary",
            "summary_en",
            "category",
            "department",
            "applicant_types",
            "sign_in_level",
            "fee_rule",
            "required_attachments",
            "processing_days",
            "channel",
            "counter",
            "legal_basis",
            "online_form",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(CounterSerializer(allow_null=True))
    def get_counter(self, procedure: Procedure) -> dict[str, Any] | None:
        return CounterSerializer(procedure).data if procedure.has_counter else None

    def get_online_form(self, procedure: Procedure) -> bool:
        return procedure.accepts_online_applications

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, procedure: Procedure) -> str:
        return self.context["request"].build_absolute_uri(reverse("procedures:detail", args=[procedure.code]))


class ProcedureFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    category = serializers.ChoiceField(choices=Procedure.Category.choices, required=False, allow_blank=True)


class PublicReadOnly:
    """The catalogue is public: no session, no CSRF, no sign-in."""

    authentication_classes: list = []
    permission_classes = [AllowAny]


@extend_schema(
    summary="List published procedures",
    description=(
        "The city's procedure catalogue, in display order. `q` matches every word against the "
        "title, summary and description in Japanese and English; `category` filters by category."
    ),
    parameters=[
        OpenApiParameter("q", str, description="Search words, separated by spaces."),
        OpenApiParameter("category", str, enum=Procedure.Category.values, description="Category code."),
    ],
    tags=["procedures"],
)
class ProcedureListView(PublicReadOnly, generics.ListAPIView):
    serializer_class = ProcedureSerializer

    def get_queryset(self) -> QuerySet[Procedure]:
        filters = ProcedureFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return published_procedures(
            q=filters.validated_data.get("q", ""), category=filters.validated_data.get("category", "")
        )


@extend_schema(
    summary="Get one published procedure",
    description="One procedure by its stable code. Unknown or unpublished codes return 404.",
    tags=["procedures"],
)
class ProcedureDetailView(PublicReadOnly, generics.RetrieveAPIView):
    serializer_class = ProcedureSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Procedure]:
        return published_procedures()
