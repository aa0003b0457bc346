import { describe, expect, it } from 'vitest';
import type { SubmitJobInput, UploadUrl } from '../../src/ips/types.js';
import {
  EMAIL_SETTINGS,
  FLAGS_BY_KIND,
  PUBLISH_TYPES,
  SUBMIT_KINDS,
  SubmitInputError,
  defaultJobName,
  describeSubmission,
  misfitFlag,
  parseThenPublish,
  parseUrlList,
  planSubmissions,
  type SubmitPlanInput,
} from '../../src/jobs/submit-plan.js';

const SOURCE = { source: 'urls.tsv' };

function urlsError(text: string, options: { source: string; destFolder?: string } = SOURCE): string {
  try {
    parseUrlList(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SubmitInputError);
    return (error as Error).message;
  }
  throw new Error('parseUrlList did not throw');
}

describe('the constants', () => {
  it('lists the kinds the command takes', () => {
    expect(SUBMIT_KINDS).toEqual(['image-serving-publish', 'image-rendering-publish', 'video-publish', 'upload-urls']);
  });

  it('maps flag names to the IPS values', () => {
    expect(EMAIL_SETTINGS).toEqual({ all: 'All', error: 'Error', 'error-and-warning': 'ErrorAndWarning', 'job-completion': 'JobCompletion', none: 'None' });
    expect(PUBLISH_TYPES).toEqual({ full: 'Full', 'full-with-search': 'FullWithSearch', incremental: 'Incremental' });
  });

  it('SubmitInputError is an Error with its own name', () => {
    const error = new SubmitInputError('bad');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SubmitInputError');
    expect(error.message).toBe('bad');
  });
});

describe('the flags each kind takes (FLAGS_BY_KIND)', () => {
  const common = ['--name', '--description', '--at', '--schedule', '--email-setting', '--completion-url', '--yes', '--dry-run', '--wait', '--output'];

  it('is every kind: the flags common to all, and its own', () => {
    expect(FLAGS_BY_KIND).toEqual({
      'image-serving-publish': [...common, '--publish-type'],
      'image-rendering-publish': common,
      'video-publish': common,
      'upload-urls': [...common, '--urls', '--dest-folder', '--overwrite', '--ready-for-publish', '--create-mask', '--then-publish', '--batch-size'],
    });
  });

  const everyFlag = [...new Set(SUBMIT_KINDS.flatMap((kind) => FLAGS_BY_KIND[kind]))];
  const kindsTaking = (flag: string) => SUBMIT_KINDS.filter((kind) => FLAGS_BY_KIND[kind].includes(flag));
  const cases = SUBMIT_KINDS.flatMap((kind) => everyFlag.map((flag) => ({ kind, flag, takes: FLAGS_BY_KIND[kind].includes(flag) })));

  it.each(cases)('$kind with $flag: taken $takes', ({ kind, flag, takes }) => {
    expect(misfitFlag(kind, [flag])).toBe(takes ? undefined : `${flag} only goes with ${kindsTaking(flag).join(', ')}, not ${kind}`);
  });

  it('names the first flag the kind does not take, in the order given', () => {
    expect(misfitFlag('video-publish', ['--name', '--dest-folder', '--urls', '--publish-type'])).toBe('--dest-folder only goes with upload-urls, not video-publish');
  });

  it('leaves flags outside the table (the global and follow flags) to their own checks', () => {
    expect(misfitFlag('video-publish', ['--interval', '--company', '--debug'])).toBeUndefined();
  });
});

