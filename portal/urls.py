from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page

from news import views as news_views
from news.sitemaps import ArticleSitemap, SectionSitemap, news_sitemap

from . import views

sitemaps = {"articles": ArticleSitemap, "sections": SectionSitemap}
SITEMAP_CACHE_SECONDS = 600

urlpatterns = [
    path("", news_views.home, name="home"),
    path("news/", include("news.urls")),
    path("comments/", include("comments.urls")),
    path("support/", include("supporters.urls")),
    path("digest/", include("digests.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
]

handler500 = "portal.views.server_error"
# Not Django's: allauth renders its rate limits' 429s with this (allauth.core.ratelimit).
handler429 = "portal.throttled.too_many_requests"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Editors' desk"
