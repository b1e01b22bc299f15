#!/usr/bin/env bash
# An exec credential plugin for tests. Each run appends a line to ./runs (next to this script),
# keeps its arguments in ./args and its KUBERNETES_EXEC_INFO in ./exec-info.json, waits
# PLUGIN_DELAY seconds, and prints token-N (N counts the runs) expiring at $EXPIRES.
set -euo pipefail
here=$(dirname "$0")
echo run >> "$here/runs"
runs=$(wc -l < "$here/runs")
printf '%s\n' "$@" > "$here/args"
printf '%s' "${KUBERNETES_EXEC_INFO:-}" > "$here/exec-info.json"
sleep "${PLUGIN_DELAY:-0}"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-%s","expirationTimestamp":"%s"}}\n' \
  "$runs" "$EXPIRES"
