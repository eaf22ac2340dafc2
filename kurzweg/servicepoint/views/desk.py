"""The desk: a caseworker signs in at a desk of their office, calls the next visitor, serves
them and hands them over to another office. Every change goes through `queue`; this module
only checks who may act and shows the result. The buttons are plain POST forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kurzweg.cases import referrals
from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.core.models import Desk, Membership, User

from .. import clock, queue, routing
from ..models import Concern, DeskSession, Service, ServicePoint, Visit


def _open_session(user: User) -> DeskSession | None:
    """The user's open desk session, with `may_use`: whether the user still belongs to the
    desk's office (one query: every desk action and page starts here)."""
    return (
        DeskSession.objects.filter(user=user, ended_at__isnull=True)
        .select_related("desk__room", "desk__office")
        .annotate(may_use=Exists(Membership.objects.filter(user=user, office_id=OuterRef("desk__office_id"))))
        .first()
    )


def _may_use(user: User, desk: Desk) -> bool:
    return any(m.office_id == desk.office_id for m in user.active_memberships())


def _session_or_none(request: StaffRequest) -> DeskSession | None:
    """The user's open desk session. A session at a desk they may no longer use (their
    membership in its office has ended since) is closed: its visitor goes back to the queue."""
    session = _open_session(request.user)
    if session is not None and not session.may_use:  # type: ignore[attr-defined]
        queue.close_desk(session)
        return None
    return session


@staff_required
def desk(request: StaffRequest) -> HttpResponse:
    """The desk page, or, when the user is not signed in at a desk, the choice of desks."""
    session = _session_or_none(request)
    if request.method == "POST" and "desk" in request.POST:
        chosen = get_object_or_404(Desk, pk=_int(request.POST["desk"]), agency=request.agency)
        if not _may_use(request.user, chosen):
            raise PermissionDenied
        if not ServicePoint.objects.filter(rooms__desks=chosen).exists():
            raise Http404
        queue.open_desk(request.user, chosen)
        messages.success(request, _("You are signed in at %(desk)s.") % {"desk": chosen})
        return redirect("servicepoint:desk")
    if session is None:
        return _choose(request)
    return render(request, "servicepoint/desk/desk.html", _desk_context(session))


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


def _choose(request: StaffRequest) -> HttpResponse:
    offices = [m.office_id for m in request.user.active_memberships()]
    desks = list(
        Desk.objects.filter(agency=request.agency, office_id__in=offices, room__service_points__isnull=False)
        .select_related("room", "office")
        .distinct()
    )
    occupied = dict(DeskSession.objects.filter(desk__in=desks, ended_at__isnull=True).values_list("desk_id", "user_id"))
    users = {u.pk: u for u in User.objects.filter(pk__in=occupied.values())}
    rows = [(d, users.get(occupied[d.pk]) if d.pk in occupied else None) for d in desks]
    return render(request, "servicepoint/desk/choose.html", {"rows": rows})


def _desk_context(session: DeskSession) -> dict[str, Any]:
    current = None
    if session.current_id is not None:
        current = (
            Concern.objects.filter(pk=session.current_id, status__in=(Concern.Status.CALLED, Concern.Status.SERVING))
            .select_related("visit__person", "service", "handed_over_from", "appointment")
            .first()
        )
    return {
        "session": session,
        "desk": session.desk,
        "current": current,
        "buttons": _buttons(current),
        **_queue(session),
    }


# The actions in the order a caseworker uses them; each is shown only when it applies.
ACTIONS: list[tuple[str, Any]] = [
    ("call-next", gettext_lazy("Call next")),
    ("call-again", gettext_lazy("Call again")),
    ("arrived", gettext_lazy("Visitor is here")),
    ("done", gettext_lazy("Done")),
    ("hand-over", gettext_lazy("Hand over to another office")),
    ("park", gettext_lazy("Stepped out")),
    ("no-show", gettext_lazy("Did not come")),
]


def _buttons(current: Concern | None) -> list[dict[str, Any]]:
    if current is None:
        applicable = {"call-next"}
        primary = "call-next"
    elif current.status == Concern.Status.CALLED:
        applicable = {"call-again", "arrived", "done", "no-show"}
        primary = "arrived"
    else:
        applicable = {"done", "hand-over", "park"}
        primary = "done"
    return [{"action": a, "label": label, "primary": a == primary} for a, label in ACTIONS if a in applicable]


# How many of those waiting the desk page lists; the rest are counted. A desk calls the first
# anyway, and a list of a hundred rows cost the page more than everything else (the pages of
# 30 desks are reloaded after every call).
QUEUE_ROWS = 20


