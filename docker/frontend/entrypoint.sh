#!/bin/sh
# Renders the nginx configuration from the environment (only the template's four variables, so nginx's own
# $variables stay as they are) and runs nginx in the foreground.
set -eu
: "${PORT:?PORT is required}" "${API_UPSTREAM:?API_UPSTREAM is required}"
: "${HTML_DIR:?HTML_DIR is required}" "${RUNTIME_DIR:?RUNTIME_DIR is required}"
# shellcheck disable=SC2016 # envsubst takes the variable names literally
envsubst '${PORT} ${API_UPSTREAM} ${HTML_DIR} ${RUNTIME_DIR}' \
  </opt/frontend/nginx.conf.template >"$RUNTIME_DIR/nginx.conf"
exec nginx -e stderr -c "$RUNTIME_DIR/nginx.conf" -g 'daemon off;'
