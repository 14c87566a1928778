// `npm run gen:orders -- --rows N --seed S`: the e-commerce orders of seed 004, with its intentional
// quality problems (missing ids, negative quantities and prices, duplicates, late arrivals), its customer
// and product dimension tables, and the orders split into feed parts in the order they *arrive*. The same
// options and seed always give the same files, so the sample's expected results stay valid.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface OrdersOptions {
  /** Orders before duplicates are added. */
  readonly rows: number;
  readonly seed: number;
  readonly customers: number;
  readonly products: number;
  /** Feed parts the arriving orders are split into. */
  readonly parts: number;
  /** First order's time (ISO, UTC) and the span the orders cover, in hours. */
  readonly start: string;
  readonly hours: number;
  readonly missingIdRate: number;
  readonly negativeQuantityRate: number;
  readonly negativePriceRate: number;
  readonly duplicateRate: number;
  readonly lateRate: number;
  readonly cancelledRate: number;
}

export const defaultOrdersOptions: OrdersOptions = {
  rows: 400,
  seed: 4,
  customers: 40,
  products: 15,
  parts: 12,
  start: '2026-01-01T00:00:00Z',
  hours: 48,
  // The seed's config.yaml rates, with the late rate raised so a small sample shows a few.
  missingIdRate: 0.01,
  negativeQuantityRate: 0.05,
  negativePriceRate: 0.05,
  duplicateRate: 0.02,
  lateRate: 0.03,
  cancelledRate: 0.2,
};

export const ordersHeader = 'order_id,customer_id,product_id,order_timestamp,quantity,price,status';

export interface GeneratedOrders {
  readonly customers: string[];
  readonly products: string[];
  /** Every order line (no header), in arrival order. */
  readonly orders: string[];
  /** The same lines split into parts, in arrival order. */
  readonly parts: string[][];
  readonly counts: Readonly<
    Record<
      'orders' | 'missingId' | 'negativeQuantity' | 'negativePrice' | 'duplicates' | 'late' | 'cancelled',
      number
    >
  >;
}

/** Generates the data in memory (deterministic for the options). */
export function generateOrders(options: OrdersOptions): GeneratedOrders {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const counts = {
    orders: 0,
    missingId: 0,
    negativeQuantity: 0,
    negativePrice: 0,
    duplicates: 0,
    late: 0,
    cancelled: 0,
  };

  const segments = ['consumer', 'corporate', 'small_business'];
  const countries = ['DE', 'FR', 'NL', 'PL', 'ES'];
  const customers = Array.from({ length: options.customers }, (_, i) => {
    const id = `C${String(i + 1).padStart(4, '0')}`;
    return `${id},Customer ${i + 1},${pick(segments)},${pick(countries)}`;
  });
  const categories = ['books', 'electronics', 'garden', 'kitchen', 'toys'];
  const unitPrices: number[] = [];
  const products = Array.from({ length: options.products }, (_, i) => {
    const price = Math.round((5 + random() * 295) * 100) / 100;
    unitPrices.push(price);
    return `P${String(i + 1).padStart(2, '0')},Product ${i + 1},${pick(categories)},${price.toFixed(2)}`;
  });

  // Status values as a careless upstream writes them: the batch job normalises case and spaces.
  const statuses = ['completed', 'Completed', 'shipped', ' shipped', 'pending'];
  const start = Date.parse(options.start);
  const span = options.hours * 3_600_000;
  type Order = { line: string; arrival: number };
  const arrived: Order[] = [];
  for (let i = 0; i < options.rows; i++) {
    const eventTime = start + Math.floor((span * (i + random())) / options.rows);
    const product = Math.floor(random() * options.products);
    let id = `O${String(i + 1).padStart(6, '0')}`;
    let quantity = 1 + Math.floor(random() * 5);
    let price = unitPrices[product];
    if (random() < options.missingIdRate) {
      id = '';
      counts.missingId++;
    }
    if (random() < options.negativeQuantityRate) {
      quantity = -quantity;
      counts.negativeQuantity++;
    }
    if (random() < options.negativePriceRate) {
      price = -price;
      counts.negativePrice++;
    }
    let status = pick(statuses);
    if (random() < options.cancelledRate) {
      status = random() < 0.5 ? 'cancelled' : 'CANCELLED';
      counts.cancelled++;
    }
    const timestamp = new Date(eventTime).toISOString().slice(0, 19);
    const customer = `C${String(1 + Math.floor(random() * options.customers)).padStart(4, '0')}`;
    const line = `${id},${customer},P${String(product + 1).padStart(2, '0')},${timestamp},${quantity},${price.toFixed(2)},${status}`;
    counts.orders++;
    // A late order arrives 1 to 3 hours after it was placed (a device offline, a batch upload).
    let arrival = eventTime;
    if (random() < options.lateRate) {
      arrival += 3_600_000 + Math.floor(random() * 7_200_000);
      counts.late++;
    }
    arrived.push({ line, arrival });
    // A duplicate is the same order sent again a few minutes later (a retry).
    if (random() < options.duplicateRate) {
      arrived.push({ line, arrival: arrival + 60_000 + Math.floor(random() * 240_000) });
      counts.duplicates++;
    }
  }
  arrived.sort((a, b) => a.arrival - b.arrival);
  const orders = arrived.map((o) => o.line);
  const size = Math.ceil(orders.length / options.parts);
  const parts = Array.from({ length: options.parts }, (_, p) =>
    orders.slice(p * size, (p + 1) * size),
  ).filter((part) => part.length > 0);
  return { customers, products, orders, parts, counts };
}

