// Drives the official Node.js SDK through a whole checkout against the
// amazon-pay-rs emulator over HTTPS.
//
// Environment (set by `cargo xtask interop`): INTEROP_SERVICE (host:port for
// the SDK's overrideServiceUrl), INTEROP_BASE_URL, INTEROP_KEY_ID,
// INTEROP_KEY_FILE, INTEROP_STORE_ID, INTEROP_REGION, and NODE_EXTRA_CA_CERTS
// naming the emulator's CA certificate.
//
// With overrideServiceUrl the SDK sets NODE_TLS_REJECT_UNAUTHORIZED=0 before
// every call. This script removes that setting again before the connection is
// made, so every call verifies the emulator's certificate against its CA.

'use strict';

const assert = require('assert');
const fs = require('fs');
const https = require('https');
const crypto = require('crypto');
const { WebStoreClient } = require('@amazonpay/amazon-pay-api-sdk-nodejs');
const helper = require('@amazonpay/amazon-pay-api-sdk-nodejs/src/clientHelper');

function env(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`checkout.js: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const service = env('INTEROP_SERVICE');
const baseUrl = env('INTEROP_BASE_URL');
const storeId = env('INTEROP_STORE_ID');
env('NODE_EXTRA_CA_CERTS');

const invokeApi = helper.invokeApi;
helper.invokeApi = function (...args) {
  const pending = invokeApi.apply(this, args);
  // The request itself starts on a later tick, with certificate checks back on.
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  return pending;
};

function client(algorithm) {
  return new WebStoreClient({
    publicKeyId: env('INTEROP_KEY_ID'),
    privateKey: fs.readFileSync(env('INTEROP_KEY_FILE'), 'utf8'),
    region: env('INTEROP_REGION'),
    sandbox: true,
    algorithm,
    overrideServiceUrl: service,
  });
}

const idempotency = () => ({ 'x-amz-pay-idempotency-key': crypto.randomUUID().replace(/-/g, '') });

// The buyer on the emulator's hosted page: answers with the redirect target.
function buyerApproves(redirectUrl) {
  assert.ok(redirectUrl.startsWith(`${baseUrl}/`), `hosted page ${redirectUrl} is on the emulator`);
  return new Promise((resolve, reject) => {
    https
      .get(`${redirectUrl}?paymentMethod=approve`, (res) => {
        res.resume();
        if (res.statusCode !== 303) reject(new Error(`hosted page answered ${res.statusCode}`));
        else resolve(res.headers.location);
      })
      .on('error', reject);
  });
}

async function call(what, promise, expectedStatus) {
  let response;
  try {
    response = await promise;
  } catch (e) {
    const status = e.response ? e.response.status : e.status;
    const data = e.response ? e.response.data : e.data;
    throw new Error(`${what} failed: ${status ?? ''} ${JSON.stringify(data) ?? e.message ?? e}`);
  }
  assert.strictEqual(response.status, expectedStatus, `${what} status`);
  console.log(`  ok   ${what} -> ${response.status}`);
  return response.data;
}

async function checkout(algorithm) {
  const sdk = client(algorithm);
  const amount = { amount: '14.00', currencyCode: 'USD' };
  const resultUrl = 'https://shop.example/amazon-pay/result';

  const created = await call(
    `${algorithm} create checkout session`,
    sdk.createCheckoutSession(
      { webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' }, storeId },
      idempotency(),
    ),
    201,
  );
  const id = created.checkoutSessionId;
  assert.ok(id, 'a checkout session id');

  const got = await call(`${algorithm} get checkout session`, sdk.getCheckoutSession(id), 200);
  assert.strictEqual(got.statusDetails.state, 'Open');

  const updated = await call(
    `${algorithm} update checkout session`,
    sdk.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: resultUrl },
      paymentDetails: { paymentIntent: 'Authorize', canHandlePendingAuthorization: false, chargeAmount: amount },
      merchantMetadata: { merchantReferenceId: `interop-${Date.now()}`, merchantStoreName: 'interop' },
    }),
    200,
  );
  assert.ok(updated.webCheckoutDetails.amazonPayRedirectUrl, 'a redirect URL for the buyer');

  const location = await buyerApproves(updated.webCheckoutDetails.amazonPayRedirectUrl);
  assert.ok(location.startsWith(resultUrl), `the buyer returns to ${location}`);
  assert.ok(location.includes(`amazonCheckoutSessionId=${id}`), 'with the session id');

  const completed = await call(
    `${algorithm} complete checkout session`,
    sdk.completeCheckoutSession(id, { chargeAmount: amount }),
    200,
  );
  assert.strictEqual(completed.statusDetails.state, 'Completed');
  assert.ok(completed.chargeId && completed.chargePermissionId, 'a charge and a charge permission');

  const charge = await call(`${algorithm} get charge`, sdk.getCharge(completed.chargeId), 200);
  assert.strictEqual(charge.statusDetails.state, 'Authorized');
  assert.deepStrictEqual(charge.chargeAmount, amount);

  const captured = await call(
    `${algorithm} capture charge`,
    sdk.captureCharge(completed.chargeId, { captureAmount: amount, softDescriptor: 'INTEROP' }, idempotency()),
    200,
  );
  assert.strictEqual(captured.statusDetails.state, 'Captured');

  const refund = await call(
    `${algorithm} create refund`,
    sdk.createRefund(
      { chargeId: completed.chargeId, refundAmount: { amount: '4.00', currencyCode: 'USD' } },
      idempotency(),
    ),
    201,
  );
  assert.strictEqual(refund.statusDetails.state, 'RefundInitiated');
  const gotRefund = await call(`${algorithm} get refund`, sdk.getRefund(refund.refundId), 200);
  assert.strictEqual(gotRefund.refundId, refund.refundId);
}

(async () => {
  await checkout('AMZN-PAY-RSASSA-PSS-V2');
  await checkout('AMZN-PAY-RSASSA-PSS');
  assert.strictEqual(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined, 'certificate checks stayed on');
  console.log('checkout.js: V2 and V1 checkouts passed over verified HTTPS');
})().catch((e) => {
  console.log(`checkout.js: FAILED: ${e.message}`);
  process.exit(1);
});
