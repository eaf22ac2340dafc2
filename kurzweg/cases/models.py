"""Cases, residence status and tasks. Each belongs to an office and is part of that office's
section of the person's file: who may read or write it is decided in cases/access.py."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Agency, Office
from kurzweg.people.models import Consent, Household, Person

# How long before a residence document ends its deadline task is due (see cases/deadlines.py).
RESIDENCE_LEAD_TIME = datetime.timedelta(weeks=8)
# How long before a consent ends the office that asked for it is reminded to ask again.
CONSENT_LEAD_TIME = datetime.timedelta(weeks=4)


class LegalArea(models.TextChoices):
    AUFENTHG = "aufenthg", "AufenthG"
    ASYLBLG = "asylblg", "AsylbLG"
    SGB_II = "sgb2", "SGB II"
    SGB_III = "sgb3", "SGB III"
    SGB_VIII = "sgb8", "SGB VIII"
    INTEGRATION = "integration", _("Integration")


# The legal area a case of an office is in, by the office's kind; offices not listed work in
# integration (counselling, courses, education, volunteers).
LEGAL_AREA_OF_OFFICE = {
    Office.Kind.AUSLAENDERBEHOERDE: LegalArea.AUFENTHG,
    Office.Kind.ASYLBLG: LegalArea.ASYLBLG,
    Office.Kind.UNTERKUNFT: LegalArea.ASYLBLG,
    Office.Kind.JOBCENTER: LegalArea.SGB_II,
    Office.Kind.AGENTUR_FUER_ARBEIT: LegalArea.SGB_III,
    Office.Kind.JUGENDAMT: LegalArea.SGB_VIII,
}


def legal_area_of(office: Office) -> str:
    return LEGAL_AREA_OF_OFFICE.get(office.kind, LegalArea.INTEGRATION)  # type: ignore[call-overload]


class Case(models.Model):
    """A case of one office for a person or a whole household, with an owner, a status and a
    history (CaseEvent). Closed with a reason; may be reopened."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        WAITING = "waiting", _("waiting for the person or documents")
        CLOSED = "closed", _("closed")

    class CloseReason(models.TextChoices):
        DECIDED = "decided", _("decided or goal reached")
        WITHDRAWN = "withdrawn", _("application withdrawn")
        MOVED_AWAY = "moved_away", _("moved away")
        TRANSFERRED = "transferred", _("another authority is responsible")
        OTHER = "other", _("other reason")

    # Which status may follow which; closing always needs a reason.
    TRANSITIONS = {
        Status.OPEN: (Status.IN_PROGRESS, Status.WAITING, Status.CLOSED),
        Status.IN_PROGRESS: (Status.WAITING, Status.CLOSED),
        Status.WAITING: (Status.IN_PROGRESS, Status.CLOSED),
        Status.CLOSED: (Status.OPEN,),
    }

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office"))
    legal_area = models.CharField(_("legal area"), max_length=12, choices=LegalArea.choices)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="cases")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, null=True, blank=True, related_name="cases")
    title = models.CharField(_("subject"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    close_reason = models.CharField(_("reason for closing"), max_length=12, choices=CloseReason.choices, blank=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["person", "office"], name="case_person_office"),
            models.Index(fields=["household", "office"], name="case_household_office"),
        ]
        constraints = [
            # For a person or for a household, never both, never neither.
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(household__isnull=True))
                | (Q(person__isnull=True) & Q(household__isnull=False)),
                name="case_person_or_household",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) & ~Q(close_reason="")
                | (~Q(status="closed") & Q(close_reason="")),
                name="case_closed_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office.code}-{self.pk}"

    @property
    def number(self) -> str:
        return f"{self.office.code.upper()}-{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def next_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.Status(self.status)]


