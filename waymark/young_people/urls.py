from django.urls import path

app_name = "young_people"
urlpatterns: list = []
