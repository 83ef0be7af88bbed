#!/usr/bin/env bash
# Starts the local PostgreSQL and MariaDB when they are installed here but not running, so that the
# integration tests meet real servers. Tests still fail (never skip) when a database is unreachable.
set -u
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >/dev/null 2>&1 || true
  fi
fi
if [ -x /usr/sbin/mariadbd ] && command -v mariadb-admin >/dev/null 2>&1 && ! mariadb-admin -h 127.0.0.1 -uroot ping >/dev/null 2>&1; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do mariadb-admin -h 127.0.0.1 -uroot ping >/dev/null 2>&1 && break; sleep 1; done
fi
exit 0
