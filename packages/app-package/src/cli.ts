/**
 * mecport-pkg: build, sign and validate MEC app packages from the command line.
 *
 *   mecport-pkg build <dir> -o out.csar [--meta key=value]... [--entry-definitions path]
 *   mecport-pkg sign <csar> --key k.pem --cert c.pem [--chain ca.pem] [--mode both|manifest|csar] [--beside] [-o out]
 *   mecport-pkg validate <csar> [--trust ca.pem]... [--json] [--require-signature] [--require-trusted]
 *   mecport-pkg rehash <csar> [-o out | --in-place] [--key k.pem --cert c.pem [--chain ca.pem] [--mode manifest|both|csar] [--beside]]
 *
 * Exit codes: 0 done / package valid, 1 package has failed checks, 2 usage or I/O error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildPackage } from './build';
import { REHASH_HINT } from './csar/check-digests';
import { rehashPackage } from './rehash';
import { signPackage } from './sign';
import { validatePackage, type TValidationReport } from './validate';

const USAGE = `usage:
  mecport-pkg build <dir> -o <out.csar> [--meta key=value]... [--entry-definitions <path>]
  mecport-pkg sign <csar> --key <key.pem> --cert <cert.pem> [--chain <ca.pem>] [--mode both|manifest|csar] [--beside] [-o <out>]
  mecport-pkg validate <csar> [--trust <ca.pem>]... [--json] [--require-signature] [--require-trusted]
  mecport-pkg rehash <csar> [-o <out> | --in-place] [--key <key.pem> --cert <cert.pem> [--chain <ca.pem>] [--mode manifest|both|csar] [--beside]]`;

function printReport(report: TValidationReport): void {
  const mark = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;
  for (const check of report.checks) {
    const where = check.file ? `${check.file}${check.line ? `:${check.line}` : ''}` : '';
    console.log(`${mark[check.status]}  ${check.id.padEnd(24)} ${where ? `${where}  ` : ''}${check.message}`);
  }
  console.log('');
  console.log(`package    ${report.file} (${report.size} bytes, sha256 ${report.sha256})`);
  console.log(`variant    ${report.variant}`);
  if (report.appd) console.log(`appd       ${report.appd.appDId}: ${report.appd.appName} ${report.appd.appSoftVersion} by ${report.appd.appProvider} (AppD ${report.appd.appDVersion})`);
  if (report.architectures.length > 0) console.log(`arch       ${report.architectures.join(', ')}`);
  console.log(`signature  ${report.signature}`);
  console.log(`result     ${report.ok ? 'valid' : 'REFUSED'}: ${report.summary.pass} pass, ${report.summary.warn} warn, ${report.summary.fail} fail`);
  if (report.checks.some((c) => c.status === 'fail' && c.message.includes(REHASH_HINT))) console.log(`fix        npx mecport-pkg rehash ${report.file}   (placeholder digests; add --key/--cert to sign)`);
}

type TValues = { out?: string; key?: string; cert?: string; chain?: string; mode?: string; beside?: boolean; 'in-place'?: boolean };

async function rehash(target: string, values: TValues): Promise<number> {
  if (!values.key !== !values.cert) { console.error('rehash signs with --key and --cert together; give both or neither'); return 2; }
  const mode = (values.mode ?? 'manifest') as 'both' | 'manifest' | 'csar';
  if (!['both', 'manifest', 'csar'].includes(mode)) { console.error('--mode is manifest, both or csar'); return 2; }
  if (values['in-place'] && values.out) { console.error('--in-place rewrites the input itself: give no -o'); return 2; }
  const base = target.replace(/\.(csar|zip)$/i, '');
  const envelope = !!values.key && mode !== 'manifest' && !values.beside;
  const out = values['in-place'] ? target : values.out ?? `${base}.rehashed.${envelope ? 'zip' : 'csar'}`;
  const result = await rehashPackage({
    csar: target, out, inPlace: !!values['in-place'], mode, layout: values.beside ? 'beside' : 'envelope',
    ...(values.key && values.cert ? { key: await readFile(values.key), cert: await readFile(values.cert) } : {}),
    ...(values.chain ? { chain: await readFile(values.chain) } : {}),
  });
  const changed = result.changed.length === 0 ? 'none changed' : `${result.changed.length} changed: ${result.changed.slice(0, 5).join(', ')}${result.changed.length > 5 ? ', …' : ''}`;
  console.log(`rehashed ${result.out}: ${result.sources} Source digests of ${result.manifestPath} written from the files (${changed})`);
  if (result.signed) console.log(`signed ${result.signed.out} (${result.signed.mode}) as ${result.signed.subject}${result.signed.beside ? `; wrote ${result.signed.beside.cms} and ${result.signed.beside.cert}` : ''}`);
  else if (result.droppedSignature) console.log('the manifest was signed: that signature no longer matches and was left out; sign again with --key and --cert');
  console.log(`check it with: npx mecport-pkg validate ${result.out}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      meta: { type: 'string', multiple: true },
      'entry-definitions': { type: 'string' },
      key: { type: 'string' },
      cert: { type: 'string' },
      chain: { type: 'string' },
      mode: { type: 'string' },
      beside: { type: 'boolean' },
      trust: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'require-signature': { type: 'boolean' },
      'require-trusted': { type: 'boolean' },
      'in-place': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [target] = positionals;
  if (values.help || !command || !target) { console.log(USAGE); return values.help ? 0 : 2; }

  if (command === 'build') {
    if (!values.out) { console.error('build needs -o <out.csar>'); return 2; }
    const metadata: Record<string, string> = {};
    for (const pair of values.meta ?? []) {
      const at = pair.indexOf('=');
      if (at < 1) { console.error(`--meta takes key=value, got ${pair}`); return 2; }
      metadata[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const built = await buildPackage({ dir: target, out: values.out, metadata, ...(values['entry-definitions'] ? { entryDefinitions: values['entry-definitions'] } : {}) });
    console.log(`built ${built.out}: ${built.files} entries, ${built.size} bytes, sha256 ${built.sha256}`);
    console.log(`AppD ${built.entryDefinitions}, manifest ${built.manifestPath}, vnfd_id ${built.metadata.vnfd_id}`);
    return 0;
  }
  if (command === 'sign') {
    if (!values.key || !values.cert) { console.error('sign needs --key and --cert'); return 2; }
    const mode = (values.mode ?? 'both') as 'both' | 'manifest' | 'csar';
    if (!['both', 'manifest', 'csar'].includes(mode)) { console.error('--mode is both, manifest or csar'); return 2; }
    const base = target.replace(/\.(csar|zip)$/i, '');
    const out = values.out ?? (mode === 'manifest' || values.beside ? `${base}.signed.csar` : `${base}.signed.zip`);
    const signed = await signPackage({
      csar: target, out, mode, layout: values.beside ? 'beside' : 'envelope',
      key: await readFile(values.key), cert: await readFile(values.cert), ...(values.chain ? { chain: await readFile(values.chain) } : {}),
    });
    console.log(`signed ${signed.out} (${signed.mode}) as ${signed.subject}${signed.beside ? `; wrote ${signed.beside.cms} and ${signed.beside.cert}` : ''}`);
    return 0;
  }
  if (command === 'rehash') return rehash(target, values);
  if (command === 'validate') {
    const trust = await Promise.all((values.trust ?? []).map((p) => readFile(p)));
    const report = await validatePackage(target, { trust, requireSignature: !!values['require-signature'], requireTrustedSignature: !!values['require-trusted'] });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
    return report.ok ? 0 : 1;
  }
  console.error(`unknown command ${command}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { console.error(`mecport-pkg: ${(error as Error).message}`); process.exitCode = 2; },
);
