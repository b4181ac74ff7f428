from django.urls import path

from meetings.search import views

urlpatterns = [
    path("sok/", views.search, name="search"),
]
