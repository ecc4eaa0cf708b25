// Checks request and button signatures made by amazon-pay-signing with Node's
// crypto and against the official Node.js SDK's own signing code.
//
// usage: node verify.js CASES_JSON OUT_JSON   (the SDK must be resolvable via NODE_PATH)
//
// For each request case:
//  1. the string to sign is the algorithm name, "\n" and the SHA-256 of our
//     canonical request;
//  2. our signature verifies with RSA-PSS (SHA-256, MGF1-SHA-256) at the
//     algorithm's salt length (20 for V1, 32 for V2) and fails at the other one;
//  3. the SDK's signHeaders, run on the same inputs at the same instant, hashes a
//     canonical request equal to ours once its two documented differences are
//     undone: it also signs `user-agent`, and it writes `x-amz-pay-date` in the
//     extended ISO 8601 form;
//  4. the SDK's own signature verifies with our public key.
// Button cases do the same through the SDK's signPayload.
// The SDK-signed requests and button signatures are written to OUT_JSON so that
// the Rust side verifies them with amazon-pay-signing.

'use strict';

const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const helper = require('@amazonpay/amazon-pay-api-sdk-nodejs/src/clientHelper');

const [casesPath, outPath] = process.argv.slice(2);
if (!casesPath || !outPath) {
  console.error('usage: node verify.js CASES_JSON OUT_JSON');
  process.exit(2);
}
const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8'));

// Records every string the SDK hashes, so its canonical request can be read back.
const realCreateHash = crypto.createHash;
let hashed = [];
crypto.createHash = function (...args) {
  const hash = realCreateHash.apply(crypto, args);
  const update = hash.update.bind(hash);
  hash.update = (data, encoding) => {
    hashed.push(String(data));
    return update(data, encoding);
  };
  return hash;
};

// Runs `fn` with `new Date()` fixed at `ms` (the SDK stamps x-amz-pay-date itself).
function atInstant(ms, fn) {
  const RealDate = global.Date;
  global.Date = class extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(ms);
      else super(...args);
    }
  };
  try {
    return fn();
  } finally {
    global.Date = RealDate;
  }
}

function sha256Hex(text) {
  return realCreateHash('sha256').update(text, 'utf8').digest('hex');
}

function pssVerify(publicKeyPem, stringToSign, signatureBase64, saltLength) {
  return crypto.verify(
    'sha256',
    Buffer.from(stringToSign, 'utf8'),
    { key: publicKeyPem, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength },
    Buffer.from(signatureBase64, 'base64'),
  );
}

function checkOurSignature(c, publicKeyPem) {
  assert.strictEqual(
    c.stringToSign,
    `${c.algorithm}\n${sha256Hex(c.canonicalRequest ?? c.payload)}`,
    'string to sign',
  );
  assert.ok(pssVerify(publicKeyPem, c.stringToSign, c.signature, c.saltLength), 'our signature verifies');
  const other = c.saltLength === 20 ? 32 : 20;
  assert.ok(
    !pssVerify(publicKeyPem, c.stringToSign, c.signature, other),
    `our signature must not verify with salt length ${other}`,
  );
}

// "20240601T120000Z" -> milliseconds since the epoch.
function parseBasicDate(text) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  assert.ok(m, `x-amz-pay-date ${text} is in the basic ISO 8601 form`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

// Undoes the SDK's two documented differences (see the top of this file).
function normaliseSdkCanonical(text) {
  const lines = text.split('\n');
  const out = [];
  for (const line of lines) {
    if (line.startsWith('user-agent:')) continue;
    const date = /^x-amz-pay-date:(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(line);
    if (date) {
      out.push(`x-amz-pay-date:${date.slice(1, 4).join('')}T${date.slice(4, 7).join('')}Z`);
      continue;
    }
    out.push(line);
  }
  const signedAt = out.length - 2;
  out[signedAt] = out[signedAt].split(';').filter((h) => h !== 'user-agent').join(';');
  return out.join('\n');
}

function sdkConfig(c, privateKeyPem) {
  return {
    publicKeyId: c.publicKeyId,
    privateKey: privateKeyPem,
    region: c.region,
    algorithm: c.algorithm,
  };
}

function checkRequest(c, keys) {
  checkOurSignature(c, keys.publicKeyPem);
  const options = {
    method: c.method,
    urlFragment: c.path.replace(/^\//, ''),
    headers: Object.fromEntries(c.headers),
    payload: c.body,
  };
  if (c.query.length > 0) options.queryParams = Object.fromEntries(c.query);
  hashed = [];
  const headers = atInstant(parseBasicDate(c.amzDate), () =>
    helper.signHeaders(sdkConfig(c, keys.privateKeyPem), options),
  );
  const sdkCanonical = hashed.find((h) => h.startsWith(`${c.method}\n/`));
  assert.ok(sdkCanonical, 'the SDK hashed a canonical request');
  assert.strictEqual(normaliseSdkCanonical(sdkCanonical), c.canonicalRequest, 'canonical request');
  const auth = /^(\S+) PublicKeyId=([^,]+), SignedHeaders=([^,]+), Signature=(\S+)$/.exec(
    headers.authorization,
  );
  assert.ok(auth, `SDK authorization header ${headers.authorization}`);
  assert.strictEqual(auth[1], c.algorithm);
  const sdkStringToSign = `${c.algorithm}\n${sha256Hex(sdkCanonical)}`;
  assert.ok(pssVerify(keys.publicKeyPem, sdkStringToSign, auth[4], c.saltLength), 'SDK signature');
  return {
    name: c.name,
    method: c.method,
    path: c.path,
    query: sdkCanonical.split('\n')[2],
    headers: Object.entries(headers),
    body: c.body,
    canonicalRequest: sdkCanonical,
  };
}

function checkButton(c, keys) {
  checkOurSignature(c, keys.publicKeyPem);
  hashed = [];
  const signature = helper.signPayload(sdkConfig(c, keys.privateKeyPem), c.payload);
  assert.deepStrictEqual(hashed, [c.payload], 'the SDK hashes the payload as given');
  assert.ok(pssVerify(keys.publicKeyPem, c.stringToSign, signature, c.saltLength), 'SDK button signature');
  return { name: c.name, algorithm: c.algorithm, payload: c.payload, signature };
}

const out = { requests: [], buttons: [] };
let failures = 0;
for (const [kind, list, check] of [
  ['request', cases.requests, checkRequest],
  ['button', cases.buttons, checkButton],
]) {
  for (const c of list) {
    try {
      out[`${kind}s`].push(check(c, cases));
      console.log(`  ok   ${kind} ${c.name}`);
    } catch (e) {
      failures += 1;
      console.log(`  FAIL ${kind} ${c.name}: ${e.message}`);
    }
  }
}
fs.writeFileSync(outPath, JSON.stringify(out, null, 2));
if (failures > 0) {
  console.log(`verify.js: ${failures} case(s) failed`);
  process.exit(1);
}
console.log(`verify.js: ${cases.requests.length} requests and ${cases.buttons.length} buttons agree`);
