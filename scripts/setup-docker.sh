#!/usr/bin/env bash
# Makes a Docker engine answer for wanlab's container runtime, and says what it did:
#   1. an engine already answers (DOCKER_HOST or /var/run/docker.sock): nothing to do;
#   2. otherwise (root only) install Debian's docker.io if dockerd is missing, then start
#        dockerd --iptables=false --bridge=none --storage-driver=overlay2
#      (vfs if overlay2 cannot mount here), and wait until it answers.
# Containers use host networking, so the engine needs no bridge, no NAT and no private-range
# address. When no engine can be had, it says why and how to fix it, exits 2, and leaves
# nothing it started running.
#
#   bash scripts/setup-docker.sh          ensure an engine answers
#   bash scripts/setup-docker.sh --stop   stop the dockerd this script started (if any)
#
# Environment: DOCKERD_EXTRA_ARGS (e.g. "--data-root /mnt/docker"), WANLAB_DOCKERD_WAIT_S (60).
set -euo pipefail

PIDFILE=/run/wanlab-dockerd.pid
LOG=/var/log/wanlab-dockerd.log
SOCKET=unix:///var/run/docker.sock
WAIT_S=${WANLAB_DOCKERD_WAIT_S:-60}
DATA_ROOT=/var/lib/docker

say() { echo "docker: $*"; }
fail() {
  echo "error: $1" >&2
  echo "hint: $2" >&2
  exit 2
}

server_version() { timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null; }
answers() { command -v docker >/dev/null 2>&1 && server_version >/dev/null; }

# The dockerd this script started, if it still runs (pid file + command line check).
our_dockerd() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q '^dockerd ' && echo "$pid"
}

# The containerd that dockerd spawned (its own process group), by the pid file dockerd keeps.
managed_containerd() {
  local file=/var/run/docker/containerd/containerd.pid pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null |
    grep -q '^containerd .*/var/run/docker/containerd/containerd.toml' && echo "$pid"
}

wait_gone() {
  for _ in $(seq 1 40); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.5
  done
  return 1
}

# Stops a dockerd we started: its process group, then the containerd it spawned if that
# outlived it (dockerd stops it itself on SIGTERM, not when it crashes).
stop_group() {
  local pid=$1 containerd
  containerd=$(managed_containerd || true)
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait_gone "$pid" || kill -KILL -- "-$pid" 2>/dev/null || true
  if [ -n "$containerd" ] && kill -0 "$containerd" 2>/dev/null; then
    kill -TERM "$containerd" 2>/dev/null || true
    wait_gone "$containerd" || kill -KILL "$containerd" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}

if [ "${1:-}" = "--stop" ]; then
  if pid=$(our_dockerd); then
    stop_group "$pid"
    say "stopped the dockerd this script started (pid $pid)"
  else
    say "no dockerd started by this script is running; nothing to stop"
  fi
  exit 0
fi
[ $# -eq 0 ] || fail "unknown argument $1" "usage: bash scripts/setup-docker.sh [--stop]"

if answers; then
  say "an engine answers at ${DOCKER_HOST:-$SOCKET} (server $(server_version)); nothing to do"
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != "$SOCKET" ]; then
  fail "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST, and this script only starts a local one" \
    "start the engine DOCKER_HOST points at, or unset DOCKER_HOST to use (and start) a local engine"
fi

if [ "$(id -u)" -ne 0 ]; then
  fail "no Docker engine answers at $SOCKET, and starting one needs root" \
    "run \`sudo bash scripts/setup-docker.sh\`, or start Docker yourself (e.g. \`sudo systemctl start docker\`)"
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 ||
    fail "Docker is not installed and this is not a Debian-like system (no apt-get)" \
      "install Docker Engine (https://docs.docker.com/engine/install/), then run this again"
  say "dockerd is missing: installing Debian's docker.io (apt-get)..."
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends docker.io; } >/tmp/wanlab-apt-docker.log 2>&1; then
    tail -n 15 /tmp/wanlab-apt-docker.log >&2
    fail "installing docker.io failed (the apt output above; full log /tmp/wanlab-apt-docker.log)" \
      "fix the package problem shown above, or install Docker Engine yourself"
  fi
  say "installed docker.io ($(dockerd --version))"
  # On a machine with systemd the package starts its own service.
  if answers; then
    say "the docker.io package started its service (server $(server_version)); done"
    exit 0
  fi
fi

# overlay2 needs the kernel's overlay file system over the data root's file system (overlay
# on overlay does not mount on many kernels): try a real mount before choosing it.
overlay_works() {
  mkdir -p "$DATA_ROOT"
  local dir ok=1
  dir=$(mktemp -d "$DATA_ROOT/wanlab-overlay-probe.XXXXXX")
  mkdir "$dir/lower" "$dir/upper" "$dir/work" "$dir/merged"
  echo probe >"$dir/lower/file"
  if mount -t overlay overlay \
    -o "lowerdir=$dir/lower,upperdir=$dir/upper,workdir=$dir/work" "$dir/merged" 2>"$dir/error"; then
    grep -q probe "$dir/merged/file" && ok=0
    umount "$dir/merged"
  else
    OVERLAY_ERROR=$(cat "$dir/error")
  fi
  rm -rf "$dir"
  return $ok
}

start_dockerd() {
  local driver=overlay2
  if ! overlay_works; then
    driver=vfs
    say "warning: overlay2 does not work here (${OVERLAY_ERROR:-the probe mount showed nothing});" \
      "falling back to the vfs storage driver: every layer is a full copy, so images take more" \
      "disk and containers start slower"
  fi
  # setsid: dockerd leads its own process group, so a failed start can be undone in one kill,
  # and it outlives this script (it is a machine-wide service, stopped with --stop).
  # shellcheck disable=SC2086
  setsid dockerd --iptables=false --bridge=none --storage-driver="$driver" \
    ${DOCKERD_EXTRA_ARGS:-} >"$LOG" 2>&1 </dev/null &
  STARTED_PID=$!
  echo "$STARTED_PID" >"$PIDFILE"
  STARTED_DRIVER=$driver
}

if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  STARTED_PID=""
  say "a dockerd (pid $(cat /var/run/docker.pid)) is running but does not answer yet; waiting for it"
else
  start_dockerd
  say "started dockerd (pid $STARTED_PID, storage driver $STARTED_DRIVER, --bridge=none" \
    "--iptables=false: containers use host networking); waiting for $SOCKET..."
fi

for _ in $(seq 1 $((WAIT_S * 2))); do
  if answers; then
    say "the engine answers (server $(server_version)); its log is $LOG;" \
      "stop it with \`bash scripts/setup-docker.sh --stop\`"
    exit 0
  fi
  if [ -n "$STARTED_PID" ] && ! kill -0 "$STARTED_PID" 2>/dev/null; then break; fi
  sleep 0.5
done

if [ -n "$STARTED_PID" ]; then
  outcome="did not answer within ${WAIT_S} s"
  kill -0 "$STARTED_PID" 2>/dev/null || outcome="exited during start-up"
  stop_group "$STARTED_PID"
  echo "--- last lines of $LOG" >&2
  tail -n 20 "$LOG" >&2 || true
  fail "dockerd $outcome (its log is above); nothing it started is left running" \
    "fix the cause shown in the log (cgroups, storage driver, a stale /var/run/docker.pid), or start Docker yourself"
fi
fail "the running dockerd did not answer within ${WAIT_S} s" \
  "see its log, or stop it and run this script again"
