"""Page-number pagination for every list: `?page=2&page_size=50`, with `count`, `next`, `previous`.

Strict where DRF is lenient: a `page_size` that is not a whole number from 1 to 100 is a 422,
not silently the default, so a client learns of its mistake.
"""

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

from api.query import query_params


class _PageQuery(serializers.Serializer):
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)


class Pages(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        data = query_params(_PageQuery, request)
        return data.get("page_size", self.page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