describe('parseUrlList', () => {
  it('reads sourceUrl<TAB>destPath lines', () => {
    expect(parseUrlList('https://cdn.example.com/a.jpg\tspring/a.jpg\nhttp://cdn.example.com/b.png\tspring/b.png\n', SOURCE)).toEqual([
      { sourceUrl: 'https://cdn.example.com/a.jpg', destPath: 'spring/a.jpg' },
      { sourceUrl: 'http://cdn.example.com/b.png', destPath: 'spring/b.png' },
    ]);
  });

  it('keeps the URL as written and trims spaces around the fields', () => {
    expect(parseUrlList('  https://cdn.example.com/x/a%20b.jpg?v=2 \t  spring/a b.jpg  ', SOURCE)).toEqual([
      { sourceUrl: 'https://cdn.example.com/x/a%20b.jpg?v=2', destPath: 'spring/a b.jpg' },
    ]);
  });

  it('skips blank lines, whitespace-only lines and # comments', () => {
    const text = '# spring campaign\n\n   \nhttps://e.com/a.jpg\tf/a.jpg\n  # indented comment\n\nhttps://e.com/b.jpg\tf/b.jpg';
    expect(parseUrlList(text, SOURCE).map((url) => url.destPath)).toEqual(['f/a.jpg', 'f/b.jpg']);
  });

  it('reads CRLF files, dropping the \\r from the destPath', () => {
    expect(parseUrlList('# list\r\nhttps://e.com/a.jpg\tf/a.jpg\r\n\r\nhttps://e.com/b.jpg\tf/b.jpg\r\n', SOURCE)).toEqual([
      { sourceUrl: 'https://e.com/a.jpg', destPath: 'f/a.jpg' },
      { sourceUrl: 'https://e.com/b.jpg', destPath: 'f/b.jpg' },
    ]);
  });

  it('ignores a UTF-8 byte order mark at the start', () => {
    expect(parseUrlList('\uFEFFhttps://e.com/a.jpg\tf/a.jpg', SOURCE)).toEqual([{ sourceUrl: 'https://e.com/a.jpg', destPath: 'f/a.jpg' }]);
  });

  describe('a URL alone with destFolder', () => {
    it.each([
      ['spring26', 'https://cdn.example.com/img/a.jpg', 'spring26/a.jpg'],
      ['spring26/', 'https://cdn.example.com/img/a.jpg', 'spring26/a.jpg'],
      ['spring26//', 'https://cdn.example.com/img/a.jpg', 'spring26/a.jpg'],
      ['brand/spring26', 'https://cdn.example.com/a.jpg', 'brand/spring26/a.jpg'],
      ['spring26', 'https://cdn.example.com/img/a%20b%C3%A9.jpg', 'spring26/a bé.jpg'],
      ['spring26', 'https://cdn.example.com/img/a.jpg?size=large#top', 'spring26/a.jpg'],
    ])('--dest-folder %s and %s give %s', (destFolder, url, destPath) => {
      expect(parseUrlList(url, { source: 'urls.tsv', destFolder })).toEqual([{ sourceUrl: url, destPath }]);
    });

    it('mixes with lines that give their own destPath', () => {
      expect(parseUrlList('https://e.com/a.jpg\nhttps://e.com/b.jpg\tother/b.jpg', { source: '-', destFolder: 'f' })).toEqual([
        { sourceUrl: 'https://e.com/a.jpg', destPath: 'f/a.jpg' },
        { sourceUrl: 'https://e.com/b.jpg', destPath: 'other/b.jpg' },
      ]);
    });

    describe('the file name is the last path segment, decoded only where decoding cannot add a separator', () => {
      it.each([
        ['https://a.example/a%2Fb.jpg', 'd/a%2Fb.jpg'],
        ['https://a.example/a%2fb.jpg', 'd/a%2fb.jpg'],
        ['https://a.example/x/a%5Cb.jpg', 'd/a%5Cb.jpg'],
        ['https://a.example/x/a%5cb.jpg', 'd/a%5cb.jpg'],
        ['https://a.example/a%20%2F%20b%C3%A9.jpg', 'd/a %2F bé.jpg'],
        ['https://a.example/x/%2e%2e%2fetc', 'd/..%2fetc'],
        ['https://a.example/x/%252F.jpg', 'd/%2F.jpg'],
        ['https://a.example/x\\a.jpg', 'd/a.jpg'],
        ['https://a.example/img/a.jpg?path=/x/y.jpg#/z/w.jpg', 'd/a.jpg'],
        ['https://a.example/a.jpg?name=..%2F..%2Fetc', 'd/a.jpg'],
        ['https://a.example/a.jpg#%00', 'd/a.jpg'],
      ])('%s goes to %s', (url, destPath) => {
        expect(parseUrlList(url, { source: 'urls.tsv', destFolder: 'd' })).toEqual([{ sourceUrl: url, destPath }]);
      });

      it.each([
        'https://a.example/img/..',
        'https://a.example/img/%2e%2e',
        'https://a.example/img/.',
        'https://a.example/img/%2E',
        'https://a.example/img/?a.jpg',
        'https://a.example/#a.jpg',
        'https://a.example/img/%20',
      ])('refuses %s, whose file name is empty, . or .., with its line number', (url) => {
        expect(urlsError(`https://a.example/ok.jpg\n${url}`, { source: 'urls.tsv', destFolder: 'd' })).toBe(
          `urls.tsv line 2: the URL names no file to put in --dest-folder (give sourceUrl<TAB>destPath): ${JSON.stringify(url)}`,
        );
      });

      it.each(['https://a.example/a%00b.jpg', 'https://a.example/a%0Ab.jpg', 'https://a.example/a%1Bb.jpg', 'https://a.example/a%7F.jpg', 'https://a.example/a%C2%85.jpg', 'https://a.example/%00'])(
        'refuses %s, whose file name has a control character, with its line number',
        (url) => {
          expect(urlsError(`# list\n\n${url}`, { source: 'urls.tsv', destFolder: 'd' })).toBe(
            `urls.tsv line 3: the URL's file name has a control character (give sourceUrl<TAB>destPath): ${JSON.stringify(url)}`,
          );
        },
      );

      it('refuses a control character written raw, which the URL carries percent-encoded', () => {
        expect(urlsError('https://a.example/a\u0001b.jpg', { source: 'urls.tsv', destFolder: 'd' })).toBe(
          `urls.tsv line 1: the URL's file name has a control character (give sourceUrl<TAB>destPath): "https://a.example/a\\u0001b.jpg"`,
        );
      });
    });

    it.each(['https://e.com/img/', 'https://e.com', 'https://e.com/'])('rejects %s, which names no file', (url) => {
      expect(urlsError(`# x\n${url}`, { source: 'urls.tsv', destFolder: 'f' })).toBe(
        `urls.tsv line 2: the URL names no file to put in --dest-folder (give sourceUrl<TAB>destPath): "${url}"`,
      );
    });

    it('rejects a file name that is not valid percent-encoding', () => {
      expect(urlsError('https://e.com/a%E0.jpg', { source: 'urls.tsv', destFolder: 'f' })).toBe(
        'urls.tsv line 1: the URL names no file to put in --dest-folder (give sourceUrl<TAB>destPath): "https://e.com/a%E0.jpg"',
      );
    });

    it('treats a blank --dest-folder as none given', () => {
      expect(urlsError('https://e.com/a.jpg', { source: 'urls.tsv', destFolder: ' ' })).toContain('give sourceUrl<TAB>destPath, or --dest-folder');
    });
  });

  it('rejects a URL alone without destFolder', () => {
    expect(urlsError('https://e.com/a.jpg\tf/a.jpg\nhttps://e.com/b.jpg')).toBe(
      'urls.tsv line 2: a URL alone needs a destination: give sourceUrl<TAB>destPath, or --dest-folder: "https://e.com/b.jpg"',
    );
  });

  it.each(['ftp://e.com/a.jpg', 'file:///tmp/a.jpg', 'e.com/a.jpg', '/tmp/a.jpg', 'https://', 'javascript:alert(1)'])(
    'rejects %s, not an http(s) URL',
    (url) => {
      expect(urlsError(`\n${url}\tf/a.jpg`)).toBe(`urls.tsv line 2: not an http or https URL: ${JSON.stringify(url)}`);
    },
  );

  it('rejects a URL with a user and password without echoing the password', () => {
    const message = urlsError('https://joe:s3cret@e.com/a.jpg\tf/a.jpg');
    expect(message).toBe('urls.tsv line 1: a URL with a user name or password would be sent to IPS in clear; leave them out: "https://joe:***@e.com/a.jpg"');
    expect(message).not.toContain('s3cret');
  });

  it('rejects a URL with a user name only', () => {
    expect(urlsError('https://joe@e.com/a.jpg\tf/a.jpg')).toBe(
      'urls.tsv line 1: a URL with a user name or password would be sent to IPS in clear; leave them out: "https://joe@e.com/a.jpg"',
    );
  });

  it.each([
    ['https://e.com/a.jpg\t', '"https://e.com/a.jpg\\t"'],
    ['https://e.com/a.jpg\t   ', '"https://e.com/a.jpg\\t   "'],
    ['https://e.com/a.jpg\t\r\n', '"https://e.com/a.jpg\\t"'],
  ])('rejects an empty destPath in %j', (text, quoted) => {
    expect(urlsError(text)).toBe(`urls.tsv line 1: empty destPath after the tab: ${quoted}`);
  });

  it('rejects more than one tab, showing the tabs', () => {
    expect(urlsError('https://e.com/a.jpg\tf/a.jpg\textra')).toBe('urls.tsv line 1: more than one tab (give sourceUrl<TAB>destPath): "https://e.com/a.jpg\\tf/a.jpg\\textra"');
  });

  it('counts lines from 1, blank lines and comments included, in CRLF files too', () => {
    expect(urlsError('# a\r\n\r\nhttps://e.com/a.jpg\tf/a.jpg\r\nftp://e.com/b.jpg\tf/b.jpg\r\n')).toMatch(/^urls\.tsv line 4: /);
  });

  it('quotes at most 80 characters of the bad text', () => {
    const url = `ftp://e.com/${'x'.repeat(200)}`;
    const message = urlsError(`${url}\tf/a.jpg`);
    const quoted = /: "(.*)"$/.exec(message)?.[1];
    expect(quoted).toBe(`${url.slice(0, 79)}…`);
    expect(quoted).toHaveLength(80);
  });

  it('names the source it was given', () => {
    expect(urlsError('nope\tf/a.jpg', { source: 'standard input' })).toBe('standard input line 1: not an http or https URL: "nope"');
  });

  describe('an upload listed more than once', () => {
    function parsedWithWarnings(text: string, destFolder?: string) {
      const warnings: string[] = [];
      const urls = parseUrlList(text, { source: 'urls.tsv', destFolder, warn: (warning) => warnings.push(warning) });
      return { urls, warnings };
    }

    it('is sent as listed, with one warning for each naming its lines', () => {
      const text = [
        'https://e.com/a.jpg',
        '# again',
        'https://e.com/b.jpg\tf/b.jpg',
        '  https://e.com/a.jpg  ',
        'https://e.com/a.jpg\tf/a.jpg\r',
        'https://e.com/b.jpg\tf/b.jpg',
        'https://e.com/c.jpg',
      ].join('\n');
      const { urls, warnings } = parsedWithWarnings(text, 'f');
      expect(urls.map((url) => url.destPath)).toEqual(['f/a.jpg', 'f/b.jpg', 'f/a.jpg', 'f/a.jpg', 'f/b.jpg', 'f/c.jpg']);
      expect(warnings).toEqual([
        'urls.tsv lines 1, 4 and 5 are the same upload, sent once for each line: "https://e.com/a.jpg" → "f/a.jpg"',
        'urls.tsv lines 3 and 6 are the same upload, sent once for each line: "https://e.com/b.jpg" → "f/b.jpg"',
      ]);
    });

    it('is not the same upload when the source or the destination differs', () => {
      const { warnings } = parsedWithWarnings('https://e.com/a.jpg\tf/a.jpg\nhttps://e.com/a.jpg\tg/a.jpg\nhttps://e.com/x/a.jpg\tf/a.jpg');
      expect(warnings).toEqual([]);
    });

    it('warns of nothing when a line is refused: the refusal is the one line', () => {
      const warnings: string[] = [];
      expect(() => parseUrlList('https://e.com/a.jpg\tf/a.jpg\nhttps://e.com/a.jpg\tf/a.jpg\nftp://e.com/b.jpg\tf/b.jpg', { source: 'urls.tsv', warn: (w) => warnings.push(w) })).toThrow(
        'urls.tsv line 3: not an http or https URL',
      );
      expect(warnings).toEqual([]);
    });
  });

  it.each(['', '\n\n', '# only a comment\n', '\r\n  \r\n'])('rejects a list with no URLs: %j', (text) => {
    expect(urlsError(text)).toBe('no URLs in urls.tsv');
  });
});

