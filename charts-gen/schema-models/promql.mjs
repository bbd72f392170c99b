// Parses PromQL expressions with the Prometheus project's own grammar (checks.mjs: parsePromql).
// Reads a JSON array of expressions on stdin; writes a JSON array with, per expression, the syntax errors found.
import { readFileSync } from 'node:fs';
import { parsePromql } from './checks.mjs';

process.stdout.write(JSON.stringify(parsePromql(JSON.parse(readFileSync(0, 'utf8')))));
