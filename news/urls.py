from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsIndexView.as_view(), name="index"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("search/", views.search, name="search"),
    path("<int:year>/", views.NewsYearView.as_view(), name="year"),
    path("<int:year>/<str:month>/", views.NewsMonthView.as_view(), name="month"),
    path("<int:year>/<str:month>/<str:day>/", views.NewsDayView.as_view(), name="day"),
    path("<int:year>/<str:month>/<str:day>/<slug:slug>/", views.article_detail, name="article"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("section/<slug:slug>/feed/", feeds.SectionFeed(), name="section-feed"),
    path("keyword/<slug:slug>/", views.KeywordView.as_view(), name="keyword"),
    path("keyword/<slug:slug>/feed/", feeds.KeywordFeed(), name="keyword-feed"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("author/<slug:slug>/feed/", feeds.AuthorFeed(), name="author-feed"),
    path("preview/<str:token>/", views.article_preview, name="preview"),
]