class CaseEvent(models.Model):
    """One step in a case's history. Rows are only added."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("case opened")
        STATUS = "status", _("status changed")
        OWNER = "owner", _("owner changed")
        CLOSED = "closed", _("case closed")
        REOPENED = "reopened", _("case reopened")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=12, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Case.Status.choices, blank=True)
    close_reason = models.CharField(max_length=12, choices=Case.CloseReason.choices, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case history")
        ordering = ["-at", "-id"]


class ResidenceStatus(models.Model):
    """The person's residence status as the foreigners authority recorded it. A change is a new
    row: the history is never overwritten, and the newest row is the current status."""

    class Kind(models.TextChoices):
        GESTATTUNG = "gestattung", _("Aufenthaltsgestattung (permission to stay during the asylum procedure)")
        DULDUNG = "duldung", _("Duldung (temporary suspension of deportation)")
        ERLAUBNIS = "erlaubnis", _("Aufenthaltserlaubnis (residence permit)")
        NIEDERLASSUNG = "niederlassung", _("Niederlassungserlaubnis (settlement permit)")
        DAUERAUFENTHALT_EU = "daueraufenthalt_eu", _("Erlaubnis zum Daueraufenthalt-EU (EU long-term residence)")
        FREIZUEGIGKEIT = "freizuegigkeit", _("EU freedom of movement")
        FIKTION = "fiktion", _("Fiktionsbescheinigung (provisional certificate)")
        VISUM = "visum", _("Visa")
        OTHER = "other", _("Other")

    # Kinds whose end is a deadline for the foreigners authority (see cases/deadlines.py).
    EXPIRY_DEADLINE_KINDS = (Kind.ERLAUBNIS, Kind.FIKTION)

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="residence_statuses")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by office"))
    kind = models.CharField(_("status"), max_length=20, choices=Kind.choices)
    legal_paragraph = models.CharField(
        _("legal paragraph"), max_length=100, blank=True, help_text=_("e.g. § 25 Abs. 2 AufenthG")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("residence status")
        verbose_name_plural = _("residence statuses")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "-recorded_at"], name="residence_person_recorded")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="residence_valid_range",
            )
        ]

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("A residence status is never changed: record a new one.")
        super().save(*args, **kwargs)

    @property
    def description(self) -> str:
        label = str(self.get_kind_display())
        return f"{label}, {self.legal_paragraph}" if self.legal_paragraph else label


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(status=Task.Status.OPEN)

    def by_urgency(self) -> TaskQuerySet:
        """Overdue first (they have the earliest due dates), then by due date."""
        return self.order_by("due_date", "id")


class Task(models.Model):
    """Something an office has to do by a date, for a person or for the office itself; assigned
    to a staff member or left in the office's queue. Automatic tasks come from data (an expiring
    residence permit) and carry a source key, so each is made once."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    class Origin(models.TextChoices):
        MANUAL = "manual", _("created by staff")
        AUTOMATIC = "automatic", _("made automatically from data")

    class Kind(models.TextChoices):
        MANUAL = "manual", _("task")
        RESIDENCE_EXPIRY = "residence_expiry", _("Residence document expires: prepare the extension")
        CONSENT_RENEWAL = "consent_renewal", _("Consent ends: ask the person whether they renew it")

    class Reminder(models.TextChoices):
        NONE = "", _("none")
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office"))
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks", verbose_name=_("person")
    )
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    title = models.CharField(_("title"), max_length=200, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    source_key = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reminder_sent = models.CharField(max_length=10, choices=Reminder.choices, blank=True, default="")

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["office", "status", "due_date"], name="task_office_queue"),
            models.Index(fields=["assignee", "status", "due_date"], name="task_assignee_list"),
            models.Index(fields=["person", "-created_at"], name="task_person"),
        ]
        constraints = [
            # An automatic task is made once per source, however often the job runs.
            models.UniqueConstraint(
                fields=["agency", "source_key"], condition=~Q(source_key=""), name="task_source_once"
            )
        ]

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.kind == self.Kind.RESIDENCE_EXPIRY:
            # Due 8 weeks before the document ends (cases/deadlines.py): the end date follows.
            ends = formats.date_format(self.due_date + RESIDENCE_LEAD_TIME, "SHORT_DATE_FORMAT")
            return _("Residence document expires on %(date)s: prepare the extension") % {"date": ends}
        if self.kind == self.Kind.CONSENT_RENEWAL:
            ends = formats.date_format(self.due_date + CONSENT_LEAD_TIME, "SHORT_DATE_FORMAT")
            return _("Consent ends on %(date)s: ask the person whether they renew it") % {"date": ends}
        return str(self.get_kind_display())

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status == self.Status.OPEN and self.due_date < (today or timezone.localdate())


