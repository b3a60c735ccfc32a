#!/usr/bin/env bash
# Tier 4 (`npm run test:cluster`): the real Pulumi CLI, language host and Kubernetes provider
# against a real kube-apiserver with kwok nodes, in a network namespace of its own with only
# loopback up. Builds the toolchain once (toolchain/build.sh), starts the control plane, runs the
# tier's tests (tier/*.test.ts), and stops every process it started, also on failure.
#   env: CHART_MIRROR  a local chart mirror (../shared/chart-mirror.sh); without one the tier skips
#        TOOLCHAIN_CACHE  where toolchain/build.sh keeps its versioned builds
#        CLUSTER_RUN  a TypeScript file to run on the cluster instead of the tests (the bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ -z "${CLUSTER_TIER_NETNS:-}" ]; then
    if [ -z "${CHART_MIRROR:-}" ] || [ ! -d "${CHART_MIRROR}/kube-prometheus-stack" ]; then
        echo "cluster tier SKIPPED: no chart mirror (set CHART_MIRROR to a folder such as \$HOME/.cache/chart-mirror/charts that holds kube-prometheus-stack/ and the other charts)"
        exit 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "cluster tier SKIPPED: it needs root for its own network namespace (unshare --net)"
        exit 0
    fi
    for tool in etcd openssl unshare ip go /usr/bin/time; do
        command -v "$tool" >/dev/null || { echo "cluster tier: $tool is missing (etcd: Debian's etcd-server; ip: iproute2; /usr/bin/time: time)" >&2; exit 1; }
    done
    TOOLCHAIN=$("$here/toolchain/build.sh")
    export TOOLCHAIN
    # Everything from here on, the control plane and every pulumi process included, lives in a
    # new network namespace whose only interface is loopback, and in a PID namespace whose first
    # process is this script: when it ends, however it ends, the kernel ends every process left.
    exec env CLUSTER_TIER_NETNS=1 unshare --net --pid --mount-proc --fork --kill-child -- "$0" "$@"
fi

ip link set lo up
state=$(mktemp -d "${TMPDIR:-/tmp}/cluster-tier.XXXXXX")
export CLUSTER_STATE=$state
cleanup() {
    local rc=$?
    "$here/stop.sh" "$state"
    if [ "$rc" -ne 0 ]; then
        echo "cluster tier failed; the control plane's last log lines:" >&2
        for f in "$state"/logs/*.log; do echo "== $(basename "$f")" >&2; tail -n 5 "$f" >&2; done
    fi
    rm -rf "$state"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start=$SECONDS
"$here/control-plane.sh" "$state"
"$here/stand-ins.sh" "$state/kubeconfig" > "$state/logs/stand-ins.log" 2>&1 &
echo "$! stand-ins" >> "$state/pids"
echo "cluster tier: control plane up in $((SECONDS - start)) s ($("$TOOLCHAIN/bin/kubectl" --kubeconfig "$state/kubeconfig" version 2>/dev/null | tr '\n' ' '))"

export KUBECONFIG=$state/kubeconfig
export PATH="$TOOLCHAIN/bin:$here/random-stand-in:$PATH"
cd "$root"
if [ -n "${CLUSTER_RUN:-}" ]; then
    node -r ts-node/register/transpile-only "$CLUSTER_RUN"
else
    npx mocha --config test/cluster/.mocharc.json "$@"
fi
