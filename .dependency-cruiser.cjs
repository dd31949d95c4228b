/**
 * The layers of MECport, enforced: `npm run check:layers` (part of `npm test`) fails on any rule
 * below. Edit this file when a workspace is added or a layer changes on purpose (and say so in
 * ARCHITECTURE.md); never to let one import through.
 *
 *   contracts, url-policy  <-  db, http, mp1, blob-store, app-package  <-  core  <-  apps (api, portal, worker, dev-idp)
 *   contracts, mp1, upf-adapters  <-  apps/mep-agent (an edge node: small, no database)
 *
 * Paths are the resolved files, relative to the repository root: `@mecport/x` and
 * `@mecport/x/subpath` resolve through the workspaces' package.json `exports` to their TypeScript
 * source (the node_modules links are followed to packages/x/src/...), and the portal's `@/`
 * through its tsconfig `paths`. Type-only imports count (`tsPreCompilationDeps`).
 *
 * 1. Cycles          2. The ground: contracts     3. Libraries on contracts only
 * 4. Core            5. Nothing imports an app    6. The agent
 * 7. Core features talk through their index
 */

/** A file of some workspace (today's and the coming `upf-adapters/`, `sandbox/`). */
const WORKSPACE = '^(packages/[^/]+|apps/[^/]+|e2e|bench|scripts|upf-adapters|sandbox)/';

/** The agent's code that is not shipped: tests, their fixtures (src/testing/), build and bench scripts. */
const AGENT_TESTS = '^apps/mep-agent/(scripts/|src/testing/|src/.*\\.test\\.ts$)';

