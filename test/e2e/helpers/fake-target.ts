/** A scrape target that can be switched off: a Loki or event exporter "going down". */
import * as http from "http";
import { listenOnLoopback } from "./tools";

export class FakeTarget {
    private server: http.Server | undefined;

    constructor(public readonly port: number) {}

    start(): Promise<void> {
        const server = http.createServer((_req, res) => {
            res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" });
            res.end("# TYPE e2e_fake_target gauge\ne2e_fake_target 1\n");
        });
        this.server = server;
        return listenOnLoopback(server, this.port);
    }

    /** Stops listening and cuts kept-alive connections, so the very next scrape fails. */
    stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        if (server === undefined) {
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        });
    }
}
