// npm run -s bench:language [-- --modules DIR] [--rounds 20]
// Compares language detectors on the labelled news openings of
// libs/extraction/src/language/samples.ts: exact language, English kept as
// English, other languages taken for English, and microseconds per text; last
// the coder's own detectLanguage (eld "small" + the English-margin rule). Only
// eld is a dependency: the other candidates are loaded from DIR/node_modules
// when installed there (e.g. `npm install --prefix DIR franc-min@6.2.0 tinyld@1.3.4
// languagedetect@2.0.0 lande@1.0.10 cld3-asm@4.0.0 cld@2.10.1`; cld is a native
// addon and needs its install script), and reported as missing otherwise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectLanguage } from '#extraction';
import { LANGUAGE_SAMPLES } from '#extraction/language/samples';

type Detect = (text: string) => string | Promise<string>;

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const modules = resolve(option('--modules') ?? '.');
const rounds = Number(option('--rounds') ?? 20);

/** A package from DIR/node_modules: an ES module by its `import` entry, anything else through `require`. */
async function load(name: string): Promise<Record<string, unknown>> {
  const dir = join(modules, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const root = (pkg.exports as Record<string, Record<string, string> | string> | undefined)?.['.'];
  const esm =
    typeof root === 'object' ? root.import : pkg.type === 'module' ? ((root as string) ?? pkg.main) : undefined;
  if (esm) return (await import(pathToFileURL(join(dir, esm)).href)) as Record<string, unknown>;
  const required = createRequire(join(modules, 'package.json'))(name) as Record<string, unknown>;
  return { default: required, ...required };
}

/** ISO 639-3 (franc, lande) to the 639-1 codes of the samples. */
const ISO_639_3: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', rus: 'ru', ukr: 'uk', pol: 'pl', tur: 'tr',
  arb: 'ar', ara: 'ar', pes: 'fa', fas: 'fa', heb: 'he', cmn: 'zh', zho: 'zh', jpn: 'ja', ind: 'id', swh: 'sw', swa: 'sw',
  hin: 'hi', zlm: 'ms', msa: 'ms',
}; // prettier-ignore
const from639_3 = (code: string): string => ISO_639_3[code] ?? (code === 'und' ? '' : code);
/** CLD's older codes. */
const fromCld = (code: string): string => ({ iw: 'he', in: 'id' })[code] ?? code;

const candidates: Record<string, () => Promise<Detect>> = {
  'franc-min 6.2.0': async () => {
    const { franc } = (await load('franc-min')) as { franc: (t: string, o: object) => string };
    return (t) => from639_3(franc(t, { minLength: 3 }));
  },
  'eld 2.1.0 (large)': async () => {
    const { eld } = (await import('eld/large')) as { eld: { detect: (t: string) => { language: string } } };
    return (t) => eld.detect(t).language;
  },
  'eld 2.1.0 (small)': async () => {
    const { eld } = (await import('eld/small')) as { eld: { detect: (t: string) => { language: string } } };
    return (t) => eld.detect(t).language;
  },
  'tinyld 1.3.4': async () => {
    const { detect } = (await load('tinyld')) as { detect: (t: string) => string };
    return (t) => detect(t);
  },
  'languagedetect 2.0.0': async () => {
    const LanguageDetect = (await load('languagedetect')).default as new () => {
      setLanguageType(t: string): void;
      detect(t: string, n: number): [string, number][];
    };
    const detector = new LanguageDetect();
    detector.setLanguageType('iso2');
    return (t) => detector.detect(t, 1)[0]?.[0] ?? '';
  },
  'lande 1.0.10': async () => {
    const lande = (await load('lande')).default as (t: string) => [string, number][];
    return (t) => from639_3(lande(t)[0]?.[0] ?? '');
  },
  'cld3-asm 4.0.0': async () => {
    const { loadModule } = (await load('cld3-asm')) as {
      loadModule: () => Promise<{
        create: (min: number, max: number) => { findLanguage: (t: string) => { language: string } };
      }>;
    };
    const cld3 = (await loadModule()).create(0, 1000);
    return (t) => fromCld(cld3.findLanguage(t).language);
  },
  'cld 2.10.1 (CLD2, bestEffort)': async () => {
    const cld = (await load('cld')).default as {
      detect: (t: string, o: object) => Promise<{ languages: { code: string }[] }>;
    };
    return async (t) =>
      fromCld((await cld.detect(t, { bestEffort: true }).catch(() => ({ languages: [] }))).languages[0]?.code ?? '');
  },
  'detectLanguage (the coder: eld small + English margin)': async () => detectLanguage,
};

const english = LANGUAGE_SAMPLES.filter((s) => s.language === 'en').length;
const others = LANGUAGE_SAMPLES.length - english;
console.log(
  `${LANGUAGE_SAMPLES.length} samples: ${english} English (12 crowded with foreign names), ${others} in 18 other languages`,
);
console.log(
  '\n| detector | exact | English kept | others taken for English | µs per text | wrong |\n|---|---|---|---|---|---|',
);
for (const [name, make] of Object.entries(candidates)) {
  let detect: Detect;
  try {
    detect = await make();
  } catch (error) {
    console.log(
      `| ${name} | not installed in ${modules}/node_modules (${(error as Error).message.split('\n')[0]}) |||||`,
    );
    continue;
  }
  for (const s of LANGUAGE_SAMPLES) await detect(s.text); // warm up
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const s of LANGUAGE_SAMPLES) await detect(s.text);
  const us = ((performance.now() - t0) * 1000) / (rounds * LANGUAGE_SAMPLES.length);
  let exact = 0;
  let kept = 0;
  let takenForEnglish = 0;
  const wrong = new Map<string, number>();
  for (const s of LANGUAGE_SAMPLES) {
    const got = await detect(s.text);
    if (got === s.language) exact++;
    else wrong.set(`${s.language}→${got || '?'}`, (wrong.get(`${s.language}→${got || '?'}`) ?? 0) + 1);
    if (s.language === 'en' && got === 'en') kept++;
    if (s.language !== 'en' && got === 'en') takenForEnglish++;
  }
  const misses = [...wrong].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
  console.log(
    `| ${name} | ${exact}/${LANGUAGE_SAMPLES.length} | ${kept}/${english} | ${takenForEnglish}/${others} | ${us.toFixed(0)} | ${misses} |`,
  );
}
