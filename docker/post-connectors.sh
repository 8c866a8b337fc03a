#!/bin/sh
# POSTs connector-config/sls-source.json and splunk-sink.json to Connect, with the few keys that differ inside the
# compose network patched in by jq-free sed (the emulator is reached as an HTTP proxy, HEC is plain http).
set -eu
CONNECT=http://connect:8083
until curl -fsS "$CONNECT/connectors" >/dev/null 2>&1; do echo "waiting for $CONNECT"; sleep 3; done
sed -e 's#"sls.endpoint": "[^"]*"#"sls.endpoint": "sls.test", "sls.proxy.host": "sls-emulator", "sls.proxy.port": "18080", "topic.creation.default.replication.factor": "1", "topic.creation.default.partitions": "2"#' \
    /opt/setup/sls-source.json > /tmp/sls-source.json
sed -e 's#"splunk.hec.uri": "[^"]*"#"splunk.hec.uri": "http://splunk:8088"#' \
    -e 's#"splunk.hec.ssl.validate.certs": "true"#"splunk.hec.ssl.validate.certs": "false"#' \
    -e '/splunk.hec.ssl.trust.store/d' /opt/setup/splunk-sink.json > /tmp/splunk-sink.json
for f in /tmp/sls-source.json /tmp/splunk-sink.json; do
  echo "POST $f"
  curl -fsS -X POST -H 'Content-Type: application/json' --data @"$f" "$CONNECT/connectors" || echo "(already there?)"
done
