import factory

from madoguchi.accounts.models import User

DEFAULT_PASSWORD = "correct horse battery 2026"


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    kind = User.Kind.STAFF
    last_name = "田中"
    first_name = "花子"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ResidentUserFactory(StaffUserFactory):
    username = factory.Sequence(lambda n: f"resident{n}")
    kind = User.Kind.RESIDENT
