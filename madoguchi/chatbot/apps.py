from django.apps import AppConfig


class ChatbotConfig(AppConfig):
    """チャットボット — FAQ answers on the web, the API and LINE, with escalation to staff."""

    name = "madoguchi.chatbot"
    label = "chatbot"

    def ready(self) -> None:
        from madoguchi.chatbot import checks  # noqa: F401 — registers the system checks

        # The city's open statistics include how residents use the chatbot (counts only).
        from madoguchi.chatbot.selectors import monthly_questions_per_topic
        from madoguchi.opendata.statistics import StatisticsProvider, register

        register(
            StatisticsProvider(
                name="chatbot-questions-per-topic-month",
                title="チャットボットへの話題別・月別の質問件数",
                notes="チャットボットに寄せられた質問を、最初に案内したFAQの話題別・月別に集計しました。"
                "自動で回答できた件数と「解決した」と評価された件数を含みます。質問の文面は含みません。毎日更新します。",
                header=["年月", "話題", "質問件数", "自動回答件数", "解決した件数"],
                rows=monthly_questions_per_topic,
            )
        )
