from django.urls import path

from meetings.documents import views as views_documents

urlpatterns = [
    path("natverk/<slug:code>/dokument/", views_documents.document_list, name="document_list"),
    path(
        "natverk/<slug:code>/dokument/nytt/",
        views_documents.document_create,
        name="document_create",
    ),
    path("dokument/<int:pk>/", views_documents.document_detail, name="document_detail"),
    path(
        "dokument/<int:pk>/svar/",
        views_documents.consultation_response_mark,
        name="consultation_response_mark",
    ),
    path("dokument/fil/<uuid:key>/", views_documents.document_file, name="document_file"),
]
