/**
 * A private CA and a server certificate it signs, made with the openssl command line, for a
 * store that serves TLS on 127.0.0.1 (the address is the certificate's IP SAN: Go's and node's
 * clients check an IP address against IP SANs only, never the CN).
 */
import * as fs from "fs";
import * as path from "path";
import { run } from "./tools";

export interface TestCa {
    /** The CA's certificate, PEM: what a site's CA bundle ConfigMap holds. */
    caPem: string;
    /** The server's certificate and key files under the CA's directory. */
    certFile: string;
    keyFile: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
    const r = await run("openssl", args, 60_000, { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: cwd });
    if (r.code !== 0) {
        throw new Error(`openssl ${args.join(" ")} failed: ${r.stderr}`);
    }
}

/** The openssl binary's absence, as a reason to skip, or undefined when it runs. */
export async function opensslMissing(): Promise<string | undefined> {
    const r = await run("openssl", ["version"], 10_000);
    return r.code === 0 ? undefined : "openssl is not on PATH (Debian: apt-get install openssl)";
}

/** A CA named `name` under `dir`, and a certificate for 127.0.0.1 signed by it (one day, EC P-256). */
export async function makeTestCa(dir: string, name: string): Promise<TestCa> {
    const d = path.join(dir, name);
    fs.mkdirSync(d, { recursive: true });
    const f = (file: string) => path.join(d, file);
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    await openssl(["req", "-x509", ...ec, "-keyout", f("ca.key"), "-out", f("ca.crt"), "-days", "1", "-subj", `/CN=${name} test CA`,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], d);
    await openssl(["req", ...ec, "-keyout", f("server.key"), "-out", f("server.csr"), "-subj", "/CN=127.0.0.1"], d);
    fs.writeFileSync(f("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
    await openssl(["x509", "-req", "-in", f("server.csr"), "-CA", f("ca.crt"), "-CAkey", f("ca.key"), "-CAcreateserial",
        "-out", f("server.crt"), "-days", "1", "-extfile", f("server.ext")], d);
    return { caPem: fs.readFileSync(f("ca.crt"), "utf8"), certFile: f("server.crt"), keyFile: f("server.key") };
}
