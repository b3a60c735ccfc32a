/** An HTTP endpoint on 127.0.0.1 that keeps every JSON body posted to it (Slack's stand-in). */
import * as http from "http";
import { listenOnLoopback } from "./tools";

export class WebhookSink {
    public readonly bodies: unknown[] = [];
    private server: http.Server | undefined;

    constructor(public readonly port: number) {}

    start(): Promise<void> {
        const server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => {
                try {
                    this.bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
                } catch {
                    this.bodies.push(Buffer.concat(chunks).toString("utf8"));
                }
                // Slack answers "ok"; Alertmanager reads any 2xx as delivered.
                res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
            });
        });
        this.server = server;
        return listenOnLoopback(server, this.port);
    }

    stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        return server === undefined ? Promise.resolve() : new Promise((resolve) => server.close(() => resolve()));
    }
}
