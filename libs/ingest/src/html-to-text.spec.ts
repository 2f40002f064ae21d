import { MAX_HTML_DEPTH, bodyToText, cleanPlainText, htmlToText, looksLikeHtml } from './html-to-text.js';

const nested = (depth: number, tag = 'div') =>
  `${`<${tag}>`.repeat(depth)}Iraq and Iran held talks.${`</${tag}>`.repeat(depth)}`;
const timed = (run: () => void) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

describe('html to text', () => {
  it('tells HTML from plain text', () => {
    expect(looksLikeHtml('<p>Iraq’s prime minister wrote to Tehran.</p>')).toBe(true);
    expect(looksLikeHtml('<P class="x">a</P>')).toBe(true);
    expect(looksLikeHtml('Iraq’s prime minister wrote to Tehran. 3 < 4 and 5 > 2.')).toBe(false);
    expect(looksLikeHtml('a <pre-condition> b <divergent> c')).toBe(false);
  });

  it('keeps the article paragraphs and drops scripts, navigation and markup', () => {
    const html = `<html><head><title>t</title><script>alert(1)</script></head><body>
      <nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>Iraqi PM demands Iran restrain militias</h1>
      <p>BAGHDAD (AP) — Iraq’s prime minister <b>asked</b> Iran’s leaders to rein in militias, two Iraqi officials said Wednesday.</p>
      <p>The third round of strategic talks with Washington got under way.</p></article>
      <footer>© AP</footer></body></html>`;
    const text = htmlToText(html);
    expect(text).toContain('Iraq’s prime minister asked Iran’s leaders to rein in militias');
    expect(text).toContain('\n\nThe third round of strategic talks with Washington got under way.');
    expect(text).not.toContain('alert(1)');
    expect(text).not.toContain('Home');
    expect(text).not.toContain('© AP');
    expect(text).not.toContain('<');
  });

  it('handles a fragment without html/body tags, decodes entities and splits paragraphs at blocks and <br>', () => {
    expect(htmlToText('<p>One.</p><p>Two &amp; three.</p>')).toBe('One.\n\nTwo & three.');
    expect(htmlToText('<div>First line<br/><br>Second &#x2014; line</div>')).toBe('First line\n\nSecond — line');
    expect(htmlToText('<p>a<p>b<li>c<li>d')).toBe('a\n\nb\n\nc\n\nd');
  });

  it('drops page furniture named by role, class, id or hidden, but keeps a marked article body', () => {
    const html = `<div class="site-header">Subscribe now</div>
      <div class="article-body"><p>Envoys met in Geneva on Tuesday to discuss a ceasefire.</p></div>
      <div id="related-stories"><p>Ten other stories you might like</p></div>
      <div role="navigation">Sections</div><p hidden>secret</p><p aria-hidden="true">icon</p>`;
    expect(htmlToText(html)).toBe('Envoys met in Geneva on Tuesday to discuss a ceasefire.');
  });

  it('falls back to the whole page when the marked article holds little of its text', () => {
    const html = `<article><p>Teaser.</p></article><div><p>${'The ministers met and agreed on a plan. '.repeat(5)}</p></div>`;
    expect(htmlToText(html)).toContain('The ministers met');
    expect(htmlToText(html)).toContain('Teaser.');
  });

  it('stores no script text for script-only HTML (the ingest then refuses it)', () => {
    expect(htmlToText('<div><script>var x = "Iraq and Iran held talks";</script><style>p{}</style></div>')).toBe('');
  });

  it('replaces control characters and keeps no NUL from entities', () => {
    expect(htmlToText('<p>a&#0;b\u0001c\u000bd</p>')).toBe('a\ufffdb c d');
  });

  it('keeps the text of elements nested past the depth cap, ignoring their tags', () => {
    expect(htmlToText(nested(MAX_HTML_DEPTH + 50))).toBe('Iraq and Iran held talks.');
    expect(
      htmlToText(`${'<div>'.repeat(MAX_HTML_DEPTH)}<script>evil()</script>kept${'</div>'.repeat(MAX_HTML_DEPTH)}`),
    ).toBe('kept');
  });

  it('stays linear on hostile markup (a quadratic parse takes minutes here; figures in BENCHMARKS.md)', () => {
    for (const html of [
      nested(60_000),
      '<p>'.repeat(200_000),
      `${'<b>'.repeat(100_000)}${'</i>'.repeat(100_000)}`,
      '<p '.repeat(330_000),
    ]) {
      expect(timed(() => htmlToText(html))).toBeLessThan(5_000);
    }
    expect(timed(() => looksLikeHtml('<p '.repeat(330_000)))).toBeLessThan(1_000);
  });

  it('cleans plain text line endings without touching words', () => {
    expect(cleanPlainText('  a\r\nb\rc\u0000 ')).toBe('a\nb\nc');
    expect(cleanPlainText('a\fb\tc')).toBe('a b\tc');
  });

  it('says which format a body was', () => {
    expect(bodyToText('<p>x</p>')).toEqual({ text: 'x', format: 'html' });
    expect(bodyToText('x')).toEqual({ text: 'x', format: 'text' });
  });
});
