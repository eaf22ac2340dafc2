"""The service point's cast lives in tests/conftest.py (cases and browser tests use it too);
these names stay importable from here."""

from tests.conftest import abh_desk_1, desk, house, jobcenter_desk_3, receptionist_at_house, service  # noqa: F401
