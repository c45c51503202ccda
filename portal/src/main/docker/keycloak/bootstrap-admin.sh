#!/usr/bin/env bash
# The first ADMIN of the flash realm, from FLASH_BOOTSTRAP_ADMIN_*: the production realm is imported with no
# users at all, so someone must be able to log in once and invite the others.
#
# Runs as a one-shot service of docker-compose.yml after Keycloak is healthy, on every `docker compose up`:
#   - the realm already has an ADMIN: nothing to do (the variables may then be removed from .env);
#   - it has none: the user is created with the ADMIN role and a temporary password, so Keycloak asks for a new
#     one at the first login (the realm's password policy applies to both).
# It never touches an existing user: a username taken by a non-ADMIN stops it with exit code 1.
#
# Variables: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (the master realm's admin),
# FLASH_BOOTSTRAP_ADMIN_USERNAME, FLASH_BOOTSTRAP_ADMIN_PASSWORD, optional FLASH_BOOTSTRAP_ADMIN_EMAIL (else Keycloak
# asks for it at the first login), FLASH_BOOTSTRAP_ADMIN_FIRST_NAME and _LAST_NAME (Flash Administrator),
# optional KCADM (kcadm.sh; the Keycloak image's by default) and FLASH_REALM (flash).
set -euo pipefail

realm=${FLASH_REALM:-flash}
kcadm=${KCADM:-/opt/keycloak/bin/kcadm.sh}

say() { printf 'bootstrap-admin: %s\n' "$*"; }

require() {
  local missing=()
  for name in "$@"; do
    [ -n "${!name:-}" ] || missing+=("$name")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "set ${missing[*]}"
    exit 2
  fi
}

require KEYCLOAK_URL KEYCLOAK_ADMIN_USER KEYCLOAK_ADMIN_PASSWORD

config=$(mktemp)
trap 'rm -f "$config"' EXIT
kc() { "$kcadm" "$@" --config "$config"; }

kc config credentials --server "$KEYCLOAK_URL" --realm master \
  --user "$KEYCLOAK_ADMIN_USER" --password "$KEYCLOAK_ADMIN_PASSWORD" >/dev/null

admins=$(kc get "roles/ADMIN/users" -r "$realm" --fields username --format csv --noquotes)
if [ -n "$admins" ]; then
  say "realm $realm already has an ADMIN ($(echo "$admins" | paste -sd, -)): nothing to do"
  exit 0
fi

require FLASH_BOOTSTRAP_ADMIN_USERNAME FLASH_BOOTSTRAP_ADMIN_PASSWORD
username=$FLASH_BOOTSTRAP_ADMIN_USERNAME

taken=$(kc get users -r "$realm" -q exact=true -q "username=$username" --fields id --format csv --noquotes)
if [ -n "$taken" ]; then
  say "user $username exists in realm $realm without the ADMIN role: grant it in the admin console, or choose another FLASH_BOOTSTRAP_ADMIN_USERNAME"
  exit 1
fi

# Keycloak's user profile asks for a first and last name: without them the first login stops at "verify profile"
attributes=(-s "username=$username" -s enabled=true
  -s "firstName=${FLASH_BOOTSTRAP_ADMIN_FIRST_NAME:-Flash}" -s "lastName=${FLASH_BOOTSTRAP_ADMIN_LAST_NAME:-Administrator}")
if [ -n "${FLASH_BOOTSTRAP_ADMIN_EMAIL:-}" ]; then
  attributes+=(-s "email=$FLASH_BOOTSTRAP_ADMIN_EMAIL" -s emailVerified=true)
fi
id=$(kc create users -r "$realm" "${attributes[@]}" -i)
if ! kc set-password -r "$realm" --userid "$id" --new-password "$FLASH_BOOTSTRAP_ADMIN_PASSWORD" --temporary \
  || ! kc add-roles -r "$realm" --uid "$id" --rolename ADMIN; then
  # nothing half-made: a user without a usable password or without the role is removed again
  kc delete "users/$id" -r "$realm" || true
  say "user $username not created (see the error above; the realm's password policy asks for 12 characters or more)"
  exit 1
fi
say "created $username with the ADMIN role in realm $realm; Keycloak asks for a new password at the first login"
