/** The dependency rule of the hexagon (docs/architecture.md), checked on every `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only domain/ and neverthrow: no framework, no I/O, no Node built-ins.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: ['^domain/', '^node_modules/neverthrow/'] },
    },
    {
      name: 'adapters-never-import-the-composition-root',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^src/' },
    },
    {
      name: 'adapters-stay-out-of-each-other',
      comment: 'An adapter may use the domain and its own folder, never another adapter.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: ['^adapters/$1/'] },
    },
    {
      name: 'the-error-boundary-stays-out-of-the-api',
      comment: 'The API hands its error registry to the app, which scopes it under its prefix: adapters/http/errors/ never reaches into api/.',
      severity: 'error',
      from: { path: '^adapters/http/errors/' },
      to: { path: '^adapters/http/api/' },
    },
    {
      name: 'only-the-composition-root-knows-tsyringe',
      severity: 'error',
      from: { pathNot: '^src/' },
      to: { path: '^node_modules/(tsyringe|reflect-metadata)/' },
    },
    {
      name: 'production-code-never-imports-tests',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
