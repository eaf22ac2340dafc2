"""Signing in and out, password hashing, and the limits of a staff session."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from kurzweg.core.middleware import LAST_SEEN_AT, SIGNED_IN_AT

from .conftest import PASSWORD, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_passwords_are_hashed_with_argon2(agency, argon2):
    user = make_staff(agency, "neu", ("abh", "caseworker"))
    assert user.password.startswith("argon2$")


def test_sign_in_and_out(agency, abh_caseworker):
    client = Client()
    response = client.post(reverse("login"), {"username": "abh", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_password_is_refused_and_the_user_name_kept(agency, abh_caseworker):
    response = Client().post(reverse("login"), {"username": "abh", "password": "wrong"})
    assert response.status_code == 200
    assert 'value="abh"' in response.content.decode()


def session_client(user, *, signed_in_ago: float, last_seen_ago: float) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    now = time.time()
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[LAST_SEEN_AT] = now - last_seen_ago
    session.save()
    return client


def test_a_session_ends_after_30_minutes_idle(abh_caseworker):
    assert session_client(abh_caseworker, signed_in_ago=3600, last_seen_ago=29 * 60).get("/").status_code == 200
    response = session_client(abh_caseworker, signed_in_ago=3600, last_seen_ago=31 * 60).get("/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_session_ends_10_hours_after_sign_in_even_when_active(abh_caseworker):
    assert session_client(abh_caseworker, signed_in_ago=9.9 * 3600, last_seen_ago=60).get("/").status_code == 200
    response = session_client(abh_caseworker, signed_in_ago=10.1 * 3600, last_seen_ago=60).get("/")
    assert response.status_code == 302


def test_an_expired_session_is_really_signed_out(abh_caseworker):
    client = session_client(abh_caseworker, signed_in_ago=60, last_seen_ago=40 * 60)
    client.get("/")
    assert "_auth_user_id" not in client.session


def test_demo_accounts_cannot_sign_in_outside_demo_mode(agency, settings):
    user = make_staff(agency, "demo-user", ("abh", "caseworker"))
    type(user).objects.filter(pk=user.pk).update(is_demo=True)
    settings.DEMO_MODE = False
    assert authenticate(username="demo-user", password=PASSWORD) is None
    settings.DEMO_MODE = True
    assert authenticate(username="demo-user", password=PASSWORD) is not None


def test_load_demo_refuses_outside_demo_mode(settings):
    from django.core.management import CommandError, call_command

    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_the_interface_is_german_by_default_and_english_on_request(abh_caseworker):
    client = Client()
    assert 'lang="de"' in client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get(reverse("login")).content.decode()


def test_activity_keeps_the_session_alive(abh_caseworker):
    client = session_client(abh_caseworker, signed_in_ago=3600, last_seen_ago=20 * 60)
    client.get("/")
    assert time.time() - client.session[LAST_SEEN_AT] < 5  # the request counted as activity


def test_a_page_polling_in_the_background_does_not_keep_the_session_alive(abh_caseworker):
    client = session_client(abh_caseworker, signed_in_ago=3600, last_seen_ago=20 * 60)
    client.get("/", HTTP_X_KURZWEG_POLL="1")
    assert time.time() - client.session[LAST_SEEN_AT] > 19 * 60


def test_staff_pages_stay_german_or_english_when_a_newcomer_language_was_chosen(abh_caseworker):
    client = Client()
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("login")).content.decode()
    assert 'lang="de"' in page and 'dir="rtl"' not in page
