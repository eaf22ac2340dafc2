"""The person registry: master data shared across the house, office sections, consents."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Agency, Office

from .names import fold_name


class BirthDatePrecision(models.TextChoices):
    EXACT = "exact", _("exact")
    MONTH = "month", _("month and year")
    YEAR = "year", _("year only")
    UNKNOWN = "unknown", _("unknown")


class Household(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")


class PersonQuerySet(models.QuerySet["Person"]):
    def of_agency(self, agency: Agency) -> PersonQuerySet:
        return self.filter(agency=agency)


class Person(models.Model):
    """A newcomer. Names are stored as in the passport; a birth date is stored only as far as
    it is known (year, month, day each optional) — never as an invented 1 January."""

    class Sex(models.TextChoices):
        FEMALE = "F", _("female")
        MALE = "M", _("male")
        DIVERSE = "X", _("diverse")
        UNKNOWN = "U", _("not stated")

    class HouseholdRelation(models.TextChoices):
        HEAD = "head", _("head of household")
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        GRANDCHILD = "grandchild", _("grandchild")
        OTHER = "other", _("other relative")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    given_names_original = models.CharField(_("given names in original script"), max_length=200, blank=True)
    family_name_original = models.CharField(_("family name in original script"), max_length=200, blank=True)
    birth_year = models.SmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_month = models.SmallIntegerField(_("month of birth"), null=True, blank=True)
    birth_day = models.SmallIntegerField(_("day of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    place_of_birth = models.CharField(_("place of birth"), max_length=200, blank=True)
    country_of_birth = models.CharField(_("country of birth"), max_length=3, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    household_relation = models.CharField(
        _("relation in household"), max_length=20, choices=HouseholdRelation.choices, blank=True
    )
    # All known spellings, folded (lower case, ASCII, no punctuation), for the simple search.
    name_index = models.TextField(editable=False, default="")
    # The id the person had in the system they were imported from (kurzweg import-persons).
    external_id = models.CharField(_("external id"), max_length=64, blank=True, default="")
    # Set when a data steward merged this record into another; the row stays so that the merge
    # can be undone and the audit trail keeps pointing at it. Merged persons are not listed.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name", "given_names"]
        indexes = [
            models.Index(fields=["agency", "birth_year"], name="person_agency_birth_year"),
            models.Index(fields=["agency", "family_name"], name="person_agency_family_name"),
            models.Index(fields=["agency", "external_id"], name="person_agency_external_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True) | (Q(birth_month__gte=1) & Q(birth_month__lte=12)),
                name="person_birth_month_range",
            ),
            models.CheckConstraint(
                condition=Q(birth_day__isnull=True) | (Q(birth_day__gte=1) & Q(birth_day__lte=31)),
                name="person_birth_day_range",
            ),
            # A day without a month, or a month without a year, is not a date.
            models.CheckConstraint(
                condition=(Q(birth_day__isnull=True) | Q(birth_month__isnull=False))
                & (Q(birth_month__isnull=True) | Q(birth_year__isnull=False)),
                name="person_birth_date_prefix",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.family_name and self.given_names:
            return f"{self.family_name.upper()}, {self.given_names}"
        return self.family_name.upper() or self.given_names or "—"

    @property
    def birth_date_precision(self) -> str:
        if self.birth_day:
            return BirthDatePrecision.EXACT
        if self.birth_month:
            return BirthDatePrecision.MONTH
        if self.birth_year:
            return BirthDatePrecision.YEAR
        return BirthDatePrecision.UNKNOWN

    @property
    def birth_date_precision_label(self) -> str:
        return str(BirthDatePrecision(self.birth_date_precision).label)

    @property
    def birth_date_display(self) -> str:
        """German style, with unknown parts shown as 'xx': 07.03.1991, xx.03.1991, xx.xx.1991."""
        if not self.birth_year:
            return str(_("unknown"))
        day = f"{self.birth_day:02d}" if self.birth_day else "xx"
        month = f"{self.birth_month:02d}" if self.birth_month else "xx"
        return f"{day}.{month}.{self.birth_year}"

    def clean(self) -> None:
        if self.birth_day and self.birth_month and self.birth_year:
            try:
                datetime.date(self.birth_year, self.birth_month, self.birth_day)
            except ValueError as error:
                raise ValidationError({"birth_day": _("This date does not exist.")}) from error
        if not (self.given_names or self.family_name):
            raise ValidationError(_("Enter at least a given name or a family name."))

    def refresh_name_index(self, alternative_names: list[tuple[str, str]] | None = None) -> None:
        if alternative_names is None:
            alternative_names = (
                [(a.given_names, a.family_name) for a in self.alternative_names.all()] if self.pk else []
            )
        parts = [self.given_names, self.family_name, self.given_names_original, self.family_name_original]
        for given, family in alternative_names:
            parts += [given, family]
        self.name_index = " " + " ".join(sorted({fold_name(p) for p in parts if p} - {""})) + " "


class Nationality(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nationalities")
    code = models.CharField(_("nationality"), max_length=3, db_index=True)

    class Meta:
        verbose_name = _("nationality")
        verbose_name_plural = _("nationalities")
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="nationality_once_per_person")]


class SpokenLanguage(models.Model):
    class Level(models.TextChoices):
        NATIVE = "native", _("native language")
        C2 = "C2", "C2"
        C1 = "C1", "C1"
        B2 = "B2", "B2"
        B1 = "B1", "B1"
        A2 = "A2", "A2"
        A1 = "A1", "A1"
        NONE = "none", _("no knowledge")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=3, help_text=_("ISO 639-3"))
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="language_once_per_person")]


class AlternativeName(models.Model):
    """Another spelling under which the person is known (other offices, older documents)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="alternative_names")
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    note = models.CharField(_("where this spelling comes from"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("other spelling")
        verbose_name_plural = _("other spellings")


class Identifier(models.Model):
    class Kind(models.TextChoices):
        AZR = "azr", _("AZR number")
        PASSPORT = "passport", _("passport")
        ID_CARD = "id_card", _("identity card")
        RESIDENCE_PERMIT = "permit", _("residence permit card")
        ARRIVAL_CERTIFICATE = "ankunft", _("arrival certificate")
        BA_CUSTOMER = "ba", _("employment agency customer number")
        OTHER = "other", _("other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("number"), max_length=50)
    issuing_country = models.CharField(_("issuing country"), max_length=3, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        indexes = [models.Index(fields=["kind", "value"], name="identifier_kind_value")]


class SpecialCategory(models.TextChoices):
    """Special categories of personal data (Art. 9 GDPR) that need a role allowed them."""

    NONE = "", _("none")
    HEALTH = "health", _("health")
    ASYLUM_REASONS = "asylum", _("reasons for asylum")
    RELIGION = "religion", _("religion")


class SectionEntry(models.Model):
    """An entry in one office's section of the person file."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="section_entries")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    special_category = models.CharField(
        _("special category"), max_length=10, choices=SpecialCategory.choices, blank=True, default=""
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("section entry")
        verbose_name_plural = _("section entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "office", "-created_at"], name="section_entry_person_office")]


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force(self, at: datetime.datetime | None = None) -> ConsentQuerySet:
        """Given, not withdrawn, and not past its end date (valid_until is the last day)."""
        at = at or timezone.now()
        return (
            self.filter(given_at__lte=at)
            .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate(at)))
        )

    def sharing(self) -> ConsentQuerySet:
        return self.filter(purpose=Consent.Purpose.SHARE_SECTION)


class Consent(models.Model):
    """The person's consent for one purpose, asked for by one office (section_office):
    - share that office's section of their file with another office (recipient_office);
    - pass their profile to employers;
    - be contacted by SMS or by e-mail.
    With date, form and who recorded it; optionally with an end date (valid_until). Withdrawal
    stops sharing at once: the access policy reads only consents in force."""

    class Form(models.TextChoices):
        WRITTEN = "written", _("signed form")
        ORAL = "oral", _("oral, documented")
        ELECTRONIC = "electronic", _("electronic")

    class Purpose(models.TextChoices):
        SHARE_SECTION = "share_section", _("share the office's section with another office")
        EMPLOYERS = "employers", _("pass the profile to employers")
        CONTACT_SMS = "contact_sms", _("contact by SMS")
        CONTACT_EMAIL = "contact_email", _("contact by e-mail")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices, default=Purpose.SHARE_SECTION)
    section_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("section of office")
    )
    recipient_office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("may be read by office"),
    )
    covers_special_categories = models.BooleanField(_("includes special categories"), default=False)
    form = models.CharField(_("form"), max_length=12, choices=Form.choices, default=Form.WRITTEN)
    # The language the person was given the form in (one of kurzweg.languages); blank: German.
    language = models.CharField(_("language of the form"), max_length=8, blank=True, default="")
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            # Sharing names the office that may read; the other purposes name none.
            models.CheckConstraint(
                condition=(Q(purpose="share_section") & Q(recipient_office__isnull=False))
                | (~Q(purpose="share_section") & Q(recipient_office__isnull=True)),
                name="consent_recipient_only_for_sharing",
            )
        ]

    @property
    def is_in_force(self) -> bool:
        if self.valid_until is not None and self.valid_until < timezone.localdate():
            return False
        return self.withdrawn_at is None or self.withdrawn_at > timezone.now()

    @property
    def is_sharing(self) -> bool:
        return self.purpose == self.Purpose.SHARE_SECTION


class PersonKey(models.Model):
    """A blocking key of the matching engine for one person: search and duplicate detection
    look up candidates by key (see docs/matching.md)."""

    id = models.BigAutoField(primary_key=True)
    # Keys are derived data (rebuild_keys recomputes them), written by the million on an import:
    # no single-column indexes (the two below begin with agency and with person) and no database
    # foreign key checks (PostgreSQL ran two deferred trigger checks per key at every commit).
    # Django still deletes a person's keys with the person (on_delete is done by Django), and the
    # candidate query joins the person table, so a key without its person is never found.
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="match_keys", db_index=False, db_constraint=False
    )
    key = models.CharField(max_length=64)

    class Meta:
        # The candidate lookup counts keys per person in this index alone (an index-only scan),
        # without visiting the table for each of the thousands of rows a name word has.
        indexes = [models.Index(fields=["agency", "key", "person"], name="personkey_agency_key_person")]
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="personkey_once_per_person")]


class DuplicateSuspicion(models.Model):
    """A pair the engine judges to be one person, waiting for a data steward; the decision
    "different persons" is remembered so the pair is never suggested again."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        MERGED = "merged", _("merged")
        DIFFERENT = "different", _("different persons")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    # person_a.pk < person_b.pk (as strings), so a pair has one row.
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    found_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suspected duplicate")
        verbose_name_plural = _("suspected duplicates")
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["person_a", "person_b"], name="suspicion_once_per_pair")]
        indexes = [models.Index(fields=["agency", "status", "-score"], name="suspicion_queue")]


class Merge(models.Model):
    """A merge of `merged` into `survivor`, with what moved, so that it can be undone."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # {"model label": [ids of rows moved from merged to survivor], ...}
    moved = models.JSONField(default=dict)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at"]
