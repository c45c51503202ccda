'use strict';
// Drives the portal's Greenfield API through the published, generated Greenfield client, used as a merchant
// would use it (no patching, no raw HTTP). Prints one JSON object with every answer for GreenfieldNodeClientIT.
// Input (environment): BASE_URL, API_KEY, STORE_ID, HOOK_URL.
const {
  OpenAPI,
  ApiError,
  InvoicesService,
  WebhooksService,
  InvoiceStatusMark,
  SpeedPolicy,
} = require('btcpay-greenfield-node-client');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

const storeId = env('STORE_ID');
OpenAPI.BASE = env('BASE_URL');
OpenAPI.TOKEN = env('API_KEY');

const results = {};

/** The client's ApiError as {status, body}; anything else is a failure of the run. */
async function failure(call) {
  try {
    const value = await call();
    return { unexpectedSuccess: value === undefined ? null : value };
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: e.body };
    throw e;
  }
}

async function withIdempotencyKey(key, call) {
  OpenAPI.HEADERS = { 'Idempotency-Key': key };
  try {
    return await call();
  } finally {
    OpenAPI.HEADERS = undefined;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const hook = await WebhooksService.postWebhooksService({
    storeId,
    requestBody: {
      url: env('HOOK_URL'),
      enabled: true,
      automaticRedelivery: false,
      authorizedEvents: { everything: false, specificEvents: ['InvoiceCreated'] },
    },
  });
  results.webhookCreated = hook;
  results.webhookList = await WebhooksService.webhokksGetWebhooks({ storeId });
  results.webhookGet = await WebhooksService.webhokksGetWebhook({ storeId, webhookId: hook.id });

  const createRequest = {
    amount: '0.00125',
    currency: 'BTC',
    metadata: { orderId: 'node-order-1', buyerEmail: 'buyer@example.com', itemDesc: 'A book' },
    checkout: {
      speedPolicy: SpeedPolicy.LOW_MEDIUM_SPEED,
      expirationMinutes: 30,
      monitoringMinutes: 120,
      paymentTolerance: 1.5,
      redirectURL: 'https://shop.example/orders/node-order-1',
    },
  };
  const created = await withIdempotencyKey('node-order-1', () =>
    InvoicesService.invoicesCreateInvoice({ storeId, requestBody: createRequest })
  );
  results.invoiceCreated = created;
  results.invoiceCreatedAgain = await withIdempotencyKey('node-order-1', () =>
    InvoicesService.invoicesCreateInvoice({ storeId, requestBody: createRequest })
  );
  const invoiceId = created.id;
  results.invoiceGet = await InvoicesService.invoicesGetInvoice({ storeId, invoiceId });
  results.invoiceList = await InvoicesService.invoicesGetInvoices({ storeId });
  results.paymentMethods = await InvoicesService.invoicesGetInvoicePaymentMethods({ storeId, invoiceId });
  results.invoiceUpdated = await InvoicesService.invoicesUpdateInvoice({
    storeId,
    invoiceId,
    requestBody: { metadata: { orderId: 'node-order-1b', note: 'updated by the node client' } },
  });
  results.invoiceMarked = await InvoicesService.invoicesMarkInvoiceStatus({
    storeId,
    invoiceId,
    requestBody: { status: InvoiceStatusMark.COMPLETE },
  });
  const second = await InvoicesService.invoicesCreateInvoice({
    storeId,
    requestBody: { amount: '25000', currency: 'SATS' },
  });
  results.secondInvoiceMarked = await InvoicesService.invoicesMarkInvoiceStatus({
    storeId,
    invoiceId: second.id,
    requestBody: { status: InvoiceStatusMark.INVALID },
  });
  results.invoiceArchived = await InvoicesService.invoicesArchiveInvoice({ storeId, invoiceId });
  results.invoiceListAfterArchive = await InvoicesService.invoicesGetInvoices({ storeId });
  results.invoiceGetAfterArchive = await InvoicesService.invoicesGetInvoice({ storeId, invoiceId });

  // the InvoiceCreated deliveries are sent by a workflow: wait until both have been answered
  let deliveries = [];
  for (let i = 0; i < 150; i++) {
    deliveries = await WebhooksService.getWebhooksService({ storeId, webhookId: hook.id, count: '10' });
    if (deliveries.length >= 2 && deliveries.every((d) => d.status === 'HttpSuccess')) break;
    await sleep(200);
  }
  results.deliveries = deliveries;
  const first = deliveries[deliveries.length - 1];
  results.delivery = await WebhooksService.getWebhooksService1({ storeId, webhookId: hook.id, deliveryId: first.id });
  results.deliveryRequest = await WebhooksService.getWebhooksService2({
    storeId,
    webhookId: hook.id,
    deliveryId: first.id,
  });
  results.redeliveryId = await WebhooksService.postWebhooksService1({
    storeId,
    webhookId: hook.id,
    deliveryId: first.id,
  });

  results.webhookUpdated = await WebhooksService.putWebhooksService({
    storeId,
    webhookId: hook.id,
    requestBody: {
      url: env('HOOK_URL'),
      enabled: false,
      automaticRedelivery: true,
      authorizedEvents: { everything: true },
    },
  });
  results.webhookDeleted = await WebhooksService.deleteWebhooksService({ storeId, webhookId: hook.id, requestBody: {} });
  results.webhookGetAfterDelete = await failure(() =>
    WebhooksService.webhokksGetWebhook({ storeId, webhookId: hook.id })
  );

  results.validationError = await failure(() =>
    InvoicesService.invoicesCreateInvoice({
      storeId,
      requestBody: { amount: '-1', currency: 'BTC', checkout: { expirationMinutes: 0 } },
    })
  );
  results.webhookValidationError = await failure(() =>
    WebhooksService.postWebhooksService({ storeId, requestBody: { url: 'ftp://nowhere' } })
  );
  results.markNewError = await failure(() =>
    InvoicesService.invoicesMarkInvoiceStatus({ storeId, invoiceId, requestBody: { status: 'New' } })
  );
  results.unknownInvoice = await failure(() =>
    InvoicesService.invoicesGetInvoice({ storeId, invoiceId: 'no-such-invoice' })
  );
  OpenAPI.TOKEN = 'not-a-key';
  results.badKey = await failure(() => InvoicesService.invoicesGetInvoices({ storeId }));
}

main().then(
  () => process.stdout.write(JSON.stringify(results) + '\n'),
  (e) => {
    const detail = e instanceof ApiError ? ` (HTTP ${e.status} ${e.url}: ${JSON.stringify(e.body)})` : '';
    process.stderr.write(`Greenfield client run failed: ${e.stack || e}${detail}\n`);
    process.stderr.write(`results so far: ${JSON.stringify(results)}\n`);
    process.exit(1);
  }
);
