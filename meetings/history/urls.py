from django.urls import path

from meetings.history import views

urlpatterns = [
    path("historik/<slug:key>/<int:pk>/", views.object_history, name="object_history"),
]
