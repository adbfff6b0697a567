from django.urls import path

from madoguchi.chatbot import staff_views, views

app_name = "chatbot"

urlpatterns = [
    path("chatbot/", views.ask_page, name="ask"),
    path("chatbot/faqs/<slug:key>/", views.faq_detail, name="faq"),
    path("chatbot/flows/<slug:code>/", views.flow_page, name="flow"),
    path("chatbot/inquire/", views.inquire, name="inquire"),
    path("chatbot/inquiries/<str:token>/", views.inquiry_status, name="inquiry"),
    path("chatbot/feedback/", views.feedback, name="feedback"),
    path("chatbot/line/webhook/", views.line_webhook, name="line_webhook"),
    path("staff/chatbot/", staff_views.dashboard, name="staff_dashboard"),
    path("staff/chatbot/make-faq/", staff_views.make_faq, name="staff_make_faq"),
    path("staff/chatbot/add-variant/", staff_views.add_variant, name="staff_add_variant"),
    path("staff/chatbot/faqs/", staff_views.faq_list, name="staff_faqs"),
    path("staff/chatbot/faqs/new/", staff_views.faq_edit, name="staff_faq_new"),
    path("staff/chatbot/faqs/<slug:key>/", staff_views.faq_edit, name="staff_faq"),
    path("staff/chatbot/inquiries/", staff_views.inquiry_list, name="staff_inquiries"),
    path("staff/chatbot/inquiries/<int:pk>/", staff_views.inquiry_detail, name="staff_inquiry"),
    path("staff/chatbot/flows/", staff_views.flow_list, name="staff_flows"),
    path("staff/chatbot/flows/new/", staff_views.flow_edit, name="staff_flow_new"),
    path("staff/chatbot/flows/<slug:code>/", staff_views.flow_edit, name="staff_flow"),
]
