/**
 * Mocha's global setup for the e2e tier: the toolchain that holds the binaries the tests drive
 * (test/helpers/toolchain.ts), built before the first test if TOOLCHAIN is not set.
 */
import { ensureToolchain } from "../../helpers/toolchain";

export function mochaGlobalSetup(): void {
    ensureToolchain();
}
