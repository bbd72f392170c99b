// Validates Kubernetes objects against published JSON-schema validators: built-in kinds through
// kubernetes-models (generated from the Kubernetes OpenAPI document), custom resources through the
// models of their CRDs (@kubernetes-models/*, generated from the projects' CRD YAML).
// Reads a JSON array of objects on stdin; writes a JSON array with one array of error messages
// per object (empty when it conforms). Used by dev.voiceplane.synth.schema.NodeModelCheck.
import { readFileSync } from 'node:fs';

const MODELS = {
  'external-secrets.io': '@kubernetes-models/external-secrets',
};

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const object of objects) {
  const apiVersion = String(object.apiVersion);
  // The core group has no name: v1 objects live at kubernetes-models/v1/<Kind>.
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = MODELS[group] ?? 'kubernetes-models';
  const path = group ? `${pkg}/${group}/${version}/${object.kind}` : `${pkg}/${version}/${object.kind}`;
  let Model;
  try {
    Model = (await import(path))[object.kind];
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
