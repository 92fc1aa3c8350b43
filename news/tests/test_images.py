"""Lead images: what is stored for an upload, the renditions, the admin's errors, the pages."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import ExifTags, Image

from news.models import Article

from .factories import (
    make_article,
    make_article_with_image,
    make_image_bytes,
    make_section,
    make_upload,
    stored_image,
)
from .test_admin import _article_form

pytestmark = pytest.mark.django_db

CAMERA_MODEL = "SecretCam 3000"


def _photo_with_gps(width=1600, height=900, orientation=1):
    """A JPEG as a phone writes it: EXIF with the camera, an orientation and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = CAMERA_MODEL
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 31.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (13.0, 24.0, 36.0)
    return make_image_bytes(width, height, exif=exif)


def _stored_files(article):
    return [article.image.name] + [
        name for rendition in article.image_renditions["files"] for name in (rendition["webp"], rendition["jpeg"])
    ]


def _open(name):
    with default_storage.open(name, "rb") as file:
        data = file.read()
    return data, Image.open(io.BytesIO(data))


def test_upload_gets_webp_and_jpeg_renditions_at_each_width():
    article = make_article_with_image()
    renditions = article.image_renditions
    assert renditions["source"] == article.image.name
    assert (renditions["width"], renditions["height"]) == (1600, 900)
    assert [(r["width"], r["height"]) for r in renditions["files"]] == [(320, 180), (640, 360), (960, 540), (1280, 720)]
    for rendition in renditions["files"]:
        for kind, image_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
            _, image = _open(rendition[kind])
            assert (image.format, image.size) == (image_format, (rendition["width"], rendition["height"]))


def test_renditions_are_never_wider_than_the_upload():
    article = make_article_with_image(image_bytes=make_image_bytes(500, 250))
    assert [(r["width"], r["height"]) for r in article.image_renditions["files"]] == [(320, 160), (500, 250)]
    tiny = make_article_with_image(image_bytes=make_image_bytes(200, 100))
    assert [r["width"] for r in tiny.image_renditions["files"]] == [200]


def test_gps_and_camera_exif_are_stripped_from_every_stored_file():
    original = Image.open(io.BytesIO(_photo_with_gps()))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the upload does carry a position
    article = make_article_with_image(image_bytes=_photo_with_gps())
    files = _stored_files(article)
    assert len(files) == 9
    for name in files:
        data, image = _open(name)
        assert not image.getexif(), name
        assert "exif" not in image.info and CAMERA_MODEL.encode() not in data, name


def test_exif_orientation_is_applied():
    # Orientation 6: the camera was turned a quarter clockwise; the picture is shown turned back.
    article = make_article_with_image(image_bytes=_photo_with_gps(1600, 900, orientation=6))
    assert (article.image_renditions["width"], article.image_renditions["height"]) == (900, 1600)
    _, image = _open(article.image_renditions["files"][-1]["jpeg"])
    assert image.size == (900, 1600)
    red, blue = image.convert("RGB").getpixel((450, 50)), image.convert("RGB").getpixel((450, 1550))
    assert red[0] > 150 > red[2] and blue[2] > 150 > blue[0]  # the left (red) half is now on top


def test_transparent_png_keeps_transparency_in_webp_and_is_on_white_in_jpeg():
    logo = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
    logo.paste((30, 30, 200, 255), (200, 100, 600, 300))
    buffer = io.BytesIO()
    logo.save(buffer, "PNG")
    article = make_article_with_image(image_bytes=buffer.getvalue())
    assert article.image.name.endswith(".png")
    largest = article.image_renditions["files"][-1]
    webp, jpeg = _open(largest["webp"])[1], _open(largest["jpeg"])[1]
    assert webp.getpixel((10, 10))[3] == 0 and webp.getpixel((400, 200))[3] == 255
    assert jpeg.mode == "RGB" and min(jpeg.getpixel((10, 10))) > 240  # white where it was transparent


def test_removing_the_image_forgets_its_renditions():
    article = make_article_with_image()
    article.image = None
    article.save()
    article.refresh_from_db()
    assert not article.image and article.image_renditions == {} and article.lead_image is None


def test_an_image_set_by_name_gets_renditions_of_its_own():
    name, renditions = stored_image()
    article = make_article(image=name, image_alt="Archive picture")
    assert article.image_renditions["source"] == name
    assert [r["width"] for r in article.image_renditions["files"]] == [r["width"] for r in renditions["files"]]


def test_alt_text_is_required_with_an_image():
    article = make_article_with_image(image_alt="")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.message_dict["image_alt"] == [
        "Add alt text: describe the image for readers who cannot see it."
    ]


# --- Uploads through the admin ---


def _post_article(client, upload, **fields):
    data = _article_form(make_section(), body="<p>Body.</p>", image=upload, **fields)
    return client.post("/admin/news/article/add/", data)


