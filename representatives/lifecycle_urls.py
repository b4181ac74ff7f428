from django.urls import path

from representatives import lifecycle_views

urlpatterns = [
    path(
        "personer/utan-uppdrag/",
        lifecycle_views.people_to_deactivate_page,
        name="people_to_deactivate",
    ),
    path(
        "personer/<int:pk>/avaktivera/",
        lifecycle_views.person_deactivate,
        name="person_deactivate",
    ),
]
