import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerFulfilSubmitted } from './fulfil-submitted.js';
import { registerGestureSubmitted } from './gesture-submitted.js';
import { registerNoteSubmitted } from './note-submitted.js';

export function register(app: App, deps: SlackDeps): void {
  registerNoteSubmitted(app, deps);
  registerGestureSubmitted(app, deps);
  registerFulfilSubmitted(app, deps);
}
