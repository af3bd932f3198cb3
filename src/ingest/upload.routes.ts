import { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { Actor } from '../platform/common/context';
import { ErrorCode } from '../platform/common/errors';
import { withRequestScope } from '../platform/db/request-scope';
import { HttpError } from '../platform/http/errors';
import { RouteTools } from '../platform/http/module';
import { checkParams } from '../platform/http/params';
import { quote, unsafeTextReason } from '../platform/common/text';
import { InputRejected } from './format/problems';
import { WorkbookRefused } from './format/xlsx/refusal';
import { runImport } from './import';
import { XLSX_TYPE } from './template/template.routes';
import { rejected, toResultType } from './import.resolver';
import { assertImportSize, reportOf, UploadFormat, uploadSource, workbookRefusal } from './upload';

/** The media types POST /import takes, and what each is read as. */
const FORMATS: Record<string, UploadFormat> = { [XLSX_TYPE]: 'xlsx', 'text/csv': 'csv', 'application/json': 'json' };

function unsupported(type: string | undefined): HttpError {
  return new HttpError(
    415,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    `POST /import takes the file as the request body, with Content-Type ${Object.keys(FORMATS).join(', ')}${type ? `, not ${quote(type.slice(0, 80))}` : '; none was given'}.`,
    { validContentTypes: Object.keys(FORMATS) },
  );
}

/** An error met while importing, answered with its own status: the key's rights, a refused workbook, a report's problems. */
function answerFor(e: unknown, file: string): unknown {
  if (e instanceof WorkbookRefused) e = workbookRefusal(e, file);
  if (e instanceof InputRejected) return new HttpError(422, ErrorCode.BAD_USER_INPUT, rejected(e.problems).message, { problems: e.problems });
  if (e instanceof GraphQLError && typeof (e.extensions.http as { status?: unknown } | undefined)?.status === 'number') {
    const { http, code, ...extra } = e.extensions as { http: { status: number }; code?: string };
    return new HttpError(http.status, String(code ?? ErrorCode.BAD_USER_INPUT), e.message, extra);
  }
  return e;
}

/** The key's holder; 401 without a valid key, checked before the body is read. */
function requireKey(request: FastifyRequest): Actor {
  if (request.auth.kind === 'actor') return request.auth.actor;
  throw new HttpError(
    401,
    ErrorCode.UNAUTHENTICATED,
    request.auth.kind === 'invalid' ? 'The API key is not valid (unknown or revoked).' : 'Uploading needs an API key: send it as "Authorization: Bearer <key>".',
  );
}

function uploadParams(request: FastifyRequest, format: UploadFormat): { dryRun: boolean; fileName: string } {
  const params = new URLSearchParams(request.url.split('?')[1] ?? '');
  checkParams(params, ['dryRun', 'fileName']);
  const dryRun = params.get('dryRun') ?? 'false';
  if (dryRun !== 'true' && dryRun !== 'false') throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `dryRun is true or false, not ${quote(dryRun.slice(0, 40))}`);
  const fileName = params.get('fileName') ?? `upload.${format}`;
  if (!fileName || fileName.length > 200 || unsafeTextReason(fileName)) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'fileName is 1–200 characters');
  return { dryRun: dryRun === 'true', fileName };
}

/**
 * POST /import?dryRun=true|false: a report uploaded as the request body — the filled template as .xlsx or CSV, or
 * the import format's JSON — with an API key in Authorization. The same import as importReport and the CLI; the
 * answer is its result as JSON with the status that fits: 401 without a valid key (before the body is read), 403
 * for another förbund, 415 for another type, 413 over the body limit or for too large a workbook, 422 for a
 * workbook that is not read or a report with problems (every problem, at its sheet and cell), 200 with the batch
 * and its counts, or on a dry run the plan.
 */
export function registerUploadRoutes(app: FastifyInstance, { write }: RouteTools): void {
  app.register(async (scope) => {
    // The body is the file itself: kept as bytes, whatever its type; a type not taken is refused before it is read.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(Object.keys(FORMATS), { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('*', (request, _payload, done) => done(unsupported(request.headers['content-type']), undefined));
    scope.post(
      '/import',
      {
        config: { resource: true, writes: true },
        onRequest: async (request) => void requireKey(request),
      },
      async (request, reply) => {
        const actor = requireKey(request);
        const format = FORMATS[(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()];
        if (!format) throw unsupported(request.headers['content-type']);
        if (!Buffer.isBuffer(request.body) || !request.body.length) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'The request body is empty: send the file as the body.');
        const { dryRun, fileName } = uploadParams(request, format);
        const body = request.body;
        try {
          const result = await withRequestScope(request.scope, async () => {
            const source = await uploadSource(write.manager, fileName, format, body);
            assertImportSize(reportOf(source) ?? {});
            return runImport(write, [source], () => null, { actor, origin: 'upload', dryRun });
          });
          return reply.type('application/json').send(toResultType(result));
        } catch (e) {
          throw answerFor(e, fileName);
        }
      },
    );
  });
}
