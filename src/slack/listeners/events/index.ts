import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { registerAppHomeOpened } from './app-home-opened.js';

export function register(app: App, deps: SlackDeps): void {
  registerAppHomeOpened(app, deps);
}
