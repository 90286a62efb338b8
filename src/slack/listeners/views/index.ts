import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerNoteSubmitted } from './note-submitted.js';

export function register(app: App, deps: SlackDeps): void {
  registerNoteSubmitted(app, deps);
}
