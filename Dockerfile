# The web/worker image of the production stack (docker-compose.yml). The sandbox image
# that runs learner code is a different one: sandbox/images/Dockerfile.
#
# Built without a network: BASE is the debootstrapped Debian bookworm the sandbox uses
# (backprop/debian-base:bookworm; python:3.11-slim works too where it can be pulled), and the
# Python packages come only from var/wheelhouse-app/, filled from uv.lock by
# deploy/build-images.sh (which builds this image). The wheels and var/ stay in the build
# stages: the final image holds the installed packages and the source tree only.
ARG BASE=backprop/debian-base:bookworm

FROM ${BASE} AS deps
COPY var/wheelhouse-app/ /tmp/wheels/
RUN python3 -m pip install --no-index --find-links /tmp/wheels --no-cache-dir \
        --disable-pip-version-check --break-system-packages --root-user-action=ignore \
        -r /tmp/wheels/requirements.txt

FROM ${BASE} AS source
COPY . /app
RUN rm -rf /app/var

FROM ${BASE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=deps /usr/local /usr/local
RUN command -v python >/dev/null || ln -s "$(command -v python3)" /usr/local/bin/python
COPY --from=source /app /app
WORKDIR /app
RUN SECRET_KEY=build python manage.py collectstatic --noinput -v0
RUN useradd --create-home --uid 10000 backprop
USER backprop
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
