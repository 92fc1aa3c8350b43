from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("article/<int:article_id>/", views.thread, name="thread"),
    path("article/<int:article_id>/post/", views.post_comment, name="post"),
    path("article/<int:article_id>/new/", views.fragment, name="fragment"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/flag/", views.flag, name="flag"),
    path("notices/", views.notice_settings, name="notice-settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
