import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** Heuristic: a body that contains block or document tags is HTML; anything else is plain text. */
export function looksLikeHtml(body: string): boolean {
  return /<\/?(html|body|article|main|section|div|p|br|h[1-6]|ul|ol|li|span|a|figure|table)\b[^>]*>/i.test(body);
}

/** The little of the DOM we use (the project compiles without the DOM lib). */
interface DomNode {
  textContent: string | null;
  parentElement: DomNode | null;
  closest(selector: string): DomNode | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, td, th';

/**
 * HTML → the clean text that evidence offsets will refer to: Readability picks
 * the article out of the page (dropping navigation, ads, scripts), then each
 * block element becomes a paragraph separated by a blank line.
 */
export function htmlToText(html: string): string {
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  // Readability mutates the document: read the fallback first.
  const fallback = blockText(document.body as unknown as DomNode);
  const article = new Readability(document as never).parse();
  if (!article?.content) return fallback;
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const text = blockText(content.body as unknown as DomNode);
  return text.length >= fallback.length * 0.3 ? text : fallback;
}

function blockText(root: DomNode | null): string {
  if (!root) return '';
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((element) => !element.parentElement?.closest(BLOCKS));
  const paragraphs = (blocks.length > 0 ? blocks : [root])
    .map((element) => normaliseSpaces(element.textContent ?? ''))
    .filter((paragraph) => paragraph.length > 0);
  return paragraphs.join('\n\n');
}

function normaliseSpaces(text: string): string {
  return text.replace(/[ \t\u00a0\r\n]+/g, ' ').trim();
}

/** Plain text: unify line endings and strip NULs and trailing space; words and punctuation stay as sent. */
export function cleanPlainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '').trim();
}
