"""Background tasks of the person registry (django-tasks; run by `kurzweg db_worker`)."""

from __future__ import annotations

from django_tasks import task

from . import matching_store


@task()
def detect_duplicates(agency_id: int) -> dict[str, int]:
    """The nightly duplicate detection of one agency: every pair the engine judges to be one
    person goes into the review queue, unless it is there already or was decided "different"."""
    return matching_store.detect_duplicates(agency_id)
