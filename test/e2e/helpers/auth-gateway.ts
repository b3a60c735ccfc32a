/**
 * The authenticating front of a remote write receiver. Thanos Receive checks no credentials
 * (its docs leave authentication to a proxy in front of it, as sites run one), so this gateway
 * plays that proxy on 127.0.0.1: it refuses a request whose Authorization header is not the one
 * expected with 401, as such a proxy does, records the headers of what it lets through, and
 * passes the request on to the receiver unchanged.
 */
import * as http from "http";
import { listenOnLoopback } from "./tools";

export interface GatewayRequest {
    path: string;
    headers: http.IncomingHttpHeaders;
}

export class AuthGateway {
    readonly accepted: GatewayRequest[] = [];
    refused = 0;
    private server: http.Server | undefined;

    constructor(readonly port: number, private readonly authorization: string, private readonly upstream: number) {}

    start(): Promise<void> {
        const server = http.createServer((req, res) => {
            if (req.headers.authorization !== this.authorization) {
                this.refused++;
                res.writeHead(401, { "WWW-Authenticate": 'Basic realm="remote write"' }).end("unauthorized\n");
                req.resume();
                return;
            }
            this.accepted.push({ path: req.url ?? "", headers: req.headers });
            const forward = http.request({ host: "127.0.0.1", port: this.upstream, path: req.url, method: req.method, headers: req.headers }, (up) => {
                res.writeHead(up.statusCode ?? 502, up.headers);
                up.pipe(res);
            });
            forward.on("error", (error) => res.writeHead(502).end(String(error)));
            req.pipe(forward);
        });
        this.server = server;
        return listenOnLoopback(server, this.port);
    }

    stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        return server === undefined ? Promise.resolve() : new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        });
    }
}

/** The Authorization header of HTTP basic auth (RFC 7617). */
export const basicAuthorization = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
