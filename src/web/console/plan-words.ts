// A plan's "what happens" in the page's language. The desk describes each collection's fate in the command line's
// English sentences (`delete rows of …`, `keep rows of … under …; …`); the console reads back their known shapes and says
// them from its tables. A sentence of another shape is shown as the desk wrote it, marked English (lang="en").
import type { CollectionPreview, OperationPreview } from '../../desk/index.js';
import type { CodeWords } from './words/index.js';

/** One line per thing the operation does to the collection, and whether it is the desk's own (English) sentence. */
export function whatHappens(
  codes: CodeWords,
  operation: OperationPreview['operation'],
  collection: CollectionPreview,
): { readonly text: string; readonly english: boolean }[] {
  return collection.actions.map((line) => {
    if (/^delete rows of /.test(line)) return { text: codes.erasure.delete, english: false };
    const unlink = /^set \S+\.([^.\s]+) to null\b/.exec(line);
    if (unlink) return { text: codes.erasure.unlink(unlink[1]!), english: false };
    const kept = /^keep rows of \S+ under ([^;]+);/.exec(line);
    if (kept) return { text: codes.erasure.keep(kept[1]!), english: false };
    if (/^keep rows of /.test(line)) return { text: codes.erasure.keepPlain, english: false };
    // A collection no erasure step names gets one sentence that depends only on the operation.
    if (collection.actions.length === 1)
      return { text: operation === 'erase' ? codes.erasure.untouched : codes.copies[operation], english: false };
    return { text: line, english: true };
  });
}
