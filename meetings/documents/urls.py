from django.urls import path

from meetings.documents import views

urlpatterns = [
    path("natverk/<slug:code>/dokument/", views.document_list, name="document_list"),
    path(
        "natverk/<slug:code>/dokument/nytt/",
        views.document_create,
        name="document_create",
    ),
    path("dokument/<int:pk>/", views.document_detail, name="document_detail"),
    path("dokument/<int:pk>/andra/", views.document_edit, name="document_edit"),
    path("dokument/<int:pk>/dra-tillbaka/", views.document_withdraw, name="document_withdraw"),
    path(
        "dokument/<int:pk>/svar/",
        views.consultation_response_mark,
        name="consultation_response_mark",
    ),
    path("dokument/fil/<uuid:key>/", views.document_file, name="document_file"),
]
