from django.urls import path

from meetings.questions import views
from meetings.questions.steps import TRANSITIONS

# One URL per step of the table in meetings/questions/steps.py, e.g. /fragor/3/steg/answer/ is named
# "question_answer".
urlpatterns = [
    path("fragor/", views.question_list, name="question_list"),
    # The network's section "Frågor": the same list, of that network's questions.
    path("natverk/<slug:code>/fragor/", views.question_list, name="network_questions"),
    path("natverk/<slug:code>/fragor/ny/", views.question_create, name="question_create"),
    path("fragor/<int:pk>/", views.question_detail, name="question_detail"),
    *[
        path(
            f"fragor/<int:pk>/steg/{action.replace('_', '-')}/",
            views.question_step,
            {"action": action},
            name=f"question_{action}",
        )
        for action in TRANSITIONS
    ],
]