module.exports = {
  forbidden: [
    // 1. Cycles ---------------------------------------------------------------------------------
    {
      name: 'no-cycle',
      severity: 'error',
      comment:
        'Import cycles make load order matter and tie modules that should change apart. Type-only ' +
        'imports count: a type-only cycle (app-package errors.ts <-> report.ts, once) is still two ' +
        'modules that cannot be understood one without the other. Move the shared piece to where ' +
        'it belongs, usually below both.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment:
        'An import the check cannot resolve is an import no rule can judge. Generated code ' +
        '(the Prisma client, made by `npm run db:generate`) is left out so the check runs on a ' +
        'fresh clone before anything is built.',
      from: {},
      to: { couldNotResolve: true, pathNot: '/generated/' },
    },

    // 2. The ground -----------------------------------------------------------------------------
    {
      name: 'contracts-is-the-ground',
      severity: 'error',
      comment:
        'packages/contracts holds the zod schemas every process shares, the agent included; it ' +
        'must be loadable alone. It imports no other workspace: anything it needs moves into it ' +
        '(as the MEC 011 models did from mp1).',
      from: { path: '^packages/contracts/' },
      to: { path: WORKSPACE, pathNot: '^packages/contracts/' },
    },

    {
      name: 'url-policy-beside-the-ground',
      severity: 'error',
      comment:
        'packages/url-policy is the one policy for URLs fetched on someone\'s behalf (Mp1 ' +
        'callbacks on the agent, listing media in the portal). It sits beside contracts so every ' +
        'library may use it, and so imports nothing of ours but contracts.',
      from: { path: '^packages/url-policy/' },
      to: { path: WORKSPACE, pathNot: '^packages/(contracts|url-policy)/' },
    },

    // 3. Libraries on contracts only ------------------------------------------------------------
    {
      name: 'libraries-on-contracts-only',
      severity: 'error',
      comment:
        'db (the Prisma client), http (web API conventions), mp1 (the MEC 011 API the agent ' +
        'serves), blob-store and app-package (the package codec) sit on contracts (and the URL ' +
        'policy beside it) and on nothing else of ours, so each can be used, tested and loaded ' +
        'without the others. Domain logic that needs two of them belongs in core.',
      from: { path: '^packages/(db|http|mp1|blob-store|app-package)/' },
      to: { path: WORKSPACE, pathNot: '^packages/(contracts|url-policy|$1)/' },
    },
    {
      name: 'upf-adapters-stay-light',
      severity: 'error',
      comment:
        'upf-adapters is loaded by the agent on every edge node: it must not pull the database, ' +
        'the domain services or the web API layer into it.',
      from: { path: '^upf-adapters/' },
      to: { path: '^(packages/(db|core|http|blob-store|app-package)|apps|sandbox|e2e|bench|scripts)/' },
    },

    {
      name: 'sandbox-off-the-database',
      severity: 'error',
      comment:
        'The sandbox host runs developers\' apps beside it: it holds no database client and no ' +
        'domain service (the portal owns the rows and drives the host over its control API), so ' +
        'it sits on contracts, the URL policy and the web API conventions only. It runs the MEP ' +
        'agent as a process, never by import.',
      from: { path: '^sandbox/' },
      to: { path: WORKSPACE, pathNot: '^(packages/(contracts|url-policy|http)|sandbox)/' },
    },

    // 4. Core -----------------------------------------------------------------------------------
    {
      name: 'core-not-on-http-or-apps',
      severity: 'error',
      comment:
        'core is the domain, called by the portal, the worker and tests alike; HTTP (status ' +
        'codes, Request/Response, auth wrappers) is the apps\' business through @mecport/http. ' +
        'Domain code throws AppError (contracts) and lets the caller map it.',
      from: { path: '^packages/core/' },
      to: { path: '^(packages/http|apps|e2e|bench|scripts|sandbox)/' },
    },

    {
      name: 'core-on-upf-capabilities-only',
      severity: 'error',
      comment:
        'core reads what a data plane can express (upf-adapters/src/capabilities.ts) for the rule ' +
        'dry run; the adapters themselves run on the agent and never load in the portal.',
      from: { path: '^packages/core/' },
      to: { path: '^upf-adapters/', pathNot: '^upf-adapters/src/capabilities\\.ts$' },
    },

    // 5. Nothing imports an app -----------------------------------------------------------------
    {
      name: 'packages-not-on-apps',
      severity: 'error',
      comment:
        'Apps are deployables at the top of the graph: shared code lives in packages/, never ' +
        'the other way round. The same holds for the e2e tests, the benches and the root scripts.',
      from: { path: '^(packages|upf-adapters|sandbox)/' },
      to: { path: '^(apps|e2e|bench|scripts)/' },
    },
    {
      name: 'apps-not-on-other-apps',
      severity: 'error',
      comment: 'One deployable does not import another; what two share moves to a package.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },

    // 6. The agent ------------------------------------------------------------------------------
    {
      name: 'agent-on-contracts-mp1-upf-only',
      severity: 'error',
      comment:
        'The MEP agent runs on edge nodes under a memory goal and with no database: its shipped ' +
        'code imports contracts, mp1 and upf-adapters only. Its tests (src/testing/, *.test.ts) ' +
        'and scripts (bundle, footprint bench) are not shipped (the bundle starts at ' +
        'src/cli/main.ts) and may also use app-package to build the packages they deploy, a ' +
        'devDependency; agent-code-not-on-agent-tests keeps that out of the shipped code.',
      from: { path: '^apps/mep-agent/', pathNot: AGENT_TESTS },
      to: { path: WORKSPACE, pathNot: '^(apps/mep-agent|packages/(contracts|mp1)|upf-adapters)/' },
    },
    {
      name: 'agent-tests-on-contracts-mp1-upf-app-package',
      severity: 'error',
      comment: 'The agent\'s tests and scripts: what its shipped code may use, plus app-package to build test packages.',
      from: { path: AGENT_TESTS },
      to: { path: WORKSPACE, pathNot: '^(apps/mep-agent|packages/(contracts|mp1|app-package)|upf-adapters)/' },
    },
    {
      name: 'agent-code-not-on-agent-tests',
      severity: 'error',
      comment: 'Shipped agent code must not load test fixtures (and through them app-package).',
      from: { path: '^apps/mep-agent/', pathNot: AGENT_TESTS },
      to: { path: AGENT_TESTS },
    },

    // 7. Core features ----------------------------------------------------------------------------
    // 94 imports broke this rule when it came; the core reorganisation (issue 9) fixed them all, so
    // no violation is excused.
    {
      name: 'core-feature-through-its-index',
      severity: 'error',
      comment:
        'A feature of core is a top-level folder of packages/core/src (audit, identity, edge, ...). ' +
        'Another feature uses it through its index.ts (`../edge`), so a feature can reorganise ' +
        'its files without breaking its neighbours, and its index says what it offers. shared/ ' +
        'and testing/ are not features: their files may be imported directly.',
      from: { path: '^packages/core/src/([^/]+)/' },
      to: {
        path: '^packages/core/src/[^/]+/',
        pathNot: ['^packages/core/src/($1|shared|testing)/', '^packages/core/src/[^/]+/index\\.ts$'],
      },
    },
  ],

  options: {
    // Every workspace, today's and the coming ones; no config, build output or dependencies.
    // Imports of `@mecport/...` and `@/...` that did not resolve to a file are kept too, so
    // that no-unresolvable sees them (an import of a workspace that does not exist yet).
    includeOnly: [WORKSPACE, '^@mecport/', '^@/'],
    exclude: { path: ['node_modules', '/\\.next/', '/dist/', '/generated/'] },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too (they are how a type-only cycle is seen).
    tsPreCompilationDeps: true,
    // The portal's `@/` alias, seen from the root (no other workspace has `paths`).
    tsConfig: { fileName: 'tsconfig.layers.json' },
    enhancedResolveOptions: {
      // Workspace packages are consumed as TypeScript through package.json `exports`.
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
