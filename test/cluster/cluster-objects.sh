#!/usr/bin/env bash
# Creates what a real cluster already has before the stack's first `pulumi up` (the README's
# prerequisites): nodes, the StorageClasses with volumes to bind, kube-system's control-plane
# pods, the IngressClass, and cert-manager's CRDs with the issuer prod names.
#   usage: cluster-objects.sh KUBECONFIG      needs: TOOLCHAIN
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
k() { "$TOOLCHAIN/bin/kubectl" --kubeconfig "$1" "${@:2}"; }
kc=$1
k "$kc" apply --server-side -f "$here/manifests/nodes.yaml" >/dev/null
k "$kc" apply --server-side -f "$here/manifests/storage.yaml" -f "$here/manifests/kube-system.yaml" \
    -f "$here/manifests/ingress.yaml" >/dev/null
# Statically provisioned volumes, 24 per class: more than every claim of both stacks and a
# re-creation after destroy (a Retain volume is not bound twice).
for class in standard fast-ssd; do
    for i in $(seq -w 1 24); do
        cat <<PV
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: $class-$i, labels: {cluster-tier/pool: $class}}
spec:
  capacity: {storage: 1Ti}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: $class
  hostPath: {path: /var/lib/cluster-tier/$class-$i}
PV
    done
done | k "$kc" apply --server-side -f - >/dev/null
k "$kc" apply --server-side -f "$TOOLCHAIN/crds/cert-manager" >/dev/null
k "$kc" wait --for condition=Established --timeout 60s crd/clusterissuers.cert-manager.io >/dev/null
k "$kc" apply --server-side -f "$here/manifests/cert-manager-issuer.yaml" >/dev/null
k "$kc" wait --for condition=Ready --timeout 120s node --all >/dev/null
