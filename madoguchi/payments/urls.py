from django.urls import path

from madoguchi.payments import staff_views, views
from madoguchi.payments.sandbox import views as sandbox

app_name = "payments"

urlpatterns = [
    path("payments/<uuid:payment_id>/return/", views.return_from_provider, name="return"),
    path("payments/<uuid:payment_id>/receipt.pdf", views.receipt_pdf, name="receipt"),
    path("payments/webhook/", views.webhook, name="webhook"),
    path("staff/payments/", staff_views.payment_list, name="staff_list"),
    path("staff/payments/reconciliation.csv", staff_views.reconciliation_csv, name="reconciliation"),
    path("staff/payments/<uuid:payment_id>/", staff_views.payment_detail, name="staff_detail"),
    path("sandbox-pay/api/v1/payments", sandbox.api_create, name="sandbox_api_create"),
    path("sandbox-pay/api/v1/payments/<str:payment_id>", sandbox.api_payment, name="sandbox_api_payment"),
    path(
        "sandbox-pay/api/v1/payments/<str:payment_id>/refunds", sandbox.api_refund, name="sandbox_api_refund"
    ),
    path("sandbox-pay/pay/<str:payment_id>/", sandbox.pay, name="sandbox_pay"),
    path("sandbox-pay/pay/<str:payment_id>/3ds/", sandbox.three_d_secure, name="sandbox_3ds"),
    path("sandbox-pay/pay/<str:payment_id>/qr/", sandbox.qr, name="sandbox_qr"),
    path("sandbox-pay/wallet/<str:payment_id>/", sandbox.wallet, name="sandbox_wallet"),
    path("sandbox-pay/console/", sandbox.console, name="sandbox_console"),
]
