// Parses PromQL expressions with the Prometheus project's own grammar (@prometheus-io/lezer-promql).
// Reads a JSON array of expressions on stdin; writes a JSON array with, per expression, the syntax
// errors found (empty when it parses). Used by dev.voiceplane.synth.schema.PromQlSyntax.
import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';

const expressions = JSON.parse(readFileSync(0, 'utf8'));
const results = expressions.map((expr) => {
  const errors = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) {
        const near = expr.slice(Math.max(0, node.from - 15), node.to + 15).replace(/\s+/g, ' ');
        errors.push(`syntax error at ${node.from} near '${near}'`);
      }
    },
  });
  return errors;
});
process.stdout.write(JSON.stringify(results));
