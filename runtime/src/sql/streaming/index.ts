// Filled in by the runtime issues.
export {};
