// The secs readers that the property tests run in core's reader harness (a worker thread with a heap
// limit and a deadline per call): SML, the equipment model, operator scenarios whole and line by line
// (as the console reads them).
import type { Issue } from '@bondline/core';
import { serveReaders } from '@bondline/core/testing';
import { exampleModel } from './gem/equipment/test-rig.test-util.js';
import type { ModelReadOptions } from './gem/model/load-model.js';
import { parseModelText } from './gem/model/load-model.js';
import { OperatorScriptReader, parseOperatorScript } from './gem/sim/operator-script.js';
import { parseSml, parseSmlItem, parseSmlItems } from './sml/parse.js';

const model = exampleModel();

const readers = {
  sml: (c: { text: string; allowEmpty: boolean }) =>
    parseSml(c.text, { source: 'session.sml', allowEmpty: c.allowEmpty }),
  'sml-items': (text: string) => parseSmlItems(text),
  'sml-item': (text: string) => parseSmlItem(text),
  model: (c: { text: string; options: ModelReadOptions }) => parseModelText(c.text, c.options),
  'operator-script': (text: string) => parseOperatorScript(text, model, 'drill.txt'),
  /** The console's way: line by line, then the end; every line's issues together. */
  'operator-lines': (text: string) => {
    const reader = new OperatorScriptReader(model, 'operator');
    const issues: Issue[] = [];
    let commands = 0;
    for (const line of text.split('\n')) {
      const r = reader.push(line);
      commands += r.commands.length;
      issues.push(...r.issues);
    }
    issues.push(...reader.finish());
    return issues.length === 0 ? { ok: true, value: commands } : { ok: false, issues };
  },
};

export type SecsReaders = typeof readers;

serveReaders(readers);
