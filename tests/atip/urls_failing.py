"""The project's URLs plus a view that writes a record and then fails: a server error."""

from django.urls import path

from atip.models import ReferenceCounter
from atip.urls import urlpatterns as project_urlpatterns


def failing_view(request):
    ReferenceCounter.objects.create(prefix="X", year=2020)
    raise RuntimeError("the view failed while saving Maria Lopez")


urlpatterns = [*project_urlpatterns, path("failing/", failing_view)]
