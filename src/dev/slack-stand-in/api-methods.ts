import { postEphemeral, postMessage, updateMessage } from './chat-methods.js';
import { completeUploadExternal, getUploadUrlExternal, type MethodContext } from './file-methods.js';
import { type ApiResult, failure } from './results.js';
import { STAND_IN_IDENTITY } from './types.js';
import { openView, publishView, updateView } from './view-methods.js';
import type { Workspace } from './workspace.js';

type Method = (workspace: Workspace, args: Record<string, unknown>, context: MethodContext) => ApiResult;

const METHODS: Record<string, Method> = {
  'auth.test': () => ({
    ok: true,
    url: STAND_IN_IDENTITY.url,
    team: STAND_IN_IDENTITY.team,
    user: STAND_IN_IDENTITY.user,
    team_id: STAND_IN_IDENTITY.teamId,
    user_id: STAND_IN_IDENTITY.userId,
    bot_id: STAND_IN_IDENTITY.botId,
    is_enterprise_install: false,
  }),
  'chat.postMessage': postMessage,
  'chat.update': updateMessage,
  'chat.postEphemeral': postEphemeral,
  'views.open': openView,
  'views.push': openView,
  'views.publish': publishView,
  'views.update': updateView,
  'files.getUploadURLExternal': getUploadUrlExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'usergroups.users.list': (workspace, args) => {
    const group = typeof args['usergroup'] === 'string' ? args['usergroup'] : undefined;
    if (group === undefined) return failure('invalid_arguments');
    const users = workspace.userGroups.get(group);
    return users ? { ok: true, users } : failure('no_such_subteam');
  },
};

export function callMethod(
  workspace: Workspace,
  method: string,
  args: Record<string, unknown>,
  context: MethodContext,
): ApiResult {
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  return handler ? handler(workspace, args, context) : failure('unknown_method');
}
