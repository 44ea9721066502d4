import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenAPIObject, OperationObject, ResponseObject } from 'openapi3-ts/oas31';

const DOCUMENT_ID = 'openapi.json';

/** What one API response turned out to be, for checking against the document. */
export type ApiExchange = Readonly<{ method: string; path: string; status: number; contentType: string | null; body: unknown; rawBody: string }>;

/**
 * The API's own OpenAPI document, checked to be valid OpenAPI 3.1, and able to tell whether a
 * response is one it describes: a documented status of the operation, with the documented media
 * type and a body its schema accepts. Addresses no operation answers (an unknown path, a method a
 * path does not take) must still be problem details.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  private readonly templates: readonly Readonly<{ template: string; pattern: RegExp }>[];

  private constructor(readonly document: OpenAPIObject) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.templates = Object.keys(document.paths ?? {}).map((template) => ({
      template,
      pattern: new RegExp(`^/api${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    }));
  }

  static async load(baseUrl: string): Promise<OpenApiContract> {
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
    const document = (await response.json()) as OpenAPIObject;
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Record<string, unknown>);
    if (!result.valid) throw new Error(`/api/openapi.json is not valid OpenAPI: ${JSON.stringify(result.errors)}`);
    if (validator.version !== '3.1') throw new Error(`/api/openapi.json is OpenAPI ${validator.version}, not 3.1`);
    return new OpenApiContract(document);
  }

  /** The reasons `exchange` departs from the document; empty when it conforms. */
  violations(exchange: ApiExchange): string[] {
    const path = exchange.path.split('?')[0] ?? '';
    const template = this.templates.find((candidate) => candidate.pattern.test(path))?.template;
    const method = exchange.method.toLowerCase();
    const operation = template ? (this.document.paths?.[template] as Record<string, OperationObject | undefined>)[method] : undefined;
    if (!template || !operation) {
      if (exchange.status < 400) return [`${exchange.method} ${path} answered ${exchange.status} but is no documented operation`];
      return this.check(exchange, 'application/problem+json', `${DOCUMENT_ID}#/components/schemas/Problem`);
    }
    const response = operation.responses?.[String(exchange.status)] as ResponseObject | undefined;
    if (!response) return [`${exchange.method} ${template} does not document status ${exchange.status}`];
    const mediaType = Object.keys(response.content ?? {})[0];
    if (!mediaType) return exchange.rawBody === '' && exchange.contentType === null ? [] : [`${exchange.method} ${template} ${exchange.status} should have no body, nor a Content-Type`];
    const pointer = ['paths', template, method, 'responses', String(exchange.status), 'content', mediaType, 'schema']
      .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
    return this.check(exchange, mediaType, `${DOCUMENT_ID}#/${pointer}`);
  }

  private check(exchange: ApiExchange, mediaType: string, schemaRef: string): string[] {
    const where = `${exchange.method} ${exchange.path} ${exchange.status}`;
    if (!exchange.contentType?.startsWith(mediaType)) return [`${where}: Content-Type ${exchange.contentType} is not ${mediaType}`];
    const validate = this.ajv.getSchema(schemaRef);
    if (!validate) return [`${where}: the document has no schema at ${schemaRef}`];
    // A schema marked $async would answer with a promise; none is, so anything but true is a failure.
    if (validate(exchange.body) === true) return [];
    return (validate.errors ?? []).map((error) => `${where}: ${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
}