def _queue(session: DeskSession) -> dict[str, Any]:
    """Who this desk could call now, in the order the routing would pick them: the first
    QUEUE_ROWS, and how many more."""
    desk = session.desk
    service_point, services = queue.desk_setup(desk)
    if service_point is None:
        return {"queue": [], "queue_more": 0}
    now = clock.now()
    state = queue.live_state(service_point, now=now, for_services=services)
    desk_view = routing.DeskView(desk.pk, services, now)
    choices = routing.candidates(
        desk_view,
        state.visits,
        state.precedence,
        service_point.routing,  # type: ignore[arg-type]
        now,
        state.expected_minutes,
    )
    shown = choices[:QUEUE_ROWS]
    # Plain values in one query: the page is reloaded after every action at every desk, and
    # twenty rows of four joined model instances cost more than the routing itself.
    values = Concern.objects.filter(pk__in=[c.concern_id for c in shown]).values_list(
        "id",
        "visit__prefix",
        "visit__number",
        "service__name",
        "queued_at",
        "appointment__starts_at",
        "handed_over_from__name",
    )
    by_id = {row[0]: row for row in values}
    rows = []
    for choice in shown:
        if (row := by_id.get(choice.concern_id)) is None:
            continue
        _id, prefix, number, service, queued_at, appointment_at, handed_over_from = row
        rows.append(
            {
                "ticket": Visit.format_ticket(prefix, number),
                "service": service,
                "waited": _minutes(now - queued_at),
                "appointment_at": appointment_at,
                "handed_over_from": handed_over_from,
            }
        )
    return {"queue": rows, "queue_more": len(choices) - len(shown)}


def _minutes(delta: dt.timedelta) -> int:
    return max(0, int(delta.total_seconds() // 60))


@staff_required
def desk_queue(request: StaffRequest) -> HttpResponse:
    """The queue alone, polled by the desk page every few seconds."""
    session = _session_or_none(request)
    if session is None:  # signed off elsewhere, or someone else took the desk: show the choice
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return render(request, "servicepoint/desk/desk.html#queue", {**_queue(session), "desk": session.desk})


ACTION_FUNCTIONS: dict[str, Callable[[DeskSession], Any]] = {
    "call-next": queue.call_next,
    "call-again": queue.call_again,
    "arrived": queue.visitor_arrived,
    "done": queue.finish,
    "no-show": queue.no_show,
    "park": queue.park,
    "sign-off": queue.close_desk,
}


@staff_required
@require_POST
def desk_action(request: StaffRequest, action: str) -> HttpResponse:
    if action not in ACTION_FUNCTIONS:
        raise Http404
    session = _session_or_none(request)
    if session is None:
        messages.error(request, _("You are not signed in at a desk."))
        return redirect("servicepoint:desk")
    try:
        result = ACTION_FUNCTIONS[action](session)
    except queue.QueueError as error:
        messages.error(request, str(error))
        return redirect("servicepoint:desk")
    if action == "call-next" and result is None:
        messages.info(request, _("Nobody is waiting for this desk."))
    elif action == "sign-off":
        messages.success(request, _("You have signed off from %(desk)s.") % {"desk": session.desk})
    return redirect("servicepoint:desk")


class HandOverForm(forms.Form):
    service = forms.TypedChoiceField(label=gettext_lazy("Concern at another office"), coerce=int)
    note = forms.CharField(
        label=gettext_lazy("Why"),
        help_text=gettext_lazy("The next office sees this note. Write what they need to know, not more."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[int, str]]] = {}
        for service in services:
            groups.setdefault(service.office.name, []).append((service.pk, service.name))
        self.fields["service"].choices = [("", _("Choose a concern")), *groups.items()]  # type: ignore[attr-defined]
        self.services = {s.pk: s for s in services}


@staff_required
def desk_handover(request: StaffRequest) -> HttpResponse:
    session = _session_or_none(request)
    if session is None:
        return redirect("servicepoint:desk")
    current = _desk_context(session)["current"]
    if current is None:
        messages.error(request, _("No visitor is called at this desk."))
        return redirect("servicepoint:desk")
    services = list(
        Service.objects.filter(agency=request.agency, active=True)
        .exclude(office_id=session.desk.office_id)
        .select_related("office")
        .order_by("office__name", "position", "name")
    )
    form = HandOverForm(request.POST or None, services=services)
    if request.method == "POST" and form.is_valid():
        service = form.services[form.cleaned_data["service"]]
        try:
            with transaction.atomic():
                queue.hand_over(session, service, form.cleaned_data["note"])
                # A registered visitor: the hand-over is also a referral between the offices
                # (no data passed; the note says why), in both offices' lists and the timeline.
                if current.visit.person_id is not None:
                    referrals.hand_over_referral(
                        request.user,
                        current.visit.person,
                        session.desk.office,
                        service.office,
                        form.cleaned_data["note"],
                    )
        except queue.QueueError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Handed over to %(office)s: the visitor keeps their ticket and their place.")
                % {"office": service.office.name},
            )
        return redirect("servicepoint:desk")
    return render(request, "servicepoint/desk/hand_over.html", {"form": form, "current": current, "desk": session.desk})


urlpatterns = [
    path("", desk, name="desk"),
    path("queue/", desk_queue, name="desk-queue"),
    path("hand-over/", desk_handover, name="desk-handover"),
    path("<str:action>/", desk_action, name="desk-action"),
]
