# The article-cleaner HTTP service: gunicorn on 0.0.0.0:8000, as a non-root user.
# The package has a compiled core (Rust), so the image installs wheels built on the host,
# and no compiler enters it:
#   python3 -m pip wheel -w build/wheels ".[service]"
#   docker build -t article-cleaner .
#   docker run -p 8000:8000 article-cleaner
# Offline (no package index reachable from inside a build): also pass
# --build-arg PIP_NO_INDEX=1 (scripts/docker-smoke.sh does all of this).
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS build
# Lets scripts/docker-smoke.sh remove this stage's leftover layers (the legacy builder keeps
# them as dangling images).
LABEL org.article-cleaner.stage=build
ARG PIP_NO_INDEX
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
COPY build/wheels /wheels
RUN wheel=$(ls /wheels/article_cleaner-*.whl 2>/dev/null | head -n 1) \
 && { [ -n "$wheel" ] || { echo "no article_cleaner wheel in build/wheels: run" \
      "'python3 -m pip wheel -w build/wheels \".[service]\"' first" >&2; exit 1; }; } \
 && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check \
      --find-links /wheels "${wheel}[service]" \
 && find /opt/venv -name __pycache__ -prune -exec rm -rf {} + \
 && rm -rf /opt/venv/lib/python3*/site-packages/pip /opt/venv/lib/python3*/site-packages/setuptools \
      /opt/venv/bin/pip*

FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin cleaner
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CLEANER_BIND=0.0.0.0:8000 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/cleaner-metrics
USER 10001:10001
WORKDIR /tmp
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python3", "-m", "service.healthcheck"]
CMD ["gunicorn", "-c", "python:service.gunicorn_conf", "service.wsgi:app"]
