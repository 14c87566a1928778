import { strict as assert } from 'node:assert';
import { defaultSettings, readSettings } from '../../../src/settings';

describe('readSettings', () => {
  it('uses the defaults when nothing is set', () => {
    assert.deepEqual(
      readSettings(() => undefined),
      { settings: defaultSettings, invalid: [] },
    );
  });

  it('reads every setting', () => {
    const values: Record<string, unknown> = {
      inputFolder: 'incoming',
      checkpointFolder: 'state/ckpt',
      triggerIntervalSeconds: 0.5,
      maxFilesPerTrigger: 0,
      conversionTarget: 'inPlace',
      newFileSuffix: '.live.ts',
      autoFeedIntervalSeconds: 10,
      'lightbulb.maxFileSize': 5000,
      hintDiagnostics: true,
    };
    assert.deepEqual(
      readSettings((key) => values[key]),
      {
        settings: {
          inputFolder: 'incoming',
          checkpointFolder: 'state/ckpt',
          triggerIntervalSeconds: 0.5,
          maxFilesPerTrigger: 0,
          conversionTarget: 'inPlace',
          newFileSuffix: '.live.ts',
          autoFeedIntervalSeconds: 10,
          lightbulbMaxFileSize: 5000,
          hintDiagnostics: true,
        },
        invalid: [],
      },
    );
  });

  it('ignores bad values, keeps the defaults and names what it ignored', () => {
    const values: Record<string, unknown> = {
      inputFolder: '../outside',
      checkpointFolder: '/etc',
      triggerIntervalSeconds: 0,
      maxFilesPerTrigger: 2.5,
      conversionTarget: 'elsewhere',
      newFileSuffix: 'no-dot',
      'lightbulb.maxFileSize': 'big',
      hintDiagnostics: 'yes',
    };
    const { settings, invalid } = readSettings((key) => values[key]);
    assert.deepEqual(settings, defaultSettings);
    assert.deepEqual(
      invalid.map((line) => line.split(':')[0]),
      [
        'streamshift.conversionTarget',
        'streamshift.newFileSuffix',
        'streamshift.hintDiagnostics',
        'streamshift.inputFolder',
        'streamshift.checkpointFolder',
        'streamshift.triggerIntervalSeconds',
        'streamshift.maxFilesPerTrigger',
        'streamshift.lightbulb.maxFileSize',
      ],
    );
  });
});
