from django.urls import path

from accounts import views

urlpatterns = [
    path("mitt-konto/", views.my_account, name="my_account"),
    path("mina-uppgifter/", views.my_data, name="my_data"),
    path("mina-uppgifter/hamta/", views.my_data_download, name="my_data_download"),
]
