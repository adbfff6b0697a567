import hashlib

from django.db import migrations, models


def translations_in_place_are_current(apps, schema_editor):
    """Answers that exist before tracking began are taken as written from today's Japanese one:
    otherwise every translation would at once be hidden from residents as outdated."""
    FAQ = apps.get_model("chatbot", "FAQ")
    for faq in FAQ.objects.all():
        digest = hashlib.sha256(faq.answer.get("ja", "").encode("utf-8")).hexdigest()[:16]
        faq.answer_sources = {lang: digest for lang in faq.answer if lang != "ja"}
        faq.save(update_fields=["answer_sources"])


class Migration(migrations.Migration):
    dependencies = [
        ("chatbot", "0003_faqvector"),
    ]

    operations = [
        migrations.AddField(
            model_name="faq",
            name="answer_sources",
            field=models.JSONField(blank=True, default=dict, verbose_name="翻訳元"),
        ),
        migrations.RunPython(translations_in_place_are_current, migrations.RunPython.noop),
    ]
