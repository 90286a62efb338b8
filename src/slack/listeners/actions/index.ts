import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerAddNote } from './add-note.js';
import { registerApprove } from './approve.js';
import { registerManagerDecision } from './manager-decision.js';
import { registerGestureControls } from './open-modals.js';
import { registerSkip } from './skip.js';

export function register(app: App, deps: SlackDeps): void {
  registerApprove(app, deps);
  registerSkip(app, deps);
  registerAddNote(app, deps);
  registerManagerDecision(app, deps);
  registerGestureControls(app, deps);
}
