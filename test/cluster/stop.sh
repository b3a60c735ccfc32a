#!/usr/bin/env bash
# Stops every process control-plane.sh and stand-ins.sh started (their pids are in STATE_DIR/pids).
#   usage: stop.sh STATE_DIR
state=$1
[ -f "$state/pids" ] || exit 0
while read -r pid _; do kill "$pid" 2>/dev/null || true; done < "$state/pids"
sleep 1
while read -r pid _; do kill -9 "$pid" 2>/dev/null || true; done < "$state/pids"
rm -f "$state/pids"
