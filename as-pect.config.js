// as-pect: firmware unit tests in assembly/__tests__, compiled with as-pect.asconfig.json, which
// deliberately does NOT extend asconfig.json (the production build's stub runtime and 4-page cap
// would starve the test framework). They compile without SIMD, so they exercise the plain build's
// SWAR row scan; the host tests run both real builds.
export default {
  entries: ["assembly/__tests__/**/*.spec.ts"],
  include: ["assembly/__tests__/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
