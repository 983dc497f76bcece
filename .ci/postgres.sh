#!/usr/bin/env bash
# Run a command next to a throwaway PostgreSQL server: `bash .ci/postgres.sh make test`.
#
# - Installs Debian's `postgresql` package when no server binaries are found (apt-get, non-interactive; needs root).
# - Creates a cluster in a temporary folder as the `postgres` user (PostgreSQL refuses to run as root; the user is
#   created when missing), trust authentication, listening on 127.0.0.1 only, on a free port, its unix socket in
#   the temporary folder; creates the database claimdesk_test.
# - Exports CLAIMDESK_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/claimdesk_test and runs the command.
# - Always stops the server and removes the folder (trap), and exits with the command's exit code.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    return 1
}

install_postgres() {
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
        log "no PostgreSQL server binaries, and they cannot be installed here (needs root and apt-get)."
        return 1
    fi
    log "installing Debian's postgresql package"
    # No cluster of the package's own: ours lives in a temporary folder and nothing stays running after CI.
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
        mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

BINDIR=$(find_bindir) || { install_postgres && BINDIR=$(find_bindir); } || {
    log "PostgreSQL server binaries not found after installing."
    exit 1
}

# As root, the server runs as `postgres`; as anyone else, as themselves.
AS=()
if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        log "creating the postgres user"
        useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin postgres
    fi
    AS=(runuser -u postgres --)
fi

PGTMP=$(mktemp -d "${TMPDIR:-/tmp}/claimdesk-pg.XXXXXX")
chmod 700 "$PGTMP"
[[ ${#AS[@]} -gt 0 ]] && chown postgres: "$PGTMP"
STARTED=0

# The server's commands run from its own folder (the postgres user may not enter the caller's).
server() { (cd "$PGTMP" && "${AS[@]}" "$@"); }

cleanup() {
    if [[ $STARTED -eq 1 ]]; then
        server "$BINDIR/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 \
            || server "$BINDIR/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGTMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

server "$BINDIR/initdb" -D "$PGTMP/data" -U postgres -A trust --no-locale -E UTF8 >"$PGTMP/initdb.log" 2>&1 || {
    cat "$PGTMP/initdb.log" >&2
    log "initdb failed."
    exit 1
}
mkdir -p "$PGTMP/socket"
[[ ${#AS[@]} -gt 0 ]] && chown postgres: "$PGTMP/socket"

for attempt in 1 2 3; do
    PORT=$(free_port)
    # Throwaway data: no fsync; enough connections for pooled tests running side by side.
    OPTIONS="-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP/socket -c fsync=off -c synchronous_commit=off"
    OPTIONS+=" -c full_page_writes=off -c max_connections=200"
    if server "$BINDIR/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -o "$OPTIONS" -w -t 60 start >/dev/null
    then
        STARTED=1
        break
    fi
    log "the server did not start on port $PORT (attempt $attempt):"
    tail -n 20 "$PGTMP/server.log" >&2 || true
done
if [[ $STARTED -ne 1 ]]; then
    log "giving up: PostgreSQL would not start."
    exit 1
fi

"$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U postgres claimdesk_test
export CLAIMDESK_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/claimdesk_test"
log "PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') at $CLAIMDESK_TEST_PG_URL"

set +e
"$@"
STATUS=$?
set -e
exit $STATUS
