#!/usr/bin/env bash
# Keeps a transaction (with a transaction id) open on a PostgreSQL server for SECONDS at a time, again
# and again, until stopped: what an idle-in-transaction client does to every log consumer on that
# server (they read only below the oldest open transaction). Used to check that the tests do not
# depend on another server's horizon (BENCHMARKS.md, "Test loop").
#   scripts/hold-transaction.sh postgres://postgres@127.0.0.1:5432/postgres [SECONDS=30]
set -euo pipefail
url=${1:?usage: scripts/hold-transaction.sh POSTGRES_URL [SECONDS]}
seconds=${2:-30}
while :; do
  psql "$url" -qAt -v ON_ERROR_STOP=1 \
    -c "set application_name = 'hold-transaction'" \
    -c "begin; select txid_current() as held; select pg_sleep($seconds); commit;" >/dev/null
done
