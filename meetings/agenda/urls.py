from django.urls import path

from meetings.agenda import views as views_agenda

urlpatterns = [
    path("moten/<int:pk>/forslag/", views_agenda.agenda_proposals, name="agenda_proposals"),
    path(
        "moten/<int:pk>/forslag/<int:item_pk>/andra/",
        views_agenda.agenda_proposal_edit,
        name="agenda_proposal_edit",
    ),
    path(
        "moten/<int:pk>/forslag/<int:item_pk>/ta-tillbaka/",
        views_agenda.agenda_proposal_withdraw,
        name="agenda_proposal_withdraw",
    ),
    path("moten/<int:pk>/dagordning/", views_agenda.agenda_version, name="agenda_current"),
    path(
        "moten/<int:pk>/dagordning/version/<int:number>/",
        views_agenda.agenda_version,
        name="agenda_version",
    ),
    path("moten/<int:pk>/dagordning.txt", views_agenda.agenda_text, name="agenda_text"),
    path("moten/<int:pk>/dagordning/hantera/", views_agenda.agenda_manage, name="agenda_manage"),
    path(
        "moten/<int:pk>/dagordning/punkter/<int:item_pk>/beslut/",
        views_agenda.agenda_triage,
        name="agenda_triage",
    ),
    path("moten/<int:pk>/dagordning/ny-punkt/", views_agenda.agenda_add, name="agenda_add"),
    path(
        "moten/<int:pk>/dagordning/punkter/<int:item_pk>/flytta/",
        views_agenda.agenda_move,
        name="agenda_move",
    ),
    path(
        "moten/<int:pk>/dagordning/punkter/<int:item_pk>/tid/",
        views_agenda.agenda_time,
        name="agenda_time",
    ),
    path(
        "moten/<int:pk>/dagordning/publicera/", views_agenda.agenda_publish, name="agenda_publish"
    ),
]
