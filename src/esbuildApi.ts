// Entry of dist/esbuild-api.js: esbuild's JavaScript API, bundled so the VSIX needs no node_modules.
// Loaded only by esbuildLoader.ts, which points it at the shipped binary first (ADR 0003).
export { build } from 'esbuild';
