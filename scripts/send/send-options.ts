// `npm run -s send` arguments, parsed without a dependency: a person types these.

export interface SendOptions {
  url?: string;
  title?: string;
  publishedAt?: string;
  outlet?: string;
  sourceId?: string;
  language?: string;
  file?: string;
  wait: boolean;
  json: boolean;
}

export const USAGE = `usage: npm run -s send -- [--url URL] [--published-at YYYY-MM-DD] [--title TITLE] [--outlet OUTLET] [--wait] [FILE | -]
  FILE is the article's text (or HTML); with --json, or "-" / nothing and a pipe, a JSON body
  { url, title, publishedAt, body, outlet, sourceId?, language? } read from the file or stdin,
  which --url, --title, --published-at and --outlet override.
  Signs with WEBHOOK_SECRET (default: the development secret) and posts to NEWSLEDGER_URL
  (default http://127.0.0.1:$PORT, PORT 3000). --wait prints the coded events.`;

const VALUE_FLAGS = {
  '--url': 'url',
  '--title': 'title',
  '--published-at': 'publishedAt',
  '--outlet': 'outlet',
  '--source-id': 'sourceId',
  '--language': 'language',
} as const;

export function parseSendArgs(argv: readonly string[]): SendOptions {
  const options: SendOptions = { wait: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--wait') options.wait = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else if (arg in VALUE_FLAGS) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      options[VALUE_FLAGS[arg as keyof typeof VALUE_FLAGS]] = value;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (options.file !== undefined)
      throw new Error(`one file at a time (got ${options.file} and ${arg})\n${USAGE}`);
    else options.file = arg;
  }
  return options;
}

export interface ArticleBody {
  url: string;
  title: string;
  publishedAt: string;
  body: string;
  outlet: string;
  sourceId?: string;
  language?: string;
}

/** The delivery body from the file (text or JSON) and the options; throws naming what is missing. */
export function articleBody(options: SendOptions, content: string, fileName?: string): ArticleBody {
  const trimmed = content.trimStart();
  const asJson =
    options.json ||
    options.file === '-' ||
    options.file === undefined ||
    (trimmed.startsWith('{') && fileName?.endsWith('.json'));
  let base: Partial<ArticleBody>;
  if (asJson) {
    try {
      base = JSON.parse(content) as Partial<ArticleBody>;
    } catch (error) {
      throw new Error(
        `the input is not JSON (${(error as Error).message}); give a text FILE with --url and --published-at, or a JSON body`,
        { cause: error },
      );
    }
  } else {
    base = { body: content };
  }
  const firstLine = (base.body ?? '').trim().split('\n')[0]?.trim().slice(0, 200);
  const body: Partial<ArticleBody> = {
    ...base,
    ...(options.url && { url: options.url }),
    ...(options.title && { title: options.title }),
    ...(options.publishedAt && { publishedAt: options.publishedAt }),
    ...(options.outlet && { outlet: options.outlet }),
    ...(options.sourceId && { sourceId: options.sourceId }),
    ...(options.language && { language: options.language }),
  };
  body.title ??= firstLine || undefined;
  body.outlet ??= options.url ? new URL(options.url).hostname : undefined;
  const missing = (['url', 'publishedAt', 'body', 'title', 'outlet'] as const).filter((k) => !body[k]);
  if (missing.length)
    throw new Error(
      `missing ${missing.join(', ')} (${missing.map((k) => (k === 'publishedAt' ? '--published-at' : `--${k}`)).join(', ')})\n${USAGE}`,
    );
  return body as ArticleBody;
}
