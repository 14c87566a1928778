// One user-visible flow through the workbench (a file in test/ui/flows/, default export). Flows are
// independent: each opens its own window on its own copy of a fixture, so they can run in any order.
import type { UiSession } from './ui-session';

export interface UiFlow {
  /** What a user would see happen, in words; printed in the results. */
  readonly title: string;
  run(session: UiSession, artifacts: Artifacts): Promise<void>;
}

/** Names screenshots `<flow file>-<NN>-<step>.png` in test-artifacts/ui/, in the order they are taken. */
export interface Artifacts {
  screenshotPath(step: string): string;
}
