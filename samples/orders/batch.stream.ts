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
const orders = spark.readStream
  .schema(
    'order_id STRING, customer_id STRING, product_id STRING, order_timestamp TIMESTAMP, quantity INT, price DOUBLE, status STRING',
  )
  .option('header', 'true')
  .option('maxFilesPerTrigger', 1000)
  .csv('stream_input/');
const customers = spark.read
  .schema('customer_id STRING, customer_name STRING, segment STRING, country STRING')
  .option('header', 'true')
  .csv('dimensions/customers.csv');
const products = spark.read
  .schema('product_id STRING, product_name STRING, category STRING, unit_price DOUBLE')
  .option('header', 'true')
  .csv('dimensions/products.csv');

// Quality checks: invalid records go to quarantine, not away.
const query = orders
  .filter(col('order_id').isNull())
  .writeStream.outputMode('append')
  .format('csv')
  .option('path', 'batch_output/quarantine/missing_order_id')
  .option('checkpointLocation', 'checkpoint/batch/query')
  .trigger({ processingTime: '5 seconds' })
  .start();
const query2 = orders
  .filter(
    col('order_id')
      .isNotNull()
      .and(col('quantity').leq(0).or(col('price').leq(0))),
  )
  .writeStream.outputMode('append')
  .format('csv')
  .option('path', 'batch_output/quarantine/invalid_values')
  .option('checkpointLocation', 'checkpoint/batch/query2')
  .trigger({ processingTime: '5 seconds' })
  .start();

// Valid orders, status normalised (' Completed' → 'completed'), each order once. The watermark bounds
// the deduplication state of the stream; a batch query ignores it, as in Spark.
const valid = orders
  .filter(col('order_id').isNotNull().and(col('quantity').gt(0)).and(col('price').gt(0)))
  .withColumn('status', lower(trim(col('status'))))
  .withWatermark('order_timestamp', '30 minutes')
  .dropDuplicates(['order_id', 'order_timestamp']);

// Cancelled orders are kept apart.
const query3 = valid
  .filter(col('status').equalTo('cancelled'))
  .writeStream.outputMode('append')
  .format('csv')
  .option('path', 'batch_output/cancelled')
  .option('checkpointLocation', 'checkpoint/batch/query3')
  .trigger({ processingTime: '5 seconds' })
  .start();

// Active orders with derived columns, joined with both dimensions.
const enriched = valid
  .filter(col('status').notEqual('cancelled'))
  .withColumn('order_date', to_date(col('order_timestamp')))
  .withColumn('hour_of_day', hour(col('order_timestamp')))
  .withColumn('total_amount', round(col('quantity').multiply(col('price')), 2))
  .join(customers, 'customer_id')
  .join(products, 'product_id');

const query4 = enriched
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
  .writeStream.outputMode('append')
  .format('csv')
  .option('path', 'batch_output/orders')
  .option('checkpointLocation', 'checkpoint/batch/query4')
  .trigger({ processingTime: '5 seconds' })
  .start();

// Business metrics.
const query5 = enriched
  .groupBy('order_date')
  .agg(count('order_id').alias('orders_count'), round(sum('total_amount'), 2).alias('total_revenue'))
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/daily_revenue');
  })
  .option('checkpointLocation', 'checkpoint/batch/query5')
  .trigger({ processingTime: '5 seconds' })
  .start();

const query6 = enriched
  .groupBy('product_id', 'product_name')
  .agg(count('order_id').alias('total_orders'), round(sum('total_amount'), 2).alias('total_revenue'))
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/product_revenue');
  })
  .option('checkpointLocation', 'checkpoint/batch/query6')
  .trigger({ processingTime: '5 seconds' })
  .start();

const query7 = enriched
  .groupBy('hour_of_day')
  .agg(count('order_id').alias('orders_count'), round(sum('total_amount'), 2).alias('total_revenue'))
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/hourly_revenue');
  })
  .option('checkpointLocation', 'checkpoint/batch/query7')
  .trigger({ processingTime: '5 seconds' })
  .start();

const query8 = enriched
  .groupBy(window(col('order_timestamp'), '10 minutes'), col('product_id'))
  .agg(count('order_id').alias('orders_count'), round(sum('total_amount'), 2).alias('total_revenue'))
  .select(
    col('window.start').alias('window_start'),
    col('window.end').alias('window_end'),
    'product_id',
    'orders_count',
    'total_revenue',
  )
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/windowed_revenue');
  })
  .option('checkpointLocation', 'checkpoint/batch/query8')
  .trigger({ processingTime: '5 seconds' })
  .start();

const query9 = enriched
  .groupBy('product_id', 'product_name')
  .agg(round(sum('total_amount'), 2).alias('total_revenue'))
  .orderBy(desc('total_revenue'))
  .limit(10)
  .writeStream.outputMode('complete')
  .foreachBatch((batchDf) => {
    batchDf.write.mode('overwrite').csv('batch_output/top_products');
  })
  .option('checkpointLocation', 'checkpoint/batch/query9')
  .trigger({ processingTime: '5 seconds' })
  .start();

await query.awaitTermination();
await query2.awaitTermination();
await query3.awaitTermination();
await query4.awaitTermination();
await query5.awaitTermination();
await query6.awaitTermination();
await query7.awaitTermination();
await query8.awaitTermination();
await query9.awaitTermination();
