"""Renderers for the two non-JSON answers (starter zip, gradebook CSV).

A view returns the bytes as they are; an error on the same view is still a problem document,
so `render` falls back to JSON for anything that is not bytes.
"""

from rest_framework.renderers import BaseRenderer, JSONRenderer


class _Passthrough(BaseRenderer):
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | str):
            return data.encode() if isinstance(data, str) else data
        return JSONRenderer().render(data, accepted_media_type, renderer_context)


class ZipRenderer(_Passthrough):
    media_type = "application/zip"
    format = "zip"


class CsvRenderer(_Passthrough):
    media_type = "text/csv"
    format = "csv"
