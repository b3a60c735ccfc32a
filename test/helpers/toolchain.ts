/**
 * Binaries from the toolchain folder test/cluster/toolchain/build.sh prints, which tests find
 * through the TOOLCHAIN environment variable (.ci/run builds it before any tier and exports it;
 * the e2e tier builds it itself when it is unset). Prometheus, promtool, Alertmanager and amtool
 * there are the versions the pinned charts deploy (components/chart-apps.ts); Sloth is the SLO
 * rule generator the SLO rules are compared with.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The build script, whose only stdout line is the toolchain folder. */
export const TOOLCHAIN_BUILD = path.resolve(__dirname, "..", "cluster", "toolchain", "build.sh");

/** The version of `module` that the wrapper module test/cluster/toolchain/`wrapper` requires (a require line of its own). */
export function wrapperRequiredVersion(wrapper: string, module: string): string | undefined {
    const goMod = fs.readFileSync(path.join(path.dirname(TOOLCHAIN_BUILD), wrapper, "go.mod"), "utf8");
    const escaped = module.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`^(?:require\\s+|\\s+)${escaped}\\s+(v\\S+)`, "m").exec(goMod)?.[1];
}

/** Where `name` is in the toolchain's bin/ (it may not exist: see missingToolchainBinaries). */
export function toolchainBinary(name: string): string {
    return path.join(process.env.TOOLCHAIN ?? "", "bin", name);
}

/**
 * Why `names` cannot be run (a reason to skip), or nothing. Only a missing TOOLCHAIN is a reason:
 * a toolchain folder without one of the binaries is a broken build, and this throws.
 */
export function missingToolchainBinaries(...names: string[]): string[] {
    if (!process.env.TOOLCHAIN) {
        return [`${names.join(", ")}: TOOLCHAIN is not set (export TOOLCHAIN=$(test/cluster/toolchain/build.sh))`];
    }
    const absent = names.map(toolchainBinary).filter((f) => !fs.existsSync(f));
    if (absent.length > 0) {
        throw new Error(`the toolchain at TOOLCHAIN=${process.env.TOOLCHAIN} lacks ${absent.join(", ")}`);
    }
    return [];
}

/**
 * Sets TOOLCHAIN from build.sh when it is unset: instant when the folder is complete, otherwise
 * a build from the Go module proxy (its progress goes to stderr). Without Go it leaves TOOLCHAIN
 * unset, and the tests that need a binary skip and say so.
 */
export function ensureToolchain(): void {
    if (process.env.TOOLCHAIN) {
        return;
    }
    const built = spawnSync(TOOLCHAIN_BUILD, [], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (built.status === 0) {
        process.env.TOOLCHAIN = built.stdout.trim();
    } else {
        console.error(`toolchain: ${TOOLCHAIN_BUILD} failed (exit ${built.status ?? built.signal}); tests that need its binaries skip`);
    }
}
