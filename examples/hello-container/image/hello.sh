#!/bin/sh
# Hello Container: MECport's container sample, in busybox sh. With the MP1_* environment the MEP
# agent gives every app (MP1_API_ROOT, MP1_TOKEN_URL, MP1_CLIENT_ID, MP1_CLIENT_SECRET,
# MEC_APP_INSTANCE_ID), it
#   1. serves its page and /health with busybox httpd on PORT_HTTP (8093, the declared port);
#   2. gets an OAuth2 client-credentials token (POST MP1_TOKEN_URL, HTTP Basic);
#   3. registers the service "hello-container" unless this instance already did (MEC 011
#      GET/POST /mec_service_mgmt/v1/applications/{id}/services), then confirms ready
#      (POST /mec_app_support/v1/applications/{id}/confirm_ready); retried every 2 s until Mp1 answers;
#   4. shows where it is on its page (/status.json) and waits; SIGTERM stops httpd and exits 0.
set -u
PORT="${PORT_HTTP:-8093}"
SERVICE_NAME=hello-container
VERSION="${HELLO_CONTAINER_VERSION:-1.0.0}"
# Where consumers on the node reach the app: its published port on the node's loopback.
SERVICE_HOST="${SERVICE_HOST:-127.0.0.1}"
ID="${MEC_APP_INSTANCE_ID:-}"
WWW=/tmp/www

log() { echo "hello-container: $*"; }

status() { # mp1 state, service id
  printf '{"app":"%s","version":"%s","appInstanceId":"%s","mp1":"%s","serviceId":"%s"}\n' "$SERVICE_NAME" "$VERSION" "$ID" "$1" "$2" > "$WWW/status.json.new" && mv "$WWW/status.json.new" "$WWW/status.json"
}

token() {
  basic=$(printf '%s:%s' "$MP1_CLIENT_ID" "$MP1_CLIENT_SECRET" | base64 | tr -d '\n')
  wget -q -O - --header "Authorization: Basic $basic" --header 'Content-Type: application/x-www-form-urlencoded' \
    --post-data 'grant_type=client_credentials' "$MP1_TOKEN_URL" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p'
}

mp1_get() { wget -q -O - --header "Authorization: Bearer $TOKEN" --header 'Accept: application/json' "$MP1_API_ROOT$1"; }
mp1_post() { wget -q -O - --header "Authorization: Bearer $TOKEN" --header 'Content-Type: application/json' --post-data "$2" "$MP1_API_ROOT$1"; }

service_info() {
  base="http://$SERVICE_HOST:$PORT"
  printf '{"serName":"%s","serCategory":{"href":"%s/","id":"%s","name":"Hello container","version":"%s"},"version":"%s","state":"ACTIVE",' "$SERVICE_NAME" "$base" "$SERVICE_NAME" "$VERSION" "$VERSION"
  printf '"transportInfo":{"id":"hello-container-http","name":"hello page","description":"The sample container app page and its status as JSON","type":"REST_HTTP","protocol":"HTTP","version":"1.1","endpoint":{"uris":["%s/status.json"]},"security":{}},' "$base"
  printf '"serializer":"JSON","scopeOfLocality":"MEC_HOST","consumedLocalOnly":true}'
}

service_id() { sed -n 's/.*"serInstanceId" *: *"\([^"]*\)".*/\1/p'; }

handshake() {
  TOKEN=$(token) && [ -n "$TOKEN" ] || { log "no token from $MP1_TOKEN_URL"; return 1; }
  services="/mec_service_mgmt/v1/applications/$ID/services"
  known=$(mp1_get "$services") || { log "GET $services failed"; return 1; }
  case "$known" in
    *"\"serName\":\"$SERVICE_NAME\""*) SERVICE_ID=$(echo "$known" | service_id) ;;
    *) SERVICE_ID=$(mp1_post "$services" "$(service_info)" | service_id) && [ -n "$SERVICE_ID" ] || { log "POST $services failed"; return 1; } ;;
  esac
  mp1_post "/mec_app_support/v1/applications/$ID/confirm_ready" '{"indication":"READY"}' > /dev/null || { log "confirm_ready failed"; return 1; }
}

mkdir -p "$WWW" && cp /www/* "$WWW"/ && echo ok > "$WWW/health" || exit 1
SERVICE_ID=
if [ -n "${MP1_API_ROOT:-}" ]; then status connecting ""; else status off ""; fi
httpd -f -p "$PORT" -h "$WWW" &
HTTPD=$!
trap 'log "stopping"; kill "$HTTPD" 2>/dev/null; exit 0' TERM INT
log "serving on port $PORT"

if [ -n "${MP1_API_ROOT:-}" ]; then
  until handshake; do sleep 2; done
  status ready "$SERVICE_ID"
  log "ready: service $SERVICE_NAME registered ($SERVICE_ID), confirmed to Mp1"
else
  log "no MP1_API_ROOT: running without Mp1"
fi
wait "$HTTPD"
