/**
 * A `Response` whose body is a string known in full (a route's JSON answer), built without the body
 * stream a web `Response` makes at once (Node's undici: a ReadableStream and its transfer set-up,
 * then a reader the server drains): for a small answer that stream was the largest piece of the
 * request's own cost (README, "API server (issue 11)"). It is a real `Response` to everyone: the
 * stream is made the first time something reads `body` or consumes the body. A server that knows
 * this class writes `unreadText` to the socket instead (apps/api's `writeBufferedResponse`).
 *
 * @example
 *   const response = new BufferedResponse(JSON.stringify(data), { status: 200, headers: { 'content-type': 'application/json' } });
 *   await response.json(); // data, as from any Response
 */

export class BufferedResponse extends Response {
  readonly #text: string;
  #full: Response | undefined;

  constructor(text: string, init: ResponseInit = {}) {
    super(null, init);
    this.#text = text;
  }

  /** The body, for a server to write as it is; undefined once the body was read some other way. */
  get unreadText(): string | undefined {
    return this.#full ? undefined : this.#text;
  }

  /** The same response with its body as a stream, made on first use; headers as they are now. */
  materialize(): Response {
    this.#full ??= new Response(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
    return this.#full;
  }
}

// Everything that touches the body goes to the materialized response. Defined on the prototype
// rather than overridden in the class: Node's typings declare these members as properties (and some
// Node versions have `bytes()`, which they do not declare).
type TBodyReader = (this: Response) => Promise<unknown>;
const bodyReaders = ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'] as const;
Object.defineProperties(BufferedResponse.prototype, {
  ...Object.fromEntries(bodyReaders.map((name) => [name, {
    value: function (this: BufferedResponse) {
      const full = this.materialize();
      return (full[name as keyof Response] as TBodyReader).call(full);
    },
    writable: true, configurable: true,
  }])),
  clone: {
    value: function (this: BufferedResponse): Response {
      const text = this.unreadText;
      if (text === undefined) return this.materialize().clone();
      return new BufferedResponse(text, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
    },
    writable: true, configurable: true,
  },
  body: { get(this: BufferedResponse) { return this.materialize().body; }, configurable: true },
  bodyUsed: { get(this: BufferedResponse) { return this.unreadText !== undefined ? false : this.materialize().bodyUsed; }, configurable: true },
});
