#!/usr/bin/env bash
# An exec credential plugin that fails the way a logged-out SSO plugin does.
echo "progress: contacting the identity provider"
echo "error: not logged in; run example-login first" >&2
exit 3
