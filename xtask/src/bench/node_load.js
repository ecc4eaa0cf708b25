// Load driver for the official Node.js SDK, run by `cargo xtask bench` from `.interop/`.
// Usage: node bench-node.js HOST:PORT KEY_ID KEY_PATH CHECKOUT_SESSION_ID CONCURRENCY SECONDS
// Protocol on stdout: `ready` after a one-second warm-up, then
// `done calls=N errors=E seconds=S`; it then waits for stdin to close.
'use strict';

const fs = require('fs');
const { WebStoreClient } = require('@amazonpay/amazon-pay-api-sdk-nodejs');

const [host, keyId, keyPath, sessionId, concurrencyArg, secondsArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const seconds = Number(secondsArg);

const client = new WebStoreClient({
    publicKeyId: keyId,
    privateKey: fs.readFileSync(keyPath),
    region: 'na',
    sandbox: true,
    overrideServiceUrl: host,
});

function describe(e) {
    if (e && e.response) {
        return `${e.response.status} ${JSON.stringify(e.response.data)}`;
    }
    return String(e && e.message ? e.message : e);
}

async function worker(deadline, counts) {
    while (Date.now() < deadline) {
        try {
            await client.getCheckoutSession(sessionId);
            counts.calls += 1;
        } catch (e) {
            counts.errors += 1;
            if (counts.first === null) {
                counts.first = describe(e);
            }
        }
    }
}

async function phase(phaseSeconds) {
    const counts = { calls: 0, errors: 0, first: null };
    const started = process.hrtime.bigint();
    const deadline = Date.now() + phaseSeconds * 1000;
    const workers = [];
    for (let i = 0; i < concurrency; i += 1) {
        workers.push(worker(deadline, counts));
    }
    await Promise.all(workers);
    counts.elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    return counts;
}

(async () => {
    await phase(1);
    process.stdout.write('ready\n');
    const r = await phase(seconds);
    if (r.first !== null) {
        process.stderr.write(`first error: ${r.first}\n`);
    }
    process.stdout.write(`done calls=${r.calls} errors=${r.errors} seconds=${r.elapsed}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
})();
