#!/usr/bin/env bash
# Prints a fixed token, as an exec credential plugin would.
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-plugin"}}'
