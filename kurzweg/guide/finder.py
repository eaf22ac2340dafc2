# ruff: noqa: E501 - the rules read best as one row per rule
"""The finder "What do I need to do?": a few plain questions lead to a personal checklist.

The answers travel as short GET parameters (`?eu=no&why=refugee&kids=yes&work=yes&abroad=no`),
so that a checklist can be printed, bookmarked and shared as a link. They are not personal
data: five coarse yes/no-style answers describe thousands of people and identify nobody; no
name, date or number is asked. They are not stored either.

The rules are the table RULES below: read it as "when the answers match, this service belongs
on the checklist, for this reason". The order of the table is the order of the steps (a
residence matter before the Jobcenter: it needs the permit to decide)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
REASONS = [
    ("refugee", _("I fled my country (asylum, protection)")),
    ("work", _("To work")),
    ("study", _("To study or train")),
    ("family", _("To join my family")),
    ("other", _("Another reason")),
]


class FinderForm(forms.Form):
    """The questions. Field names are the short GET parameters of the shareable link."""

    eu = forms.ChoiceField(
        label=_("Are you a citizen of a country of the European Union, Iceland, Liechtenstein, Norway or Switzerland?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    why = forms.ChoiceField(label=_("Why did you come to Germany?"), choices=REASONS, widget=forms.RadioSelect)
    kids = forms.ChoiceField(
        label=_("Do you have children who live with you?"), choices=YES_NO, widget=forms.RadioSelect
    )
    work = forms.ChoiceField(label=_("Are you looking for work?"), choices=YES_NO, widget=forms.RadioSelect)
    abroad = forms.ChoiceField(
        label=_("Do you have a school, vocational or university qualification from abroad?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )


ANY = None  # in a rule: this answer does not matter


@dataclass(frozen=True)
class Rule:
    service: str  # code of the service in the catalogue (servicepoint/setup.py)
    eu: str | None
    why: frozenset[str] | None
    kids: str | None
    work: str | None
    abroad: str | None
    reason: Promise

    def applies(self, answers: dict[str, Any]) -> bool:
        return (
            (self.eu is None or answers["eu"] == self.eu)
            and (self.why is None or answers["why"] in self.why)
            and (self.kids is None or answers["kids"] == self.kids)
            and (self.work is None or answers["work"] == self.work)
            and (self.abroad is None or answers["abroad"] == self.abroad)
        )


def R(  # short, so that the table below stays one row per rule
    service: str,
    *,
    eu: str | None = ANY,
    why: str | None = ANY,
    kids: str | None = ANY,
    work: str | None = ANY,
    abroad: str | None = ANY,
    reason: Promise,
) -> Rule:
    return Rule(service, eu, frozenset(why.split()) if why else None, kids, work, abroad, reason)


# fmt: off
RULES: tuple[Rule, ...] = (
    #  service                   who it applies to                                  why it is on the list
    R("abh-aufenthalt",          eu="no", why="work study family other",           reason=_("You need a residence permit to live, work or study here.")),
    R("abh-aufenthalt",          eu="no", why="refugee",                           reason=_("The foreigners authority issues your papers for the time of your asylum procedure and afterwards.")),
    R("asylblg-antrag",          eu="no", why="refugee",                           reason=_("While your asylum procedure runs, you can get benefits for food, housing and health.")),
    R("unterkunft-wohnen",       why="refugee",                                    reason=_("You get a place to live, and help when you move.")),
    R("jobcenter-antrag",        why="refugee family", work="yes",                 reason=_("When you are allowed to work but have no or little income, the Jobcenter secures your living.")),
    R("afa-arbeitslos",          work="yes",                                       reason=_("The employment agency helps you find work and registers you as a jobseeker.")),
    R("bildung-anerkennung",     abroad="yes",                                     reason=_("With a recognised qualification you find better work.")),
    R("integration-beratung",                                                      reason=_("Counselling helps you plan your next steps and brings everything together.")),
    R("vhs-kurs",                                                                  reason=_("German opens doors: find a language or integration course.")),
    R("bildung-schule",          kids="yes",                                       reason=_("Children must go to school; younger children can go to a Kita.")),
    R("jugendamt-beratung",      kids="yes",                                       reason=_("The youth welfare office supports families with questions about children.")),
    R("afa-berufsberatung",      why="study",                                      reason=_("Career guidance helps you choose training or studies.")),
    R("ehrenamt-hilfe",          why="refugee family",                             reason=_("Volunteers can accompany you to appointments and help with translation.")),
)
# fmt: on


@dataclass(frozen=True)
class Step:
    service_code: str
    reason: Promise


def steps(answers: dict[str, Any]) -> list[Step]:
    """The services on the checklist, in order, each once (the first matching rule's reason)."""
    seen: set[str] = set()
    found = []
    for rule in RULES:
        if rule.service not in seen and rule.applies(answers):
            seen.add(rule.service)
            found.append(Step(rule.service, rule.reason))
    return found
