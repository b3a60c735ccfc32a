/** A bare SMTP client for one question: does the sink accept AUTH PLAIN with these credentials? */
import * as net from "net";

/** The reply code to `AUTH PLAIN` with `user`/`password` (235 accepted, 535 refused). */
export function authReply(port: number, user: string, password: string): Promise<number> {
    const token = Buffer.from(`\0${user}\0${password}`).toString("base64");
    const script = ["EHLO probe", `AUTH PLAIN ${token}`];
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.setTimeout(5_000, () => socket.destroy(new Error("SMTP probe timed out")));
        let buffer = "";
        socket.on("data", (data) => {
            buffer += data.toString("utf8");
            // A reply is complete when its last line has a space after the code ("250 ok").
            const lines = buffer.split("\r\n").filter((l) => l.length > 0);
            const last = lines[lines.length - 1];
            if (last === undefined || !/^\d{3} /.test(last)) {
                return;
            }
            buffer = "";
            const next = script.shift();
            if (next === undefined) {
                socket.end("QUIT\r\n");
                resolve(Number(last.slice(0, 3)));
                return;
            }
            socket.write(`${next}\r\n`);
        });
        socket.on("error", reject);
    });
}
