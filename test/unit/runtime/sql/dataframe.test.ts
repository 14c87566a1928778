import { strict as assert } from 'node:assert';
import {
  asc,
  desc,
  desc_nulls_first,
  avg,
  col,
  collect_list,
  count,
  countDistinct,
  explode,
  first,
  last,
  lit,
  max,
  min,
  split,
  sum,
  window,
  year,
  month,
  dayofmonth,
  hour,
  dayofweek,
  date_format,
  to_timestamp,
  to_date,
} from '@streamshift/runtime/sql/functions';
import { Row } from '@streamshift/runtime/sql';
import { session } from './helpers';

describe('sql: DataFrame transformations and actions', () => {
  const spark = session();
  const orders = spark.createDataFrame(
    [
      ['o1', 'c1', 'p1', 2, 10.0, 'PAID'],
      ['o2', 'c2', 'p2', 1, 99.5, 'paid'],
      ['o3', 'c1', 'p1', -1, 10.0, 'CANCELLED'],
      ['o4', null, 'p3', 5, null, 'PAID'],
      ['o1', 'c1', 'p1', 2, 10.0, 'PAID'],
    ],
    'order_id STRING, customer_id STRING, product_id STRING, qty INT, price DOUBLE, status STRING',
  );
  const rows = (df: { collectArrays(): unknown[][] }): unknown[][] => df.collectArrays();

  it('select / selectExpr / withColumn / withColumnRenamed / drop', () => {
    const df = orders
      .withColumn('total', col('qty').multiply(col('price')))
      .withColumnRenamed('order_id', 'id')
      .drop('customer_id', 'product_id', 'nosuch')
      .select('id', 'total', 'status');
    assert.deepEqual(df.columns, ['id', 'total', 'status']);
    assert.deepEqual(rows(df.limit(2)), [
      ['o1', 20, 'PAID'],
      ['o2', 99.5, 'paid'],
    ]);
    // withColumn replaces an existing column in place.
    assert.deepEqual(orders.withColumn('qty', col('qty').plus(1)).columns, orders.columns);
    assert.deepEqual(rows(orders.selectExpr('upper(status) AS s').distinct().orderBy('s')), [
      ['CANCELLED'],
      ['PAID'],
    ]);
    assert.deepEqual(orders.select('*').columns, orders.columns);
  });

  it('dropna / fillna with how, thresh and subset', () => {
    assert.equal(orders.dropna().count(), 4);
    assert.equal(orders.dropna('any', undefined, ['price']).count(), 4);
    assert.equal(orders.dropna('all', undefined, ['customer_id', 'price']).count(), 4);
    assert.equal(orders.dropna('all', undefined, ['customer_id', 'qty']).count(), 5);
    assert.equal(orders.na.drop({ thresh: 6 }).count(), 4);
    const filled = orders.fillna({ customer_id: 'unknown', price: 0 }).filter(col('order_id').equalTo('o4'));
    assert.deepEqual(rows(filled.select('customer_id', 'price')), [['unknown', 0]]);
    // A number fills numeric columns only; a string fills string columns only.
    assert.deepEqual(rows(orders.fillna(-1).filter("order_id = 'o4'").select('customer_id', 'price')), [
      [null, -1],
    ]);
    assert.deepEqual(rows(orders.fillna('?').filter("order_id = 'o4'").select('customer_id', 'price')), [
      ['?', null],
    ]);
  });

  it('distinct and dropDuplicates keep the first row per key', () => {
    assert.equal(orders.distinct().count(), 4);
    assert.deepEqual(rows(orders.dropDuplicates(['customer_id']).select('order_id')), [
      ['o1'],
      ['o2'],
      ['o4'],
    ]);
  });

  it('groupBy().agg() with every aggregate, and the shortcuts', () => {
    const g = orders
      .groupBy('customer_id')
      .agg(
        count('*').alias('n'),
        count('price').alias('priced'),
        countDistinct('order_id').alias('orders'),
        sum('qty').alias('qty'),
        avg('price').alias('avg_price'),
        min('qty'),
        max('price'),
        first('status'),
        last('order_id'),
        collect_list('product_id').alias('products'),
      )
      .orderBy('customer_id');
    assert.deepEqual(g.columns, [
      'customer_id',
      'n',
      'priced',
      'orders',
      'qty',
      'avg_price',
      'min(qty)',
      'max(price)',
      'first(status)',
      'last(order_id)',
      'products',
    ]);
    assert.deepEqual(rows(g), [
      [null, 1, 0, 1, 5, null, 5, null, 'PAID', 'o4', ['p3']],
      ['c1', 3, 3, 2, 3, 10, -1, 10, 'PAID', 'o1', ['p1', 'p1', 'p1']],
      ['c2', 1, 1, 1, 1, 99.5, 1, 99.5, 'paid', 'o2', ['p2']],
    ]);
    assert.deepEqual(g.dtypes.slice(1, 6), [
      ['n', 'bigint'],
      ['priced', 'bigint'],
      ['orders', 'bigint'],
      ['qty', 'bigint'],
      ['avg_price', 'double'],
    ]);
    assert.deepEqual(rows(orders.groupBy('status').count().orderBy('status')), [
      ['CANCELLED', 1],
      ['PAID', 3],
      ['paid', 1],
    ]);
    assert.deepEqual(rows(orders.groupBy('product_id').sum('qty').orderBy(col('product_id').desc())), [
      ['p3', 5],
      ['p2', 1],
      ['p1', 3],
    ]);
    assert.deepEqual(rows(orders.groupBy().agg({ qty: 'max', price: 'avg' })), [
      [5, (10 + 99.5 + 10 + 10) / 4],
    ]);
    // Aggregating nothing still yields one global row.
    assert.deepEqual(rows(orders.filter(lit(false)).agg(count('*'), sum('qty'))), [[0, null]]);
    assert.deepEqual(rows(orders.select(max('qty').plus(1).alias('m'))), [[6]]);
    assert.throws(() => orders.groupBy('status').agg(col('qty')), /MISSING_AGGREGATION/);
  });

  it('orderBy with asc/desc, nulls first ascending and last descending, several keys', () => {
    assert.deepEqual(rows(orders.orderBy('price', 'order_id').select('order_id')), [
      ['o4'],
      ['o1'],
      ['o1'],
      ['o3'],
      ['o2'],
    ]);
    assert.deepEqual(rows(orders.orderBy(col('price').desc(), col('order_id').desc()).select('order_id')), [
      ['o2'],
      ['o3'],
      ['o1'],
      ['o1'],
      ['o4'],
    ]);
    assert.deepEqual(rows(orders.sort('qty', { ascending: false }).select('qty').limit(2)), [[5], [2]]);
    assert.deepEqual(rows(orders.orderBy(desc('price'), asc('order_id')).select('order_id').limit(2)), [
      ['o2'],
      ['o1'],
    ]);
    assert.deepEqual(rows(orders.orderBy(desc_nulls_first('price')).select('order_id').limit(1)), [['o4']]);
  });

  it('union by position and unionByName, with missing columns filled when allowed', () => {
    const a = spark.createDataFrame([[1, 'x']], 'id INT, v STRING');
    const b = spark.createDataFrame([['y', 2]], 'v STRING, id BIGINT');
    assert.deepEqual(rows(a.unionByName(b)), [
      [1, 'x'],
      [2, 'y'],
    ]);
    assert.deepEqual(a.unionByName(b).dtypes, [
      ['id', 'bigint'],
      ['v', 'string'],
    ]);
    const c = spark.createDataFrame([[3]], 'id INT');
    assert.throws(() => a.union(c), /NUM_COLUMNS_MISMATCH/);
    assert.throws(() => a.unionByName(c), /NUM_COLUMNS_MISMATCH/);
    assert.deepEqual(rows(a.unionByName(c, true)), [
      [1, 'x'],
      [3, null],
    ]);
    assert.deepEqual(rows(a.union(a)), [
      [1, 'x'],
      [1, 'x'],
    ]);
  });

  it('collect returns Rows with access by name and index; first/head/take/count', () => {
    const r = orders.first()!;
    assert.ok(r instanceof Row);
    assert.equal(r.order_id, 'o1');
    assert.equal(r[3], 2);
    assert.equal(r.get('price'), 10);
    assert.equal(r.getAs<string>('status'), 'PAID');
    assert.deepEqual(r.asDict(), {
      order_id: 'o1',
      customer_id: 'c1',
      product_id: 'p1',
      qty: 2,
      price: 10,
      status: 'PAID',
    });
    assert.equal(
      r.toString(),
      "Row(order_id='o1', customer_id='c1', product_id='p1', qty=2, price=10, status='PAID')",
    );
    assert.equal(orders.take(2).length, 2);
    assert.equal(orders.head(3).length, 3);
    assert.equal(orders.count(), 5);
    assert.equal(orders.filter(lit(false)).first(), null);
    assert.equal(orders.isStreaming, false);
  });

  it('explode yields one row per element (explode_outer keeps empties as NULL)', () => {
    const df = spark.createDataFrame([['a b'], ['c']], 'line STRING');
    const words = df.select(explode(split(col('line'), ' ')).alias('word'));
    assert.deepEqual(rows(words), [['a'], ['b'], ['c']]);
    assert.deepEqual(rows(df.select(col('line'), explode(split('line', ' '))).filter("col = 'b'")), [
      ['a b', 'b'],
    ]);
  });

  it('time functions and windows (tumbling and sliding) in the session time zone', () => {
    const ev = spark.createDataFrame(
      [
        ['2024-03-02 10:04:59', 1],
        ['2024-03-02 10:05:00', 2],
        ['2024-03-02 10:12:30', 3],
        [null, 4],
      ],
      'ts TIMESTAMP, v INT',
    );
    const first1 = ev
      .select(
        year('ts'),
        month('ts'),
        dayofmonth('ts'),
        hour('ts'),
        dayofweek('ts'),
        date_format('ts', 'yyyy/MM/dd HH:mm'),
      )
      .first()!;
    assert.deepEqual(first1.values, [2024, 3, 2, 10, 7, '2024/03/02 10:04']);
    // Timestamps compare with Dates and with timestamp strings.
    assert.equal(ev.filter(col('ts').geq(new Date(Date.UTC(2024, 2, 2, 10, 5)))).count(), 2);
    assert.equal(ev.filter("ts < '2024-03-02 10:05:00'").count(), 1);
    const tumbling = ev.groupBy(window('ts', '5 minutes')).agg(sum('v').alias('s')).orderBy('window');
    assert.deepEqual(
      rows(tumbling.select(col('window.start').cast('string'), col('window.end').cast('string'), col('s'))),
      [
        ['2024-03-02 10:00:00', '2024-03-02 10:05:00', 1],
        ['2024-03-02 10:05:00', '2024-03-02 10:10:00', 2],
        ['2024-03-02 10:10:00', '2024-03-02 10:15:00', 3],
      ],
    );
    const sliding = ev
      .groupBy(window('ts', '10 minutes', '5 minutes'))
      .agg(sum('v').alias('s'))
      .orderBy('window');
    assert.deepEqual(rows(sliding.select(date_format('window.start', 'HH:mm'), 's')), [
      ['09:55', 1],
      ['10:00', 3],
      ['10:05', 5],
      ['10:10', 3],
    ]);
    const parsed = spark
      .createDataFrame([['02/03/2024 07:08'], ['bad']], 's STRING')
      .select(
        to_timestamp('s', 'dd/MM/yyyy HH:mm').alias('t'),
        to_date(to_timestamp('s', 'dd/MM/yyyy HH:mm')).alias('d'),
      );
    assert.deepEqual(rows(parsed), [
      [Date.UTC(2024, 2, 2, 7, 8), 19784],
      [null, null],
    ]);
  });

  it('withWatermark is a no-op in batch; cache computes once', () => {
    const ev = spark.createDataFrame([['2024-01-01 00:00:00', 1]], 'ts TIMESTAMP, v INT');
    assert.deepEqual(rows(ev.withWatermark('ts', '10 minutes')), rows(ev));
    assert.throws(
      () => ev.withWatermark('v', '1 minute'),
      /Event time must be defined on a window or a timestamp/,
    );
    const cached = orders.filter(col('qty').gt(0)).cache();
    assert.equal(cached.count(), 4);
    assert.strictEqual(cached.collectArrays(), cached.collectArrays());
  });

  it('temp views, spark.table and spark.sql', () => {
    orders.createOrReplaceTempView('orders');
    assert.equal(spark.table('orders').count(), 5);
    assert.deepEqual(rows(spark.sql("SELECT order_id, qty * 2 AS q FROM orders WHERE status = 'paid'")), [
      ['o2', 2],
    ]);
    assert.throws(() => spark.table('nope'), /TABLE_OR_VIEW_NOT_FOUND/);
  });

  it('createDataFrame infers types from objects and validates against a schema', () => {
    const df = spark.createDataFrame([
      { name: 'a', n: 1, x: 1.5, ok: true, at: new Date(Date.UTC(2024, 0, 1)) },
      { name: 'b', n: 2, x: 2, ok: false, at: null },
    ]);
    assert.deepEqual(df.dtypes, [
      ['name', 'string'],
      ['n', 'bigint'],
      ['x', 'double'],
      ['ok', 'boolean'],
      ['at', 'timestamp'],
    ]);
    assert.deepEqual((df.first()!.at as Date).toISOString(), '2024-01-01T00:00:00.000Z');
    assert.throws(() => spark.createDataFrame([['x']], 'n INT'), /FIELD_DATA_TYPE_UNACCEPTABLE/);
  });
});
