"""Give payments made before ``Payment.department`` existed the department of their application.

Staff reach a payment through its department (payments.selectors.staff_reach); a payment without
one is visible only to city-wide roles. A fee for an application (purpose ``case:<receipt
number>``) belongs to the department handling that application. Certificate fees were given their
department when they were started; anything else stays as it is.
"""

from django.db import migrations


def backfill(apps, schema_editor):
    Payment = apps.get_model("payments", "Payment")
    Submission = apps.get_model("cases", "Submission")
    pending = Payment.objects.filter(department__isnull=True, purpose__startswith="case:")
    receipts = {payment.purpose.removeprefix("case:") for payment in pending.only("purpose")}
    departments = dict(
        Submission.objects.filter(receipt_number__in=receipts).values_list("receipt_number", "department_id")
    )
    for payment in pending.only("id", "purpose"):
        department_id = departments.get(payment.purpose.removeprefix("case:"))
        if department_id is not None:
            Payment.objects.filter(pk=payment.pk).update(department_id=department_id)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_merge_20261127_0122"),
        ("payments", "0002_payment_department"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
