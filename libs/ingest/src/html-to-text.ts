import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { stripControlCharacters } from './field-bounds.js';

/**
 * HTML → the clean text that evidence offsets refer to, in one pass over
 * htmlparser2's tokenizer. Linear in the size of the input: the open-element
 * stack is our own (push/pop, capped at MAX_HTML_DEPTH), because htmlparser2's
 * Parser keeps its stack with Array.unshift, which is quadratic in the depth,
 * and a DOM plus Readability (what this replaced) took 82 s on 11 KB of nested
 * elements. See BENCHMARKS.md ("HTML → text").
 *
 * What is kept, after Readability's idea but without its scoring passes:
 * - text outside page furniture: script, style, head, nav, aside, footer, forms,
 *   media and elements marked hidden or with a furniture role, class or id
 *   ("sidebar", "related", "comments", "share", …) are dropped;
 * - when the page marks its article (<article>, <main>, role="main",
 *   itemprop="articleBody") and that holds a fair share of the text, only it;
 * - each block element (p, li, h1…, div, td, …) is a paragraph; paragraphs are
 *   separated by a blank line, spaces inside one collapse to one.
 * Elements nested deeper than MAX_HTML_DEPTH count as inline: their text is
 * kept, their tags ignored (no page needs that depth; a hostile one gets no
 * more work per tag).
 */
export const MAX_HTML_DEPTH = 256;

