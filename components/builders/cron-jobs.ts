/** The CronJob shape the stack's scheduled jobs (kube-bench, backups) share. */

export interface ScheduledJob {
    /** Cron schedule (validated in the schema). */
    schedule: string;
    /** Retries of a failed pod before the run counts as failed. */
    backoffLimit: number;
    /** Hard limit on one run, in seconds: a hung run must not block the next. */
    activeDeadlineSeconds: number;
    /** Labels of the job's pods. */
    podLabels: Record<string, string>;
    podSpec: Record<string, unknown>;
}

/**
 * No overlap (Forbid: a slow run is not doubled), a missed start given up after an hour, and a
 * short history: the last success and the last few failures stay inspectable.
 */
export function cronJobSpec(job: ScheduledJob): Record<string, unknown> {
    return {
        schedule: job.schedule,
        concurrencyPolicy: "Forbid",
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
            spec: {
                backoffLimit: job.backoffLimit,
                activeDeadlineSeconds: job.activeDeadlineSeconds,
                template: { metadata: { labels: job.podLabels }, spec: job.podSpec },
            },
        },
    };
}
