"""Query parameters checked by a serializer: an invalid filter is a 422, never silently ignored.

The values are read as a plain dict, not a QueryDict: DRF skips an empty optional field of
HTML input (`?status=`), which would accept a value the schema forbids.
"""

from rest_framework import serializers


def query_params(serializer_class: type[serializers.Serializer], request) -> dict:
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)
