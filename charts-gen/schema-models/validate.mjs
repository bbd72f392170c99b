// Validates Kubernetes objects against published JSON-schema validators (checks.mjs: validateObjects).
// Reads a JSON array of objects on stdin; writes a JSON array with one array of error messages per object.
import { readFileSync } from 'node:fs';
import { validateObjects } from './checks.mjs';

process.stdout.write(JSON.stringify(await validateObjects(JSON.parse(readFileSync(0, 'utf8')))));
