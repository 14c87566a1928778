import { strict as assert } from 'node:assert';
import {
  ArrayType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  StringType,
  StructField,
  StructType,
  TimestampType,
  parseSchema,
  parseDataType,
} from '@streamshift/runtime/sql/types';

describe('sql: types and DDL schemas', () => {
  it('parses DDL schema strings, case-insensitively, with backticks, NOT NULL and nested types', () => {
    const s = parseSchema(
      'sensor_id STRING, ts TIMESTAMP, temperature DOUBLE, `odd name` int NOT NULL, tags ARRAY<string>, p STRUCT<x: BIGINT, y: FLOAT>',
    );
    assert.deepEqual(s.names, ['sensor_id', 'ts', 'temperature', 'odd name', 'tags', 'p']);
    assert.equal(s.fields[1].dataType, TimestampType());
    assert.equal(s.fields[3].dataType, IntegerType());
    assert.equal(s.fields[3].nullable, false);
    assert.equal(s.fields[4].dataType.simpleString(), 'array<string>');
    assert.equal(s.fields[5].dataType.simpleString(), 'struct<x:bigint,y:float>');
    assert.equal(parseDataType('decimal(10, 2)'), DoubleType());
    assert.equal(parseSchema('').length, 0);
  });

  it('rejects unknown types and malformed DDL with a parse error naming the text', () => {
    assert.throws(
      () => parseSchema('a STRNG'),
      /PARSE_SYNTAX_ERROR.*"a STRNG".*unsupported data type "strng"/,
    );
    assert.throws(() => parseSchema('a INT,'), /PARSE_SYNTAX_ERROR/);
    assert.throws(() => parseSchema('a ARRAY<INT'), /PARSE_SYNTAX_ERROR/);
  });

  it('builds schemas the pyspark way and prints them like pyspark and Spark', () => {
    const s = new StructType()
      .add('user_id', StringType())
      .add('n', LongType, false)
      .add(new StructField('f', FloatType));
    assert.equal(
      s.toString(),
      "StructType([StructField('user_id', StringType(), true), StructField('n', LongType(), false), StructField('f', FloatType(), true)])",
    );
    assert.equal(s.simpleString(), 'struct<user_id:string,n:bigint,f:float>');
    assert.equal(s.toDDL(), 'user_id STRING,n BIGINT,f FLOAT');
    assert.deepEqual(StructType.fromDDL(s.toDDL()).names, s.names);
    assert.equal(
      s.treeString(),
      'root\n |-- user_id: string (nullable = true)\n |-- n: long (nullable = false)\n |-- f: float (nullable = true)\n',
    );
    assert.equal(new ArrayType(IntegerType).simpleString(), 'array<int>');
  });
});
