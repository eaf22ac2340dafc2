"""The standard catalogue a new agency starts with."""

from __future__ import annotations

from kurzweg.languages import NEWCOMER_LANGUAGES
from kurzweg.servicepoint.models import Service


def test_every_standard_service_is_named_in_every_newcomer_language(house, agency):
    for service in Service.objects.filter(agency=agency).prefetch_related("names"):
        named = {"de"} | {n.language for n in service.names.all() if n.name.strip()}
        missing = [lang.code for lang in NEWCOMER_LANGUAGES if lang.code not in named]
        assert not missing, f"{service.code} has no name in {missing}"


def test_every_service_is_served_by_its_offices_desks(house, agency):
    for service in Service.objects.filter(agency=agency, office__desks__isnull=False).distinct():
        assert set(service.desks.all()) == set(service.office.desks.all())


def test_a_visitor_sees_the_name_in_their_language_and_german_otherwise(house, agency):
    service = Service.objects.prefetch_related("names").get(agency=agency, code="abh-aufenthalt")
    assert service.name_in("uk").startswith("Дозвіл")
    assert service.name_in("xx") == service.name
