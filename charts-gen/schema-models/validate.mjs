// Validates Kubernetes objects of custom resources against the published models of their CRDs
// (@kubernetes-models/*, JSON-schema validators generated from the projects' CRD YAML).
// Reads a JSON array of objects on stdin; writes a JSON array with one array of error messages
// per object (empty when it conforms). Used by dev.voiceplane.synth.schema.NodeModelCheck.
import { readFileSync } from 'node:fs';

const MODELS = {
  'external-secrets.io': '@kubernetes-models/external-secrets',
};

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const object of objects) {
  const [group, version] = String(object.apiVersion).split('/');
  const pkg = MODELS[group];
  if (!pkg) {
    results.push([`no published model for API group '${group}'`]);
    continue;
  }
  let Model;
  try {
    Model = (await import(`${pkg}/${group}/${version}/${object.kind}`))[object.kind];
  } catch (e) {
    results.push([`${pkg} has no ${object.kind} in ${object.apiVersion}`]);
    continue;
  }
  try {
    new Model(object).validate();
    results.push([]);
  } catch (e) {
    results.push(String(e.message).split(', '));
  }
}
process.stdout.write(JSON.stringify(results));
