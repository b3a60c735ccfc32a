/**
 * The opening every suite that drives a toolchain binary shares: skip with a message when a
 * tool is missing (TOOLCHAIN unset), else work in a fresh temporary directory, removed after.
 */
import { missingTools, removeDir, tempDir, TOOLS } from "./tools";

/**
 * Registers the suite's `before` and `after` hooks; call it inside `describe`. Hands back the
 * temporary directory's path, which exists from the `before` hook on.
 */
export function toolSuite(prefix: string, ...tools: (keyof typeof TOOLS)[]): () => string {
    let dir: string | undefined;
    before(function () {
        const missing = missingTools(...tools);
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.join("; ")}`);
            this.skip();
        }
        dir = tempDir(prefix);
    });
    after(() => removeDir(dir));
    return () => {
        if (dir === undefined) {
            throw new Error(`the ${prefix} suite's temporary directory is used before its before hook ran`);
        }
        return dir;
    };
}
