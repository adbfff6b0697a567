from django.urls import path

from madoguchi.records import views

app_name = "records"

urlpatterns = [
    path("staff/records/", views.home, name="home"),
    path("staff/records/search/", views.search, name="search"),
    path("staff/records/receipts/", views.receipts, name="receipts"),
    path("staff/records/files/new/", views.new_file, name="file_new"),
    path("staff/records/files/<int:file_id>/", views.file_detail, name="file"),
    path("staff/records/files/<int:file_id>/transfer.json", views.transfer_json, name="transfer_json"),
    path("staff/records/files/<int:file_id>/transfer.pdf", views.transfer_pdf, name="transfer_pdf"),
    path("staff/records/expiry/", views.expiry, name="expiry"),
    path("staff/records/expiry/dispose/", views.start_disposal, name="dispose"),
    path("staff/records/register/", views.disposal_register, name="register"),
]
