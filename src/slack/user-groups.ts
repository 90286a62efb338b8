import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

/** How often group membership is read again: people join and leave teams, rarely by the minute. */
const REFRESH_MS = 10 * 60_000;

/**
 * Members of the Slack user groups that count as approvers or managers
 * (DELIGHT_APPROVER_GROUP, DELIGHT_MANAGER_GROUP), read with
 * usergroups.users.list and kept in memory. Until the first read succeeds a
 * group has no members, so nobody gains rights by Slack being unreachable;
 * after a failed refresh the last known members stay.
 */
export class UserGroups {
  private readonly members = new Map<string, readonly string[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: WebClient,
    private readonly groupIds: readonly string[],
    private readonly logger: Logger,
  ) {}

  /** The group's members as last read; empty before the first successful read. */
  membersOf(groupId: string | null): readonly string[] {
    return groupId ? (this.members.get(groupId) ?? []) : [];
  }

  /** Reads every group now; failures are logged and leave the previous members in place. */
  async refresh(): Promise<void> {
    for (const groupId of this.groupIds) {
      try {
        const answer = await this.client.usergroups.users.list({ usergroup: groupId });
        this.members.set(groupId, Object.freeze([...(answer.users ?? [])]));
      } catch (error) {
        this.logger.warn({ groupId, slackError: (error as { data?: { error?: string } }).data?.error ?? (error as Error).name }, 'could not read a user group');
      }
    }
  }

  /** Reads now and then every ten minutes, until stop(). */
  start(): Promise<void> {
    if (this.groupIds.length === 0) return Promise.resolve();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
    return this.refresh();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