describe('parseThenPublish', () => {
  it.each([
    ['image-serving', { kind: 'image-serving', publishType: 'incremental' }],
    ['image-serving:incremental', { kind: 'image-serving', publishType: 'incremental' }],
    ['image-serving:full', { kind: 'image-serving', publishType: 'full' }],
    ['image-serving:full-with-search', { kind: 'image-serving', publishType: 'full-with-search' }],
    ['image-rendering', { kind: 'image-rendering' }],
    ['video', { kind: 'video' }],
    [' video ', { kind: 'video' }],
  ])('%j → %o', (text, expected) => {
    expect(parseThenPublish(text)).toEqual(expected);
  });

  it.each(['', 'image', 'image-serving:', 'image-serving:Full', 'image-rendering:full', 'VIDEO', 'image-serving-publish'])('rejects %j listing the accepted values', (text) => {
    expect(() => parseThenPublish(text)).toThrow(SubmitInputError);
    expect(() => parseThenPublish(text)).toThrow(
      `invalid --then-publish ${JSON.stringify(text)}: expected image-serving, image-serving:full, image-serving:full-with-search, image-serving:incremental, image-rendering, video`,
    );
  });

  it('returns a fresh object each time', () => {
    const first = parseThenPublish('image-serving');
    if (first.kind === 'image-serving') first.publishType = 'full';
    expect(parseThenPublish('image-serving')).toEqual({ kind: 'image-serving', publishType: 'incremental' });
  });
});

