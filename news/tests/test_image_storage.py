"""Lead images in an S3-compatible bucket: a local S3 server (moto) that the tests start."""

import io
import json
import socket
import urllib.request

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image

from portal.tests.test_production_settings import _manage, _production

from .factories import make_article_with_image

pytestmark = pytest.mark.django_db

BUCKET = "newsroom-media"
CREDENTIALS = {"access_key": "test-key", "secret_key": "test-secret"}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_bucket(settings):
    """A bucket on a local S3 server, configured as MEDIA_STORAGE=s3 configures the default storage."""
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "querystring_auth": False,
                "default_acl": "public-read",
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
                **CREDENTIALS,
            },
        },
    }
    yield client, endpoint
    server.stop()


def test_upload_and_renditions_are_stored_in_the_bucket(s3_bucket):
    client, endpoint = s3_bucket
    article = make_article_with_image()
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    stem = article.image.name.removesuffix(".jpg")
    assert keys == {article.image.name} | {f"{stem}-{width}w.{ext}" for width in (320, 640, 960, 1280) for ext in ("webp", "jpg")}
    head = client.head_object(Bucket=BUCKET, Key=f"{stem}-640w.webp")
    assert head["CacheControl"] == "public, max-age=31536000, immutable"

    rendition = article.lead_image.renditions[1]
    assert rendition.webp_url == f"{endpoint}/{BUCKET}/{stem}-640w.webp"
    with urllib.request.urlopen(rendition.webp_url, timeout=10) as response:
        image = Image.open(io.BytesIO(response.read()))
    assert (image.format, image.size) == ("WEBP", (640, 360))


def test_pages_point_at_the_bucket(s3_bucket, client):
    _, endpoint = s3_bucket
    article = make_article_with_image()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="{endpoint}/{BUCKET}/' in html
    assert f'srcset="{endpoint}/{BUCKET}/' in html


def test_media_storage_s3_setting_configures_the_bucket_and_the_content_security_policy():
    code = (
        "import json; from django.conf import settings as s; o = s.STORAGES['default']['OPTIONS']; "
        "print(json.dumps([s.STORAGES['default']['BACKEND'], o['bucket_name'], o['endpoint_url'], "
        "o['querystring_auth'], s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    env = {"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": BUCKET}
    with_endpoint = _manage("shell", "-c", code, **_production(**env, AWS_S3_ENDPOINT_URL="https://s3.example.net:9000"))
    assert with_endpoint.returncode == 0, with_endpoint.stderr
    assert json.loads(with_endpoint.stdout.strip().splitlines()[-1]) == [
        "storages.backends.s3.S3Storage",
        BUCKET,
        "https://s3.example.net:9000",
        False,
        ["'self'", "data:", "https://s3.example.net:9000"],
    ]
    with_cdn = _manage(
        "shell", "-c", code, **_production(**env, AWS_S3_CUSTOM_DOMAIN="media.example-cdn.org/newsroom")
    )
    assert json.loads(with_cdn.stdout.strip().splitlines()[-1])[-1] == ["'self'", "data:", "https://media.example-cdn.org"]


def test_media_storage_s3_without_a_bucket_stops_start_up():
    result = _manage("check", **_production(MEDIA_STORAGE="s3"))
    assert result.returncode != 0
    assert "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME." in result.stderr
