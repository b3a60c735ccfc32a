/** Awaiting Pulumi outputs in tests, so assertions never run inside `.apply`. */
import * as pulumi from "@pulumi/pulumi";

/** The value of an output (or plain input). */
export function valueOf<T>(input: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(input).apply((v) => resolve(v as T)));
}

/** Whether an output is marked secret. */
export function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
    return (output as unknown as { isSecret: Promise<boolean> }).isSecret;
}

/** Lets pending registrations and applies run to completion. */
export async function settle(): Promise<void> {
    for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setImmediate(resolve));
    }
}
