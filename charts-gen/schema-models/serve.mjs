// Serves many batches of checks in one Node process, so validating several stacks loads Node and the
// models once: each stdin line is {"check": "validate" | "promql", "input": [...]}, answered by one stdout
// line with the JSON result. Exits when stdin closes (the JVM that started it ended).
// Used by dev.voiceplane.synth.schema.NodeScript.
import { createInterface } from 'node:readline';
import { validateObjects, parsePromql } from './checks.mjs';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) {
    continue;
  }
  let answer;
  try {
    const request = JSON.parse(line);
    const result = request.check === 'promql' ? parsePromql(request.input) : await validateObjects(request.input);
    answer = { result };
  } catch (e) {
    answer = { error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
