#!/usr/bin/env bash
# Builds the cluster tier's toolchain from the Go module proxy into a versioned cache folder
# outside the repository, and prints that folder. A folder that is complete is reused as is, so
# only the first run on a machine pays for the builds (see the README's test tiers for figures).
#   usage: build.sh            env: TOOLCHAIN_CACHE (default $HOME/.cache/observability-toolchain)
# What it holds: bin/ (pulumi, pulumi-language-nodejs, pulumi-resource-kubernetes,
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kwok), policy-bin/ (the
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

touch "$out/complete"
echo "$out"
