/** Prometheus caps its TSDB below the size of its volume. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "./lib/config";
import { claimRequest, objectName, TYPES, volumeClaimsOf } from "./lib/k8s";
import { formatBytes, prometheusSizeBytes, quantityBytes } from "./lib/units";

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
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.prometheus) {
            return;
        }
        const { maxVolumeShare } = configWithDefaults(RETENTION_SIZE_DEFAULTS, args);
        const name = objectName(args.props, args.name);
        const claim = volumeClaimsOf(args.type, args.props)[0];
        const volume = claim === undefined ? undefined : quantityBytes(claimRequest(claim.spec));
        const size = args.props.spec?.retentionSize;
        const pct = Math.round(maxVolumeShare * 100);
        if (size === undefined || size === null || size === "") {
            const target = volume === undefined ? `${pct}% of the volume` : `at most ${suggestion(volume, maxVolumeShare)} (${pct}% of ${formatBytes(volume)})`;
            reportViolation(`Prometheus ${name} does not set spec.retentionSize, so a burst of series can fill its volume; set ${HINT} to ${target}.`);
            return;
        }
        const bytes = prometheusSizeBytes(size);
        if (bytes === undefined) {
            reportViolation(`Prometheus ${name} spec.retentionSize ${JSON.stringify(size)} is not a Prometheus size; set ${HINT} to a value such as 170GB (base 2).`);
            return;
        }
        // Without a volume claim there is nothing to compare with; persistent-storage reports that.
        if (volume !== undefined && bytes > volume * maxVolumeShare) {
            reportViolation(
                `Prometheus ${name} spec.retentionSize ${size} (${formatBytes(bytes)}; Prometheus reads GB as GiB) is ` +
                    `${Math.round((bytes / volume) * 100)}% of its ${formatBytes(volume)} volume; ` +
                    `set ${HINT} to at most ${suggestion(volume, maxVolumeShare)} (${pct}%) or grow the volume.`,
            );
        }
    },
};
