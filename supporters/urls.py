from django.urls import path

from . import views

app_name = "supporters"

urlpatterns = [
    path("", views.support, name="support"),
    path("checkout/", views.checkout, name="checkout"),
    path("thanks/", views.thanks, name="thanks"),
    path("manage/", views.manage, name="manage"),
    path("stripe/webhook/", views.webhook, name="stripe-webhook"),
]
