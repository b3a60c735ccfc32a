#!/usr/bin/env bash
# Assembles a chart mirror of the releases the current pins replaced (PREVIOUS_CHARTS in
# components/versions.ts), for the cluster tier's upgrade test: each chart at its previous version,
# with every dependency its Chart.yaml names at the version it names, all taken from the history
# of chart repositories brought in with `fetch` (the ones ../shared/chart-mirror.sh reads, plus
# minio/minio for the loki chart's minio dependency). Nothing here goes into a commit.
#   usage: previous-charts.sh OUT_DIR NAME=VERSION...
#   env:   FETCHED  folder holding the fetched <owner>+<repo>/repo git directories
set -euo pipefail
out=$1; shift
m=${FETCHED:?set FETCHED to the folder that holds the fetched <owner>+<repo> folders}

# Where each chart lives: "<owner>+<repo> <path>".
source_of() {
    case $1 in
        kube-prometheus-stack|kube-state-metrics|prometheus-node-exporter|prometheus-windows-exporter|prometheus-pushgateway)
            echo "prometheus-community+helm-charts charts/$1" ;;
        grafana|loki) echo "grafana-community+helm-charts charts/$1" ;;
        promtail|rollout-operator) echo "grafana+helm-charts charts/$1" ;;
        alloy) echo "grafana+alloy operations/helm/charts/alloy" ;;
        minio) echo "minio+minio helm/minio" ;;
        *) echo "previous-charts: no known source for chart $1" >&2; return 1 ;;
    esac
}

# take NAME VERSION DEST: the newest commit's copy of chart NAME whose version matches VERSION
# (a Helm-style `x.y.*` matches any patch), unpacked as DEST/NAME, its dependencies inside it.
take() {
    local name=$1 version=$2 dest=$3 repo path pattern commit
    read -r repo path < <(source_of "$name")
    local git_dir="$m/$repo/repo"
    [ -d "$git_dir" ] || { echo "previous-charts: $repo is not fetched (needed for $name)" >&2; return 1; }
    pattern="^version: *\"?${version//./\\.}\"? *$"
    pattern=${pattern//\\.\*/\\.[0-9]+}
    commit=""
    for c in $(git -C "$git_dir" log --format=%H -- "$path/Chart.yaml"); do
        if git -C "$git_dir" show "$c:$path/Chart.yaml" 2>/dev/null | grep -Eq "$pattern"; then commit=$c; break; fi
    done
    [ -n "$commit" ] || { echo "previous-charts: $name $version is not in $repo's history" >&2; return 1; }
    local tmp; tmp=$(mktemp -d)
    # Some repositories hold objects the fetch left out (large binaries): those paths are skipped.
    git -C "$git_dir" archive "$commit" "$path" 2>/dev/null | tar x -C "$tmp" 2>/dev/null || true
    [ -f "$tmp/$path/Chart.yaml" ] || { echo "previous-charts: could not unpack $name at ${commit:0:10}" >&2; return 1; }
    rm -rf "${dest:?}/$name" && mkdir -p "$dest" && cp -r "$tmp/$path" "$dest/$name"
    rm -rf "$tmp"
    echo "previous-charts: $name $(sed -n 's/^version: *//p' "$dest/$name/Chart.yaml") from $repo ${commit:0:10}" >&2
    # Dependencies with a repository: Helm needs each under charts/, whatever its condition says.
    local dep_name="" dep_version="" dep_repo=""
    while IFS= read -r line; do
        case $line in
            *"- name:"*) flush_dependency; dep_name=${line##*name: }; dep_version=""; dep_repo="" ;;
            *"version:"*) [ -n "$dep_name" ] && dep_version=${line##*version: } ;;
            *"repository:"*) [ -n "$dep_name" ] && dep_repo=${line##*repository: } ;;
        esac
    done < <(sed -n '/^dependencies:/,/^[a-z]/p' "$dest/$name/Chart.yaml")
    flush_dependency
}

flush_dependency() {
    local chart_dir=$dest/$name
    if [ -n "${dep_name:-}" ] && [ -n "${dep_repo:-}" ]; then
        local n=${dep_name//\"/} v=${dep_version//\"/}
        # Recursion reuses the caller's variables, so keep this dependency's own copies.
        (dep_name=""; take "$n" "$v" "$chart_dir/charts")
    fi
    dep_name=""
}

mkdir -p "$out"
for pin in "$@"; do
    take "${pin%%=*}" "${pin#*=}" "$out"
done
