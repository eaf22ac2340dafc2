"""Staff pages of referrals: refer a person (with the consent step), the inbox and outbox of the
user's offices, one referral with its history and the data it passes, and its state changes.
Each view checks access in its first lines through kurzweg.cases.access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.people import access as people_access
from kurzweg.people import services as people_services

from . import access as policy
from . import referrals
from .forms import DeclineForm, ReferralForm
from .models import Referral


@staff_required
def referral_new(request: StaffRequest, person_id: str) -> HttpResponse:
    person = people_access.get_person(request.user, person_id)
    from_offices = policy.referral_sender_offices(request.user)
    if not from_offices:
        raise PermissionDenied
    form = ReferralForm(
        request.POST or None,
        from_offices=from_offices,
        to_offices=policy.referral_target_offices(request.user),
        initial={"consent_language": "de"},
    )
    needs_consent = False
    may_override = may_record_consent = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source, target = data["from_office"], data["to_office"]
        may_override = policy.may_override_consent(request.user, source)
        may_record_consent = source in people_services.consent_offices(request.user)
        action = data.get("consent_action") or ""
        try:
            if data["parts"] and action == ReferralForm.RECORD:
                if not may_record_consent:
                    raise PermissionDenied
                referral = referrals.refer_with_consent(
                    request.user,
                    person,
                    from_office=source,
                    to_office=target,
                    reason=data["reason"],
                    parts=data["parts"],
                    consent_form=data["consent_form"],
                    consent_valid_until=data.get("consent_valid_until"),
                    consent_language=data.get("consent_language") or "",
                )
                messages.success(
                    request,
                    _("The consent has been recorded and the person referred. Print the consent for them to sign."),
                )
                return redirect("cases:referral", referral.pk)
            if data["parts"] and action == ReferralForm.OVERRIDE and not may_override:
                people_access.log_refusal(request.user, person, source, "consent_override")
                raise PermissionDenied
            referral = referrals.refer(
                request.user,
                person,
                from_office=source,
                to_office=target,
                reason=data["reason"],
                parts=data["parts"],
                override_reason=(data.get("override_reason") or "") if action == ReferralForm.OVERRIDE else "",
            )
        except referrals.ConsentMissing as error:
            needs_consent = True
            form.add_error(None, str(error))
        except (referrals.ReferralRefused, ValueError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person has been referred."))
            return redirect("cases:referral", referral.pk)
    if needs_consent:
        offered = {ReferralForm.RECORD: may_record_consent, ReferralForm.OVERRIDE: may_override}
        field = form.fields["consent_action"]
        field.choices = [c for c in field.choices if offered.get(c[0])]  # type: ignore[attr-defined]
    return render(
        request,
        "cases/referral_form.html",
        {
            "person": person,
            "form": form,
            "needs_consent": needs_consent,
            "may_override": may_override,
            "may_record_consent": may_record_consent,
        },
    )


@staff_required
def referral_list(request: StaffRequest) -> HttpResponse:
    offices = policy.offices_readable(request.user)
    incoming = list(policy.incoming_referrals(request.user)[:200])
    outgoing = list(policy.outgoing_referrals(request.user)[:200])
    return render(
        request,
        "cases/referrals.html",
        {
            "offices": offices,
            "incoming": incoming,
            "outgoing": outgoing,
            "open_incoming": sum(1 for r in incoming if r.status == Referral.Status.REQUESTED),
        },
    )


@staff_required
def referral(request: StaffRequest, referral_id: int) -> HttpResponse:
    referral = policy.get_referral(request.user, referral_id)
    role = policy.read_referral(request.user, referral)
    shared = policy.shared_data(request.user, referral) if role.receiver and referral.is_active else None
    moves = [to for to in referral.next_statuses() if policy.may_move_referral(request.user, referral, to)]
    return render(
        request,
        "cases/referral.html",
        {
            "referral": referral,
            "role": role,
            "shared": shared,
            "moves": moves,
            "events": referral.events.select_related("actor"),
            "decline_form": DeclineForm() if "declined" in moves else None,
            "consent_printable": referral.consent_id is not None
            and role.sender
            and referral.consent in people_access.consents_for(request.user, referral.person),
        },
    )


ACTIONS = {
    "accept": Referral.Status.ACCEPTED,
    "decline": Referral.Status.DECLINED,
    "done": Referral.Status.DONE,
    "revoke": Referral.Status.REVOKED,
}


@staff_required
@require_POST
def referral_move(request: StaffRequest, referral_id: int, action: str) -> HttpResponse:
    referral = policy.get_referral(request.user, referral_id)
    to = ACTIONS[action]
    policy.require_referral_move(request.user, referral, to)
    try:
        if to == Referral.Status.DECLINED:
            form = DeclineForm(request.POST)
            if not form.is_valid():
                raise referrals.ReferralRefused(_("Give a reason for declining."))
            referrals.decline(request.user, referral, form.cleaned_data["reason"])
        else:
            {"accepted": referrals.accept, "done": referrals.finish, "revoked": referrals.revoke}[to](
                request.user, referral
            )
    except referrals.ReferralRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            {
                "accepted": _("The referral has been accepted."),
                "declined": _("The referral has been declined."),
                "done": _("The referral is done."),
                "revoked": _("The referral has been revoked. Nothing more is passed."),
            }[to],
        )
    return redirect("cases:referral", referral.pk)
