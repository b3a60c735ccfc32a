import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const BUILDERS = path.resolve(__dirname, "..", "..", "components", "builders");

function tsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path.join(dir, e.name)] : []);
}

/** Module specifiers a file imports at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
    const source = fs.readFileSync(file, "utf8");
    return [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]);
}

/** Every package reached from a file through its local imports. */
function packagesReached(file: string, seen = new Set<string>()): Set<string> {
    const packages = new Set<string>();
    if (seen.has(file)) {
        return packages;
    }
    seen.add(file);
    for (const spec of runtimeImports(file)) {
        if (spec.startsWith(".")) {
            const target = path.resolve(path.dirname(file), spec);
            const resolved = [`${target}.ts`, path.join(target, "index.ts")].find((f) => fs.existsSync(f));
            if (resolved !== undefined) {
                packagesReached(resolved, seen).forEach((p) => packages.add(p));
            }
        } else {
            packages.add(spec);
        }
    }
    return packages;
}

describe("builders", () => {
    for (const file of tsFiles(BUILDERS)) {
        it(`${path.relative(BUILDERS, file)} stays pure: no Pulumi SDK reachable from it`, () => {
            const pulumi = [...packagesReached(file)].filter((p) => p.startsWith("@pulumi/"));
            assert.deepStrictEqual(pulumi, []);
        });
    }
});
