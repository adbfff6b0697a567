from django.urls import path

from madoguchi.approvals import views

app_name = "approvals"

urlpatterns = [
    path("staff/approvals/", views.inbox, name="inbox"),
    path("staff/approvals/new/", views.new_draft, name="new"),
    path("staff/approvals/from-case/<str:receipt_number>/", views.from_case, name="from_case"),
    path("staff/approvals/absences/", views.absences, name="absences"),
    path("staff/approvals/figures/", views.figures, name="figures"),
    path("staff/approvals/<int:draft_id>/", views.draft_detail, name="draft"),
    path("staff/approvals/<int:draft_id>/edit/", views.edit_draft, name="edit"),
    path("staff/approvals/<int:draft_id>/route/", views.route, name="route"),
    path("staff/approvals/<int:draft_id>/act/", views.act, name="act"),
    path("staff/approvals/<int:draft_id>/pdf/", views.draft_pdf, name="pdf"),
    path(
        "staff/approvals/<int:draft_id>/attachments/<uuid:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
]