describe('defaultJobName', () => {
  it('is the kind and the UTC time to the second', () => {
    expect(defaultJobName('image-serving-publish', new Date('2026-12-04T15:15:02.987Z'))).toBe('image-serving-publish-20261204T151502Z');
    expect(defaultJobName('upload-urls', new Date('2027-01-09T03:04:05+01:00'))).toBe('upload-urls-20270109T020405Z');
  });
});

const COMPANY = 'c|1001';

function publishInput(overrides: Partial<SubmitPlanInput> = {}): SubmitPlanInput {
  return { kind: 'image-serving-publish', companyHandle: COMPANY, jobName: 'X', emailSetting: 'error', batchSize: 500, ...overrides };
}

function uploadUrls(count: number, folders = 1): UploadUrl[] {
  return Array.from({ length: count }, (_, i) => ({ sourceUrl: `https://e.com/${i}.jpg`, destPath: `f${i % folders}/${i}.jpg` }));
}

function uploadInput(overrides: Partial<SubmitPlanInput> = {}): SubmitPlanInput {
  return publishInput({ kind: 'upload-urls', urls: uploadUrls(3), ...overrides });
}

function planError(input: SubmitPlanInput): string {
  try {
    planSubmissions(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SubmitInputError);
    return (error as Error).message;
  }
  throw new Error('planSubmissions did not throw');
}

