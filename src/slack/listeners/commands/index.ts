import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerDelightCommand } from './delight.js';

export function register(app: App, deps: SlackDeps): void {
  registerDelightCommand(app, deps);
}
