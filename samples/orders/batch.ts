// Seed 004 (e-commerce orders, batch vs stream) in TypeScript: the batch ETL job. It reads the orders
// with an explicit schema, quarantines the invalid ones, normalises the status, removes duplicates, splits
// the cancelled orders off, enriches the rest with the customer and product dimensions, and writes the
// business metrics: daily, product, hourly and 10-minute revenue, and the top 10 products.
// The orders come from `npm run gen:orders` (scripts/gen-orders.ts); paths are relative to this folder.
import { SparkSession } from '@streamshift/runtime/sql';
import {
  col,
  count,
  desc,
  hour,
  lower,
  round,
  sum,
  to_date,
  trim,
  window,
} from '@streamshift/runtime/sql/functions';

const spark = SparkSession.builder.appName('ECommerceBatchETL').getOrCreate();

// Explicit schema, no inference (as the seed's src/common/schema.py).
const orders = spark.read
  .schema(
    'order_id STRING, customer_id STRING, product_id STRING, order_timestamp TIMESTAMP, quantity INT, price DOUBLE, status STRING',
  )
  .option('header', 'true')
  .csv('batch_input/orders.csv');
const customers = spark.read
  .schema('customer_id STRING, customer_name STRING, segment STRING, country STRING')
  .option('header', 'true')
  .csv('dimensions/customers.csv');
const products = spark.read
  .schema('product_id STRING, product_name STRING, category STRING, unit_price DOUBLE')
  .option('header', 'true')
  .csv('dimensions/products.csv');

// Quality checks: invalid records go to quarantine, not away.
orders
  .filter(col('order_id').isNull())
  .write.mode('overwrite')
  .csv('batch_output/quarantine/missing_order_id');
orders
  .filter(
    col('order_id')
      .isNotNull()
      .and(col('quantity').leq(0).or(col('price').leq(0))),
  )
  .write.mode('overwrite')
  .csv('batch_output/quarantine/invalid_values');

// Valid orders, status normalised (' Completed' → 'completed'), each order once. The watermark bounds
// the deduplication state of the stream; a batch query ignores it, as in Spark.
const valid = orders
  .filter(col('order_id').isNotNull().and(col('quantity').gt(0)).and(col('price').gt(0)))
  .withColumn('status', lower(trim(col('status'))))
  .withWatermark('order_timestamp', '30 minutes')
  .dropDuplicates(['order_id', 'order_timestamp']);

// Cancelled orders are kept apart.
valid.filter(col('status').equalTo('cancelled')).write.mode('overwrite').csv('batch_output/cancelled');

// Active orders with derived columns, joined with both dimensions.
const enriched = valid
  .filter(col('status').notEqual('cancelled'))
  .withColumn('order_date', to_date(col('order_timestamp')))
  .withColumn('hour_of_day', hour(col('order_timestamp')))
  .withColumn('total_amount', round(col('quantity').multiply(col('price')), 2))
  .join(customers, 'customer_id')
  .join(products, 'product_id');

enriched
  .select(
    'order_id',
    'order_date',
    'hour_of_day',
    'customer_id',
    'segment',
    'product_id',
    'category',
    'total_amount',
  )
  .write.mode('overwrite')
  .csv('batch_output/orders');

// Business metrics.
enriched
  .groupBy('order_date')
  .agg(count('order_id').alias('orders_count'), round(sum('total_amount'), 2).alias('total_revenue'))
  .write.mode('overwrite')
  .csv('batch_output/daily_revenue');

enriched
  .groupBy('product_id', 'product_name')
  .agg(count('order_id').alias('total_orders'), round(sum('total_amount'), 2).alias('total_revenue'))
  .write.mode('overwrite')
  .csv('batch_output/product_revenue');

enriched
  .groupBy('hour_of_day')
  .agg(count('order_id').alias('orders_count'), round(sum('total_amount'), 2).alias('total_revenue'))
  .write.mode('overwrite')
  .csv('batch_output/hourly_revenue');

enriched
  .groupBy(window(col('order_timestamp'), '10 minutes'), col('product_id'))
  .agg(count('order_id').alias('orders_count'), round(sum('total_amount'), 2).alias('total_revenue'))
  .select(
    col('window.start').alias('window_start'),
    col('window.end').alias('window_end'),
    'product_id',
    'orders_count',
    'total_revenue',
  )
  .write.mode('overwrite')
  .csv('batch_output/windowed_revenue');

enriched
  .groupBy('product_id', 'product_name')
  .agg(round(sum('total_amount'), 2).alias('total_revenue'))
  .orderBy(desc('total_revenue'))
  .limit(10)
  .write.mode('overwrite')
  .csv('batch_output/top_products');