describe('planSubmissions: publishes', () => {
  it('sends one image-serving publish, incremental by default', () => {
    expect(planSubmissions(publishInput())).toEqual([
      { companyHandle: COMPANY, jobName: 'X', imageServingPublishJob: { emailSetting: 'Error', publishType: 'Incremental' } },
    ]);
  });

  it.each([
    ['full', 'Full'],
    ['full-with-search', 'FullWithSearch'],
    ['incremental', 'Incremental'],
  ] as const)('--publish-type %s is %s', (name, type) => {
    expect(planSubmissions(publishInput({ publishType: name }))[0]?.imageServingPublishJob?.publishType).toBe(type);
  });

  it('carries description, execTime, e-mail setting and completion URL', () => {
    const input = publishInput({ description: 'nightly', execTime: '2026-12-04T16:00:00+00:00', emailSetting: 'job-completion', completionUrl: 'https://hooks.example.com/done' });
    expect(planSubmissions(input)).toEqual([
      {
        companyHandle: COMPANY,
        jobName: 'X',
        description: 'nightly',
        execTime: '2026-12-04T16:00:00+00:00',
        imageServingPublishJob: { emailSetting: 'JobCompletion', httpCompletionUrl: 'https://hooks.example.com/done', publishType: 'Incremental' },
      },
    ]);
  });

  it('carries execSchedule', () => {
    expect(planSubmissions(publishInput({ execSchedule: '0 0 3 * * ?' }))[0]).toEqual({
      companyHandle: COMPANY,
      jobName: 'X',
      execSchedule: '0 0 3 * * ?',
      imageServingPublishJob: { emailSetting: 'Error', publishType: 'Incremental' },
    });
  });

  it('sends an image-rendering publish', () => {
    expect(planSubmissions(publishInput({ kind: 'image-rendering-publish', emailSetting: 'all' }))).toEqual([
      { companyHandle: COMPANY, jobName: 'X', imageRenderingPublishJob: { emailSetting: 'All' } },
    ]);
  });

  it('sends a video publish', () => {
    expect(planSubmissions(publishInput({ kind: 'video-publish', emailSetting: 'none', completionUrl: 'http://h/x' }))).toEqual([
      { companyHandle: COMPANY, jobName: 'X', videoPublishJob: { emailSetting: 'None', httpCompletionUrl: 'http://h/x' } },
    ]);
  });

  it('writes no keys for options not given', () => {
    const [request] = planSubmissions(publishInput({ kind: 'video-publish' }));
    expect(Object.keys(request ?? {})).toEqual(['companyHandle', 'jobName', 'videoPublishJob']);
    expect(Object.keys(request?.videoPublishJob ?? {})).toEqual(['emailSetting']);
  });
});

