"""Public JSON API v1 of the chatbot (no sign-in): ``POST /api/v1/chatbot/ask``.

The contract is fixed for other clients::

    POST /api/v1/chatbot/ask  {"question": "…", "lang": "ja"}            (lang optional)
    200 {"answers": [{"faq_id": …, "question": "…", "answer": "…", "url": "…", "score": 0.0}],
         "confident": true|false, "escalation_url": "…"}

``answers`` are best first, at most five. ``answer`` is plain text (links written as
"label: URL"); ``url`` is the FAQ's page; ``score`` is a 0–1 relevance. ``escalation_url`` opens
an inquiry to staff with the question filled in. Bad questions (empty, symbols only, very long,
markup) still get 200 with no answers; over the per-client rate limit the answer is 429.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from madoguchi.chatbot import markup, services
from madoguchi.chatbot.models import LANGUAGES, Channel
from madoguchi.core import context


class AskRequestSerializer(serializers.Serializer):
    question = serializers.CharField(allow_blank=True, trim_whitespace=True, max_length=20_000)
    lang = serializers.ChoiceField(choices=list(LANGUAGES), required=False, default="ja")


class AnswerSerializer(serializers.Serializer):
    faq_id = serializers.IntegerField()
    question = serializers.CharField()
    answer = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()


class AskResponseSerializer(serializers.Serializer):
    answers = AnswerSerializer(many=True)
    confident = serializers.BooleanField()
    escalation_url = serializers.CharField()


class AskView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=AskRequestSerializer, responses={200: AskResponseSerializer, 429: None})
    def post(self, request):
        incoming = AskRequestSerializer(data=request.data)
        if not incoming.is_valid():
            return Response(
                {
                    "detail": "question は文字列で、lang は ja, easy_ja, en, zh, ko, vi, pt のいずれかです。",
                    "errors": incoming.errors,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if not services.allow(f"ip:{context.client_ip.get() or 'unknown'}"):
            return Response(
                {"detail": "短い時間に多くのご質問をいただきました。少し時間をおいてからお試しください。"},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        lang = incoming.validated_data["lang"]
        reply = services.ask(question=incoming.validated_data["question"], lang=lang, channel=Channel.API)
        base = request.build_absolute_uri("/").rstrip("/")
        answers = [
            {
                "faq_id": candidate.faq.pk,
                "question": candidate.faq.text("question", lang),
                "answer": markup.to_text(candidate.faq.text("answer", lang), base_url=base),
                "url": base + reverse("chatbot:faq", args=[candidate.faq.key]),
                "score": candidate.relevance,
            }
            for candidate in reply.answers.candidates
        ]
        query = urlencode({"log": services.log_token(reply.log)}) if reply.log else ""
        escalation = base + reverse("chatbot:inquire") + (f"?{query}" if query else "")
        return Response(
            {"answers": answers, "confident": reply.answers.confident, "escalation_url": escalation}
        )
