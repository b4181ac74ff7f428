from django.urls import path

from representatives import views

urlpatterns = [
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