/** A body containing block or document tags is HTML; anything else is plain text. (No backtracking: linear.) */
export function looksLikeHtml(body: string): boolean {
  return /<\/?(?:html|body|article|main|section|div|p|br|h[1-6]|ul|ol|li|span|a|figure|table)[\s/>]/i.test(body);
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
/** Never article text. */
const FURNITURE = new Set([
  'aside',
  'audio',
  'button',
  'canvas',
  'dialog',
  'footer',
  'form',
  'head',
  'iframe',
  'input',
  'map',
  'math',
  'menu',
  'nav',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'script',
  'select',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'video',
  'xmp',
]);
/** Tags whose content the tokenizer reads as raw text: their text must be dropped even past the depth cap. */
const RAW_TEXT = new Set(['iframe', 'noembed', 'noframes', 'script', 'style', 'textarea', 'title', 'xmp']);
/** Opening one of these closes an open one of the same name (<p>a<p>b, <li>…<li>…). */
const SELF_CLOSING_SIBLINGS = new Set(['dd', 'dt', 'li', 'option', 'p', 'td', 'th', 'tr']);
const FURNITURE_ROLES = new Set([
  'banner',
  'complementary',
  'contentinfo',
  'dialog',
  'menu',
  'menubar',
  'navigation',
  'search',
]);
const FURNITURE_NAMES =
  /(^|[\s_-])(ad|ads|advert|banner|breadcrumbs?|comments?|cookie|disqus|footer|gdpr|masthead|menu|newsletter|pagination|pager|popup|promo|related|share|sharing|sidebar|social|sponsor(ed)?|subscribe|toolbar)($|[\s_-])/i;
const ARTICLE_NAMES = /(^|[\s_-])(article|content|main|post|story)[\s_-]*(body|content|text)?($|[\s_-])/i;
/** Attribute values longer than this are not looked at (a class list is short; a hostile one gets no regex time). */
const MAX_ATTRIBUTE_LOOKED_AT = 300;
/** The marked article is used alone when it holds at least this share of the text. */
const ARTICLE_SHARE = 0.3;

interface Open {
  name: string;
  furniture: boolean;
  article: boolean;
}

interface Paragraph {
  text: string;
  inArticle: boolean;
}

class TextCollector implements TokenizerCallbacks {
  private readonly stack: Open[] = [];
  /** How many of each tag name are on the stack: a close tag with none open is ignored in O(1). */
  private readonly openCount = new Map<string, number>();
  /** Elements opened past MAX_HTML_DEPTH, not on the stack. */
  private overflow = 0;
  private furnitureDepth = 0;
  private articleDepth = 0;
  /** Inside a raw-text element opened past the depth cap (until its close tag). */
  private rawTextOverflow = false;
  private readonly paragraphs: Paragraph[] = [];
  private current: string[] = [];
  private currentInArticle = false;

  // The open tag being read: its name and the few attributes that matter.
  private tagName = '';
  private attributeName = '';
  private attributeValue = '';
  private furnitureAttribute = false;
  private articleAttribute = false;

  constructor(private readonly html: string) {}

  text(): string {
    this.flush();
    const article = this.paragraphs.filter((p) => p.inArticle);
    const total = this.paragraphs.reduce((sum, p) => sum + p.text.length, 0);
    const inArticle = article.reduce((sum, p) => sum + p.text.length, 0);
    const chosen = inArticle > 0 && inArticle >= total * ARTICLE_SHARE ? article : this.paragraphs;
    return chosen.map((p) => p.text).join('\n\n');
  }

  onopentagname(start: number, end: number): void {
    this.tagName = this.html.slice(start, end).toLowerCase();
    this.furnitureAttribute = false;
    this.articleAttribute = false;
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.html.slice(start, Math.min(end, start + 20)).toLowerCase();
    this.attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    if (this.attributeValue.length <= MAX_ATTRIBUTE_LOOKED_AT)
      this.attributeValue += this.html.slice(start, Math.min(end, start + MAX_ATTRIBUTE_LOOKED_AT + 1));
  }

  onattribentity(codepoint: number): void {
    if (this.attributeValue.length <= MAX_ATTRIBUTE_LOOKED_AT) this.attributeValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    const name = this.attributeName;
    const value = this.attributeValue.length > MAX_ATTRIBUTE_LOOKED_AT ? '' : this.attributeValue;
    if (name === 'hidden' || (name === 'aria-hidden' && value.trim().toLowerCase() === 'true'))
      this.furnitureAttribute = true;
    else if (name === 'role') {
      const role = value.trim().toLowerCase();
      if (FURNITURE_ROLES.has(role)) this.furnitureAttribute = true;
      if (role === 'main' || role === 'article') this.articleAttribute = true;
    } else if (name === 'itemprop' && /\barticleBody\b/.test(value)) this.articleAttribute = true;
    else if (name === 'class' || name === 'id') {
      if (ARTICLE_NAMES.test(value)) this.articleAttribute = true;
      else if (FURNITURE_NAMES.test(value)) this.furnitureAttribute = true;
    }
  }

  onopentagend(): void {
    this.open(this.tagName);
  }

  /** HTML ignores the slash of <div/>: the element stays open, as browsers have it. */
  onselfclosingtag(): void {
    this.open(this.tagName);
  }

  onclosetag(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    if (this.rawTextOverflow) {
      this.rawTextOverflow = false;
      return;
    }
    if (BLOCK.has(name) || name === 'br') this.flush();
    if (this.overflow > 0) {
      this.overflow -= 1;
      return;
    }
    if (!this.openCount.get(name)) return;
    // Close it and whatever was left open inside it.
    for (;;) {
      const closed = this.pop();
      if (closed.name === name) break;
    }
  }

  ontext(start: number, end: number): void {
    this.addText(this.html.slice(start, end));
  }

  ontextentity(codepoint: number): void {
    this.addText(String.fromCodePoint(codepoint));
  }

  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  private open(name: string): void {
    if (BLOCK.has(name) || name === 'br') this.flush();
    if (VOID.has(name)) return;
    const top = this.stack[this.stack.length - 1];
    if (top && ((SELF_CLOSING_SIBLINGS.has(name) && top.name === name) || (top.name === 'p' && BLOCK.has(name))))
      this.pop();
    if (this.stack.length >= MAX_HTML_DEPTH) {
      if (RAW_TEXT.has(name)) this.rawTextOverflow = true;
      else this.overflow += 1;
      return;
    }
    const element: Open = {
      name,
      furniture: FURNITURE.has(name) || this.furnitureAttribute,
      article: name === 'article' || name === 'main' || this.articleAttribute,
    };
    this.stack.push(element);
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
    if (element.furniture) this.furnitureDepth += 1;
    if (element.article) this.articleDepth += 1;
  }

  private pop(): Open {
    const element = this.stack.pop()!;
    this.openCount.set(element.name, this.openCount.get(element.name)! - 1);
    if (element.furniture) this.furnitureDepth -= 1;
    if (element.article) this.articleDepth -= 1;
    return element;
  }

  private addText(text: string): void {
    if (this.furnitureDepth > 0 || this.rawTextOverflow) return;
    if (this.current.length === 0) this.currentInArticle = this.articleDepth > 0;
    this.current.push(text);
  }

  private flush(): void {
    if (this.current.length === 0) return;
    const text = normaliseSpaces(this.current.join(''));
    this.current = [];
    if (text.length > 0) this.paragraphs.push({ text, inArticle: this.currentInArticle });
  }
}

/** HTML → paragraphs of plain text (see the comment at the top of this file). Linear time; never throws on bad markup. */
export function htmlToText(html: string): string {
  const collector = new TextCollector(html);
  const tokenizer = new Tokenizer({ decodeEntities: true }, collector);
  tokenizer.write(html);
  tokenizer.end();
  return collector.text();
}

function normaliseSpaces(text: string): string {
  return stripControlCharacters(text)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Plain text: unify line endings, replace control characters other than tab and newline; words stay as sent. */
export function cleanPlainText(text: string): string {
  return stripControlCharacters(text.replace(/\r\n?/g, '\n')).trim();
}

/** An article body (plain text or HTML) → the text stored and coded, and which it was. */
export function bodyToText(body: string): { text: string; format: 'html' | 'text' } {
  return looksLikeHtml(body)
    ? { text: htmlToText(body), format: 'html' }
    : { text: cleanPlainText(body), format: 'text' };
}
