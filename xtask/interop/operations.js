// Drives every operation of the official Node.js SDK against the amazon-pay-rs
// emulator over HTTPS, in both signature algorithms.
//
// Environment (set by `cargo xtask interop`): INTEROP_SERVICE (host:port for
// the SDK's overrideServiceUrl), INTEROP_BASE_URL, INTEROP_KEY_ID,
// INTEROP_KEY_FILE, INTEROP_STORE_ID, INTEROP_MERCHANT_ID, INTEROP_REGION, and
// NODE_EXTRA_CA_CERTS naming the emulator's CA certificate. The key id is
// SANDBOX- prefixed or has no prefix (then `sandbox: true` puts /sandbox in
// the path); `cargo xtask interop` runs the script once with each.
//
// With overrideServiceUrl the SDK sets NODE_TLS_REJECT_UNAUTHORIZED=0 before
// every call. This script removes that setting again before the connection is
// made, so every call verifies the emulator's certificate against its CA.
//
// At the end the script checks that it called every API method of the SDK's
// clients, so an SDK release with a new operation fails here until it is added.

'use strict';

const assert = require('assert');
const fs = require('fs');
const https = require('https');
const crypto = require('crypto');
const { WebStoreClient, InStoreClient } = require('@amazonpay/amazon-pay-api-sdk-nodejs');
const helper = require('@amazonpay/amazon-pay-api-sdk-nodejs/src/clientHelper');