def test_editor_uploads_a_lead_image_with_alt_caption_and_credit(editor_client):
    response = _post_article(
        editor_client,
        make_upload(content=_photo_with_gps()),
        image_alt="Engineers beside the engine",
        image_caption="The engine on the test stand.",
        image_credit="Photo: Test Agency",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert (article.image_alt, article.image_credit) == ("Engineers beside the engine", "Photo: Test Agency")
    assert len(article.image_renditions["files"]) == 4
    page = editor_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "1280 × 720" in page and "320 × 180" in page


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _decompression_bomb(side=30_000):
    """A valid one-bit PNG of side × side pixels (900 million) in about a hundred kilobytes."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # one bit a pixel, greyscale
    compressor = zlib.compressobj(9)
    rows = (b"\x00" * (1 + side // 8)) * 1000
    body = b"".join(compressor.compress(rows) for _ in range(side // 1000)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b"")


def _too_many_pixels():
    """A real 8000 × 6000 PNG (48 megapixels, photo-sized), over the 40 megapixel limit."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.jpg", lambda: b"Minutes of the launch readiness review.\n" * 50, "This file is not an image."),
        ("scan.tiff", lambda: make_image_bytes(100, 100, "TIFF"), "Images must be JPEG, PNG, WebP or GIF; this file is TIFF."),
        ("cut.jpg", lambda: make_image_bytes()[:2000], "This image is damaged or cut short and cannot be read."),
        ("huge.png", _too_many_pixels, "This image has 8000 × 6000 pixels; images may have at most 40 megapixels."),
        ("bomb.png", _decompression_bomb, "images may have at most 40 megapixels"),
    ],
)
def test_bad_uploads_get_a_clear_error_and_no_article(editor_client, name, content, message):
    response = _post_article(editor_client, make_upload(name, content()), image_alt="Some picture")
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("image", []))
    assert message in errors
    assert message.split(";")[0] in response.content.decode()
    assert not Article.objects.exists()


def test_upload_over_the_byte_limit_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100_000
    upload = make_upload(content=make_image_bytes(3000, 2000, "PNG", mode="RGB") + b"\0" * 100_000, name="big.png")
    response = _post_article(editor_client, upload, image_alt="Some picture")
    assert response.status_code == 200
    assert re.search(r"This file is [\d.]+\xa0KB; images may be at most 97.7\xa0KB", response.content.decode())
    assert not Article.objects.exists()


def test_image_without_alt_text_is_refused_in_admin(editor_client):
    response = _post_article(editor_client, make_upload(), image_alt="  ")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image_alt"] == [
        "Add alt text: describe the image for readers who cannot see it."
    ]
    assert not Article.objects.exists()


# --- Pages ---


def _picture(html, sizes):
    """The <img> of the first <picture> printed with `sizes`."""
    match = re.search(
        rf'<source type="image/webp" srcset="([^"]+)" sizes="{re.escape(sizes)}">\s*<img ([^>]+)>', html
    )
    assert match, html
    return match.group(1), match.group(2)


def test_article_page_shows_a_responsive_eager_lead_image_with_caption_and_credit(client):
    article = make_article_with_image()
    html = client.get(article.get_absolute_url()).content.decode()
    webp, img = _picture(html, "(min-width: 72rem) 50rem, (min-width: 52rem) calc(100vw - 22rem), calc(100vw - 2.5rem)")
    assert re.findall(r"-(\d+)w\.webp (\d+)w", webp) == [
        ("320", "320"), ("640", "640"), ("960", "960"), ("1280", "1280")
    ]
    assert 'width="1280" height="720"' in img and 'loading="eager"' in img and 'alt="A rocket on the launch pad at dawn"' in img
    assert re.search(r'src="/media/articles/\d{4}/\d\d/lead-640w\.jpg"', img)
    assert "-1280w.jpg 1280w" in img
    assert 'The rocket before its first flight. <span class="image-credit">Photo: Test Agency</span>' in html


def test_article_page_card_meta_names_the_largest_rendition(client):
    article = make_article_with_image()
    response = client.get(article.get_absolute_url())
    largest = article.lead_image.largest
    for tag in (
        f'<meta property="og:image" content="http://testserver{largest.jpeg_url}">',
        '<meta property="og:image:width" content="1280">',
        '<meta property="og:image:height" content="720">',
        '<meta property="og:image:alt" content="A rocket on the launch pad at dawn">',
        '<meta name="twitter:card" content="summary_large_image">',
    ):
        assert tag in response.content.decode()


def test_article_without_image_has_a_small_card_and_no_picture(client):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert '<meta name="twitter:card" content="summary">' in html
    assert "og:image" not in html and "<picture" not in html


def test_listing_shows_lazy_small_thumbnails(client):
    article = make_article_with_image(title="Pictured story")
    make_article("Story without a picture", section=article.section)
    html = client.get(article.section.get_absolute_url()).content.decode()
    webp, img = _picture(html, "8rem")
    assert 'loading="lazy"' in img and 'width="1280" height="720"' in img and "-320w.webp 320w" in webp
    assert html.count("<picture") == 1


def test_home_page_first_lead_is_eager_and_section_blocks_are_lazy(client):
    make_article_with_image(title="First lead", is_lead=True)
    make_article_with_image(title="Second lead", is_lead=True)
    make_article_with_image(title="Section story")  # the leads are not repeated in the section blocks
    html = client.get("/").content.decode()
    first = "(min-width: 72rem) 50rem, (min-width: 52rem) calc(100vw - 22rem), calc(100vw - 2.5rem)"
    beside = "(min-width: 72rem) 25rem, (min-width: 52rem) calc(50vw - 12rem), (min-width: 36rem) calc(50vw - 2rem), calc(100vw - 2.5rem)"
    _, first_lead = _picture(html, first)
    _, second_lead = _picture(html, beside)
    assert 'loading="eager"' in first_lead and 'loading="lazy"' in second_lead
    _, block = _picture(html, "(min-width: 52rem) 16rem, calc(100vw - 2.5rem)")
    assert 'loading="lazy"' in block


def test_search_results_show_thumbnails(client):
    make_article_with_image(title="Kestrel engine pictured")
    html = client.get("/news/search/?title=kestrel").content.decode()
    _, img = _picture(html, "8rem")
    assert 'loading="lazy"' in img
