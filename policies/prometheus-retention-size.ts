/** Prometheus caps its TSDB below the size of its volume. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { claimRequest, Json, objectName, operatorDataVolume, TYPES } from "./lib/k8s";
import { known, unknownMessage } from "./lib/unknowns";
import { formatBytes, prometheusSizeBytes, quantityBytes } from "./lib/units";
import { checkingUnknowns } from "./lib/validation";

export interface RetentionSizeConfig {
    /** Largest share of the volume retentionSize may claim (0..1). */
    maxVolumeShare: number;
}

/**
 * 85%: size-based retention deletes whole blocks after compaction, and the WAL and the
 * compaction's temporary block live on the same volume, so the TSDB needs headroom.
 */
export const RETENTION_SIZE_DEFAULTS: RetentionSizeConfig = { maxVolumeShare: 0.85 };

const HINT = "spec.retentionSize (kube-prometheus-stack: prometheus.prometheusSpec.retentionSize)";

/** The largest Prometheus size (whole GB, base 2) within the share of the volume. */
function suggestion(volumeBytes: number, share: number): string {
    return `${Math.floor((volumeBytes * share) / 2 ** 30)}GB`;
}

/**
 * Bytes of the volume the TSDB actually lives on, by the operator's precedence: an emptyDir's
 * sizeLimit (the kubelet evicts the pod beyond it), else the ephemeral or persistent claim's
 * request. Undefined when that volume has no size.
 */
function dataVolumeBytes(props: Json): number | undefined {
    const volume = operatorDataVolume(props);
    return volume.kind === "emptyDir" ? quantityBytes(volume.sizeLimit) : quantityBytes(claimRequest(volume.spec));
}

export const prometheusRetentionSize: ResourceValidationPolicy = {
    name: "prometheus-retention-size",
    description: "Every Prometheus sets spec.retentionSize to at most the configured share of its volume, so the TSDB never fills the disk.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxVolumeShare: {
                type: "number",
                minimum: 0.1,
                maximum: 1,
                default: RETENTION_SIZE_DEFAULTS.maxVolumeShare,
                description: "Largest share of the Prometheus volume that retentionSize may claim (Prometheus reads GB as GiB).",
            },
        },
    },
    validateResource: checkingUnknowns((args, reportViolation) => {
        if (args.type !== TYPES.prometheus) {
            return;
        }
        const { maxVolumeShare } = configWithDefaults(RETENTION_SIZE_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const size = args.props.spec?.retentionSize;
        // The volume matters only for the share: one not known during preview leaves the other
        // checks to run, and only the comparison is reported as not checkable.
        const volume = known(() => dataVolumeBytes(args.props));
        const pct = Math.round(maxVolumeShare * 100);
        if (size === undefined || size === null || size === "") {
            const bytes = "value" in volume ? volume.value : undefined;
            const target = bytes === undefined ? `${pct}% of the volume` : `at most ${suggestion(bytes, maxVolumeShare)} (${pct}% of ${formatBytes(bytes)})`;
            reportViolation(`Prometheus ${name} does not set spec.retentionSize, so a burst of series can fill its volume; set ${HINT} to ${target}.`);
            return;
        }
        const bytes = prometheusSizeBytes(size);
        if (bytes === undefined) {
            reportViolation(`Prometheus ${name} spec.retentionSize ${JSON.stringify(size)} is not a Prometheus size; set ${HINT} to a value such as 170GB (base 2).`);
            return;
        }
        if (bytes === 0) {
            reportViolation(`Prometheus ${name} spec.retentionSize is 0, which turns size-based retention off; set ${HINT} to at most ${pct}% of the volume.`);
            return;
        }
        if ("unknown" in volume) {
            reportViolation(unknownMessage(`Prometheus ${name}`, volume.unknown));
            return;
        }
        // Without a sized volume there is nothing to compare with; persistent-storage reports that.
        const disk = volume.value;
        if (disk !== undefined && bytes > disk * maxVolumeShare) {
            reportViolation(
                `Prometheus ${name} spec.retentionSize ${size} (${formatBytes(bytes)}; Prometheus reads GB as GiB) is ` +
                    `${Math.round((bytes / disk) * 100)}% of its ${formatBytes(disk)} volume; ` +
                    `set ${HINT} to at most ${suggestion(disk, maxVolumeShare)} (${pct}%) or grow the volume.`,
            );
        }
    }),
};
