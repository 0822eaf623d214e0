#!/usr/bin/env bash
# Checks the files in deploy/ as CI runs them (.ci/run, step 2c); runnable by hand on Debian with
# nginx installed, from the repository, with DATABASE_URL and REDIS_URL set (a migrated database).
#
#   1. systemd-analyze verify on the three units (skipped, saying so, where systemd is absent)
#   2. nginx -t on the site, with a self-signed certificate
#   3. nginx in front of gunicorn (deploy/gunicorn.conf.py): /readyz through HTTPS shows the
#      X-Request-Start header reaching the app, a hashed static file gets a year's cache, the
#      request id comes back, an upload over the limit is refused by nginx
#
# The files are checked as shipped except for paths and ports, which point at this checkout and
# at free ports (sed below): /srv/peerlearning → the checkout, 80/443/8000 → 18080/18443/18000.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
NGINX_PID=""
GUNICORN_PID=""
cleanup() {
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
    [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

localise() {
    sed -e "s#/srv/peerlearning#$ROOT#g" \
        -e "s#/etc/nginx/peerlearning-proxy.conf#$WORK/peerlearning-proxy.conf#g" \
        -e "s#/etc/ssl/peerlearning#$WORK/ssl#g" \
        -e "s#listen 80;#listen 127.0.0.1:18080;#; s#listen \[::\]:80;##" \
        -e "s#listen 443 ssl http2;#listen 127.0.0.1:18443 ssl http2;#; s#listen \[::\]:443 ssl http2;##" \
        -e "s#127.0.0.1:8000#127.0.0.1:18000#" "$1"
}

echo "== systemd units"
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$WORK/systemd"
    for unit in "$ROOT"/deploy/systemd/*.service; do
        localise "$unit" >"$WORK/systemd/$(basename "$unit")"
    done
    # verify exits 0 on some mistakes (an unknown value is "ignored"): any output is a failure.
    output=$(systemd-analyze verify "$WORK"/systemd/*.service 2>&1) || { echo "$output"; exit 1; }
    if [ -n "$output" ]; then echo "$output"; exit 1; fi
    echo "systemd-analyze verify: the three units are clean"
else
    echo "systemd-analyze is not installed here: the units were not verified (skipped)"
fi

echo "== nginx -t"
command -v nginx >/dev/null 2>&1 || { echo "nginx is not installed" >&2; exit 1; }
mkdir -p "$WORK/ssl" "$WORK/logs"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=peerlearning.example.org" \
    -keyout "$WORK/ssl/privkey.pem" -out "$WORK/ssl/fullchain.pem" 2>/dev/null
localise "$ROOT/deploy/nginx/peerlearning-proxy.conf" >"$WORK/peerlearning-proxy.conf"
localise "$ROOT/deploy/nginx/peerlearning.conf" >"$WORK/site.conf"
# The checkout may sit where nginx's usual user cannot read (root's home, in CI): the workers run
# as whoever runs this check.
cat >"$WORK/nginx.conf" <<CONF
user $(id -un);
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/logs/access.log;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    include $WORK/site.conf;
}
CONF
nginx -t -c "$WORK/nginx.conf" -p "$WORK" -g "daemon off;" 2>&1 | grep -v "^nginx: \[warn\] the \"user\""

echo "== a request through nginx to gunicorn"
[ -n "${DATABASE_URL:-}" ] || { echo "DATABASE_URL is not set: the request was not tried" >&2; exit 1; }
cd "$ROOT"
export DJANGO_SETTINGS_MODULE=peerlearning.settings BEHIND_PROXY=true
export SECRET_KEY=${SECRET_KEY:-$(openssl rand -hex 32)}
export ALLOWED_HOSTS=peerlearning.example.org SITE_URL=https://peerlearning.example.org
export GUNICORN_BIND=127.0.0.1:18000 GUNICORN_WORKERS=2
.venv/bin/python manage.py collectstatic --no-input -v0
# /readyz also wants fresh scheduled work: one heartbeat, as beat's first would write.
.venv/bin/python manage.py shell --no-imports -c \
    "from notifications.services import record_scheduler_heartbeat as r; r(beat='deploy-check:1')"
.venv/bin/gunicorn --config deploy/gunicorn.conf.py peerlearning.wsgi >"$WORK/logs/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
nginx -c "$WORK/nginx.conf" -p "$WORK" -g "daemon off;" 2>/dev/null &
NGINX_PID=$!
CURL=(curl --silent --show-error --insecure --resolve peerlearning.example.org:18443:127.0.0.1)
for _ in $(seq 1 50); do
    "${CURL[@]}" --fail --output /dev/null "https://peerlearning.example.org:18443/healthz" 2>/dev/null && break
    sleep 0.2
done
ready=$("${CURL[@]}" --dump-header "$WORK/ready.headers" "https://peerlearning.example.org:18443/readyz")
echo "/readyz: $ready"
grep -q '"request_start_header": true' <<<"$ready" \
    || { echo "X-Request-Start did not reach the app"; cat "$WORK/logs/gunicorn.log"; exit 1; }
grep -q '"status": "ok", "checks"' <<<"$ready" || { echo "/readyz is not ok"; exit 1; }
grep -qi '^x-request-id: [0-9a-f]\{32\}' "$WORK/ready.headers" \
    || { echo "nginx's request id did not come back"; exit 1; }
css=$(cd var/staticfiles && ls build/peerlearning.*.css | head -n 1)
"${CURL[@]}" --head "https://peerlearning.example.org:18443/static/$css" >"$WORK/static.headers"
grep -qi '^cache-control: public, max-age=31536000, immutable' "$WORK/static.headers" \
    || { echo "/static/$css has no long cache:"; cat "$WORK/static.headers"; exit 1; }
head -c $((12 * 1024 * 1024)) /dev/zero >"$WORK/big.bin"
status=$("${CURL[@]}" --output /dev/null --write-out '%{http_code}' -F "file=@$WORK/big.bin" \
    "https://peerlearning.example.org:18443/applications/1/evidence/upload/")
[ "$status" = "413" ] || { echo "a 12 MB upload got $status, not 413 from nginx"; exit 1; }
status=$("${CURL[@]}" --output /dev/null --write-out '%{http_code}' \
    "https://peerlearning.example.org:18443/var/private/evidence/anything.pdf")
[ "$status" = "404" ] || { echo "the private folder's path answered $status"; exit 1; }
status=$(curl --silent --output /dev/null --write-out '%{http_code}' http://127.0.0.1:18080/ -H "Host: peerlearning.example.org")
[ "$status" = "301" ] || { echo "plain HTTP got $status, not a redirect"; exit 1; }
echo "nginx → gunicorn: X-Request-Start reaches the app, request id returned, static cached," \
    "upload limit and private folder enforced, HTTP redirected"
