import { strict as assert } from 'node:assert';
import { SparkConf, SparkContext, SparkSession } from '@streamshift/runtime';
import { SparkSession as SqlSparkSession } from '@streamshift/runtime/sql';

describe('SparkContext and SparkSession', () => {
  beforeEach(() => SparkContext.getActive()?.stop());
  afterEach(() => SparkContext.getActive()?.stop());

  it('one SparkContext at a time; getOrCreate returns the active one', () => {
    const sc = new SparkContext('local[3]', 'first');
    assert.equal(sc.defaultParallelism, 3);
    assert.equal(sc.defaultMinPartitions, 2);
    assert.equal(SparkContext.getOrCreate(), sc);
    assert.throws(
      () => new SparkContext('local', 'second'),
      /Cannot run multiple SparkContexts at once; existing SparkContext\(app=first, master=local\[3\]\)/,
    );
    sc.stop();
    const next = SparkContext.getOrCreate(new SparkConf().setMaster('local').setAppName('next'));
    assert.notEqual(next, sc);
    assert.equal(next.defaultParallelism, 1);
    assert.equal(next.defaultMinPartitions, 1);
    assert.equal(next.appName, 'next');
  });

  it('a stopped context refuses to run jobs', () => {
    const sc = new SparkContext('local[2]', 'stopping');
    const rdd = sc.parallelize([1, 2]);
    sc.stop();
    assert.throws(() => rdd.collect(), /Cannot call methods on a stopped SparkContext\./);
    assert.throws(() => sc.parallelize([1]), /stopped SparkContext/);
  });

  it('reads the master URL like Spark and rejects what it cannot run', () => {
    const sc = new SparkContext(new SparkConf().setMaster('local[*]'));
    assert.ok(sc.defaultParallelism >= 1);
    sc.stop();
    const configured = new SparkContext(new SparkConf().set('spark.default.parallelism', 5));
    assert.equal(configured.defaultParallelism, 5);
    // With spark.default.parallelism set, shuffles default to it (PySpark's _defaultReducePartitions).
    assert.equal(
      configured
        .parallelize([['a', 1]], 1)
        .reduceByKey((a, b) => a + b)
        .getNumPartitions(),
      5,
    );
    configured.stop();
    assert.throws(
      () => new SparkContext('spark://host:7077'),
      /Could not parse Master URL: 'spark:\/\/host:7077'/,
    );
  });

  it('SparkSession.builder creates the session and its SparkContext, and getOrCreate reuses it', () => {
    const spark = SparkSession.builder
      .appName('ExampleRDD')
      .master('local[2]')
      .config('spark.x', 1)
      .getOrCreate();
    assert.equal(SqlSparkSession, SparkSession);
    assert.equal(spark.sparkContext.appName, 'ExampleRDD');
    assert.equal(spark.sparkContext.master, 'local[2]');
    assert.equal(spark.conf.get('spark.x'), '1');
    assert.equal(spark.conf.get('spark.missing', null), null);
    assert.throws(() => spark.conf.get('spark.missing'), /SQL_CONF_NOT_FOUND/);
    const again = SparkSession.builder.config('spark.y', 'two').getOrCreate();
    assert.equal(again, spark);
    assert.equal(spark.conf.get('spark.y'), 'two');
    assert.equal(SparkSession.getActiveSession(), spark);
    assert.deepEqual(spark.sparkContext.parallelize([1, 2, 3]).collect(), [1, 2, 3]);
    spark.stop();
    assert.equal(spark.sparkContext.isStopped, true);
    assert.equal(SparkSession.getActiveSession(), undefined);
    const fresh = SparkSession.builder.getOrCreate();
    assert.notEqual(fresh, spark);
    fresh.stop();
  });

  it('a session wraps an already active SparkContext', () => {
    const sc = new SparkContext('local[2]', 'mine');
    const spark = SparkSession.builder.appName('ignored').getOrCreate();
    assert.equal(spark.sparkContext, sc);
    spark.stop();
  });
});
