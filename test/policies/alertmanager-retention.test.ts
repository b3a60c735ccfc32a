import * as assert from "assert";
import { alertmanagerRetention } from "../../policies/alertmanager-retention";
import { alertmanager, withField } from "../fixtures/policies/objects";
import { checkResource } from "./harness";
import { policyConfig } from "./pack-config";

const NAME = "alertmanager-retention";

describe("policy alertmanager-retention", () => {
    it("passes the rendered Alertmanager with 720h retention under the defaults and both stacks' config", async () => {
        for (const config of [{}, policyConfig("dev", NAME), policyConfig("prod", NAME)]) {
            assert.deepStrictEqual(await checkResource(alertmanagerRetention, alertmanager(), config), []);
        }
    });

    it("rejects an Alertmanager that leaves retention to the operator", async () => {
        const [message] = await checkResource(alertmanagerRetention, withField(alertmanager(), "props.spec.retention", undefined));
        assert.match(message, /does not set spec\.retention \(the operator then uses 120h\)/);
    });

    it("rejects a retention above the maximum", async () => {
        const [message] = await checkResource(alertmanagerRetention, withField(alertmanager(), "props.spec.retention", "2400h"));
        assert.match(message, /longer than the 2160h this stack allows; set spec\.retention/);
    });

    it("rejects day units, which the Alertmanager CRD refuses (Go durations stop at hours)", async () => {
        const [message] = await checkResource(alertmanagerRetention, withField(alertmanager(), "props.spec.retention", "30d"));
        assert.match(message, /spec\.retention "30d" is not an Alertmanager duration \(hours, minutes, seconds: 720h, not 30d\)/);
    });

    it("accepts compound hour-minute retention", async () => {
        assert.deepStrictEqual(await checkResource(alertmanagerRetention, withField(alertmanager(), "props.spec.retention", "200h30m")), []);
    });

    it("accepts 48h in dev but not in prod", async () => {
        const short = withField(alertmanager(), "props.spec.retention", "48h");
        assert.deepStrictEqual(await checkResource(alertmanagerRetention, short, policyConfig("dev", NAME)), []);
        assert.match((await checkResource(alertmanagerRetention, short, policyConfig("prod", NAME)))[0], /shorter than the 120h this stack requires/);
    });
});
