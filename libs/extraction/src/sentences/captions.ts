// Photo captions and credits. Their events are background (the gold marks them
// optional) and the credit names ("AP Photo/Khalid Mohammed") are never actors.

// A credit is a parenthesis naming a photographer or agency, usually ending a caption.
const CREDIT = /\((?:[^()]{0,120}?(?:\bAP\b|\bPhoto\b|\bAFP\b|\bReuters\b|\bGetty\b|\bvia\b|\/)[^()]{0,120}?)\)/g;
const CAPTION_START = /^\s*(?:Pictured:|Photo:|File photo|This (?:undated |handout )?(?:photo|image|picture))/i;
const DATELINE = /^[A-Z][A-Z .,'-]{2,60}(?:\([^)]{0,30}\))?\s*[\u2013\u2014-]\s/;
const INLINE_CREDIT = /\bPhoto:\s*[^\n]*$/;

export interface CaptionInfo {
  /** [start, end) character ranges of caption paragraphs. */
  paragraphs: Array<[number, number]>;
  /** [start, end) character ranges of credits, whose names are not actors. */
  credits: Array<[number, number]>;
}

export function findCaptions(text: string): CaptionInfo {
  const paragraphs: Array<[number, number]> = [];
  const credits: Array<[number, number]> = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    let isCaption = CAPTION_START.test(line);
    CREDIT.lastIndex = 0;
    for (let m = CREDIT.exec(line); m; m = CREDIT.exec(line)) {
      // A dateline "BAGHDAD (AP) —" is not a credit: it starts an article, it doesn't end a caption.
      const after = line.slice(m.index + m[0].length).trim();
      if (/^[—–-]/.test(after)) continue; // part of a dateline, handled below
      credits.push([pos + m.index, pos + m.index + m[0].length]);
      if (after === '' || after === '.') isCaption = true;
    }
    // "BAGHDAD (AP) —", "BEIRUT, LEBANON (8:40 A.M.) –": a dateline names no actor
    const dateline = DATELINE.exec(line);
    if (dateline) credits.push([pos, pos + dateline[0].length]);
    const inline = INLINE_CREDIT.exec(line);
    if (inline) {
      credits.push([pos + inline.index, nl]);
      if (/^\s*Pictured:/i.test(line)) isCaption = true;
    }
    if (isCaption && line.trim()) paragraphs.push([pos, nl]);
    pos = nl + 1;
  }
  credits.sort((x, y) => x[0] - y[0]);
  return { paragraphs, credits };
}
