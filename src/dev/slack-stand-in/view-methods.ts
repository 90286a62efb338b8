import { isRecord } from './block-kit-checker.js';
import { checkView } from './block-kit-rules.js';
import { type ApiResult, failure, missingArgument, stringArg } from './results.js';
import { STAND_IN_IDENTITY, type StandInView } from './types.js';
import type { Workspace } from './workspace.js';

/** A trigger_id the tests can send to get Slack's "user waited more than 3 seconds" answer. */
const EXPIRED_TRIGGER_ID = 'expired';

/** The view object Slack returns: what the app sent plus the fields Slack fills in. */
function viewPayload(stored: StandInView): Record<string, unknown> {
  return {
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    ...stored.view,
    id: stored.viewId,
    hash: stored.hash,
    team_id: STAND_IN_IDENTITY.teamId,
    app_id: STAND_IN_IDENTITY.appId,
    bot_id: STAND_IN_IDENTITY.botId,
    root_view_id: stored.viewId,
  };
}

/** The view argument after validation, or the invalid_arguments failure Slack answers. */
function readView(
  args: Record<string, unknown>,
  allowedTypes: ('modal' | 'home')[],
): { view: Record<string, unknown> } | { failure: ApiResult } {
  const view = args['view'];
  if (view === undefined) return { failure: missingArgument('view') };
  const errors = checkView(view, allowedTypes);
  if (errors.length > 0 || !isRecord(view)) return { failure: failure('invalid_arguments', errors) };
  return { view };
}

/** views.open and views.push: both exchange a trigger_id for a modal. */
export function openView(workspace: Workspace, args: Record<string, unknown>): ApiResult {
  const triggerId = stringArg(args, 'trigger_id');
  if (triggerId === undefined) return missingArgument('trigger_id');
  const checked = readView(args, ['modal']);
  if ('failure' in checked) return checked.failure;
  const { view } = checked;
  if (triggerId === EXPIRED_TRIGGER_ID) return failure('expired_trigger_id');
  if (workspace.exchangedTriggerIds.has(triggerId)) return failure('exchanged_trigger_id');
  workspace.exchangedTriggerIds.add(triggerId);

  const stored: StandInView = { triggerId, view, viewId: workspace.nextViewId(), hash: workspace.nextHash() };
  workspace.views.push(stored);
  return { ok: true, view: viewPayload(stored) };
}

export function publishView(workspace: Workspace, args: Record<string, unknown>): ApiResult {
  const userId = stringArg(args, 'user_id');
  if (userId === undefined) return missingArgument('user_id');
  const checked = readView(args, ['home']);
  if ('failure' in checked) return checked.failure;
  const { view } = checked;

  // A user has one Home tab: publishing again replaces it.
  const existing = workspace.views.find((stored) => stored.userId === userId && stored.view['type'] === 'home');
  const hash = stringArg(args, 'hash');
  if (existing && hash !== undefined && hash !== existing.hash) return failure('hash_conflict');
  const stored: StandInView = existing ?? { userId, view, viewId: workspace.nextViewId(), hash: '' };
  stored.view = view;
  stored.hash = workspace.nextHash();
  if (!existing) workspace.views.push(stored);
  return { ok: true, view: viewPayload(stored) };
}

export function updateView(workspace: Workspace, args: Record<string, unknown>): ApiResult {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (viewId === undefined && externalId === undefined) return missingArgument('view_id');
  const stored = workspace.views.find((candidate) =>
    viewId === undefined ? candidate.view['external_id'] === externalId : candidate.viewId === viewId,
  );
  if (!stored) return failure('not_found');
  const hash = stringArg(args, 'hash');
  if (hash !== undefined && hash !== stored.hash) return failure('hash_conflict');
  const checked = readView(args, stored.view['type'] === 'home' ? ['home'] : ['modal']);
  if ('failure' in checked) return checked.failure;

  stored.view = checked.view;
  stored.hash = workspace.nextHash();
  return { ok: true, view: viewPayload(stored) };
}
