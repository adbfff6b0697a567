from django.urls import path

from madoguchi.cases import staff_views, views

app_name = "cases"

urlpatterns = [
    path("apply/<slug:procedure_code>/", views.apply_start, name="apply"),
    path("apply/d/<uuid:draft_id>/", views.draft_resume, name="draft"),
    path("apply/d/<uuid:draft_id>/consent/", views.consent, name="consent"),
    path("apply/d/<uuid:draft_id>/step/<slug:step_key>/", views.step, name="step"),
    path("apply/d/<uuid:draft_id>/review/", views.review, name="review"),
    path("apply/bundle/<slug:life_event_code>/", views.bundle_start, name="bundle_start"),
    path("apply/b/<uuid:bundle_id>/", views.bundle, name="bundle"),
    path("my/", views.my_page, name="my_page"),
    path("my/disclosure.<str:fmt>", views.my_disclosure, name="my_disclosure"),
    path("my/<str:receipt_number>/", views.my_submission, name="my_submission"),
    path("status/<str:token>/", views.status_link, name="status_link"),
    path("my/<str:receipt_number>/done/", views.done, name="done"),
    path("my/<str:receipt_number>/pay/", views.pay, name="pay"),
    path("my/<str:receipt_number>/pdf/", views.my_submission_pdf, name="my_submission_pdf"),
    path("my/<str:receipt_number>/message/", views.my_message, name="my_message"),
    path(
        "my/<str:receipt_number>/attachments/<uuid:attachment_id>/", views.my_attachment, name="my_attachment"
    ),
    path("my/<str:receipt_number>/amend/<slug:step_key>/", views.amend, name="amend"),
    path("staff/counter/", staff_views.counter, name="staff_counter"),
    path("staff/counter/card/", staff_views.counter_card, name="staff_counter_card"),
    path("staff/counter/<str:resident_code>/", staff_views.counter_resident, name="staff_counter_resident"),
    path("staff/inbox/", staff_views.inbox, name="staff_inbox"),
    path("staff/inbox/export.csv", staff_views.inbox_export, name="staff_inbox_export"),
    path("staff/cases/<str:receipt_number>/", staff_views.case_detail, name="staff_case"),
    path("staff/cases/<str:receipt_number>/pdf/", staff_views.case_pdf, name="staff_case_pdf"),
    path(
        "staff/cases/<str:receipt_number>/attachments/<uuid:attachment_id>/",
        staff_views.case_attachment,
        name="staff_case_attachment",
    ),
    path("staff/cases/<str:receipt_number>/status/", staff_views.case_status, name="staff_case_status"),
    path(
        "staff/cases/<str:receipt_number>/correction/",
        staff_views.case_correction,
        name="staff_case_correction",
    ),
    path("staff/cases/<str:receipt_number>/assign/", staff_views.case_assign, name="staff_case_assign"),
    path("staff/cases/<str:receipt_number>/note/", staff_views.case_note, name="staff_case_note"),
    path("staff/cases/<str:receipt_number>/message/", staff_views.case_message, name="staff_case_message"),
    path("staff/cases/<str:receipt_number>/payment/", staff_views.case_payment, name="staff_case_payment"),
]
