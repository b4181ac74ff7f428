from django.urls import path

from meetings.history import views as views_history

urlpatterns = [
    path("historik/<slug:key>/<int:pk>/", views_history.object_history, name="object_history"),
]
