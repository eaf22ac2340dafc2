"""Staff pages of documents: the person's documents one may see (with the upload form for the
offices one writes in), and the download — permission-checked, audited, never served by the web
server directly."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.core.models import AuditEntry
from kurzweg.people import access as people_access

from . import access as policy
from . import documents as uploads
from . import storage
from .forms import DocumentForm


@staff_required
def documents(request: StaffRequest, person_id: str) -> HttpResponse:
    person = people_access.get_person(request.user, person_id)
    offices = policy.document_offices(request.user)
    form = None
    if request.method == "POST":
        if not offices:
            raise PermissionDenied
        form = DocumentForm(request.POST, request.FILES, offices=offices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                uploads.upload_document(
                    request.user,
                    person,
                    office=data["office"],
                    kind=data["kind"],
                    upload=data["file"],
                    title=data["title"],
                    valid_until=data["valid_until"],
                )
            except uploads.UploadRefused as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("The document has been stored."))
                return redirect("cases:documents", person.pk)
    elif offices:
        form = DocumentForm(offices=offices)
    accesses = policy.accesses_for(request.user, person)
    shown = policy.documents_of(request.user, person, accesses)
    with transaction.atomic():
        for office_id in sorted({d.office_id for d in shown}):
            grant = accesses[office_id]
            audit.record(
                request.user,
                AuditEntry.Action.READ_SECTION,
                person_id=person.pk,
                section_office=grant.section_office,
                acting_office=grant.acting_office,
                reason=grant.audit_reason,
            )
    return render(request, "cases/documents.html", {"person": person, "documents": shown, "form": form})


@staff_required
def document_download(request: StaffRequest, document_id: int) -> HttpResponse:
    document = policy.get_document(request.user, document_id)
    policy.read_document(request.user, document)
    try:
        handle = storage.path_of(document.storage_name).open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name or "document", content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response  # type: ignore[return-value]  # a streaming response
