#!/usr/bin/env bash
# Build the service image and smoke-test it: it runs as a non-root user, reports healthy,
# cleans a seed, and answers a bad request with a problem document.
# Follows ../shared/docs/DOCKER.md for machines with no image registry: starts a Docker
# daemon if none runs, builds debian:bookworm-slim locally with debootstrap if it cannot be
# pulled, and installs Python packages from a host-built wheelhouse.
# Exit status: 0 passed, 1 failed, 77 Docker cannot be set up here (skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
IMAGE=${IMAGE:-article-cleaner:smoke}
NAME=article-cleaner-smoke-$$
say() { printf 'docker-smoke: %s\n' "$*" >&2; }
skip() { say "SKIPPED: $*"; exit 77; }

# Whatever this script starts, it removes on the way out: the container, the image and the
# build stage's leftover layers, and the Docker daemon if it started one. (A base image it
# had to build with debootstrap stays: it is the next run's starting point, like a download.)
STARTED_DOCKERD=
cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  docker rmi -f "$IMAGE" >/dev/null 2>&1 || true
  docker image prune -f --filter "label=org.article-cleaner.stage=build" >/dev/null 2>&1 || true
  if [ -n "$STARTED_DOCKERD" ]; then
    kill "$(cat /tmp/dockerd-smoke.pid 2>/dev/null)" 2>/dev/null || true
    for _ in $(seq 30); do [ -e /tmp/dockerd-smoke.pid ] || break; sleep 1; done
  fi
}
trap cleanup EXIT

# 1. A daemon.
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || skip "no Docker daemon, cannot install one"
    say "installing docker.io"
    apt-get update -qq >/dev/null && apt-get install -y -qq docker.io >/dev/null 2>&1 \
      || skip "apt-get install docker.io failed"
  }
  [ "$(id -u)" = 0 ] || skip "no Docker daemon running and not root to start one"
  say "starting dockerd"
  (dockerd --pidfile /tmp/dockerd-smoke.pid >/tmp/dockerd-smoke.log 2>&1 &)
  STARTED_DOCKERD=1
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || skip "dockerd did not start (see /tmp/dockerd-smoke.log)"
fi

# 2. The base image.
if ! docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
  if ! timeout 60 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
    say "no registry; building debian:bookworm-slim with debootstrap"
    command -v debootstrap >/dev/null || { apt-get install -y -qq debootstrap >/dev/null 2>&1 \
      || skip "cannot install debootstrap"; }
    rootfs=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null \
      || { rm -rf "$rootfs"; skip "debootstrap failed"; }
    # What the official slim image leaves out too: package caches, lists and docs.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
    tar -C "$rootfs" -c . | docker import - debian:bookworm-slim >/dev/null
    rm -rf "$rootfs"
  fi
fi

# 3. The wheelhouse (the package index is not reachable from inside a build here).
say "building the wheelhouse"
rm -rf build/wheels
"$PYTHON" -m pip wheel -q --disable-pip-version-check -w build/wheels ".[service]" \
  2>/tmp/docker-smoke-pip.log || { cat /tmp/docker-smoke-pip.log >&2;
  say "FAILED: pip wheel"; exit 1; }
say "building $IMAGE"
docker build -q --build-arg PIP_NO_INDEX=1 -t "$IMAGE" . >/dev/null

# 4. Run it on the host's loopback only.
PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
docker run -d --name "$NAME" --network host -e CLEANER_BIND="127.0.0.1:$PORT" \
  --health-interval=2s --health-start-period=60s "$IMAGE" >/dev/null
URL="http://127.0.0.1:$PORT"
fail() { say "FAILED: $*"; docker logs "$NAME" 2>&1 | tail -30 >&2; exit 1; }

status=starting
for _ in $(seq 90); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$NAME" 2>/dev/null || echo gone)
  [ "$status" = healthy ] && break
  [ "$status" = gone ] && fail "the container stopped"
  sleep 1
done
[ "$status" = healthy ] || fail "not healthy after 90 s (status: $status)"
say "healthy"

uid=$(docker exec "$NAME" id -u)
[ "$uid" != 0 ] || fail "runs as root"
say "runs as uid $uid"

code=$(curl -s -o /tmp/smoke-ready.json -w '%{http_code}' "$URL/readyz")
[ "$code" = 200 ] || fail "/readyz answered $code"

SEED=seeds/003_ccde3f834144294e.txt
code=$(curl -s -o /tmp/smoke-clean.json -w '%{http_code}' --data-binary @"$SEED" \
  -H 'Content-Type: text/plain' "$URL/v1/clean")
[ "$code" = 200 ] || fail "cleaning the seed answered $code"
"$PYTHON" - "$SEED" /tmp/smoke-clean.json <<'PY' || fail "the cleaned seed is not as expected"
import json, re, sys
from pathlib import Path
seed = Path(sys.argv[1])
got = json.loads(Path(sys.argv[2]).read_text())
want = json.loads((seed.parent / "expected" / (seed.stem + ".json")).read_text())
norm = lambda s: re.sub(r"\s+", " ", s.replace("\xa0", " ")).strip()
optional = {norm(o["text"]) for o in want.get("optional", [])}  # either way is right
body = [norm(p) for p in got["text"].split("\n\n") if norm(p) not in optional]
assert body == [norm(p) for p in want["body"]], "clean text differs from seeds/expected"
assert got["metadata"]["title"] == want["title"], "title differs"
PY
say "cleaned the seed"

code=$(curl -s -o /tmp/smoke-bad.json -w '%{http_code}|%{content_type}' --data-binary 'x' \
  -H 'Content-Type: image/png' "$URL/v1/clean")
[ "$code" = "415|application/problem+json" ] || fail "a bad request answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-binary '{oops' \
  -H 'Content-Type: application/json' "$URL/v1/clean")
[ "$code" = 400 ] || fail "invalid JSON answered $code"
say "bad requests get problem documents"

"$PYTHON" scripts/slow_clients.py "$URL" --clients 64 --deadline 5 >/dev/null \
  || fail "slow clients starve the service"
say "64 slow clients starve no one"

# cleaner batch in the image, as its own user, on a mounted directory.
DATA=$(mktemp -d)
mkdir "$DATA/in" && cp seeds/*.txt "$DATA/in/" && chmod -R a+rwX "$DATA"
docker run --rm --network none -v "$DATA:/data" "$IMAGE" \
  cleaner batch /data/in -o /data/out.jsonl -q --workers 2 \
  || { rm -rf "$DATA"; fail "cleaner batch failed in the image"; }
"$PYTHON" - "$DATA/out.jsonl" seeds/*.txt <<'PY' || { rm -rf "$DATA"; fail "cleaner batch output is wrong"; }
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert len(lines) == len(sys.argv) - 2, f"{len(lines)} lines for {len(sys.argv) - 2} seeds"
assert all(line.get("text") and "error" not in line for line in lines), "an empty or error line"
PY
rm -rf "$DATA"
say "cleaner batch cleans a mounted directory"
say "image size: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"
say "PASSED"