describe('planSubmissions: upload-urls', () => {
  it('sends one job for a list within the batch size, named as given, options false by default', () => {
    const urls = uploadUrls(3);
    expect(planSubmissions(uploadInput({ urls }))).toEqual([
      {
        companyHandle: COMPANY,
        jobName: 'X',
        uploadUrlsJob: { urlArray: urls, overwrite: false, readyForPublish: false, createMask: false, emailSetting: 'Error' },
      },
    ]);
  });

  it('sets overwrite, readyForPublish and createMask', () => {
    const job = planSubmissions(uploadInput({ overwrite: true, readyForPublish: true, createMask: true }))[0]?.uploadUrlsJob;
    expect(job).toMatchObject({ overwrite: true, readyForPublish: true, createMask: true });
  });

  it('splits 1001 URLs at 500 into 3 jobs of 500, 500 and 1, named 1of3…3of3, in order', () => {
    const urls = uploadUrls(1001);
    const requests = planSubmissions(uploadInput({ urls, jobName: 'spring' }));
    expect(requests.map((r) => r.jobName)).toEqual(['spring-1of3', 'spring-2of3', 'spring-3of3']);
    expect(requests.map((r) => r.uploadUrlsJob?.urlArray.length)).toEqual([500, 500, 1]);
    expect(requests.flatMap((r) => r.uploadUrlsJob?.urlArray ?? [])).toEqual(urls);
    expect(requests[2]?.uploadUrlsJob?.urlArray).toEqual([{ sourceUrl: 'https://e.com/1000.jpg', destPath: 'f0/1000.jpg' }]);
  });

  it('makes exactly full batches when the count divides', () => {
    expect(planSubmissions(uploadInput({ urls: uploadUrls(1000) })).map((r) => [r.jobName, r.uploadUrlsJob?.urlArray.length])).toEqual([
      ['X-1of2', 500],
      ['X-2of2', 500],
    ]);
    expect(planSubmissions(uploadInput({ urls: uploadUrls(500) })).map((r) => r.jobName)).toEqual(['X']);
  });

  it('splits with a batch size of 1', () => {
    expect(planSubmissions(uploadInput({ urls: uploadUrls(2), batchSize: 1 })).map((r) => r.jobName)).toEqual(['X-1of2', 'X-2of2']);
  });

  it('puts the common fields and the options on every batch', () => {
    const requests = planSubmissions(uploadInput({ urls: uploadUrls(5), batchSize: 2, description: 'd', execTime: '2026-12-04T16:00:00+00:00', overwrite: true }));
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request).toMatchObject({ companyHandle: COMPANY, description: 'd', execTime: '2026-12-04T16:00:00+00:00' });
      expect(request.uploadUrlsJob).toMatchObject({ overwrite: true, readyForPublish: false, createMask: false, emailSetting: 'Error' });
    }
  });

  it.each([
    [{ kind: 'image-serving', publishType: 'incremental' }, { postImageServingPublishJob: { emailSetting: 'Error', publishType: 'Incremental' } }],
    [{ kind: 'image-serving', publishType: 'full-with-search' }, { postImageServingPublishJob: { emailSetting: 'Error', publishType: 'FullWithSearch' } }],
    [{ kind: 'image-rendering' }, { postImageRenderingPublishJob: { emailSetting: 'Error' } }],
    [{ kind: 'video' }, { postVideoPublishJob: { emailSetting: 'Error' } }],
  ] as const)('--then-publish %o puts %o on every batch', (thenPublish, post) => {
    const requests = planSubmissions(uploadInput({ urls: uploadUrls(1001), thenPublish }));
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      const { urlArray: _urls, overwrite: _o, readyForPublish: _r, createMask: _c, emailSetting: _e, ...rest } = request.uploadUrlsJob ?? { urlArray: [] };
      expect(rest).toEqual(post);
    }
  });

  it('gives the completion URL to the post publish job', () => {
    const requests = planSubmissions(uploadInput({ urls: uploadUrls(3), batchSize: 2, thenPublish: { kind: 'video' }, completionUrl: 'https://h/done', emailSetting: 'none' }));
    expect(requests.map((r) => r.uploadUrlsJob?.postVideoPublishJob)).toEqual([
      { emailSetting: 'None', httpCompletionUrl: 'https://h/done' },
      { emailSetting: 'None', httpCompletionUrl: 'https://h/done' },
    ]);
  });

  it('does not share one post publish object between batches', () => {
    const [first, second] = planSubmissions(uploadInput({ urls: uploadUrls(2), batchSize: 1, thenPublish: { kind: 'video' } }));
    expect(first?.uploadUrlsJob?.postVideoPublishJob).not.toBe(second?.uploadUrlsJob?.postVideoPublishJob);
  });
});

