#!/bin/sh
# Creates both connectors of connector-config/ on the compose stack's Connect worker, with the few keys that
# differ inside the compose network patched in by sed (no jq in the curl image): the SLS emulator is reached as an
# HTTP proxy, HEC is plain http. Waits for Connect, its two plugins and Splunk's HEC (Splunk takes minutes to start),
# and fails loudly (exit 1, which `docker compose up` shows) on a timeout, a rejected config or a task that fails.
set -eu
# Overridable for DockerComposeTest, which runs this script against stand-ins of Connect and HEC.
CONNECT=${CONNECT:-http://connect:8083}
HEC=${HEC:-http://splunk:8088}
SETUP_DIR=${SETUP_DIR:-/opt/setup}
WORK_DIR=${WORK_DIR:-/tmp}
TIMEOUT_S=${TIMEOUT_S:-900}
POLL_S=${POLL_S:-5}
start=$(date +%s)

wait_for() { # description command...
  what=$1; shift
  until "$@" >/dev/null; do
    if [ $(($(date +%s) - start)) -ge "$TIMEOUT_S" ]; then echo "FAILED: $what not ready after ${TIMEOUT_S}s" >&2; exit 1; fi
    echo "waiting for $what"; sleep "$POLL_S"
  done
}
plugins_loaded() {
  p=$(curl -fs "$CONNECT/connector-plugins") &&
    echo "$p" | grep -q org.slsconnect.source.SlsSourceConnector &&
    echo "$p" | grep -q com.splunk.kafka.connect.SplunkSinkConnector
}
wait_for "the Connect REST API at $CONNECT" curl -fs "$CONNECT/connectors"
wait_for "both plugins on the worker (SLS source, Splunk sink)" plugins_loaded
# HEC answers 200 on its health endpoint once it accepts events (and 503 while Splunk is starting).
wait_for "Splunk HEC at $HEC" curl -fs "$HEC/services/collector/health"

sed -e 's#"sls.endpoint": "[^"]*"#"sls.endpoint": "sls.test", "sls.proxy.host": "sls-emulator", "sls.proxy.port": "18080", "topic.creation.default.replication.factor": "1", "topic.creation.default.partitions": "2"#' \
    "$SETUP_DIR/sls-source.json" > "$WORK_DIR/sls-source.json"
sed -e 's#"splunk.hec.uri": "[^"]*"#"splunk.hec.uri": "http://splunk:8088"#' \
    -e 's#"splunk.hec.ssl.validate.certs": "true"#"splunk.hec.ssl.validate.certs": "false"#' \
    -e '/splunk.hec.ssl.trust.store/d' "$SETUP_DIR/splunk-sink.json" > "$WORK_DIR/splunk-sink.json"

for f in "$WORK_DIR/sls-source.json" "$WORK_DIR/splunk-sink.json"; do
  name=$(sed -n 's#^ *"name": "\([^"]*\)".*#\1#p' "$f" | head -n 1)
  code=$(curl -sS -o $WORK_DIR/post.out -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data @"$f" "$CONNECT/connectors")
  case "$code" in
    201) echo "created $name" ;;
    409) echo "$name exists already (a restarted stack): left as it is" ;;
    *) echo "FAILED: POST $name: HTTP $code $(cat $WORK_DIR/post.out)" >&2; exit 1 ;;
  esac
  # RUNNING connector and at least one task, none FAILED.
  running() {
    s=$(curl -fs "$CONNECT/connectors/$name/status") || return 1
    if echo "$s" | grep -q '"state":"FAILED"'; then echo "FAILED: $name: $s" >&2; exit 1; fi
    echo "$s" | grep -q '"tasks":\[{' && ! echo "$s" | grep -q '"state":"\(UNASSIGNED\|PAUSED\|STOPPED\)"'
  }
  wait_for "$name and its tasks RUNNING" running
  echo "$name RUNNING"
done
