/**
 * A local SMTP server that stands in for the relay: it refuses mail without AUTH, accepts only
 * the expected user and password, and records each message with its envelope recipients,
 * subject and arrival time. It can be stopped and restarted on the same port (the outage test).
 */
import { SMTPServer } from "smtp-server";
import { listenOnLoopback } from "./tools";

export interface ReceivedMail {
    /** Envelope recipients (RCPT TO), which is what a receiver's `to` becomes. */
    to: string[];
    subject: string;
    /** Date.now() when the message was fully received. */
    receivedAt: number;
    raw: string;
}

/** The value of a header in a raw message (folded lines joined). */
export function header(raw: string, name: string): string | undefined {
    const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, " ");
    const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line?.slice(name.length + 1).trim();
}

export class SmtpSink {
    public readonly mails: ReceivedMail[] = [];
    /** AUTH attempts that were refused (wrong user or password). */
    public readonly refusedLogins: string[] = [];
    private server: SMTPServer | undefined;

    constructor(public readonly port: number, private readonly user: string, private readonly password: string) {}

    start(): Promise<void> {
        const server = new SMTPServer({
            // Alertmanager is told smtp_require_tls: false for the sink; AUTH PLAIN over plain
            // text is allowed to 127.0.0.1 by Go's net/smtp, and the sink insists on it.
            secure: false,
            disabledCommands: ["STARTTLS"],
            allowInsecureAuth: true,
            authOptional: false,
            authMethods: ["PLAIN", "LOGIN"],
            logger: false,
            closeTimeout: 500,
            // No reverse DNS for 127.0.0.1: on a host without a resolver it stalls every session.
            disableReverseLookup: true,
            onAuth: (auth, _session, callback) => {
                if (auth.username === this.user && auth.password === this.password) {
                    callback(null, { user: auth.username });
                    return;
                }
                this.refusedLogins.push(String(auth.username));
                callback(new Error("535 invalid credentials"));
            },
            onData: (stream, session, callback) => {
                const chunks: Buffer[] = [];
                stream.on("data", (c: Buffer) => chunks.push(c));
                stream.on("end", () => {
                    const raw = Buffer.concat(chunks).toString("utf8");
                    this.mails.push({
                        to: session.envelope.rcptTo.map((r) => r.address),
                        subject: header(raw, "Subject") ?? "",
                        receivedAt: Date.now(),
                        raw,
                    });
                    callback();
                });
            },
        });
        this.server = server;
        return listenOnLoopback(server, this.port);
    }

    /** Closes the listener and drops open connections: the relay is gone. */
    stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        if (server === undefined) {
            return Promise.resolve();
        }
        return new Promise((resolve) => server.close(() => resolve()));
    }

    /** The first mail whose subject starts with `prefix`. */
    find(prefix: string): ReceivedMail | undefined {
        return this.mails.find((m) => m.subject.startsWith(prefix));
    }
}
