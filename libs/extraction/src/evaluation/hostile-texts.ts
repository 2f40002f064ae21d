// Texts made to hurt the coder: the shapes the worst-case benchmark times at
// 1 MB, and a seeded generator of random mixtures the fuzz test codes.

const rep = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);

const COUNTRIES = [
  'Iran',
  'Iraq',
  'Syria',
  'Egypt',
  'Libya',
  'Sudan',
  'Mali',
  'Niger',
  'Peru',
  'Chile',
  'Japan',
  'China',
  'India',
  'Nepal',
  'Oman',
  'Qatar',
  'Yemen',
  'Israel',
  'Jordan',
  'Lebanon',
  'Turkey',
  'Greece',
  'France',
  'Spain',
  'Italy',
  'Germany',
  'Poland',
  'Russia',
  'Ukraine',
  'Chad',
];

/** Many short sentences, each a different event: every mention is compared with every event so far. */
function distinctEvents(n: number): string {
  const out: string[] = [];
  let length = 0;
  for (let k = 0; length < n; k++) {
    const a = COUNTRIES[k % COUNTRIES.length]!;
    const b = COUNTRIES[Math.floor(k / COUNTRIES.length) % COUNTRIES.length]!;
    if (a === b) continue;
    const s = `${a} accused ${b} on ${1 + (k % 28)} May. `;
    out.push(s);
    length += s.length;
  }
  return out.join('').slice(0, n);
}

/** Deterministic shapes of `n` characters, by name. */
export const HOSTILE_SHAPES: Record<string, (n: number) => string> = {
  'one word': (n) => rep('a', n),
  'one word of punctuation': (n) => rep("ab-'#", n),
  'no punctuation': (n) => rep('Iran said the United States would talk with Iraq about sanctions and troops ', n),
  'nested brackets': (n) => rep('(Iran [accused {Iraq ', Math.floor(n / 2)) + rep(')]}', n - Math.floor(n / 2)),
  'one giant sentence': (n) => rep('Iran accused Iraq, and the United States threatened Syria, ', n),
  'many tiny sentences': (n) => rep('Iran met Iraq. ', n),
  'many distinct events': distinctEvents,
  'random punctuation': (n) => rep('!?.,;:"()[]{}…—–-\'', n),
  'html remnants': (n) =>
    rep('<div class="x"><p>Iran <b>accused</b> Iraq</p></div>&nbsp;&amp;<script>var a=1;</script> ', n),
  'unicode and control characters': (n) =>
    rep('Iran\u0000met\u0007Iraq\u200b\u202e in\u00a0Baghdad\u2028😀\u0301 مرحبا 中文 \ud800 ', n),
  'spaces between words': (n) => rep(`Iran${' '.repeat(5_000)}accused${'\t'.repeat(5_000)}Iraq. `, n),
  'line breaks': (n) => rep('Iran\n\n\naccused\nIraq\n', n),
  'random mixture (the fuzz generator, seed 7)': (n) => randomHostileText(seededRandom(7), n),
};

/** mulberry32: a small seeded generator, so a failing fuzz case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'Iran accused the United States of sabotage on Monday.',
  'A strongly worded letter demanded that the troops leave.',
  'Iraqi Prime Minister Mustafa al-Kadhimi sent a letter to Iran last week.',
  'The talks, which began in Vienna on 3 May 2021, resumed.',
  'It was not clear who the message was given to.',
  'Protesters rallied outside the embassy in Baghdad, Iraq, on July 15, 2020. (AP Photo/Nabil al-Jurani)',
  'BAGHDAD (AP) — Iraq and Iran held talks on Monday.',
  'He said they would withdraw from the accord on 0000-01-01 or 31/02/2021.',
  '"We will not accept this," he said, threatening to escalate if they did not.',
  'The two sides agreed to meet again.',
];
/** Words the rules react to (actors, triggers, determiners, pronouns, dates), to be strung together at random. */
const WORDS = (
  'Iran Iraq the a letter talks demanded accused threatened visited met sanctions aid protest protesters withdrew ' +
  'troops he she it they them his her its their that which who was were had has have not never would will if ' +
  'Monday last week on in at to from of by with 2021 May 3 , . ; : " \' ( ) — Kadhimi Qaani Biden United States ' +
  'Tehran Baghdad Washington prime minister foreign the note meeting cancelled refused denied planned said officials'
).split(' ');
const PUNCTUATION = '!?.,;:"\'()[]{}<>…—–-/\\@#$%^&*_=+|~`';
const UNICODE = [
  '😀',
  '\u0301',
  'مرحبا',
  '中文',
  'Ñandú',
  '\u200b',
  '\u202e',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\ud800',
  '\udc00',
  'ß',
  'İ',
  '𝔘𝔫𝔦',
];
const HTML = [
  '<div>',
  '</div>',
  '<p class="a">',
  '&nbsp;',
  '&amp;',
  '<script>alert(1)</script>',
  '<!-- x -->',
  '<br/>',
  '&#x27;',
  '<a href="x">',
];

/**
 * A random mixture of about `size` characters: news sentences cut and joined
 * with runs of punctuation, long words, unicode, control characters, HTML
 * remnants, brackets and white space.
 */
export function randomHostileText(random: () => number, size: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const int = (max: number): number => Math.floor(random() * max);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    let piece: string;
    switch (int(10)) {
      case 0:
        piece = Array.from({ length: 1 + int(200) }, () => pick([...PUNCTUATION])).join('');
        break;
      case 1:
        piece = rep(pick(['a', 'ab-', 'Iran', "x'", '#a', '1', '.a']), 1 + int(3_000));
        break;
      case 2:
        piece = Array.from({ length: 1 + int(20) }, () => pick(UNICODE)).join(pick(['', ' ']));
        break;
      case 3:
        piece = Array.from({ length: 1 + int(20) }, () => String.fromCharCode(int(32))).join('');
        break;
      case 4:
        piece = Array.from({ length: 1 + int(10) }, () => pick(HTML)).join('');
        break;
      case 5:
        piece = rep('(', 1 + int(300)) + pick(SENTENCES) + rep(')', int(300));
        break;
      case 6:
        piece = pick([' ', '\n', '\t', '\r\n']).repeat(1 + int(500));
        break;
      case 7:
      case 8:
        piece = Array.from({ length: 1 + int(60) }, () => pick(WORDS)).join(' ') + pick(['. ', '.\n', ' ', '? ']);
        break;
      default: {
        const s = pick(SENTENCES);
        const from = int(4) === 0 ? int(s.length) : 0;
        piece = s.slice(from, int(4) === 0 ? from + int(s.length) : s.length) + pick([' ', '\n', '', '  ']);
      }
    }
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, size);
}
