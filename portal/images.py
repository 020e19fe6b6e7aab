"""Images people upload (attachments, offer pictures): recognised by their content,
never by name or claimed type, and refused when they could harm the server or a reader."""

import io
import warnings

from PIL import Image, UnidentifiedImageError

# Images larger than this are refused before decoding (decompression bombs): a phone
# photo is 12–50 megapixels; Pillow only warns below twice its own limit.
MAX_IMAGE_PIXELS = 60_000_000


def image_content_type(data: bytes) -> str | None:
    """``image/jpeg`` or ``image/png`` for a JPEG or PNG that decodes, within the pixel
    limit, with nothing after its end; None for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    return None
                image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None
    # Polyglots hide a ZIP or HTML after the image data: the file must end where the
    # image ends.
    if image_format == "PNG" and not data.endswith(b"IEND\xaeB`\x82"):
        return None
    if image_format == "JPEG" and not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return None
    return {"JPEG": "image/jpeg", "PNG": "image/png"}.get(image_format or "")
