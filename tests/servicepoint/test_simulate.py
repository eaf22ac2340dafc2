"""kurzweg simulate-day: a day replayed through the live queue code, and the files it reads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kurzweg.servicepoint import simulate
from kurzweg.servicepoint.models import Visit

ABH = "ABH 1,abh-aufenthalt;abh-fiktion;abh-ausweis;abh-eat,08:00,{close}\n"
JOBCENTER = "JC 1,jobcenter-antrag;jobcenter-unterlagen,08:00,10:00\n"


def write(tmp_path: Path, name: str, header: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text(header + "\n" + "".join(rows), encoding="utf-8")
    return path


def day(tmp_path: Path, *arrivals: str, desks: tuple[str, ...] = (ABH.format(close="10:00"), JOBCENTER)):
    return simulate.read_day(
        write(tmp_path, "ARRIVALS.csv", "visit_id,arrival,concerns,durations,appointment,language", *arrivals),
        write(tmp_path, "DESKS.csv", "desk_id,services,open,close", *desks),
    )


def test_a_quiet_morning_at_one_desk_to_the_minute(db, tmp_path):
    """Called at 08:00, at the desk 08:01, done 08:11; the second visitor (08:02) is called at
    08:11 and was told 8 minutes (the desk was expected to be free at 08:10)."""
    result = simulate.replay(
        day(tmp_path, "a,08:00:00,abh-fiktion,10,,\n", "b,08:02:00,abh-fiktion,10,,ar\n"), "routed"
    )
    assert (result.visits, result.finished, result.unfinished, result.concerns) == (2, 2, 0, 2)
    assert result.wait_mean == 5.5  # a: 1 minute on the way; b: 9 minutes waiting and 1 on the way
    assert result.time_in_house_mean == 15.5
    assert (result.estimates, result.estimate_mae, result.estimate_bias) == (2, 0.5, -0.5)
    assert result.utilisation_desks["ABH 1"] == pytest.approx(22 / 120, abs=0.001)
    assert result.utilisation_desks["JC 1"] == 0


def test_routed_lets_a_visitor_see_another_office_while_waiting(db, tmp_path):
    """b waits for the ABH behind a long case: routed sends them to the free Jobcenter desk in
    the meantime; fixed-order keeps them in the ABH queue and only then sends them on."""
    rows = ("a,08:00:00,abh-fiktion,20,,\n", "b,08:01:00,abh-fiktion;jobcenter-unterlagen,10;5,,\n")
    fixed = simulate.replay(day(tmp_path, *rows), "fixed-order")
    routed = simulate.replay(day(tmp_path, *rows), "routed")
    # fixed-order: b called 08:21 at the ABH, done 08:32, Jobcenter 08:32–08:38: 22 minutes waiting.
    # routed: b at the Jobcenter 08:01–08:07, ABH 08:21–08:32: 16 minutes waiting.
    assert fixed.waits_by_concerns["2"] == 22
    assert routed.waits_by_concerns["2"] == 16
    assert routed.wait_mean < fixed.wait_mean


def test_the_residence_matter_is_done_before_the_jobcenter_application(db, tmp_path):
    result = simulate.replay(day(tmp_path, "a,08:00:00,jobcenter-antrag;abh-aufenthalt,20;20,,\n"), "routed")
    visit = Visit.objects.get()
    first, second = sorted(visit.concerns.all(), key=lambda c: c.called_at)
    assert (first.service.code, second.service.code) == ("abh-aufenthalt", "jobcenter-antrag")
    assert result.finished == 1


def test_nobody_is_lost_when_the_desk_closes(db, tmp_path):
    """The desk closes at 08:15 while serving: it finishes that visitor; the next one is still
    waiting at closing and counted as such."""
    rows = ("a,08:00:00,abh-fiktion,20,,\n", "b,08:05:00,abh-fiktion,10,,\n")
    result = simulate.replay(day(tmp_path, *rows, desks=(ABH.format(close="08:15"),)), "fixed-order")
    assert (result.visits, result.finished, result.unfinished) == (2, 1, 1)
    statuses = sorted(Visit.objects.values_list("status", flat=True))
    assert statuses == [Visit.Status.CLOSED, Visit.Status.DONE]


def test_an_appointment_holder_goes_first_at_their_time(db, tmp_path):
    rows = (
        "walk-in,08:00:00,abh-ausweis,30,,\n",
        "early,08:05:00,abh-fiktion,10,,\n",
        "booked,08:20:00,abh-ausweis,10,08:30,\n",
    )
    simulate.replay(day(tmp_path, *rows), "routed")
    called = {v.first_name: v.first_called_at for v in Visit.objects.all()}
    assert called["booked"] < called["early"]  # the desk was free at 08:31, and it was their time


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        (
            "arrivals",
            "a,08:00:00,abh-nothing,10,,\n",
            "ARRIVALS.csv line 2, column concerns: unknown service code 'abh-nothing'",
        ),
        ("arrivals", "a,8 Uhr,abh-fiktion,10,,\n", "ARRIVALS.csv line 2, column arrival: '8 Uhr' is not a time"),
        (
            "arrivals",
            "a,25:00:00,abh-fiktion,10,,\n",
            "ARRIVALS.csv line 2, column arrival: '25:00:00' is not a time of day",
        ),
        (
            "arrivals",
            "a,08:00:00,abh-fiktion;abh-eat,10,,\n",
            "ARRIVALS.csv line 2, column durations: 1 duration(s) for 2 concern(s)",
        ),
        (
            "arrivals",
            "a,08:00:00,abh-fiktion,ten,,\n",
            "ARRIVALS.csv line 2, column durations: 'ten' is not a number of minutes",
        ),
        (
            "arrivals",
            "a,08:00:00,abh-fiktion,10,9:30:15,\n",
            "ARRIVALS.csv line 2, column appointment: '9:30:15' is not a time of the form HH:MM",
        ),
        ("arrivals", "a,08:00:00,abh-fiktion,10,,xx\n", "ARRIVALS.csv line 2, column language: unknown language 'xx'"),
        (
            "desks",
            "ABH 3,abh-fiktion;jobcenter-antrag,08:00,10:00\n",
            "DESKS.csv line 3, column services: services of several offices (abh, jobcenter)",
        ),
        ("desks", "ABH 2,abh-fiktion,10:00,08:00\n", "DESKS.csv line 3, column close: 08:00 is not after 10:00"),
        ("desks", "ABH 1,abh-fiktion,08:00,10:00\n", "DESKS.csv line 3, column desk_id: 'ABH 1' already on line 2"),
    ],
)
def test_a_bad_row_is_named_with_its_line_and_column(tmp_path, file, row, message):
    arrivals = ["ok,08:00:00,abh-fiktion,10,,\n"] + ([row] if file == "arrivals" else [])
    arrivals = arrivals[1:] if file == "arrivals" else arrivals  # the bad row on line 2
    desks = [ABH.format(close="10:00")] + ([row] if file == "desks" else [])
    with pytest.raises(simulate.InputError) as error:
        day(tmp_path, *arrivals, desks=tuple(desks))
    assert str(error.value).startswith(message)


def test_a_missing_column_is_named(tmp_path):
    path = write(tmp_path, "ARRIVALS.csv", "visit_id,arrival,concerns", "a,08:00,abh-fiktion\n")
    with pytest.raises(simulate.InputError, match=r"ARRIVALS\.csv line 1: missing column.*durations, appointment"):
        simulate.read_arrivals(path, simulate.read_services(None))


def test_services_beyond_the_standard_catalogue(db, tmp_path):
    services = write(tmp_path, "SERVICES.csv", "code,office,expected_minutes", "abh-einbuergerung,abh,40\n")
    arrivals = write(
        tmp_path, "ARRIVALS.csv", "visit_id,arrival,concerns,durations,appointment", "a,08:00,abh-einbuergerung,35,\n"
    )
    desks = write(tmp_path, "DESKS.csv", "desk_id,services,open,close", "ABH 9,abh-einbuergerung,08:00,09:00\n")
    result = simulate.replay(simulate.read_day(arrivals, desks, services), "routed")
    assert result.finished == 1
    bad = write(tmp_path, "BAD.csv", "code,office,expected_minutes", "x,nowhere,10\n")
    with pytest.raises(simulate.InputError, match=r"BAD\.csv line 2, column office: unknown office 'nowhere'"):
        simulate.read_services(bad)


def test_the_command_reports_a_bad_file_before_simulating(tmp_path):
    arrivals = write(tmp_path, "ARRIVALS.csv", "visit_id,arrival,concerns,durations,appointment", "a,08:00,abh-x,5,\n")
    desks = write(tmp_path, "DESKS.csv", "desk_id,services,open,close", ABH.format(close="10:00"))
    with pytest.raises(CommandError, match="line 2, column concerns: unknown service code 'abh-x'"):
        call_command("simulate_day", arrivals=arrivals, desks=desks)


def test_the_worker_refuses_any_database_but_its_temporary_one(tmp_path):
    arrivals = write(
        tmp_path, "ARRIVALS.csv", "visit_id,arrival,concerns,durations,appointment", "a,08:00,abh-eat,5,\n"
    )
    desks = write(tmp_path, "DESKS.csv", "desk_id,services,open,close", ABH.format(close="10:00"))
    with pytest.raises(CommandError, match="only on the temporary database"):
        call_command("simulate_day", arrivals=arrivals, desks=desks, worker_output=tmp_path / "out.json")


@pytest.mark.django_db
def test_the_command_replays_on_a_temporary_database_and_prints_json(tmp_path):
    arrivals = write(
        tmp_path,
        "ARRIVALS.csv",
        "visit_id,arrival,concerns,durations,appointment,language",
        "a,08:00:00,abh-fiktion;jobcenter-unterlagen,10;5,,uk\n",
        "b,08:03,abh-eat,4,,\n",
    )
    desks = write(tmp_path, "DESKS.csv", "desk_id,services,open,close", ABH.format(close="09:00"), JOBCENTER)
    out = io.StringIO()
    call_command("simulate_day", arrivals=arrivals, desks=desks, policy="fixed-order", json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["policy"] == "fixed-order"
    assert (figures["visits"], figures["finished"], figures["unfinished"], figures["concerns"]) == (2, 2, 0, 3)
    assert set(figures["wait_minutes"]) == {"mean", "p90", "by_concerns"}
    assert set(figures["estimates"]) == {"visits", "mae_minutes", "bias_minutes"}
    assert set(figures["utilisation"]["desks"]) == {"ABH 1", "JC 1"}
    assert set(figures["utilisation"]["offices"]) == {"abh", "jobcenter"}
    assert figures["runtime_seconds"] > 0
    assert not Visit.objects.exists()  # nothing was written to the database the command was started with
    text = io.StringIO()
    call_command("simulate_day", arrivals=arrivals, desks=desks, stdout=text)
    assert "policy routed: 2 visits, 3 concerns; 2 finished, 0 still open at closing" in text.getvalue()
