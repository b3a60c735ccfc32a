/**
 * The documented way to apply a rendered directory (README, "Render to YAML"): CRDs first and
 * established, then the Namespace, then everything else. kubectl applies a directory's files in
 * name order, and the provider names files by API group, so the Namespace would otherwise come
 * after objects that live in it.
 */
import * as fs from "fs";
import * as path from "path";
import { kubectl } from "./kubectl";

export function applyRendered(dir: string): void {
    const manifests = path.join(dir, "1-manifest");
    kubectl(["apply", "--server-side", "-f", path.join(dir, "0-crd")]);
    kubectl(["wait", "--for", "condition=Established", "--timeout=120s", "crd", "--all"]);
    const namespaces = fs.readdirSync(manifests).filter((f) => /^v1-namespace-/.test(f)).map((f) => path.join(manifests, f));
    for (const ns of namespaces) {
        kubectl(["apply", "--server-side", "-f", ns]);
    }
    kubectl(["apply", "--server-side", "-f", manifests]);
}
