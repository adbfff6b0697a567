from django.apps import AppConfig


class ChatbotConfig(AppConfig):
    """チャットボット — FAQ answers on the web, the API and LINE, with escalation to staff."""

    name = "madoguchi.chatbot"
    label = "chatbot"
