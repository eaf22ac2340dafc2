"""The HTTP API, version 1 (django-ninja). OpenAPI description at /api/v1/openapi.json.

Authentication: the session of a signed-in staff member (the same sign-in and session limits as
the staff pages), or a bearer token for other systems (`kurzweg create-api-token`), which acts
as a staff account. Every answer is scoped to that account's agency, as everywhere: persons of
another agency are never found.

The search takes names in the query string (GET, as specified for clients); such URLs must not be
logged — see docs/architecture.md, "No personal data in URLs and logs".
"""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from pydantic import Field

from kurzweg.core import tokens
from kurzweg.people.countries import country_name
from kurzweg.people.search import InvalidQuery, PersonQuery, find_persons, parse_birth


class StaffSession(SessionAuth):
    """A signed-in staff member (every user belongs to an agency); 401 otherwise."""

    def authenticate(self, request: HttpRequest, key: str | None):  # type: ignore[no-untyped-def]
        user = request.user
        if user.is_authenticated and user.is_active and getattr(user, "agency_id", None):
            return user
        return None


class Token(HttpBearer):
    """`Authorization: Bearer kzw_…` for other systems; the token acts as a staff account."""

    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        user = tokens.user_for(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Kurzweg API",
    version="1",
    urls_namespace="api-v1",
    auth=[Token(), StaffSession()],
    docs_url=None,  # the interactive docs would load scripts from a CDN; the OpenAPI JSON is there
)


class SearchParams(Schema):
    name: str = Field("", max_length=200, description="name fragments in any order, any script")
    birth_date: str = Field(
        "", max_length=20, description="DD.MM.YYYY, YYYY-MM-DD, MM.YYYY, YYYY or a range of years 1990-1995"
    )
    nationality: str = Field("", max_length=3, description="ISO 3166 alpha-3, XXA stateless, XXX unknown")
    limit: int = Field(10, ge=1, le=50)


class PersonOut(Schema):
    id: UUID
    given_names: str
    family_name: str
    display_name: str
    birth_date: str = Field(description="German style, unknown parts as xx: 07.03.1991, xx.xx.1991")
    nationalities: list[str]
    nationality_names: list[str]
    score: float = Field(description="0..1")
    level: str = Field(description="exact | likely | possible")
    reasons: list[str]


class SearchOut(Schema):
    results: list[PersonOut]


@api.get("/persons/search", response=SearchOut, summary="Find persons despite the spelling")
def search_persons(request: HttpRequest, params: Query[SearchParams]) -> dict:
    try:
        birth = parse_birth(params.birth_date)
    except InvalidQuery as error:
        raise HttpError(422, str(error)) from None
    query = PersonQuery(name=params.name, birth=birth, nationality=params.nationality.strip().upper())
    matches = find_persons(request.user, query, limit=params.limit)  # type: ignore[arg-type]
    results = []
    for m in matches:
        p = m.person
        codes = [n.code for n in p.nationalities.all()]
        results.append(
            {
                "id": p.pk,
                "given_names": p.given_names,
                "family_name": p.family_name,
                "display_name": p.display_name,
                "birth_date": p.birth_date_display,
                "nationalities": codes,
                "nationality_names": [country_name(c) for c in codes],
                "score": round(m.score, 4),
                "level": m.level,
                "reasons": m.reasons,
            }
        )
    return {"results": results}
