// Type-checks Grafana dashboards against Grafana's published TypeScript model (@grafana/schema):
// the dashboard, every panel, each panel's plugin options and field config, every query and variable.
// Each object is emitted as a typed object literal, so the TypeScript compiler rejects unknown
// fields (excess property checks), missing required fields and wrong value types.
//
// Usage: node check.mjs DASHBOARD.json...   (exit 1 on any error)
//        node check.mjs --self-test DASHBOARD.json   (also proves broken copies are rejected)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const types = './node_modules/@grafana/schema/dist/types';

// Panel plugins we know the option types of; anything else is reported.
const PLUGINS = {
  timeseries: 'timeseries',
  stat: 'stat',
  heatmap: 'heatmap',
  table: 'table',
};

const PRELUDE = `
import type { Dashboard, Panel, RowPanel, VariableModel } from '${types}/index';
import type * as raw from '${types}/raw/dashboard/x/types.gen';
import type * as common from '${types}/common/common.gen';
${Object.values(PLUGINS)
  .map((p) => `import type * as ${p} from '${types}/raw/composable/${p}/panelcfg/x/types.gen';`)
  .join('\n')}

// JSON carries an enum's value, not the enum: accept exactly the enum's literal values.
type Json<T> = T extends string ? \`\${T}\` : T extends readonly (infer E)[] ? Json<E>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

// Grafana's Prometheus data source query (its query type is not part of @grafana/schema).
interface PrometheusQuery extends common.DataQuery {
  expr: string;
  legendFormat?: string;
  range?: boolean;
  instant?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  interval?: string;
  intervalFactor?: number;
  exemplar?: boolean;
  editorMode?: 'code' | 'builder';
}
type Check<T> = (value: Json<T>) => void;
declare const dashboard: Check<Omit<Dashboard, 'panels'>>;
declare const row: Check<RowPanel>;
declare const panel: Check<Omit<Panel, 'targets'>>;
declare const query: Check<PrometheusQuery>;
declare const variable: Check<VariableModel>;
declare const fieldDefaults: Check<raw.FieldConfig>;
${Object.values(PLUGINS)
  .map(
    (p) =>
      `declare const ${p}Options: Check<${p}.Options>;\n` +
      `declare const ${p}Custom: Check<${p === 'stat' ? 'Record<string, never>' : `${p}.FieldConfig`}>;`,
  )
  .join('\n')}
`;

const lit = (v) => JSON.stringify(v, null, 1);

// Returns TypeScript source and, per line, which dashboard object that line checks.
function emit(name, d) {
  const lines = PRELUDE.split('\n');
  const where = [];
  const put = (what, call, value) => {
    for (const l of `${call}(${lit(value)});`.split('\n')) {
      lines.push(l);
      where[lines.length] = what;
    }
  };
  const { panels = [], ...top } = d;
  put(`${name}: dashboard`, 'dashboard', top);
  for (const v of d.templating?.list ?? []) put(`${name}: variable $${v.name}`, 'variable', v);
  const all = panels.flatMap((p) => [p, ...(p.type === 'row' ? p.panels ?? [] : [])]);
  const errors = [];
  for (const p of all) {
    const what = `${name}: panel ${p.id} "${p.title}" (${p.type})`;
    if (p.type === 'row') {
      put(what, 'row', p);
      continue;
    }
    const plugin = PLUGINS[p.type];
    if (!plugin) {
      errors.push(`${what}: panel type not checked by this tool`);
      continue;
    }
    const { targets = [], options = {}, fieldConfig = { defaults: {}, overrides: [] }, ...rest } = p;
    put(what, 'panel', { ...rest, fieldConfig });
    put(`${what} options`, `${plugin}Options`, options);
    const { custom = {}, ...defaults } = fieldConfig.defaults ?? {};
    put(`${what} fieldConfig.defaults`, 'fieldDefaults', defaults);
    put(`${what} fieldConfig.defaults.custom`, `${plugin}Custom`, custom);
    for (const t of targets) put(`${what} query ${t.refId}`, 'query', t);
  }
  return { source: lines.join('\n'), where, errors };
}

export function check(name, dashboard) {
  const { source, where, errors } = emit(name, dashboard);
  const file = join(here, `__check_${name.replace(/[^A-Za-z0-9]/g, '_')}.ts`);
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile;
  host.readFile = (f) => (f === file ? source : read(f));
  const exists = host.fileExists;
  host.fileExists = (f) => f === file || exists(f);
  const program = ts.createProgram([file], options, host);
  for (const diag of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(diag.messageText, '\n  ');
    if (diag.file?.fileName === file) {
      const { line } = diag.file.getLineAndCharacterOfPosition(diag.start);
      errors.push(`${where[line + 1] ?? name}: ${text}`);
    } else {
      errors.push(`${name}: ${text}`);
    }
  }
  return errors;
}

// Every panel, those inside collapsed rows included.
const allPanels = (d) => (d.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);

function selfTest(name, d) {
  // Each mutation is a real mistake Grafana's model forbids; the check must name it.
  const firstOf = (type) => allPanels(d).find((p) => p.type === type);
  const first = (c, type) => allPanels(c).find((p) => p.type === type);
  const collapsed = (c) => c.panels.find((p) => p.type === 'row' && p.collapsed && p.panels.length);
  const mutations = {
    'unknown panel field': (c) => (first(c, 'timeseries').gridpos = {}),
    'gridPos.w as a string': (c) => (first(c, 'timeseries').gridPos.w = '8'),
    'legend placement outside its enum': (c) => (first(c, 'timeseries').options.legend.placement = 'top'),
    'heatmap color mode outside its enum': (c) => (first(c, 'heatmap').options.color.mode = 'rainbow'),
    'table without its frameIndex': (c) => delete first(c, 'table').options.frameIndex,
    'query without refId': (c) => delete first(c, 'timeseries').targets[0].refId,
    'unknown field on a panel inside a collapsed row': (c) => (collapsed(c).panels[0].gridpos = {}),
    'dashboard without schemaVersion': (c) => delete c.schemaVersion,
    'unknown variable field': (c) => (c.templating.list[0].multiValue = true),
  };
  if (!firstOf('timeseries') || !firstOf('heatmap') || !firstOf('table') || !collapsed(d)) {
    throw new Error('self-test needs a timeseries, a heatmap and a table panel, and a collapsed row');
  }
  let failed = 0;
  for (const [what, mutate] of Object.entries(mutations)) {
    const copy = structuredClone(d);
    mutate(copy);
    const errors = check(`${name} (${what})`, copy);
    console.log(`self-test: ${what}: ${errors.length ? `rejected (${errors[0].split('\n')[0]})` : 'NOT REJECTED'}`);
    if (!errors.length) failed++;
  }
  return failed;
}

const args = process.argv.slice(2);
const self = args[0] === '--self-test';
let failures = 0;
for (const path of self ? args.slice(1) : args) {
  const d = JSON.parse(readFileSync(path, 'utf8'));
  const errors = check(path, d);
  for (const e of errors) console.error(`error: ${e}`);
  const n = allPanels(d).length;
  console.log(`${path}: ${errors.length ? `${errors.length} error(s)` : 'ok'} against @grafana/schema (${n} panels)`);
  failures += errors.length;
  if (self) failures += selfTest(path, d);
}
process.exit(failures ? 1 : 0);