describe('planSubmissions: errors', () => {
  it.each<[string, Partial<SubmitPlanInput>, string]>([
    ['image-rendering-publish', { publishType: 'full' }, '--publish-type only goes with image-serving-publish, not image-rendering-publish'],
    ['video-publish', { publishType: 'incremental' }, '--publish-type only goes with image-serving-publish, not video-publish'],
    ['upload-urls', { publishType: 'full', urls: uploadUrls(1) }, '--publish-type only goes with image-serving-publish, not upload-urls'],
    ['image-serving-publish', { urls: uploadUrls(1) }, '--urls only goes with upload-urls, not image-serving-publish'],
    ['image-serving-publish', { urls: [] }, '--urls only goes with upload-urls, not image-serving-publish'],
    ['video-publish', { overwrite: true }, '--overwrite only goes with upload-urls, not video-publish'],
    ['image-rendering-publish', { readyForPublish: true }, '--ready-for-publish only goes with upload-urls, not image-rendering-publish'],
    ['image-serving-publish', { createMask: true }, '--create-mask only goes with upload-urls, not image-serving-publish'],
    ['video-publish', { thenPublish: { kind: 'video' } }, '--then-publish only goes with upload-urls, not video-publish'],
  ])('%s with %o: %s', (kind, overrides, message) => {
    expect(planError(publishInput({ kind: kind as SubmitPlanInput['kind'], ...overrides }))).toBe(message);
  });

  it('accepts upload-only booleans left false on a publish', () => {
    expect(planSubmissions(publishInput({ overwrite: false, readyForPublish: false, createMask: false }))).toHaveLength(1);
  });

  it.each([undefined, []])('rejects upload-urls with URLs %o', (urls) => {
    expect(planError(uploadInput({ urls }))).toBe('upload-urls needs URLs: give --urls <file>');
  });

  it.each(['', '   '])('rejects the job name %j', (jobName) => {
    expect(planError(publishInput({ jobName }))).toBe('--name: the job name is empty');
  });

  it('rejects execTime with execSchedule', () => {
    expect(planError(publishInput({ execTime: '2026-12-04T16:00:00+00:00', execSchedule: '0 0 3 * * ?' }))).toBe('--at and --schedule: give one');
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects batch size %d', (batchSize) => {
    expect(planError(uploadInput({ batchSize }))).toBe(`--batch-size must be a whole number of at least 1, not ${batchSize}`);
  });

  it.each(['ftp://h/x', 'not a url', 'hooks.example.com/done'])('rejects the completion URL %j', (completionUrl) => {
    expect(planError(publishInput({ completionUrl }))).toBe(`--completion-url: not an http or https URL: ${JSON.stringify(completionUrl)}`);
  });

  it('rejects a completion URL with a password, masked', () => {
    expect(planError(publishInput({ completionUrl: 'https://u:pw@h/x' }))).toBe(
      '--completion-url: a URL with a user name or password would be sent to IPS in clear; leave them out: "https://u:***@h/x"',
    );
  });

  it('rejects a completion URL on upload-urls without --then-publish (there would be nothing to call it)', () => {
    expect(planError(uploadInput({ completionUrl: 'https://h/x' }))).toBe(
      '--completion-url with upload-urls is called by the publish after it: give --then-publish too',
    );
  });
});

