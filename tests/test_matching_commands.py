"""kurzweg import-persons, find-duplicates, search-persons and the nightly duplicate task."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kurzweg.people import matching_store
from kurzweg.people.matching.records import Record
from kurzweg.people.models import DuplicateSuspicion, Nationality, Person, PersonKey

from .conftest import make_person

pytestmark = pytest.mark.django_db

HEADER = "external_id,given_names,family_name,birth_date,sex,nationality,birth_place\n"
GOOD = [
    "A1,Mohammad,Jafari,1990-05-03,M,AFG,Kabul",
    "A2,Muhammad,Dschafari,1990-05-03,M,AFG,Kabul",  # the same person, spelt the German way
    "A3,Oleksandr,Kovalenko,1988,M,UKR,Charkiw",
    "A4,Fatima,Haddad,,F,SYR,",
    "A5,Ștefan,Popescu,1979-11-30,,XXA,Iași",
    "A6,,Ahmadi,2001-02-03,M,XXX,",
]
BAD = [
    ("B1,Ali,Karimi,1990-02-30,M,AFG,", "birth_date"),  # no such date
    ("B2,Ali,Karimi,03.05.1990,M,AFG,", "birth_date"),  # German date form
    ("B3,Ali,Karimi,1990,M,AF,", "nationality"),
    ("B4,Ali,Karimi,1990,Q,AFG,", "sex"),
    ("B5,,,1990,M,AFG,", "given_names/family_name"),
    ("A1,Ali,Karimi,1990,M,AFG,", "external_id"),  # twice in the file
    ("B6,Ali,Karimi,1990,M,AFG", "fields"),  # a column short
]


def write(path, lines):
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args):
    out = io.StringIO()
    call_command(*args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def read(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_import_takes_good_rows_and_rejects_bad_ones_with_line_and_reason(agency, tmp_path):
    lines = GOOD[:3] + [b for b, _ in BAD] + GOOD[3:]
    source = write(tmp_path / "persons.csv", lines)
    output = run("import_persons", str(source))
    assert "imported:      6" in output and "rejected:      7" in output and "memory used" in output

    assert Person.objects.filter(agency=agency).count() == len(GOOD)
    rejects = read(tmp_path / "persons.rejects.csv")
    # Nothing lost: every row is imported or rejected, each reject with its line and column.
    assert len(rejects) + Person.objects.count() == len(lines)
    for row, (line, column) in zip(rejects, BAD, strict=True):
        assert int(row["line"]) == lines.index(line) + 2
        assert column in row["reason"]
    assert "line 2" in rejects[5]["reason"]  # A1 first seen on line 2

    fatima = Person.objects.get(external_id="A4")
    assert (fatima.birth_year, fatima.sex, list(fatima.nationalities.values_list("code", flat=True))) == (
        None,
        "F",
        ["SYR"],
    )
    kovalenko = Person.objects.get(external_id="A3")
    assert (kovalenko.birth_year, kovalenko.birth_month) == (1988, None)
    assert "kovalenko" in kovalenko.name_index
    assert Person.objects.get(external_id="A5").sex == "U"
    assert Nationality.objects.count() == len(GOOD)
    # The keys are those the engine gives for the stored persons.
    for person in Person.objects.all():
        record = matching_store.records_for_ids([person.pk])[str(person.pk)]
        keys = set(PersonKey.objects.filter(person=person).values_list("key", flat=True))
        assert keys == matching_store.keys_of(record)


def test_importing_again_rejects_what_is_there_already(agency, tmp_path):
    source = write(tmp_path / "persons.csv", GOOD)
    run("import_persons", str(source), "--agency", "nord")
    output = run("import_persons", str(source), "--rejects", str(tmp_path / "again.csv"))
    assert "imported:      0" in output
    assert all("already in the agency" in r["reason"] for r in read(tmp_path / "again.csv"))
    assert Person.objects.count() == len(GOOD)


def key_indexes():
    with connection.cursor() as cursor:
        present = connection.introspection.get_constraints(cursor, PersonKey._meta.db_table)
    return sorted(index.name for index in PersonKey._meta.indexes if index.name in present)


ALL_KEY_INDEXES = sorted(index.name for index in PersonKey._meta.indexes)


def test_a_first_import_builds_the_key_index_at_the_end_and_search_uses_it(agency, tmp_path):
    output = run("import_persons", str(write(tmp_path / "persons.csv", GOOD)))
    # SQLite defers the index for a file at least as large as the registry; PostgreSQL never does.
    assert ("key index:     built after the import" in output) == (connection.vendor == "sqlite")
    assert key_indexes() == ALL_KEY_INDEXES
    found = matching_store.search(agency.pk, Record(id="q", given_names="Muhammad", family_name="Jafari"))
    assert {Person.objects.get(pk=m.id).external_id for m in found} >= {"A1", "A2"}


def test_a_small_import_into_a_larger_registry_keeps_the_key_index(agency, tmp_path, monkeypatch):
    from kurzweg.people.management.commands import import_persons

    run("import_persons", str(write(tmp_path / "first.csv", GOOD)))
    dropped = []
    monkeypatch.setattr(import_persons, "run_index_sql", lambda index, create: dropped.append((index.name, create)))
    output = run("import_persons", str(write(tmp_path / "more.csv", ["C1,Rania,Haddad,1995,F,SYR,"])))
    assert "imported:      1" in output and "key index" not in output and dropped == []


def test_a_failed_import_leaves_the_key_index_in_place(agency, tmp_path, monkeypatch):
    from kurzweg.people.management.commands import import_persons

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(import_persons, "insert_keys", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        run("import_persons", str(write(tmp_path / "persons.csv", GOOD)), "--key-index", "defer")
    assert key_indexes() == ALL_KEY_INDEXES


def test_an_import_builds_a_key_index_lost_by_an_import_killed_outright(agency, tmp_path):
    from kurzweg.people.management.commands.import_persons import run_index_sql

    for index in PersonKey._meta.indexes:
        run_index_sql(index, create=False)  # what a killed import with a deferred index leaves
    assert key_indexes() == []
    run("import_persons", str(write(tmp_path / "persons.csv", GOOD[:1])), "--key-index", "keep")
    assert key_indexes() == ALL_KEY_INDEXES


def test_imported_persons_get_time_ordered_ids_in_file_order(agency, tmp_path):
    run("import_persons", str(write(tmp_path / "persons.csv", GOOD)))
    persons = Person.objects.order_by("external_id")  # A1 to A6, as in the file
    ids = [p.pk for p in persons]
    assert all(i.version == 7 for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_import_needs_the_agency_named_when_there_are_several(agency, other_agency, tmp_path):
    source = write(tmp_path / "persons.csv", GOOD)
    with pytest.raises(CommandError, match="--agency"):
        run("import_persons", str(source))
    run("import_persons", str(source), "--agency", "sued")
    assert Person.objects.filter(agency=other_agency).count() == len(GOOD)


def test_import_refuses_a_file_with_wrong_columns(agency, tmp_path):
    (tmp_path / "x.csv").write_text("id,name\n1,Ali\n")
    with pytest.raises(CommandError, match="missing"):
        run("import_persons", str(tmp_path / "x.csv"))


def test_find_duplicates_writes_pairs_and_feeds_the_review_queue(agency, tmp_path):
    run("import_persons", str(write(tmp_path / "persons.csv", GOOD)))
    out = tmp_path / "pairs.csv"
    run("find_duplicates", "--out", str(out))
    rows = read(out)
    assert [{r["external_id_a"], r["external_id_b"]} for r in rows] == [{"A1", "A2"}]
    assert 0 <= float(rows[0]["score"]) <= 1
    suspicion = DuplicateSuspicion.objects.get()
    assert suspicion.status == "open" and suspicion.agency == agency
    assert str(suspicion.person_a_id) < str(suspicion.person_b_id)
    assert {suspicion.person_a.external_id, suspicion.person_b.external_id} == {"A1", "A2"}

    # Decided "different persons": written to the file again, never queued again.
    suspicion.status = DuplicateSuspicion.Status.DIFFERENT
    suspicion.save()
    output = run("find_duplicates", "--out", str(out))
    assert "0 new" in output and DuplicateSuspicion.objects.get().status == "different"
    assert len(read(out)) == 1


def test_find_duplicates_without_queue_and_uuid_when_no_external_id(agency, tmp_path):
    a = make_person(agency, given_names="Mohammad", family_name="Jafari", birth_year=1990, birth_month=5, birth_day=3)
    b = make_person(agency, given_names="Mohamad", family_name="Djafari", birth_year=1990, birth_month=5, birth_day=3)
    out = tmp_path / "pairs.csv"
    run("find_duplicates", "--out", str(out), "--no-queue")
    rows = read(out)
    assert {rows[0]["external_id_a"], rows[0]["external_id_b"]} == {str(a.pk), str(b.pk)}
    assert not DuplicateSuspicion.objects.exists()


def test_the_nightly_task_feeds_the_queue(agency, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from kurzweg.people.tasks import detect_duplicates

    make_person(agency, given_names="Mohammad", family_name="Jafari", birth_year=1990, birth_month=5, birth_day=3)
    make_person(agency, given_names="Muhammad", family_name="Jafari", birth_year=1990, birth_month=5, birth_day=3)
    result = detect_duplicates.enqueue(agency.pk)
    assert result.return_value["queued"] == 1
    assert DuplicateSuspicion.objects.filter(status="open").count() == 1
    out = io.StringIO()
    call_command("enqueue_nightly_duplicates", stdout=out)
    assert "nord: queued" in out.getvalue()
    assert DuplicateSuspicion.objects.count() == 1  # nothing new, nothing twice


def test_search_persons_writes_ranked_results(agency, tmp_path):
    run("import_persons", str(write(tmp_path / "persons.csv", GOOD)))
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "query_id,given_names,family_name,birth_date,sex,nationality,birth_place\n"
        "q1,Mohamed,Djafari,1990-05-03,,,\n"
        "q2,Aleksandr,Kowalenko,,,,\n"
        "q3,Nobody,Unknownson,1950,,,\n"
        "q4,,,,,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.csv"
    run("search_persons", "--queries", str(queries), "--out", str(out), "--limit", "10")
    rows = read(out)
    assert list(rows[0]) == ["query_id", "rank", "external_id", "score", "level"]
    q1 = [r for r in rows if r["query_id"] == "q1"]
    assert [r["rank"] for r in q1] == [str(i) for i in range(1, len(q1) + 1)]
    assert {q1[0]["external_id"], q1[1]["external_id"]} == {"A1", "A2"}
    assert q1[0]["level"] in ("likely", "exact")
    assert [r["external_id"] for r in rows if r["query_id"] == "q2"][:1] == ["A3"]
    assert not [r for r in rows if r["query_id"] in ("q3", "q4")]


def test_hyphenated_command_names_work(monkeypatch, agency, tmp_path, capsys):
    import sys

    from kurzweg.__main__ import main

    source = write(tmp_path / "persons.csv", GOOD[:1])
    monkeypatch.setattr(sys, "argv", ["kurzweg", "import-persons", str(source), "--no-progress"])
    main()
    assert "imported:      1" in capsys.readouterr().out


def test_find_duplicates_shows_reading_and_then_comparing(agency, tmp_path, capsys):
    run("import_persons", str(write(tmp_path / "persons.csv", GOOD)))
    out = tmp_path / "pairs.csv"
    call_command("find_duplicates", "--out", str(out), stdout=io.StringIO())
    progress = capsys.readouterr().err
    assert "read" in progress and "compare" in progress
    assert progress.index("read") < progress.index("compare")
    assert len(read(out)) == 1