/** Writes dimensions/, batch_input/orders.csv and feed/orders-NN.csv under `dir` (replacing them). */
export function writeOrders(dir: string, data: GeneratedOrders): void {
  const csv = (header: string, lines: readonly string[]) => [header, ...lines].join('\n') + '\n';
  for (const sub of ['dimensions', 'batch_input', 'feed']) {
    rmSync(join(dir, sub), { recursive: true, force: true });
    mkdirSync(join(dir, sub), { recursive: true });
  }
  writeFileSync(
    join(dir, 'dimensions', 'customers.csv'),
    csv('customer_id,customer_name,segment,country', data.customers),
  );
  writeFileSync(
    join(dir, 'dimensions', 'products.csv'),
    csv('product_id,product_name,category,unit_price', data.products),
  );
  writeFileSync(join(dir, 'batch_input', 'orders.csv'), csv(ordersHeader, data.orders));
  data.parts.forEach((part, i) =>
    writeFileSync(join(dir, 'feed', `orders-${String(i + 1).padStart(2, '0')}.csv`), csv(ordersHeader, part)),
  );
}

/** Parses `--name value` options (kebab-case of OrdersOptions' fields, plus --out); throws on bad input. */
export function parseOrdersArgs(args: readonly string[]): { options: OrdersOptions; out: string } {
  const options: Record<string, number | string> = { ...defaultOrdersOptions };
  let out = 'samples/orders';
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (!flag.startsWith('--') || value === undefined)
      throw new Error(`gen:orders: expected --option value, got "${flag}"`);
    i++;
    const name = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (name === 'out') {
      out = value;
      continue;
    }
    if (!(name in defaultOrdersOptions)) throw new Error(`gen:orders: unknown option ${flag}`);
    if (name === 'start') {
      if (Number.isNaN(Date.parse(value)))
        throw new Error(`gen:orders: --start must be an ISO time, got "${value}"`);
      options.start = value;
      continue;
    }
    const number = Number(value);
    const isRate = name.endsWith('Rate');
    if (
      !Number.isFinite(number) ||
      number < 0 ||
      (isRate ? number > 1 : !Number.isInteger(number) || number === 0)
    )
      throw new Error(
        `gen:orders: ${flag} must be ${isRate ? 'a rate from 0 to 1' : 'a positive whole number'}, got "${value}"`,
      );
    options[name] = number;
  }
  return { options: options as unknown as OrdersOptions, out };
}

/** A small, fast, seedable generator (mulberry32): the same seed gives the same data everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  try {
    const { options, out } = parseOrdersArgs(process.argv.slice(2));
    const data = generateOrders(options);
    writeOrders(resolve(out), data);
    const c = data.counts;
    console.log(
      `gen:orders: ${data.orders.length} order lines (${c.orders} orders + ${c.duplicates} duplicates) in ${data.parts.length} feed parts → ${out}\n` +
        `  missing order_id: ${c.missingId}, negative quantity: ${c.negativeQuantity}, negative price: ${c.negativePrice}, ` +
        `cancelled: ${c.cancelled}, arriving 1-3 h late: ${c.late}\n` +
        `  ${data.customers.length} customers, ${data.products.length} products`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
