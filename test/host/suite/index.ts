// Extension-host test entry (the @vscode/test-electron `extensionTestsPath` convention).
export async function run(): Promise<void> {}
