"""What other apps may listen to, so that payments never imports them.

``payment_captured`` is sent once per payment, after the transaction that recorded the capture
has committed, with ``payment`` (the ``Payment``) and ``purpose`` (the string given to
``start_payment`` or ``record_counter_payment``; ``payments.purposes.parse`` reads it). Receivers run in the
process that saw the capture — a webhook request, the resident's return, the mop-up job or a
staff member's counter entry — and must be idempotent and quick; an exception in one is logged
and does not undo the payment.
"""

from django.dispatch import Signal

payment_captured = Signal()
