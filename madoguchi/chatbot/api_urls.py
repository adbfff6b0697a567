"""Routes of the chatbot API, included under ``/api/v1/``."""

from django.urls import path

from madoguchi.chatbot.api import AskView

urlpatterns = [path("chatbot/ask", AskView.as_view(), name="api-chatbot-ask")]
