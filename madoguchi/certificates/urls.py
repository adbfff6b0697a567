from django.urls import path

from madoguchi.certificates import staff_views, views

app_name = "certificates"

urlpatterns = [
    path("certificates/ca.pem", views.ca_pem, name="ca_pem"),
    path("certificates/crl.der", views.crl_der, name="crl_der"),
    path("certificates/verify/", views.verify, name="verify"),
    path("certificates/v/<str:code>/", views.verify_code, name="verify_code"),
    path("my/certificates/", views.my_certificates, name="my_certificates"),
    path("my/certificates/request/", views.request_certificate, name="request"),
    path("my/certificates/<uuid:request_id>/", views.my_request, name="my_request"),
    path("my/certificates/<uuid:request_id>/pay/", views.pay, name="pay"),
    path("my/certificates/file/<uuid:certificate_id>/", views.download, name="download"),
    path("staff/certificates/", staff_views.certificate_list, name="staff_list"),
    path("staff/certificates/<str:code>/", staff_views.certificate_detail, name="staff_detail"),
]