function env(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`operations.js: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const service = env('INTEROP_SERVICE');
const baseUrl = env('INTEROP_BASE_URL');
const storeId = env('INTEROP_STORE_ID');
const merchantId = env('INTEROP_MERCHANT_ID');
const keyId = env('INTEROP_KEY_ID');
env('NODE_EXTRA_CA_CERTS');

const invokeApi = helper.invokeApi;
helper.invokeApi = function (...args) {
  const pending = invokeApi.apply(this, args);
  // The request itself starts on a later tick, with certificate checks back on.
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  return pending;
};

// The SDK methods that are not API operations.
const NOT_OPERATIONS = new Set(['constructor', 'apiCall', 'getSignedHeaders', 'generateButtonSignature']);
const called = new Set();

// A client whose method calls are recorded, to check that every operation ran.
function recorded(sdk) {
  return new Proxy(sdk, {
    get(target, name) {
      const value = target[name];
      if (typeof value !== 'function') return value;
      return (...args) => {
        called.add(name);
        return value.apply(target, args);
      };
    },
  });
}

function operationsOf(Client) {
  const names = new Set();
  for (let proto = Client.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (!NOT_OPERATIONS.has(name) && typeof proto[name] === 'function') names.add(name);
    }
  }
  return names;
}

function config(algorithm) {
  return {
    publicKeyId: keyId,
    privateKey: fs.readFileSync(env('INTEROP_KEY_FILE'), 'utf8'),
    region: env('INTEROP_REGION'),
    sandbox: true,
    algorithm,
    overrideServiceUrl: service,
  };
}

const idempotency = () => ({ 'x-amz-pay-idempotency-key': crypto.randomUUID().replace(/-/g, '') });

function request(method, url, body) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, data }));
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

// The buyer on the emulator's hosted page: answers with the redirect target.
async function buyerApproves(redirectUrl) {
  assert.ok(redirectUrl.startsWith(`${baseUrl}/`), `hosted page ${redirectUrl} is on the emulator`);
  const res = await request('GET', `${redirectUrl}?paymentMethod=approve`);
  assert.strictEqual(res.status, 303, `hosted page answered ${res.status}`);
  return res.headers.location;
}

// Moves the emulator's clock (its admin API) so pending objects settle.
async function advanceClock(seconds) {
  const res = await request('POST', `${baseUrl}/__admin/clock/advance`, { seconds });
  assert.strictEqual(res.status, 200, `clock advance answered ${res.status}`);
}

function failure(e) {
  const status = e.response ? e.response.status : e.status;
  const data = e.response ? e.response.data : e.data;
  return { status, data, text: `${status ?? ''} ${JSON.stringify(data) ?? e.message ?? e}` };
}

async function call(what, promise, expectedStatus) {
  let response;
  try {
    response = await promise;
  } catch (e) {
    throw new Error(`${what} failed: ${failure(e).text}`);
  }
  assert.strictEqual(response.status, expectedStatus, `${what} status`);
  console.log(`  ok   ${what} -> ${response.status}`);
  return response.data;
}

async function refused(what, promise, expectedStatus, reasonCode) {
  let outcome;
  try {
    const response = await promise;
    outcome = { status: response.status, data: response.data };
  } catch (e) {
    outcome = failure(e);
  }
  const data = typeof outcome.data === 'string' ? JSON.parse(outcome.data) : outcome.data;
  assert.strictEqual(outcome.status, expectedStatus, `${what} status: ${JSON.stringify(data)}`);
  assert.strictEqual(data.reasonCode, reasonCode, `${what} reason`);
  console.log(`  ok   ${what} -> ${outcome.status} ${reasonCode}`);
}

const usd = (amount) => ({ amount, currencyCode: 'USD' });
const resultUrl = 'https://shop.example/amazon-pay/result';

// A session the buyer has approved for `amount`, ready for Complete or Finalize.
async function approvedSession(sdk, label, amount, extra = {}) {
  const created = await call(
    `${label} create checkout session`,
    sdk.createCheckoutSession(
      { webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' }, storeId },
      idempotency(),
    ),
    201,
  );
  const id = created.checkoutSessionId;
  assert.ok(id, 'a checkout session id');
  const got = await call(`${label} get checkout session`, sdk.getCheckoutSession(id), 200);
  assert.strictEqual(got.statusDetails.state, 'Open');
  const updated = await call(
    `${label} update checkout session`,
    sdk.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: resultUrl },
      paymentDetails: { paymentIntent: 'Authorize', canHandlePendingAuthorization: false, chargeAmount: amount, ...extra },
      merchantMetadata: { merchantReferenceId: `interop-${Date.now()}`, merchantStoreName: 'interop' },
    }),
    200,
  );
  assert.ok(updated.webCheckoutDetails.amazonPayRedirectUrl, 'a redirect URL for the buyer');
  const location = await buyerApproves(updated.webCheckoutDetails.amazonPayRedirectUrl);
  assert.ok(location.startsWith(resultUrl), `the buyer returns to ${location}`);
  assert.ok(location.includes(`amazonCheckoutSessionId=${id}`), 'with the session id');
  return id;
}

async function operations(algorithm) {
  const label = `${algorithm.endsWith('V2') ? 'V2' : 'V1'}`;
  const sdk = recorded(new WebStoreClient(config(algorithm)));
  const inStore = recorded(new InStoreClient(config(algorithm)));
  const amount = usd('14.00');

  // Checkout, charge, capture, refund.
  const id = await approvedSession(sdk, label, amount, { totalOrderAmount: usd('100.00') });
  const completed = await call(
    `${label} complete checkout session`,
    sdk.completeCheckoutSession(id, { chargeAmount: amount, totalOrderAmount: usd('100.00') }),
    200,
  );
  assert.strictEqual(completed.statusDetails.state, 'Completed');
  const cp = completed.chargePermissionId;
  assert.ok(completed.chargeId && cp, 'a charge and a charge permission');
  const charge = await call(`${label} get charge`, sdk.getCharge(completed.chargeId), 200);
  assert.strictEqual(charge.statusDetails.state, 'Authorized');
  assert.deepStrictEqual(charge.chargeAmount, amount);
  const captured = await call(
    `${label} capture charge`,
    sdk.captureCharge(completed.chargeId, { captureAmount: amount, softDescriptor: 'INTEROP' }, idempotency()),
    200,
  );
  assert.strictEqual(captured.statusDetails.state, 'Captured');
  const refund = await call(
    `${label} create refund`,
    sdk.createRefund({ chargeId: completed.chargeId, refundAmount: usd('4.00') }, idempotency()),
    201,
  );
  assert.strictEqual(refund.statusDetails.state, 'RefundInitiated');
  const gotRefund = await call(`${label} get refund`, sdk.getRefund(refund.refundId), 200);
  assert.strictEqual(gotRefund.refundId, refund.refundId);

  // The charge permission and more charges on it.
  const permission = await call(`${label} get charge permission`, sdk.getChargePermission(cp), 200);
  assert.strictEqual(permission.statusDetails.state, 'Chargeable');
  await call(
    `${label} update charge permission`,
    sdk.updateChargePermission(cp, { merchantMetadata: { noteToBuyer: 'Thank you' } }),
    200,
  );
  const newCharge = (chargeAmount) =>
    call(
      `${label} create charge`,
      sdk.createCharge({ chargePermissionId: cp, chargeAmount, captureNow: false }, idempotency()),
      201,
    );
  const second = await newCharge(usd('10.00'));
  const canceled = await call(
    `${label} cancel charge`,
    sdk.cancelCharge(second.chargeId, { cancellationReason: 'interop' }),
    200,
  );
  assert.strictEqual(canceled.statusDetails.state, 'Canceled');
  const third = await newCharge(usd('5.00'));
  const updatedCharge = await call(
    `${label} update charge`,
    sdk.updateCharge(third.chargeId, { statusDetails: { state: 'Canceled', reasonCode: 'ExpiredUnused' } }, idempotency()),
    200,
  );
  assert.strictEqual(updatedCharge.statusDetails.state, 'Canceled');
  await call(
    `${label} delivery trackers`,
    sdk.deliveryTrackers({ chargePermissionId: cp, deliveryDetails: [{ trackingNumber: '01234567890', carrierCode: 'FEDEX' }] }),
    200,
  );

  // Disputes and files (payment service providers).
  const dispute = await call(
    `${label} create dispute`,
    sdk.createDispute(
      {
        chargeId: completed.chargeId,
        providerMetadata: { providerDisputeId: `interop-${Date.now()}` },
        disputeAmount: usd('1.00'),
        filingReason: 'ProductNotReceived',
        filingTimestamp: Date.now(),
        statusDetails: { state: 'ActionRequired' },
        merchantResponseDeadline: Date.now() + 14 * 24 * 3600 * 1000,
      },
      idempotency(),
    ),
    200,
  );
  const file = await call(`${label} upload file`, sdk.uploadFile({ type: 'jpg', purpose: 'disputeEvidence' }, idempotency()), 200);
  await call(`${label} get dispute`, sdk.getDispute(dispute.disputeId), 200);
  await call(
    `${label} contest dispute`,
    sdk.contestDispute(
      dispute.disputeId,
      { merchantEvidences: [{ evidenceType: 'TrackingNumber', fileId: file.id, evidenceText: 'shipped' }] },
      idempotency(),
    ),
    200,
  );
  await call(
    `${label} update dispute`,
    sdk.updateDispute(
      dispute.disputeId,
      { statusDetails: { resolution: 'MerchantWon', state: 'Resolved', reasonCode: 'MerchantAcceptedDispute' }, closureTimestamp: Date.now() },
      idempotency(),
    ),
    200,
  );
  const closed = await call(
    `${label} close charge permission`,
    sdk.closeChargePermission(cp, { closureReason: 'interop', cancelPendingCharges: false }),
    200,
  );
  assert.strictEqual(closed.statusDetails.state, 'Closed');

  // Finalize (the null fields of the SDK's own test payload).
  const toFinalize = await approvedSession(sdk, label, usd('10'));
  const finalized = await call(
    `${label} finalize checkout session`,
    sdk.finalizeCheckoutSession(toFinalize, {
      shippingAddress: { name: 'Susie Smith', addressLine1: '10 Ditka Ave', county: null, district: null, countryCode: 'US' },
      billingAddress: null,
      chargeAmount: usd('10'),
      paymentIntent: 'Authorize',
      canHandlePendingAuthorization: false,
    }),
    200,
  );
  assert.strictEqual(finalized.statusDetails.state, 'Completed');
  assert.deepStrictEqual(finalized.paymentDetails.chargeAmount, usd('10'), 'the amount as written');

  // Buyer, delegated authorization (Live only: refused in the sandbox).
  const buyer = await call(`${label} get buyer`, sdk.getBuyer('interop-buyer-token'), 200);
  assert.ok(buyer.buyerId, 'a buyer id');
  await refused(
    `${label} get authorization token`,
    sdk.getAuthorizationToken(`amzn.mws.${crypto.randomUUID()}`, merchantId),
    400,
    'InvalidRequest',
  );

  // Reports and report schedules.
  const report = await call(
    `${label} create report`,
    sdk.createReport(
      { reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_', startTime: '20221114T074550Z', endTime: '20221114T074550Z' },
      idempotency(),
    ),
    201,
  );
  await advanceClock(31);
  const gotReport = await call(`${label} get report by id`, sdk.getReportById(report.reportId), 200);
  assert.strictEqual(gotReport.processingStatus, 'COMPLETED');
  await call(`${label} get reports`, sdk.getReports({ reportTypes: ['_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_'] }), 200);
  await call(`${label} get report document`, sdk.getReportDocument(gotReport.reportDocumentId), 200);
  const schedule = await call(
    `${label} create report schedule`,
    sdk.createReportSchedule(
      { reportType: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_', scheduleFrequency: 'P1D', deleteExistingSchedule: true },
      idempotency(),
    ),
    201,
  );
  await call(`${label} get report schedules`, sdk.getReportSchedules('_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_'), 200);
  await call(`${label} get report schedule by id`, sdk.getReportScheduleById(schedule.reportScheduleId), 200);
  await call(`${label} cancel report schedule`, sdk.cancelReportSchedule(schedule.reportScheduleId), 200);

  // Merchant onboarding and account management.
  const uniqueReferenceId = `interop${Date.now()}${label}`;
  const account = await call(
    `${label} register amazon pay account`,
    sdk.registerAmazonPayAccount(
      { uniqueReferenceId, ledgerCurrency: 'USD', businessInfo: { email: 'merchant@example.com', businessType: 'CORPORATE' } },
      idempotency(),
    ),
    201,
  );
  // The claim answers 303 to the page where the merchant claims the account.
  await call(
    `${label} merchant account claim`,
    sdk.merchantAccountClaim(account.merchantAccountId, { uniqueReferenceId }, idempotency()),
    303,
  );
  await call(
    `${label} update amazon pay account`,
    sdk.updateAmazonPayAccount(account.merchantAccountId, { businessInfo: { businessLegalName: 'Interop Ltd' } }),
    204,
  );
  await call(`${label} delete amazon pay account`, sdk.deleteAmazonPayAccount(account.merchantAccountId), 202);
  // The same for authorised solution providers: updates carry the account's token.
  const delegated = await call(
    `${label} create merchant account`,
    sdk.createMerchantAccount(
      { uniqueReferenceId: `${uniqueReferenceId}sp`, ledgerCurrency: 'USD', businessInfo: { email: 'merchant@example.com', businessType: 'INDIVIDUAL' } },
      idempotency(),
    ),
    201,
  );
  assert.ok(delegated.authorizationToken, 'an authorization token');
  const delegatedUpdate = await call(
    `${label} update merchant account`,
    sdk.updateMerchantAccount(
      delegated.merchantAccountId,
      { businessInfo: { businessLegalName: 'Interop SP Ltd' } },
      { 'x-amz-pay-authtoken': delegated.authorizationToken },
    ),
    200,
  );
  assert.strictEqual(delegatedUpdate.merchantAccountId, delegated.merchantAccountId);

  // In-store.
  const scan = await call(
    `${label} in-store merchant scan`,
    inStore.merchantScan({
      scanData: 'UKhrmatMeKdlfY6b',
      scanReferenceId: crypto.randomUUID(),
      merchantCOE: 'US',
      ledgerCurrency: 'USD',
      chargeTotal: usd('2.00'),
      metadata: { merchantNote: 'interop', communicationContext: { merchantStoreName: 'Store', merchantOrderId: '789123' } },
    }),
    200,
  );
  const storeCharge = await call(
    `${label} in-store charge`,
    inStore.charge({ chargePermissionId: scan.chargePermissionId, chargeReferenceId: crypto.randomUUID(), chargeTotal: usd('2.00') }),
    200,
  );
  await call(
    `${label} in-store refund`,
    inStore.refund({ chargeId: storeCharge.chargeId, refundReferenceId: crypto.randomUUID(), refundTotal: usd('1.00') }),
    200,
  );
}

(async () => {
  await operations('AMZN-PAY-RSASSA-PSS-V2');
  await operations('AMZN-PAY-RSASSA-PSS');
  assert.strictEqual(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined, 'certificate checks stayed on');
  const missing = [...operationsOf(WebStoreClient), ...operationsOf(InStoreClient)].filter((name) => !called.has(name));
  assert.deepStrictEqual(missing, [], 'every operation of the SDK ran');
  console.log(`operations.js: ${called.size} SDK operations passed in V2 and V1 with key id ${keyId.startsWith('SANDBOX-') ? 'SANDBOX-…' : 'without a prefix'}, over verified HTTPS`);
})().catch((e) => {
  console.log(`operations.js: FAILED: ${e.message}`);
  process.exit(1);
});
