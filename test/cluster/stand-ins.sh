#!/usr/bin/env bash
# Stand-in for an ingress controller: publishes an address in the status of every Ingress that
# has none, as ingress-nginx does once it serves it; Pulumi waits for that address. Runs until
# stopped (run.sh notes its pid for stop.sh).
#   usage: stand-ins.sh KUBECONFIG      needs: TOOLCHAIN
kc=$1
k() { "$TOOLCHAIN/bin/kubectl" --kubeconfig "$kc" "$@"; }
while true; do
    k get ingress -A -o jsonpath='{range .items[?(@.status.loadBalancer.ingress)]}{""}{end}{range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{" "}{.status.loadBalancer.ingress[0].ip}{"\n"}{end}' 2>/dev/null |
        while read -r ns name ip; do
            [ -n "$ns" ] && [ -z "$ip" ] || continue
            k -n "$ns" patch ingress "$name" --subresource status --type merge \
                -p '{"status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}' >/dev/null 2>&1
        done
    sleep 2
done
