from django.urls import path

from networks import views

urlpatterns = [
    path("natverk/<slug:code>/installningar/", views.network_settings, name="network_settings"),
    path("natverk/<slug:code>/arbetsomraden/ny/", views.work_area_add, name="work_area_add"),
    path(
        "natverk/<slug:code>/arbetsomraden/<int:pk>/redigera/",
        views.work_area_edit,
        name="work_area_edit",
    ),
    path(
        "natverk/<slug:code>/arbetsomraden/<int:pk>/flytta/",
        views.work_area_move,
        name="work_area_move",
    ),
    path(
        "natverk/<slug:code>/arbetsomraden/<int:pk>/arkivera/",
        views.work_area_archive,
        name="work_area_archive",
    ),
    path(
        "natverk/<slug:code>/arbetsomraden/<int:pk>/aterstall/",
        views.work_area_restore,
        name="work_area_restore",
    ),
]
