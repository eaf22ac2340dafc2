from django.urls import include, path

from kurzweg.api import api
from kurzweg.core import views as core_views
from kurzweg.core.admin import site as admin_site
from kurzweg.people import views as people_views

urlpatterns = [
    path("", people_views.home, name="home"),
    path("sign-in/", core_views.SignInView.as_view(), name="login"),
    path("sign-out/", core_views.SignOutView.as_view(), name="logout"),
    path("healthz", core_views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
    path("", include("kurzweg.servicepoint.urls")),
    path("", include("kurzweg.cases.urls")),
    path("guide/", include("kurzweg.guide.urls")),
    path("content/", include("kurzweg.guide.urls_staff")),
    path("", include("kurzweg.privacy.urls")),
    path("", include("kurzweg.people.urls")),
]
