// Script of the run panel webview (filled in by the run panel).
export {};
