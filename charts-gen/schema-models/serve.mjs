// Serves many batches of checks in one Node process, so validating several stacks loads Node and the
// models once: each stdin line is {"check": "validate" | "promql", "input": [...]}, answered by one stdout
// line with the JSON result. Exits when stdin closes (the JVM that started it ended).
// Used by dev.voiceplane.synth.schema.NodeScript.
import { createInterface } from 'node:readline';
import { validateObjects, parsePromql } from './checks.mjs';

// Load the models of the usual kinds while the JVM is still synthesizing, before the first request needs them.
const USUAL = ['v1/Namespace', 'v1/Service', 'v1/ConfigMap', 'v1/ServiceAccount', 'v1/PersistentVolumeClaim', 'v1/ResourceQuota',
  'v1/LimitRange', 'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/CronJob',
  'networking.k8s.io/v1/NetworkPolicy', 'networking.k8s.io/v1/Ingress', 'policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler', 'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding',
  'storage.k8s.io/v1/StorageClass'];
for (const kind of USUAL) {
  import(`kubernetes-models/${kind}`).catch(() => {});
}

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
