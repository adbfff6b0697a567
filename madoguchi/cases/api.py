"""JSON API v1: a resident's own submissions (session authentication, read-only)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import NotFound

from madoguchi.cases import selectors
from madoguchi.cases.models import StatusChange, Submission


class IsResident(permissions.BasePermission):
    message = "住民のアカウントでログインしてください。 / Sign in with a resident account."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and not request.user.is_staff_member)


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusChange
        fields = ["to_status", "reason", "at"]


class SubmissionSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Submission
        fields = [
            "receipt_number",
            "procedure_code",
            "procedure_title",
            "status",
            "status_label",
            "fee",
            "submitted_at",
            "due_on",
        ]


class SubmissionDetailSerializer(SubmissionSerializer):
    history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "answers", "history"]


@extend_schema(
    summary="List my submissions", description="The signed-in resident's submissions, newest first."
)
class MySubmissions(generics.ListAPIView):
    serializer_class = SubmissionSerializer
    permission_classes = [IsResident]

    def get_queryset(self):
        return selectors.submissions_of(self.request.user)


@extend_schema(summary="One of my submissions", description="With its answers and status history.")
class MySubmission(generics.RetrieveAPIView):
    serializer_class = SubmissionDetailSerializer
    permission_classes = [IsResident]

    def get_object(self) -> Submission:
        submission = selectors.submission_of(self.request.user, self.kwargs["receipt_number"])
        if submission is None:
            raise NotFound("申請が見つかりません。 / No such submission.")
        return submission
