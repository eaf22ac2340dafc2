"""The service point's cast lives in tests/conftest.py (cases and browser tests use it too);
these names stay importable from here."""

import pytest
from django.utils import translation

from tests.conftest import abh_desk_1, desk, house, jobcenter_desk_3, receptionist_at_house, service  # noqa: F401


@pytest.fixture(autouse=True)
def _staff_pages_in_english(settings):
    # These tests read the staff pages' English texts; that German is the default is tested in
    # tests/test_auth.py. Newcomer pages choose their language themselves.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
