#!/bin/sh
# Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d): the
# two roles of README "Production". atip_owner owns the database and its schema (migrations);
# atip_app, the application, owns nothing and gets its rights from `manage.py migrate`.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$ATIP_OWNER_PASSWORD" -v app_password="$ATIP_APP_PASSWORD" <<'SQL'
CREATE ROLE atip_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE atip_app LOGIN PASSWORD :'app_password';
CREATE DATABASE atip OWNER atip_owner;
\connect atip
ALTER SCHEMA public OWNER TO atip_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
