"""The administrator adds a staff member with an office and a role, in the styled, translated
administration."""

from __future__ import annotations

import pytest

from kurzweg.core.models import Membership, Office, Role, User

from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_adds_a_caseworker_to_the_jobcenter(page, sign_in, administrator, other_agency):
    sign_in(administrator)
    visit(page, "/admin/")
    assert page.locator("#site-name").inner_text().startswith("Kurzweg")
    visit(page, "/admin/core/user/add/")
    page.fill("#id_username", "k.neumann")
    page.fill("#id_last_name", "Neumann")
    page.fill("#id_password1", "ein-langes-Startpasswort-2026")
    page.fill("#id_password2", "ein-langes-Startpasswort-2026")
    jobcenter = Office.objects.get(agency=administrator.agency, code="jobcenter")
    caseworker = Role.objects.get(agency=administrator.agency, code="caseworker")
    # Only the administrator's own agency's offices are offered.
    offered = page.locator("#id_memberships-0-office option").all_inner_texts()
    assert offered.count("Jobcenter") == 1
    page.select_option("#id_memberships-0-office", str(jobcenter.pk))
    page.select_option("#id_memberships-0-role", str(caseworker.pk))
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    user = User.objects.get(username="k.neumann")
    assert user.agency == administrator.agency
    assert Membership.objects.filter(user=user, office=jobcenter, role=caseworker).exists()


def test_a_caseworker_is_not_let_into_the_administration(page, sign_in, abh_caseworker):
    sign_in(abh_caseworker)
    page.goto("/admin/")
    arrived(page, "/admin/login/?next=/admin/")
    assert "abh" in page.content()
