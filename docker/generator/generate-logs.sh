#!/bin/sh
# Data generator for the compose stack: PutLogs (the JSON variant the SLS emulator accepts) into both logstores,
# one batch every $INTERVAL seconds, forever, or $BATCHES batches then exit (DockerComposeTest runs it that way).
# ActionTrail audit events carry the whole event as JSON in `event` (topic actiontrail_audit_event), as ActionTrail
# delivers to SLS; nginx access logs have Logtail's field names.
set -eu
SLS_URL=${SLS_URL:-http://sls-emulator:18080}
PROJECT=${PROJECT:-my-project}
ACCESS_KEY_ID=${ACCESS_KEY_ID:-demo-id}
INTERVAL=${INTERVAL:-1}
BATCHES=${BATCHES:-0}

put() { # logstore json
  code=$(curl -sS -o /tmp/put.out -w '%{http_code}' -X POST "$SLS_URL/logstores/$1/shards/lb" \
    -H "Host: $PROJECT.sls.test" -H "Authorization: LOG $ACCESS_KEY_ID:unsigned" \
    -H 'Content-Type: application/json' -H 'x-log-apiversion: 0.6.0' --data "$2") || code=000
  if [ "$code" != 200 ]; then echo "PutLogs $1: HTTP $code $(cat /tmp/put.out 2>/dev/null)" >&2; return 1; fi
}

until curl -fsS -o /dev/null -H "Host: $PROJECT.sls.test" -H "Authorization: LOG $ACCESS_KEY_ID:unsigned" \
    "$SLS_URL/logstores"; do echo "waiting for $SLS_URL"; sleep 2; done

n=0
while [ "$BATCHES" -eq 0 ] || [ "$n" -lt "$BATCHES" ]; do
  n=$((n + 1))
  now=$(date +%s)
  i=$((n % 4))
  put actiontrail_trail "{\"__topic__\":\"actiontrail_audit_event\",\"__source__\":\"actiontrail\",\"__logs__\":[{\"__time__\":$now,\"event\":\"{\\\"eventId\\\":\\\"gen-$n\\\",\\\"eventName\\\":\\\"ConsoleSignin\\\",\\\"eventSource\\\":\\\"signin.aliyun.com\\\",\\\"eventType\\\":\\\"ConsoleSignin\\\",\\\"acsRegion\\\":\\\"cn-hangzhou\\\",\\\"sourceIpAddress\\\":\\\"203.0.113.$i\\\",\\\"userIdentity\\\":{\\\"type\\\":\\\"ram-user\\\",\\\"userName\\\":\\\"alice\\\"}}\"}],\"__tags__\":{\"__hostname__\":\"actiontrail\"}}"
  put nginx-access "{\"__topic__\":\"\",\"__source__\":\"10.0.0.$i\",\"__logs__\":[{\"__time__\":$now,\"remote_addr\":\"198.51.100.$i\",\"request_method\":\"GET\",\"request_uri\":\"/index.html?n=$n\",\"status\":\"200\",\"body_bytes_sent\":\"$((512 + n % 1000))\",\"http_user_agent\":\"curl/8\"}],\"__tags__\":{\"__hostname__\":\"web-$i\"}}"
  [ $((n % 60)) -eq 1 ] && echo "generated $n batches"
  [ "$BATCHES" -ne 0 ] && [ "$n" -ge "$BATCHES" ] && break
  sleep "$INTERVAL"
done
