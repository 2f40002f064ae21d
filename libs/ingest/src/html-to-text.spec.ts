import { cleanPlainText, htmlToText, looksLikeHtml } from './html-to-text.js';

describe('html to text', () => {
  it('tells HTML from plain text', () => {
    expect(looksLikeHtml('<p>Iraq’s prime minister wrote to Tehran.</p>')).toBe(true);
    expect(looksLikeHtml('Iraq’s prime minister wrote to Tehran. 3 < 4 and 5 > 2.')).toBe(false);
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
    expect(text).not.toContain('<');
  });

  it('handles a fragment without html/body tags', () => {
    expect(htmlToText('<p>One.</p><p>Two &amp; three.</p>')).toBe('One.\n\nTwo & three.');
  });

  it('cleans plain text line endings without touching words', () => {
    expect(cleanPlainText('  a\r\nb\rc\u0000 ')).toBe('a\nb\nc');
  });
});
