from django.urls import path

from meetings.agenda import views

urlpatterns = [
    path("moten/<int:pk>/forslag/", views.agenda_proposals, name="agenda_proposals"),
    path(
        "moten/<int:pk>/forslag/<int:item_pk>/andra/",
        views.agenda_proposal_edit,
        name="agenda_proposal_edit",
    ),
    path(
        "moten/<int:pk>/forslag/<int:item_pk>/ta-tillbaka/",
        views.agenda_proposal_withdraw,
        name="agenda_proposal_withdraw",
    ),
    path("moten/<int:pk>/dagordning/", views.agenda_version, name="agenda_current"),
    path(
        "moten/<int:pk>/dagordning/version/<int:number>/",
        views.agenda_version,
        name="agenda_version",
    ),
    path("moten/<int:pk>/dagordning.txt", views.agenda_text, name="agenda_text"),
    path("moten/<int:pk>/dagordning/hantera/", views.agenda_manage, name="agenda_manage"),
    path(
        "moten/<int:pk>/dagordning/punkter/<int:item_pk>/beslut/",
        views.agenda_triage,
        name="agenda_triage",
    ),
    path("moten/<int:pk>/dagordning/ny-punkt/", views.agenda_add, name="agenda_add"),
    path(
        "moten/<int:pk>/dagordning/punkter/<int:item_pk>/flytta/",
        views.agenda_move,
        name="agenda_move",
    ),
    path(
        "moten/<int:pk>/dagordning/punkter/<int:item_pk>/tid/",
        views.agenda_time,
        name="agenda_time",
    ),
    path("moten/<int:pk>/dagordning/publicera/", views.agenda_publish, name="agenda_publish"),
]
