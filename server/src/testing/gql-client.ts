export interface GqlError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: (string | number)[];
}

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: GqlError[];
}

export interface UploadFile {
  name: string;
  content: Buffer | string;
  type?: string;
}

/** GraphQL over real HTTP with a cookie jar, like a browser tab of the console. */
export class GqlClient {
  private cookie = "";
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    return h;
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair.split("=");
      const others = this.cookie.split("; ").filter((c) => c && !c.startsWith(`${name}=`));
      if (value && !/expires=Thu, 01 Jan 1970/i.test(line)) others.push(`${name}=${value}`);
      this.cookie = others.join("; ");
    }
  }

  async request<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ query, variables }),
    });
    this.remember(res);
    const body = (await res.json()) as { data?: T; errors?: GqlError[] };
    return { status: res.status, ...body };
  }

  /** Expects success and returns data, failing with the server's errors otherwise. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  /** Expects exactly one error and returns it. */
  async fails(query: string, variables: Record<string, unknown> = {}): Promise<GqlError> {
    const res = await this.request(query, variables);
    if (!res.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return res.errors[0];
  }

  /** GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec). */
  async upload<T = any>(
    query: string,
    variables: Record<string, unknown>,
    files: Record<string, UploadFile>,
    headers: Record<string, string> = { "apollo-require-preflight": "true" },
  ): Promise<GqlResponse<T>> {
    const form = new FormData();
    form.append("operations", JSON.stringify({ query, variables }));
    const map: Record<string, string[]> = {};
    Object.keys(files).forEach((variablePath, i) => (map[String(i)] = [`variables.${variablePath}`]));
    form.append("map", JSON.stringify(map));
    Object.values(files).forEach((f, i) => {
      const bytes = typeof f.content === "string" ? Buffer.from(f.content) : f.content;
      form.append(String(i), new Blob([new Uint8Array(bytes)], { type: f.type ?? "application/octet-stream" }), f.name);
    });
    const res = await fetch(`${this.baseUrl}/graphql`, { method: "POST", headers: this.headers(headers), body: form });
    this.remember(res);
    const text = await res.text();
    let body: { data?: T; errors?: GqlError[] };
    try {
      body = JSON.parse(text);
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { status: res.status, ...body };
  }

  async get(pathAndQuery: string): Promise<Response> {
    return fetch(`${this.baseUrl}${pathAndQuery}`, { headers: this.headers() });
  }

  async login(username: string, password: string) {
    return this.request(
      `mutation($input: LoginInput!) { login(input: $input) { id username kind mustChangePassword roles } }`,
      { input: { username, password } },
    );
  }

  hasSession(): boolean {
    return this.cookie.includes("pa_sid=");
  }

  forgetSession(): void {
    this.cookie = "";
  }
}
