/**
 * Visits every object in a block tree, depth first, arrays included: Block
 * Kit nests text objects and elements at many depths (sections, fields,
 * accessories, actions, contexts).
 */
function eachObject(tree: unknown, visit: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(tree)) {
    for (const node of tree) eachObject(node, visit);
    return;
  }
  if (!tree || typeof tree !== 'object') return;
  const record = tree as Record<string, unknown>;
  visit(record);
  for (const value of Object.values(record)) eachObject(value, visit);
}

/** Every text object in a block tree, by type, for checks on what Slack would parse as mrkdwn. */
export function textObjects(blocks: unknown): { mrkdwn: string[]; plain: string[] } {
  const found = { mrkdwn: [] as string[], plain: [] as string[] };
  eachObject(blocks, (record) => {
    if (typeof record['text'] === 'string' && record['type'] === 'mrkdwn') found.mrkdwn.push(record['text']);
    if (typeof record['text'] === 'string' && record['type'] === 'plain_text') found.plain.push(record['text']);
  });
  return found;
}

type Button = { action_id: string; value?: string; text: { text: string } };

/** Every button element in a block tree. */
export function buttons(blocks: unknown): Button[] {
  const found: Button[] = [];
  eachObject(blocks, (record) => {
    if (record['type'] === 'button') found.push(record as unknown as Button);
  });
  return found;
}
