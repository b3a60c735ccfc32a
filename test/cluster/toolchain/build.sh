#!/usr/bin/env bash
# Builds the cluster tier's toolchain from the Go module proxy into a versioned cache folder
# outside the repository, and prints that folder. A folder that is complete is reused as is, so
# only the first run on a machine pays for the builds (see the README's test tiers for figures).
#   usage: build.sh            env: TOOLCHAIN_CACHE (default $HOME/.cache/observability-toolchain)
# What it holds: bin/ (pulumi, pulumi-language-nodejs, pulumi-resource-kubernetes,
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok, and for the e2e tier
# prometheus, promtool, alertmanager, amtool, sloth, thanos, versitygw; for the cluster tier's
# operator checks prometheus-operator), policy-bin/ (the
# engine pair that runs the policy pack), stages/ (kwok's own stage configs) and
# crds/cert-manager/ (cert-manager's CRDs). etcd comes from Debian.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# The folder name changes whenever a wrapper module or this script changes, so a stale build is
# never reused and an old one can simply be deleted.
key=$(cd "$here" && cat build.sh ./*/go.mod ./*/go.sum ./*/*.go | sha256sum | cut -c1-12)
out=${TOOLCHAIN_CACHE:-$HOME/.cache/observability-toolchain}/$key
# A complete folder is used as is, without asking go anything (no module cache needed).
[ -f "$out/complete" ] && { echo "$out"; exit 0; }
mkdir -p "$out/bin"

log() { printf '    toolchain: %s\n' "$*" >&2; }

# build NAME DIR PACKAGE LDFLAGS: go build one main package of a wrapper module into bin/NAME.
build() {
    local name=$1 dir=$2 pkg=$3 ldflags=$4
    [ -x "$out/bin/$name" ] && return 0
    log "building $name (from $pkg)"
    local start=$SECONDS
    (cd "$dir" && go build -trimpath -ldflags "$ldflags" -o "$out/bin/$name.tmp" "$pkg")
    mv "$out/bin/$name.tmp" "$out/bin/$name"
    log "built $name in $((SECONDS - start)) s"
}

# modver DIR MODULE: the version of MODULE that the wrapper module in DIR requires.
modver() { (cd "$1" && go list -m -f '{{.Version}}' "$2"); }
# moddir DIR MODULE: where that module's files are in the module cache (downloaded if needed).
moddir() { (cd "$1" && go mod download "$2" && go list -m -f '{{.Dir}}' "$2"); }

sdk=github.com/pulumi/pulumi/sdk/v3
cli=$(modver "$here/pulumi" github.com/pulumi/pulumi/pkg/v3)
build pulumi "$here/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    "-s -w -X $sdk/go/common/version.Version=$cli"

host=$(modver "$here/language-host" $sdk)
build pulumi-language-nodejs "$here/language-host" $sdk/nodejs/cmd/pulumi-language-nodejs \
    "-s -w -X $sdk/go/common/version.Version=$host"

# The provider's main embeds the module's schema.json and terraform-mapping.json, copied in here
# from the module cache (they are generated upstream and not part of this repository).
kp=github.com/pulumi/pulumi-kubernetes/provider/v4
if [ ! -x "$out/bin/pulumi-resource-kubernetes" ]; then
    src=$(moddir "$here/kubernetes-provider" $kp)/cmd/pulumi-resource-kubernetes
    install -m 644 "$src/schema.json" "$src/terraform-mapping.json" "$here/kubernetes-provider/"
    build pulumi-resource-kubernetes "$here/kubernetes-provider" . \
        "-s -w -X $kp/pkg/version.Version=$(modver "$here/kubernetes-provider" $kp | sed 's/^v//')"
fi

# kubectl parses the server's version, so the control plane carries the version it was built from.
k8s=$(modver "$here/control-plane" k8s.io/kubernetes)
minor=$(echo "$k8s" | cut -d. -f2)
kv="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    kv+=" -X $p.gitVersion=$k8s -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
done
for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    build "$c" "$here/control-plane" "k8s.io/kubernetes/cmd/$c" "$kv"
done

build kwok "$here/kwok" sigs.k8s.io/kwok/cmd/kwok "-s -w"

# The policy engine: CLI and language host v3.68.0 beside the analyzer shim their sdk ships, in a
# folder of their own (policy-bin/), which the tier puts first on PATH to run the policy pack.
pe=$here/policy-engine
pv=$(modver "$pe" $sdk)
pdir=$out/policy-bin
mkdir -p "$pdir"
if [ ! -x "$pdir/pulumi" ]; then
    log "building the policy engine (CLI and language host $pv)"
    pflags="-s -w -X $sdk/go/common/version.Version=$pv -X github.com/pulumi/pulumi/pkg/v3/version.Version=$pv"
    (cd "$pe" && go build -trimpath -ldflags "$pflags" -o "$pdir/pulumi-language-nodejs" $sdk/nodejs/cmd/pulumi-language-nodejs &&
        install -m 755 "$(moddir "$pe" $sdk)/nodejs/dist/pulumi-analyzer-policy" "$pdir/" &&
        go build -trimpath -ldflags "$pflags" -o "$pdir/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
    mv "$pdir/pulumi.tmp" "$pdir/pulumi"
fi
if [ ! -d "$out/stages" ]; then
    kd=$(moddir "$here/kwok" sigs.k8s.io/kwok)/kustomize/stage
    mkdir -p "$out/stages.tmp"
    for s in node/fast node/heartbeat-with-lease pod/fast; do
        for f in "$kd/$s"/*.yaml; do
            [ "$(basename "$f")" = kustomization.yaml ] || install -m 644 "$f" "$out/stages.tmp/${s//\//-}-$(basename "$f")"
        done
    done
    mv "$out/stages.tmp" "$out/stages"
fi

# cert-manager's CRDs, which the prod stack's Certificate needs in the cluster before `up`.
if [ ! -d "$out/crds/cert-manager" ]; then
    # Outside any module, so no wrapper's go.sum changes (that would change the folder's key).
    scratch=$(mktemp -d)
    cm=$(cd "$scratch" && go mod download -json github.com/cert-manager/cert-manager@v1.21.2 |
        sed -n 's/.*"Dir": "\(.*\)",/\1/p')
    rmdir "$scratch"
    mkdir -p "$out/crds/cert-manager.tmp"
    install -m 644 "$cm"/deploy/crds/*.yaml "$out/crds/cert-manager.tmp/"
    mv "$out/crds/cert-manager.tmp" "$out/crds/cert-manager"
fi

# Prometheus and Alertmanager for the e2e tier, at the versions kube-prometheus-stack deploys
# (components/chart-apps.ts; a unit test holds the wrapper modules to it). Tags and version
# ldflags as upstream's .promu.yml sets them; Prometheus without `builtinassets` (no web UI, API
# intact). Prometheus 3.x is published as module v0.3xx.y: v0.314.0 reports itself as 3.14.0.
pm=github.com/prometheus/prometheus
pmv=$(modver "$here/prometheus" $pm | sed -E 's/^v0\.([0-9]+)([0-9]{2})\.([0-9]+)$/\1.\2.\3/; s/\.0([0-9])\./.\1./')
for c in prometheus promtool; do
    GOFLAGS=-tags=netgo build "$c" "$here/prometheus" "$pm/cmd/$c" \
        "-s -w -X github.com/prometheus/common/version.Version=$pmv"
done

# The Alertmanager daemon's ui package embeds ui/app/dist, the web UI upstream's release builds
# with npm, which the module zip does not carry. Its module is copied out of the module cache (as
# the proxy served it, checked against the wrapper's go.sum) into a scratch folder, one page that
# says the UI is not built goes where the UI would be, and a copy of the wrapper module is pointed
# at that folder. amtool builds from the wrapper as it is.
am=github.com/prometheus/alertmanager
amv=$(modver "$here/alertmanager" $am)
amflags="-s -w -X github.com/prometheus/common/version.Version=${amv#v}"
if [ ! -x "$out/bin/alertmanager" ]; then
    scratch=$(mktemp -d)
    cp -R "$(moddir "$here/alertmanager" $am)" "$scratch/alertmanager"
    chmod -R u+w "$scratch/alertmanager"
    mkdir -p "$scratch/alertmanager/ui/app/dist" "$scratch/wrapper"
    printf '%s\n' '<!doctype html><title>Alertmanager</title><p>Built without the web UI; the API is at <a href="api/v2/status">api/v2</a>.</p>' |
        gzip -n >"$scratch/alertmanager/ui/app/dist/index.html.gz"
    cp "$here/alertmanager/go.mod" "$here/alertmanager/go.sum" "$scratch/wrapper/"
    (cd "$scratch/wrapper" && go mod edit -replace "$am=../alertmanager")
    GOFLAGS=-tags=netgo build alertmanager "$scratch/wrapper" "$am/cmd/alertmanager" "$amflags"
    rm -rf "$scratch"
fi
GOFLAGS=-tags=netgo build amtool "$here/alertmanager" "$am/cmd/amtool" "$amflags"

# Sloth, which the e2e tier compares the SLO rules with; its version set as upstream sets it
# (scripts/build/bin/build-raw.sh).
sl=github.com/slok/sloth
build sloth "$here/sloth" "$sl/cmd/sloth" "-s -w -X $sl/internal/info.Version=$(modver "$here/sloth" $sl)"

# The Prometheus Operator at kube-prometheus-stack's appVersion, for the cluster tier, which runs
# it outside the cluster with the tier's kubeconfig. Version ldflags as upstream's Makefile sets
# them (GO_BUILD_LDFLAGS), so it reports the release it is.
po=github.com/prometheus-operator/prometheus-operator
pov=$(modver "$here/prometheus-operator" $po)
GOFLAGS=-tags=netgo build prometheus-operator "$here/prometheus-operator" "$po/cmd/operator" \
    "-s -w -X github.com/prometheus/common/version.Version=${pov#v}"

# Thanos at the thanos chart's appVersion (components/versions.ts; a unit test holds the wrapper
# to it), for the e2e tier's long-term metrics check. Tags and version ldflags as upstream's
# .promu.yml sets them: `slicelabels` is the labels layout Thanos releases are built with.
th=github.com/thanos-io/thanos
thv=$(modver "$here/thanos" $th)
GOFLAGS=-tags=netgo,slicelabels build thanos "$here/thanos" "$th/cmd/thanos" \
    "-s -w -X github.com/prometheus/common/version.Version=${thv#v}"

# versitygw, the S3-compatible store (posix backend) that check writes its blocks to. Built as
# upstream's .goreleaser.yaml builds releases: CGO off, main.Version without the leading v.
vg=github.com/versity/versitygw
vgv=$(modver "$here/versitygw" $vg)
CGO_ENABLED=0 build versitygw "$here/versitygw" "$vg/cmd/versitygw" "-s -w -X main.Version=${vgv#v}"

touch "$out/complete"
echo "$out"
