"""Who the token belongs to: what `backprop configure` checks a token with."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role


class MeOut(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField(source="shown_name")
    email = serializers.EmailField()
    role = serializers.ChoiceField(Role.choices)
    is_mentor = serializers.BooleanField()


@extend_schema(tags=["accounts"])
class MeApi(APIView):
    @extend_schema(summary="Read your account (checks a token)", responses=MeOut)
    def get(self, request):
        return Response(MeOut(request.user).data)


@extend_schema(exclude=True)
class NotFoundApi(APIView):
    """Any other address under /api/v1/: a 404 in the API's shape, not the site's HTML page."""

    permission_classes = [AllowAny]

    def get(self, request, *args, **kwargs):
        raise NotFound("There is no such address in the API; see /api/v1/docs/.")

    post = put = patch = delete = get
