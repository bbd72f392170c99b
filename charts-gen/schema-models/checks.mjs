// The checks validate runs on Node, as functions: validateObjects (published JSON-schema models of each
// object's kind) and parsePromql (the Prometheus project's PromQL grammar). Used by validate.mjs and
// promql.mjs (one batch per process) and by serve.mjs (many batches in one process).
import { parser } from '@prometheus-io/lezer-promql';

const MODELS = {
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'security.istio.io': '@kubernetes-models/istio',
  'networking.istio.io': '@kubernetes-models/istio',
};

// Objects against kubernetes-models (generated from the Kubernetes OpenAPI document) or the models of their
// CRDs (@kubernetes-models/*): one array of error messages per object, empty when it conforms.
export async function validateObjects(objects) {
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
  return results;
}

// PromQL expressions: per expression, the syntax errors found (empty when it parses).
export function parsePromql(expressions) {
  return expressions.map((expr) => {
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
}
