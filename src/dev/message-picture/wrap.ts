/**
 * Greedy word wrapping of styled runs at measured widths. Lines break at
 * spaces; chips (mentions, code) never break unless one alone is wider than
 * the line, and then, like any over-long word, it is cut between characters.
 */
import { drawableText, textWidth, type Face } from './faces.js';
import type { Run } from './mrkdwn.js';

/** A run's text placed on a line; `x` and `width` in px from the line's start, chip padding included. */
export interface Piece {
  run: Run;
  text: string;
  x: number;
  width: number;
}

export interface Line {
  pieces: Piece[];
  /** Where the last visible piece ends. */
  width: number;
}

/** The face a run is drawn with; bold wins over italic, since only one face can be picked. */
export function runFace(run: Run): Face {
  if (run.kind === 'code') return 'mono';
  if (run.bold) return 'bold';
  return run.italic ? 'italic' : 'regular';
}

/** Inline code is set smaller than the text around it, as in Slack. */
export function runSize(run: Run, size: number): number {
  return run.kind === 'code' ? size * 0.86 : size;
}

/** Space left inside a chip on each side of its text. */
export function chipPadding(run: Run): number {
  if (run.kind === 'code') return 3;
  return run.kind === 'mention' || run.kind === 'broadcast' ? 2 : 0;
}

/** The width of a run's text in px at the flow's font size, chip padding included. */
function pieceWidth(run: Run, text: string, size: number): number {
  if (run.kind === 'image') return size * 1.3;
  return textWidth(text, runFace(run), runSize(run, size)) + 2 * chipPadding(run);
}

interface Atom {
  run: Run;
  text: string;
  space: boolean;
}

/** The runs cut into words and spaces, with undrawable characters already removed. */
function atoms(runs: Run[]): Array<Atom | 'break'> {
  return runs.flatMap((run): Array<Atom | 'break'> => {
    if (run.kind === 'break') return ['break'];
    if (run.kind === 'image') return [{ run, text: '', space: false }];
    const text = drawableText(run.text, runFace(run));
    if (text === '') return [];
    if (run.kind !== 'text' && run.kind !== 'link') return [{ run, text, space: false }];
    return (text.match(/\s+|\S+/g) ?? []).map((part) => ({ run, text: part, space: /^\s/.test(part) }));
  });
}

/** The runs wrapped into lines no wider than `maxWidth` px at font size `size`. */
export function wrapRuns(runs: Run[], size: number, maxWidth: number): Line[] {
  const builder = new LineBuilder(size, maxWidth);
  let word: Atom[] = [];
  let gap: Atom[] = [];
  for (const atom of atoms(runs)) {
    if (atom !== 'break' && !atom.space) {
      word.push(atom);
      continue;
    }
    if (word.length > 0) {
      builder.place(gap, word);
      word = [];
      gap = [];
    }
    if (atom === 'break') {
      builder.finish();
      gap = [];
    } else {
      gap.push(atom);
    }
  }
  if (word.length > 0) builder.place(gap, word);
  return builder.done();
}

/** Fills lines piece by piece; a word goes on the current line when it fits, else starts the next. */
class LineBuilder {
  private readonly lines: Line[] = [];
  private pieces: Piece[] = [];
  private x = 0;

  constructor(
    private readonly size: number,
    private readonly maxWidth: number,
  ) {}

  /** Puts a word and the spaces before it; spaces are dropped where the word starts a new line. */
  place(gap: Atom[], word: Atom[]): void {
    if (this.pieces.length > 0 && this.x + this.width(gap) + this.width(word) > this.maxWidth) this.finish();
    else gap.forEach((atom) => this.put(atom));
    if (this.width(word) > this.maxWidth) word.forEach((atom) => this.cut(atom));
    else word.forEach((atom) => this.put(atom));
  }

  finish(): void {
    this.lines.push(trimmed(this.pieces, this.size));
    this.pieces = [];
    this.x = 0;
  }

  done(): Line[] {
    if (this.pieces.length > 0) this.finish();
    return this.lines;
  }

  private width(atoms: Atom[]): number {
    return atoms.reduce((sum, atom) => sum + pieceWidth(atom.run, atom.text, this.size), 0);
  }

  private put(atom: Atom): void {
    const last = this.pieces.at(-1);
    const added = pieceWidth(atom.run, atom.text, this.size);
    if (last !== undefined && last.run === atom.run && !isChip(atom.run)) Object.assign(last, { text: last.text + atom.text, width: last.width + added });
    else this.pieces.push({ run: atom.run, text: atom.text, x: this.x, width: added });
    this.x += added;
  }

  /** An over-long word cut between characters, as many as fit on each line. */
  private cut(atom: Atom): void {
    let chunk = '';
    for (const char of atom.text) {
      const over = this.x + pieceWidth(atom.run, chunk + char, this.size) > this.maxWidth;
      if (over && (chunk !== '' || this.pieces.length > 0)) {
        if (chunk !== '') this.put({ ...atom, text: chunk });
        this.finish();
        chunk = '';
      }
      chunk += char;
    }
    if (chunk !== '' || atom.run.kind === 'image') this.put({ ...atom, text: chunk });
  }
}

/** Chips are drawn on a background of their own, so they never merge with a neighbour. */
function isChip(run: Run): boolean {
  return run.kind !== 'text' && run.kind !== 'link';
}

/** The line without trailing spaces, which take no room at a line's end. */
function trimmed(pieces: Piece[], size: number): Line {
  const kept = [...pieces];
  for (let last = kept.at(-1); last !== undefined && !isChip(last.run); last = kept.at(-1)) {
    const text = last.text.trimEnd();
    if (text !== '') {
      kept[kept.length - 1] = { ...last, text, width: pieceWidth(last.run, text, size) };
      break;
    }
    kept.pop();
  }
  const end = kept.at(-1);
  return { pieces: kept, width: end === undefined ? 0 : end.x + end.width };
}
