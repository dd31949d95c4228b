#!/usr/bin/env bash
# The README's first command, proved on a fresh clone before anything else builds (issue 9):
#   1. `npm start` exactly as a user runs it (after `npm ci`, nothing built), on ports of its own
#   2. wait until GET /api/health answers 200 and the banner says it is up
#   3. a demo login works: the dev IdP's password grant for `operator`, then GET /api/v1/me is 200
#   4. the demo node's DNS server answers the demo app's DNS rule (dig)
#   5. the sandbox host answers GET /health with the run's secret (and 401 without it)
#   6. SIGTERM to `npm start`; every process it started (found by a marker in their environment)
#      must be gone, and its ports free
# Exits non-zero, with the stack's output, on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

PORTAL_PORT=3400 IDP_PORT=3401 GATEWAY_PORT=3402 PG_PORT=54379 MP1_PORT=8781 DNS_PORT=8753 SANDBOX_HOST_PORT=3403
MARKER="MECPORT_CI_START_SMOKE=$$-$RANDOM"
LOG="$(mktemp -t mecport-start-smoke.XXXXXX.log)"
DEADLINE=$((SECONDS + 1200)) # a first build of the portal plus the demo store's packages, on 2 cores

fail() {
  echo "start smoke: $*" >&2
  echo "----- npm start output (last 80 lines) -----" >&2
  tail -n 80 "$LOG" >&2 || true
  stop_everything
  exit 1
}

# Every process whose environment carries the marker (npm, tsx, the portal, the worker, the IdP,
# PostgreSQL, the agent and its app): children are started in process groups of their own, so a
# process-group or session check would miss them.
marked_pids() {
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qxF "$MARKER"; then echo "$pid"; fi
  done
}

stop_everything() {
  local pids; pids="$(marked_pids)"
  [ -n "$pids" ] && kill -KILL $pids 2>/dev/null || true
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

echo "start smoke: npm start on ports $PORTAL_PORT/$IDP_PORT/$GATEWAY_PORT/$PG_PORT (Mp1 $MP1_PORT, DNS $DNS_PORT), data in .data/ci-start-smoke"
rm -rf .data/ci-start-smoke
env "$MARKER" PORT=$PORTAL_PORT DEV_IDP_PORT=$IDP_PORT EDGE_GATEWAY_PORT=$GATEWAY_PORT EMBEDDED_PG_PORT=$PG_PORT MECPORT_AGENT_MP1_PORT=$MP1_PORT MECPORT_AGENT_DNS_PORT=$DNS_PORT MECPORT_SANDBOX_HOST_PORT=$SANDBOX_HOST_PORT \
  MECPORT_DATA_DIR=.data/ci-start-smoke DATABASE_URL= OIDC_ISSUER= \
  npm start >"$LOG" 2>&1 &
NPM_PID=$!

until grep -q 'MECport is up' "$LOG" && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORTAL_PORT/api/health")" = 200 ]; do
  kill -0 "$NPM_PID" 2>/dev/null || fail "npm start exited before the portal was healthy"
  [ $SECONDS -lt $DEADLINE ] || fail "the portal was not healthy within 20 minutes"
  sleep 2
done
echo "start smoke: /api/health answers 200 after ${SECONDS}s"

TOKEN="$(OIDC_ISSUER="http://localhost:$IDP_PORT" npm run -s token -- operator)" || fail "the demo login (password grant for operator) failed"
ME_STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://localhost:$PORTAL_PORT/api/v1/me")"
[ "$ME_STATUS" = 200 ] || fail "GET /api/v1/me with the demo operator's token answered $ME_STATUS"
echo "start smoke: the demo operator signs in and GET /api/v1/me answers 200"

# The demo node's DNS server answers Hello Edge's DNS rule (issue 12), once the demo deployment reached it.
until [ "$(dig +short +tries=1 +time=2 @127.0.0.1 -p "$DNS_PORT" hello-edge.mec.example A 2>/dev/null)" = 127.0.0.1 ]; do
  [ $SECONDS -lt $DEADLINE ] || fail "the demo agent's DNS server on 127.0.0.1:$DNS_PORT did not answer hello-edge.mec.example with 127.0.0.1"
  sleep 2
done
echo "start smoke: dig @127.0.0.1 -p $DNS_PORT hello-edge.mec.example answers 127.0.0.1"
GATEWAY_STATUS="$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$GATEWAY_PORT/api/health")"
[ "$GATEWAY_STATUS" = 200 ] || fail "GET /api/health on the edge gateway answered $GATEWAY_STATUS"
echo "start smoke: the edge gateway answers /api/health"

SANDBOX_SECRET="$(cat .data/ci-start-smoke/sandbox-host.secret)" || fail "npm start wrote no sandbox host secret in .data/ci-start-smoke/sandbox-host.secret"
SANDBOX_STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $SANDBOX_SECRET" "http://127.0.0.1:$SANDBOX_HOST_PORT/health")"
[ "$SANDBOX_STATUS" = 200 ] || fail "GET /health on the sandbox host with the run's secret answered $SANDBOX_STATUS"
SANDBOX_ANON="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SANDBOX_HOST_PORT/health")"
[ "$SANDBOX_ANON" = 401 ] || fail "GET /health on the sandbox host without the secret answered $SANDBOX_ANON, not 401"
echo "start smoke: the sandbox host answers /health with the run's secret, 401 without"

kill -TERM "$NPM_PID"
STOP_DEADLINE=$((SECONDS + 60))
while [ -n "$(marked_pids)" ]; do
  [ $SECONDS -lt $STOP_DEADLINE ] || fail "processes still running 60 s after SIGTERM: $(marked_pids | xargs -r ps -o pid=,args= -p)"
  sleep 1
done
for port in $PORTAL_PORT $IDP_PORT $GATEWAY_PORT $PG_PORT $MP1_PORT $DNS_PORT $SANDBOX_HOST_PORT 8090; do
  ! port_open "$port" || fail "port $port is still open after npm start stopped"
done
echo "start smoke: SIGTERM stopped every process npm start started; its ports are free"
rm -rf .data/ci-start-smoke "$LOG"
