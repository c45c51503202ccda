#!/bin/bash
# Run by the official mariadb image on its FIRST start only (empty data volume), after it has created
# the application database (MARIADB_DATABASE) and user. Adds Keycloak's own database and user on the
# same server. Values come from the mariadb service's environment in docker-compose.yml.
# Changing them later needs manual SQL (or a fresh volume): this script does not run again.
set -eo pipefail

db="${KEYCLOAK_DB_NAME:-keycloak}"
user="${KEYCLOAK_DB_USER:-keycloak}"
pass="${KEYCLOAK_DB_PASSWORD:?KEYCLOAK_DB_PASSWORD is not set}"

# identifiers: letters, digits and underscore only; the password is quoted for SQL
[[ "$db" =~ ^[A-Za-z0-9_]+$ && "$user" =~ ^[A-Za-z0-9_]+$ ]] || {
  echo "10-keycloak-db.sh: KEYCLOAK_DB_NAME/KEYCLOAK_DB_USER must match [A-Za-z0-9_]+" >&2
  exit 1
}
pass_sql="${pass//\\/\\\\}"
pass_sql="${pass_sql//\'/\'\'}"

echo "10-keycloak-db.sh: creating database '$db' and user '$user'"
mariadb --protocol=socket -uroot -p"${MARIADB_ROOT_PASSWORD}" <<SQL
CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '${pass_sql}';
GRANT ALL PRIVILEGES ON \`${db}\`.* TO '${user}'@'%';
FLUSH PRIVILEGES;
SQL
