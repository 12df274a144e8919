"""Serializer fields stricter than DRF's, so the API accepts exactly what its schema says."""

from rest_framework import serializers


class StrictBooleanField(serializers.BooleanField):
    """JSON `true` or `false` only; DRF would also take 0, 1, "yes" and "off"."""

    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid")