describe('describeSubmission', () => {
  function describeFirst(input: SubmitPlanInput): string[] {
    return planSubmissions(input).map(describeSubmission);
  }

  it('describes an image-serving publish now', () => {
    expect(describeFirst(publishInput())).toEqual(["image-serving-publish job 'X' for c|1001: incremental publish, e-mail on error, now"]);
  });

  it.each([
    ['full', 'full publish'],
    ['full-with-search', 'full-with-search publish'],
  ] as const)('names the publish type %s', (publishType, words) => {
    expect(describeFirst(publishInput({ publishType }))).toEqual([`image-serving-publish job 'X' for c|1001: ${words}, e-mail on error, now`]);
  });

  it.each([
    ['all', 'e-mail on everything'],
    ['error', 'e-mail on error'],
    ['error-and-warning', 'e-mail on error or warning'],
    ['job-completion', 'e-mail on completion'],
    ['none', 'no e-mail'],
  ] as const)('words the e-mail setting %s', (emailSetting, words) => {
    expect(describeFirst(publishInput({ kind: 'video-publish', emailSetting }))).toEqual([`video-publish job 'X' for c|1001: ${words}, now`]);
  });

  it('describes an image-rendering publish at a time', () => {
    expect(describeFirst(publishInput({ kind: 'image-rendering-publish', execTime: '2026-12-04T16:00:00+01:00' }))).toEqual([
      "image-rendering-publish job 'X' for c|1001: e-mail on error, at 2026-12-04T16:00:00+01:00",
    ]);
  });

  it('describes a schedule', () => {
    expect(describeFirst(publishInput({ execSchedule: '0 0 3 * * ?' }))).toEqual([
      "image-serving-publish job 'X' for c|1001: incremental publish, e-mail on error, on schedule 0 0 3 * * ?",
    ]);
  });

  it('describes upload batches: URLs, folders, options, the publish after, the time', () => {
    const input = uploadInput({
      urls: uploadUrls(1000, 3),
      overwrite: true,
      thenPublish: { kind: 'image-serving', publishType: 'incremental' },
      emailSetting: 'none',
      execTime: '2026-12-04T16:00:00+00:00',
    });
    expect(describeFirst(input)).toEqual([
      "upload-urls job 'X-1of2' for c|1001: 500 URLs into 3 folders, overwrite, then image-serving incremental publish, no e-mail, at 2026-12-04T16:00:00+00:00",
      "upload-urls job 'X-2of2' for c|1001: 500 URLs into 3 folders, overwrite, then image-serving incremental publish, no e-mail, at 2026-12-04T16:00:00+00:00",
    ]);
  });

  it('uses the singular for one URL and one folder, and lists every option', () => {
    const urls = [{ sourceUrl: 'https://e.com/a.jpg', destPath: 'f/a.jpg' }];
    expect(describeFirst(uploadInput({ urls, overwrite: true, readyForPublish: true, createMask: true, thenPublish: { kind: 'image-rendering' } }))).toEqual([
      "upload-urls job 'X' for c|1001: 1 URL into 1 folder, overwrite, ready for publish, create mask, then image-rendering publish, e-mail on error, now",
    ]);
  });

  it('counts the top folder (a destPath without a slash) as a folder', () => {
    const urls = [
      { sourceUrl: 'https://e.com/a.jpg', destPath: 'a.jpg' },
      { sourceUrl: 'https://e.com/b.jpg', destPath: 'b.jpg' },
      { sourceUrl: 'https://e.com/c.jpg', destPath: 'x/y/c.jpg' },
    ];
    expect(describeFirst(uploadInput({ urls, thenPublish: { kind: 'video' } }))).toEqual([
      "upload-urls job 'X' for c|1001: 3 URLs into 2 folders, then video publish, e-mail on error, now",
    ]);
  });

  it('describes the post publish type of image-serving', () => {
    expect(describeFirst(uploadInput({ thenPublish: { kind: 'image-serving', publishType: 'full' } }))[0]).toContain(', then image-serving full publish, ');
  });

  it('keeps to one line', () => {
    for (const line of describeFirst(uploadInput({ urls: uploadUrls(1001, 7), thenPublish: { kind: 'video' } }))) expect(line).not.toMatch(/\n/);
  });

  it('throws on a request with no job detail', () => {
    const request: SubmitJobInput = { companyHandle: COMPANY, jobName: 'X' };
    expect(() => describeSubmission(request)).toThrow("submitJob request 'X' has no job detail");
  });
});
