#!/usr/bin/env bash
# Starts a local Kubernetes control plane for the cluster tier: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok (nodes and pod readiness without a kubelet),
# all on 127.0.0.1 with certificates made for this run. Run it only inside the tier's own
# network namespace (run.sh does): kwok hands pods addresses in private ranges, and nothing may
# ever dial them.
#   usage: control-plane.sh STATE_DIR      needs: TOOLCHAIN (the folder toolchain/build.sh prints)
# Writes STATE_DIR/kubeconfig, STATE_DIR/pids and logs under STATE_DIR/logs; stop.sh stops it.
set -euo pipefail
state=$1; bin=${TOOLCHAIN:?}/bin; here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$state/pki" "$state/logs" "$state/etcd"
pki=$state/pki

# A CA, the API server's serving certificate, an admin client (system:masters) and the service
# account signing key: what kubeadm would make, for 127.0.0.1 only.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=cluster-tier-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
cert() { # cert NAME SUBJECT [SAN]
    openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$pki/$1.key" -out "$pki/$1.csr" 2>/dev/null
    openssl x509 -req -in "$pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
        ${3:+-extfile <(printf 'subjectAltName=%s' "$3")} -out "$pki/$1.crt" 2>/dev/null
}
cert apiserver "/CN=kube-apiserver" "IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc"
cert admin "/O=system:masters/CN=cluster-tier-admin"
openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null

kc=$state/kubeconfig
cat > "$kc" <<KC
apiVersion: v1
kind: Config
clusters:
- name: cluster-tier
  cluster: {server: "https://127.0.0.1:6443", certificate-authority: "$pki/ca.crt"}
users:
- name: admin
  user: {client-certificate: "$pki/admin.crt", client-key: "$pki/admin.key"}
contexts:
- name: cluster-tier
  context: {cluster: cluster-tier, user: admin}
current-context: cluster-tier
KC

start() { # start NAME COMMAND...: in the background, logged, its pid noted for stop.sh
    local name=$1; shift
    "$@" > "$state/logs/$name.log" 2>&1 &
    echo "$! $name" >> "$state/pids"
}

start etcd etcd --name cluster-tier --data-dir "$state/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster cluster-tier=http://127.0.0.1:2380

# No endpoint reconciler: the `kubernetes` Service's endpoints would be 127.0.0.1, which the
# API server refuses to publish; nothing in the tier dials it.
start kube-apiserver "$bin/kube-apiserver" --etcd-servers http://127.0.0.1:2379 \
    --bind-address 127.0.0.1 --secure-port 6443 --advertise-address 127.0.0.1 \
    --endpoint-reconciler-type none --service-cluster-ip-range 10.96.0.0/16 \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" --authorization-mode Node,RBAC --allow-privileged \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc

for _ in $(seq 120); do
    "$bin/kubectl" --kubeconfig "$kc" get --raw /readyz >/dev/null 2>&1 && break
    sleep 0.5
done
"$bin/kubectl" --kubeconfig "$kc" get --raw /readyz >/dev/null

# A long node grace period: under full CPU load kwok can miss heartbeats, and a node marked
# NotReady would evict the stack's pods in the middle of an update.
start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig "$kc" \
    --bind-address 127.0.0.1 --secure-port 10257 \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --node-monitor-grace-period 300s --leader-elect=false
start kube-scheduler "$bin/kube-scheduler" --kubeconfig "$kc" \
    --bind-address 127.0.0.1 --secure-port 10259 --leader-elect=false

# kwok manages only the nodes the tier creates (annotation kwok.x-k8s.io/node=fake) and applies
# the stage configs its module ships: nodes become Ready and keep a lease, pods become Ready.
# The lease duration must be given: with stage files as its only --config, kwok leaves it at 0,
# renews no lease, and the heartbeat-with-lease stage posts node status only every 10 minutes,
# so the controller manager takes every node for lost and marks all pods not ready.
stages=()
for f in "$TOOLCHAIN"/stages/*.yaml; do stages+=(--config "$f"); done
start kwok "$bin/kwok" --kubeconfig "$kc" --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --cidr 10.244.0.0/16 --node-ip 10.0.0.1 --node-lease-duration-seconds 40 "${stages[@]}"

# The service account controller makes `default` in each namespace; creating objects before it
# ran fails, so wait for the one in `default`.
for _ in $(seq 120); do
    "$bin/kubectl" --kubeconfig "$kc" get serviceaccount default >/dev/null 2>&1 && break
    sleep 0.5
done
"$here/cluster-objects.sh" "$kc"
