// Validates Kubernetes objects (YAML, several documents per file) against the published
// models: `kubernetes-models` for core objects and `@kubernetes-models/prometheus-operator`
// for the operator's, both generated from the projects' OpenAPI schemas. Also checks each
// object stays under 262,144 bytes, the limit of the annotation client-side `kubectl apply`
// keeps the last applied object in.
// `node check.mjs [--self-test] FILE...`; `--self-test` also proves broken copies fail.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';

const MODELS = { ConfigMap, PrometheusRule, ServiceMonitor, PodMonitor };
const LIMIT = 262144;

function problems(obj) {
  const Model = MODELS[obj?.kind];
  if (!Model) return [`no model for kind ${obj?.kind}`];
  const out = [];
  try {
    new Model(obj).validate();
  } catch (e) {
    out.push(String(e.message ?? e).split('\n').slice(0, 4).join(' '));
  }
  const size = Buffer.byteLength(JSON.stringify(obj));
  if (size >= LIMIT) out.push(`${size} bytes: over the ${LIMIT}-byte limit of client-side apply`);
  return out;
}

function objects(path) {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS()).filter(Boolean);
}

// Each mutation is a mistake the models forbid; the check must name it.
const MUTATIONS = {
  PrometheusRule: { 'rule without expr': (o) => delete o.spec.groups[0].rules[0].expr },
  ServiceMonitor: { 'endpoint port as a number': (o) => (o.spec.endpoints[0].port = 9100) },
  PodMonitor: { 'endpoint port as a number': (o) => (o.spec.podMetricsEndpoints[0].port = 9100) },
  ConfigMap: { 'data value not a string': (o) => (o.data[Object.keys(o.data)[0]] = { json: true }) },
};

const args = process.argv.slice(2);
const self = args[0] === '--self-test';
let failures = 0;
for (const path of self ? args.slice(1) : args) {
  for (const obj of objects(path)) {
    const name = `${path}: ${obj.kind} ${obj.metadata?.name}`;
    const found = problems(obj);
    for (const p of found) console.error(`error: ${name}: ${p}`);
    failures += found.length;
    console.log(`${name}: ${found.length ? 'INVALID' : 'ok'} (${Buffer.byteLength(JSON.stringify(obj))} bytes)`);
    if (!self) continue;
    for (const [what, mutate] of Object.entries(MUTATIONS[obj.kind] ?? {})) {
      const copy = structuredClone(obj);
      mutate(copy);
      const caught = problems(copy);
      console.log(`self-test: ${what}: ${caught.length ? 'rejected' : 'NOT REJECTED'}`);
      if (!caught.length) failures++;
    }
  }
}
process.exit(failures ? 1 : 0);
