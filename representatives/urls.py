from django.urls import path

from representatives import administration_views, views

urlpatterns = [
    path("forvaltningar/", administration_views.administration_list, name="administration_list"),
    path("forvaltningar/ny/", administration_views.administration_add, name="administration_add"),
    path(
        "forvaltningar/<int:pk>/andra/",
        administration_views.administration_edit,
        name="administration_edit",
    ),
    path(
        "forvaltningar/<int:pk>/sla-samman/",
        administration_views.administration_merge,
        name="administration_merge",
    ),
    path(
        "forvaltningar/<int:pk>/inaktivera/",
        administration_views.administration_deactivate,
        name="administration_deactivate",
    ),
    path(
        "forvaltningar/<int:pk>/aktivera/",
        administration_views.administration_reactivate,
        name="administration_reactivate",
    ),
    path("forvaltning/", views.my_administration, name="my_administration"),
    path("forvaltning/<int:pk>/", views.administration_detail, name="administration_detail"),
    path(
        "forvaltning/<int:pk>/<slug:code>/<slug:role>/utse/",
        views.appointment_create,
        name="appointment_create",
    ),
    path("uppdrag/<int:pk>/avsluta/", views.appointment_end, name="appointment_end"),
    path("natverk/<slug:code>/kontaktlista/", views.network_contacts, name="network_contacts"),
    path(
        "natverk/<slug:code>/kontaktlista.csv",
        views.network_contacts_csv,
        name="network_contacts_csv",
    ),
]
