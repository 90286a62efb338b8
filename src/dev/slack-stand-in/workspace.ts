import type { StandInEphemeral, StandInFile, StandInMessage, StandInView } from './types.js';

/** Slack-looking ts values start here; they only need to be increasing and unique. */
const FIRST_TS_SECONDS = 1_700_000_000;

/** What the fake workspace currently shows: channel messages, ephemerals, open/published views, files and user groups. */
export class Workspace {
  readonly messages: StandInMessage[] = [];
  readonly ephemerals: StandInEphemeral[] = [];
  readonly views: StandInView[] = [];
  readonly files: StandInFile[] = [];
  /** User group id → member ids, as usergroups.users.list answers; set by tests with setUserGroup. */
  readonly userGroups = new Map<string, string[]>();
  /** Slack lets a trigger_id open one view only. */
  readonly exchangedTriggerIds = new Set<string>();
  // Counters deliberately survive reset(): a ts or view id handed out before a reset
  // must never start referring to a different message or view after it.
  private tsSequence = 0;
  private viewSequence = 0;
  private hashSequence = 0;
  private fileSequence = 0;

  nextTs(): string {
    this.tsSequence += 1;
    const micros = this.tsSequence * 100;
    const seconds = FIRST_TS_SECONDS + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.viewSequence += 1;
    return `V0${String(this.viewSequence).padStart(9, '0')}`;
  }

  nextHash(): string {
    this.hashSequence += 1;
    return `${FIRST_TS_SECONDS}.${String(this.hashSequence).padStart(8, '0')}`;
  }

  nextFileId(): string {
    this.fileSequence += 1;
    return `F0${String(this.fileSequence).padStart(9, '0')}`;
  }

  findMessage(channel: string, ts: string): StandInMessage | undefined {
    return this.messages.find((message) => message.channel === channel && message.ts === ts);
  }

  removeMessage(channel: string, ts: string): void {
    const index = this.messages.findIndex((message) => message.channel === channel && message.ts === ts);
    if (index >= 0) this.messages.splice(index, 1);
  }

  reset(): void {
    this.messages.splice(0);
    this.ephemerals.splice(0);
    this.views.splice(0);
    this.files.splice(0);
    this.userGroups.clear();
    this.exchangedTriggerIds.clear();
  }
}
