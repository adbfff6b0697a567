import factory

from madoguchi.organization.tests.factories import DepartmentFactory
from madoguchi.procedures.models import LifeEvent, Procedure


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"procedure-{n}")
    title = factory.Sequence(lambda n: f"手続{n}")
    title_en = factory.Sequence(lambda n: f"Procedure {n}")
    summary = "手続の概要です。"
    summary_en = "A summary of the procedure."
    department = factory.SubFactory(DepartmentFactory, phone="0297-64-1111 内線311")
    category = Procedure.Category.REGISTRATION
    applicant_types = ["self"]
    sign_in_level = Procedure.SignInLevel.NONE
    fee_rule = {"type": "free"}
    channel = Procedure.Channel.ONLINE
    is_published = True


class LifeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeEvent

    code = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"ライフイベント{n}")
    title_en = factory.Sequence(lambda n: f"Life event {n}")
    questions = []
    rules = []
