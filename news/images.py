"""Lead images: checking an upload, cleaning it, and making its responsive renditions.

An upload is opened with Pillow and refused, with a message an editor can act on, when it is not
an image of a web format, or is over IMAGE_UPLOAD_MAX_BYTES or IMAGE_UPLOAD_MAX_PIXELS (a few
kilobytes of PNG can declare billions of pixels: a decompression bomb). What is stored is never
the upload itself but a copy drawn from its pixels, turned upright by its EXIF orientation and
without any metadata: EXIF can hold the GPS position where a photo was taken.

Each stored image gets renditions at RENDITION_WIDTHS (never wider than the image), as WebP and
as JPEG for browsers without WebP, saved through the image's storage (a local MEDIA_ROOT or an
S3-compatible bucket). Their names and sizes are kept on the article row
(`Article.image_renditions`), so a page prints `srcset`, `width` and `height` without a query or
a storage call per image.
"""

import io
import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

RENDITION_WIDTHS = (320, 640, 960, 1280)
# Formats editors upload; anything else Pillow can read (TIFF, BMP, PSD, ...) is refused.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}  # MPO: the JPEG of cameras that add a preview
WEBP_QUALITY = 80
WEBP_METHOD = 4  # Pillow's default effort (0-6): smaller files for a tenth of a second an upload
JPEG_QUALITY = 82
# The cleaned copy that replaces the upload: high quality, since every rendition is made from it.
SOURCE_JPEG_QUALITY = 92


def limits_text():
    megapixels = settings.IMAGE_UPLOAD_MAX_PIXELS / 1_000_000
    return f"{filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES)} and {megapixels:g} megapixels"


def open_upload(file):
    """The uploaded `file` opened with Pillow and fully decoded, or ValidationError saying why not.

    The size is checked before a byte is decoded, and the pixel count from the header before the
    pixels are: decoding is where a bomb would take the memory.
    """
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; images may be at most %(limit)s. Export a smaller JPEG and upload it again.",
            code="image_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES)},
        )
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file)
            _check_format_and_pixels(image)
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except UnidentifiedImageError:
            raise ValidationError(
                "This file is not an image. Upload a JPEG, PNG, WebP or GIF picture.", code="not_an_image"
            ) from None
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(
                "This image is damaged or cut short and cannot be read. Export it again and upload the new file.",
                code="broken_image",
            ) from None
    return image


def _check_format_and_pixels(image):
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Images must be JPEG, PNG, WebP or GIF; this file is %(format)s.",
            code="image_format",
            params={"format": image.format or "of an unknown kind"},
        )
    width, height = image.size
    if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        raise _too_many_pixels(width, height)


def _too_many_pixels(width=None, height=None):
    measured = f"{width} × {height} pixels" if width else "far more pixels than it shows"
    return ValidationError(
        "This image has %(measured)s; images may have at most %(limit)s megapixels. Resize it and upload it again.",
        code="image_too_many_pixels",
        params={"measured": measured, "limit": f"{settings.IMAGE_UPLOAD_MAX_PIXELS / 1_000_000:g}"},
    )


@dataclass
class CleanImage:
    """An upright copy of an upload without metadata, ready to be stored in place of it."""

    image: Image.Image
    content: ContentFile

    @property
    def extension(self):
        return ".png" if self.image.mode == "RGBA" else ".jpg"


def clean_copy(image):
    """The pixels of `image` turned upright by its EXIF orientation, as a new image that carries
    no EXIF, XMP, ICC comments or text chunks, encoded as JPEG (PNG when it has transparency)."""
    mode = "RGBA" if _has_alpha(image) else "RGB"
    upright = ImageOps.exif_transpose(image)
    pixels = _in_srgb(upright, mode) or upright.convert(mode)
    # Encoders write EXIF, XMP, comments and text chunks from `info`: the copy starts without any.
    pixels.info = {}
    buffer = io.BytesIO()
    if pixels.mode == "RGBA":
        pixels.save(buffer, "PNG", optimize=True)
    else:
        pixels.save(buffer, "JPEG", quality=SOURCE_JPEG_QUALITY, optimize=True)
    return CleanImage(pixels, ContentFile(buffer.getvalue()))


def _in_srgb(image, mode):
    """`image` converted to sRGB from its embedded colour profile, or None when it has none (or
    an unreadable one): the copy drops the profile, and browsers show untagged images as sRGB."""
    profile = image.info.get("icc_profile")
    if not profile:
        return None
    try:
        return ImageCms.profileToProfile(
            image if image.mode in ("RGB", "RGBA", "CMYK") else image.convert(mode),
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            outputMode=mode,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def make_renditions(image, source_name, storage, webp_method=WEBP_METHOD):
    """Save the WebP and JPEG renditions of `image` (stored as `source_name`) next to it, and
    return what Article.image_renditions keeps: the source's name and size and, narrowest first,
    each rendition's width, height and file names."""
    width, height = image.size
    widths = {w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])}
    stem, _ = os.path.splitext(source_name)
    files = []
    scaled = image
    for target in sorted(widths, reverse=True):
        # Each size is made from the next larger one: the largest step is from the source.
        target_height = max(1, round(height * target / width))
        if scaled.size != (target, target_height):
            scaled = scaled.resize((target, target_height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        files.append(
            {
                "width": target,
                "height": target_height,
                "webp": _save(storage, f"{stem}-{target}w.webp", scaled, "WEBP", quality=WEBP_QUALITY, method=webp_method),
                "jpeg": _save(
                    storage,
                    f"{stem}-{target}w.jpg",
                    _on_white(scaled),
                    "JPEG",
                    quality=JPEG_QUALITY,
                    optimize=True,
                    progressive=True,
                ),
            }
        )
    files.reverse()
    return {"source": source_name, "width": width, "height": height, "files": files}


def _on_white(image):
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A"))
    return background


def _save(storage, name, image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return storage.save(name, ContentFile(buffer.getvalue()))


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp_url: str
    jpeg_url: str


class ResponsiveImage:
    """What templates print for an article's lead image: srcsets, a fallback, its size and text."""

    def __init__(self, renditions, storage, alt, caption, credit):
        self.renditions = [
            Rendition(item["width"], item["height"], storage.url(item["webp"]), storage.url(item["jpeg"]))
            for item in renditions["files"]
        ]
        self.alt = alt
        self.caption = caption
        self.credit = credit

    @property
    def largest(self):
        return self.renditions[-1]

    @property
    def width(self):
        return self.largest.width

    @property
    def height(self):
        return self.largest.height

    @property
    def src(self):
        """The fallback for browsers without srcset: the 640 px JPEG, or the widest below it."""
        fitting = [r for r in self.renditions if r.width <= 640] or self.renditions[:1]
        return fitting[-1].jpeg_url

    @property
    def webp_srcset(self):
        return ", ".join(f"{r.webp_url} {r.width}w" for r in self.renditions)

    @property
    def jpeg_srcset(self):
        return ", ".join(f"{r.jpeg_url} {r.width}w" for r in self.renditions)
