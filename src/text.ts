/**
 * Plain-text helpers shared by the Slack builders and the digest's SVG, which
 * may not import each other.
 */

/**
 * Cuts text to `max` characters, marking the cut with an ellipsis. Characters
 * are counted as Slack counts them (code points, so an emoji is one), and a cut
 * never splits a surrogate pair, which would reach Slack as invalid Unicode.
 * Returns the text itself when it already fits.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
