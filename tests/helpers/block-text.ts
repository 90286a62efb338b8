/** Every text object in a block tree, by type, for checks on what Slack would parse as mrkdwn. */
export function textObjects(blocks: unknown): { mrkdwn: string[]; plain: string[] } {
  const found = { mrkdwn: [] as string[], plain: [] as string[] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['text'] === 'string' && record['type'] === 'mrkdwn') found.mrkdwn.push(record['text']);
    if (typeof record['text'] === 'string' && record['type'] === 'plain_text') found.plain.push(record['text']);
    Object.values(record).forEach(walk);
  };
  walk(blocks);
  return found;
}

/** Every button element in a block tree. */
export function buttons(blocks: unknown): { action_id: string; value?: string; text: { text: string } }[] {
  const found: { action_id: string; value?: string; text: { text: string } }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record['type'] === 'button') found.push(record as unknown as (typeof found)[number]);
    Object.values(record).forEach(walk);
  };
  walk(blocks);
  return found;
}