class Referral(models.Model):
    """Office A refers a person to office B, with a reason and exactly the parts of A's section
    B needs. While the referral is active (requested or accepted), B may read those parts — as
    long as the person's consent to share A's section with B is in force, or an authorised
    override (with its reason) stands in for the consent. See cases/access.py."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        DONE = "done", _("done")
        REVOKED = "revoked", _("revoked")

    class Part(models.TextChoices):
        ENTRIES = "entries", _("notes in the section (without special categories)")
        CASES = "cases", _("cases")
        DOCUMENTS = "documents", _("documents")
        RESIDENCE = "residence", _("residence status details")

    class Origin(models.TextChoices):
        MANUAL = "manual", _("referral")
        HAND_OVER = "hand_over", _("hand-over at the service point")

    ACTIVE = (Status.REQUESTED, Status.ACCEPTED)
    # Which status may follow which, and which side moves it: the receiving office accepts,
    # declines and finishes; the referring office revokes.
    TRANSITIONS = {
        Status.REQUESTED: (Status.ACCEPTED, Status.DECLINED, Status.REVOKED),
        Status.ACCEPTED: (Status.DONE, Status.REVOKED),
    }
    BY_RECEIVER = (Status.ACCEPTED, Status.DECLINED, Status.DONE)
    BY_SENDER = (Status.REVOKED,)

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals")
    from_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("from office"))
    to_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("to office"))
    reason = models.TextField(_("reason"), max_length=2000)
    parts = models.JSONField(_("data passed"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    consent = models.ForeignKey(Consent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    override_reason = models.TextField(_("reason for passing data without consent"), blank=True, max_length=2000)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("referred at"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to_office", "status"], name="referral_inbox"),
            models.Index(fields=["from_office", "status"], name="referral_outbox"),
            models.Index(fields=["person", "to_office", "status"], name="referral_person_to"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(from_office=models.F("to_office")), name="referral_two_offices"),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="referral_declined_with_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def next_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.Status(self.status), ())

    def part_labels(self) -> list[str]:
        labels = dict(self.Part.choices)
        return [str(labels[p]) for p in self.parts if p in labels]


class ReferralEvent(models.Model):
    """One step of a referral: made, accepted, declined (with reason), done, revoked. Rows are
    only added."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=10, choices=Referral.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Document(models.Model):
    """An uploaded passport, certificate or decision. Part of the owning office's section. The
    file lives outside the web root under a random name (settings KURZWEG_DOCUMENTS_DIR); it is
    read only through the permission-checked, audited download view."""

    class Kind(models.TextChoices):
        PASSPORT = "passport", _("passport or identity document")
        CERTIFICATE = "certificate", _("certificate")
        DECISION = "decision", _("decision (Bescheid)")
        OTHER = "other", _("other document")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning office"))
    kind = models.CharField(_("type of document"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=80, unique=True)
    # Shown and offered as the download's name, cleaned; never used on disk.
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["person", "office"], name="document_person_office")]

    @property
    def display_title(self) -> str:
        return self.title or str(self.get_kind_display())


class Plan(models.Model):
    """A person's integration plan: goals across offices and partners, each reached in steps
    (course, recognition, childcare, job search). One per person. It is kept by one office (the
    case management that drew it up) and is part of that office's section; who sees and changes
    which part is decided in cases/plans.py. Not moved by a merge of two records: the merged
    record's plan stays with it (and is there again when the merge is undone)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("kept by office"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("integration plan")
        verbose_name_plural = _("integration plans")
        constraints = [models.UniqueConstraint(fields=["person"], name="plan_one_per_person")]

    def __str__(self) -> str:
        return f"P-{self.pk}"


class PlanGoal(models.Model):
    """What the person wants to reach, e.g. "Deutsch B1" or "Arbeit als Pflegefachkraft"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class PlanStep(models.Model):
    """One step towards a goal, the responsibility of an office of the house or of an outside
    partner (free text: a Kita, the recognition authority), with an owner, a status and a date;
    it may wait for another step of the plan (childcare before the course)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    # Which status may follow which: a finished or cancelled step may be taken up again.
    TRANSITIONS = {
        Status.PLANNED: (Status.IN_PROGRESS, Status.DONE, Status.CANCELLED),
        Status.IN_PROGRESS: (Status.DONE, Status.CANCELLED, Status.PLANNED),
        Status.DONE: (Status.IN_PROGRESS,),
        Status.CANCELLED: (Status.PLANNED,),
    }
    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="steps", verbose_name=_("goal"))
    title = models.CharField(_("step"), max_length=200)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible office"),
    )
    partner = models.CharField(
        _("outside partner"), max_length=200, blank=True, help_text=_("e.g. Kita Sonnenschein, Anerkennungsstelle")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    due_date = models.DateField(_("date"))
    depends_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("after the step"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["office", "status"], name="planstep_office_status")]
        constraints = [
            models.CheckConstraint(condition=Q(office__isnull=False) | ~Q(partner=""), name="planstep_responsible"),
            models.CheckConstraint(condition=~Q(depends_on=models.F("id")), name="planstep_not_after_itself"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def next_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.Status(self.status), ())

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())


class PlanEvent(models.Model):
    """The plan's history: who changed what and when (field names and statuses, as in the audit
    log, never the old texts). Rows are only added."""

    class Kind(models.TextChoices):
        CREATED = "created", _("plan drawn up")
        GOAL_ADDED = "goal_added", _("goal added")
        GOAL_CHANGED = "goal_changed", _("goal changed")
        STEP_ADDED = "step_added", _("step added")
        STEP_CHANGED = "step_changed", _("step changed")
        STATUS = "status", _("status changed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, null=True, related_name="+")
    step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, null=True, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    fields = models.JSONField(default=list, blank=True)
    from_status = models.CharField(max_length=12, choices=PlanStep.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PlanStep.Status.choices, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    @property
    def field_labels(self) -> list[str]:
        """The names of the changed fields as the staff page says them."""
        model: type[models.Model] = PlanStep if self.step_id else PlanGoal
        names = {f.name: f.verbose_name for f in model._meta.get_fields() if hasattr(f, "verbose_name")}
        return [str(names.get(name, name)) for name in self.fields]
