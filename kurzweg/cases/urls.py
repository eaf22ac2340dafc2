"""Addresses of case management. Persons appear by their random UUID only; cases and tasks by
their number (404 for other agencies). Timeline filters (office codes, entry kinds) are GET
parameters: they are not personal data."""

from django.urls import path

from kurzweg.people import views as people_views

from . import views, views_documents, views_plans, views_referrals

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
    path("persons/<uuid:person_id>/referrals/new/", views_referrals.referral_new, name="referral_new"),
    path("referrals/", views_referrals.referral_list, name="referrals"),
    path("referrals/<int:referral_id>/", views_referrals.referral, name="referral"),
    *[
        path(
            f"referrals/<int:referral_id>/{action}/",
            views_referrals.referral_move,
            {"action": action},
            name=f"referral_{action}",
        )
        for action in views_referrals.ACTIONS
    ],
    path("persons/<uuid:person_id>/documents/", views_documents.documents, name="documents"),
    path("documents/<int:document_id>/download/", views_documents.document_download, name="document_download"),
    # The consent printout is a page of the person file's consents (kurzweg.people.views); its
    # address lives here until people/urls.py takes it over.
    path(
        "persons/<uuid:person_id>/consents/<int:consent_id>/print/",
        people_views.consent_print,
        name="consent_print",
    ),
]

# The integration plan (kurzweg/cases/views_plans.py): one per person, goals and steps by number.
urlpatterns += [
    path("persons/<uuid:person_id>/plan/", views_plans.plan, name="plan"),
    path("persons/<uuid:person_id>/plan/goals/new/", views_plans.goal_new, name="plan_goal_new"),
    path("persons/<uuid:person_id>/plan/steps/new/", views_plans.step_new, name="plan_step_new"),
    path("persons/<uuid:person_id>/plan/print/", views_plans.plan_print, name="plan_print"),
    path("plan-goals/<int:goal_id>/", views_plans.goal, name="plan_goal"),
    path("plan-steps/<int:step_id>/", views_plans.step, name="plan_step"),
    path("plan-steps/<int:step_id>/status/", views_plans.step_status, name="plan_step_status"),
]
