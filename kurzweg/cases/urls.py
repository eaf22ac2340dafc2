"""Addresses of case management. Persons appear by their random UUID only; cases and tasks by
their number (404 for other agencies). Timeline filters (office codes, entry kinds) are GET
parameters: they are not personal data."""

from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("persons/<uuid:person_id>/timeline/", views.timeline, name="timeline"),
    path("persons/<uuid:person_id>/cases/new/", views.case_new, name="case_new"),
    path("persons/<uuid:person_id>/residence/", views.residence, name="residence"),
    path("cases/<int:case_id>/", views.case, name="case"),
    path("tasks/", views.my_tasks, name="tasks"),
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/offices/<slug:office_code>/", views.office_tasks, name="office_tasks"),
    path("tasks/<int:task_id>/", views.task, name="task"),
    path("tasks/<int:task_id>/done/", views.task_finish, {"outcome": "done"}, name="task_done"),
    path("tasks/<int:task_id>/cancel/", views.task_finish, {"outcome": "cancel"}, name="task_cancel"),
]
