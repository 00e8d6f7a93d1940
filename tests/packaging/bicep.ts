/**
 * A deliberately small reader for infra/azure.bicep (the Bicep CLI is not available here): top-level params,
 * variables, resources and outputs, object literals one level deep, and an evaluator for the string expressions
 * the app settings use. Enough to check the template against teamsapp.yml and the service's configuration.
 */

export interface BicepParam {
  readonly type: string;
  readonly defaultExpr?: string;
  readonly decorators: readonly string[];
}

export interface BicepResource {
  readonly symbol: string;
  readonly type: string;
  readonly apiVersion: string;
  /** The declaration, from `resource` to its closing brace. */
  readonly text: string;
}

export interface BicepModule {
  readonly symbol: string;
  /** The module file, relative to the template. */
  readonly path: string;
  readonly text: string;
}

export interface BicepFile {
  readonly params: ReadonlyMap<string, BicepParam>;
  readonly modules: readonly BicepModule[];
  readonly vars: ReadonlyMap<string, string>;
  readonly resources: readonly BicepResource[];
  readonly outputs: ReadonlyMap<string, { readonly type: string; readonly expr: string }>;
  /** The template without comment lines. */
  readonly code: string;
}

/** Net bracket depth of a line ({, [, ( opened minus closed). Strings' interpolations are balanced. */
function depth(line: string): number {
  let d = 0;
  for (const ch of line) {
    if ('{[('.includes(ch)) d++;
    else if ('}])'.includes(ch)) d--;
  }
  return d;
}

const DECLARATION = /^(param|var|resource|module|output) /;

/** Splits the template into top-level statements (decorators attached to the statement that follows). */
function statements(code: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let open = 0;
  for (const line of code.split('\n')) {
    if (open === 0 && line.trim() === '') continue;
    current.push(line);
    open += depth(line);
    if (open === 0 && current.some((l) => DECLARATION.test(l))) {
      out.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length > 0) throw new Error(`unbalanced statement: ${current[0]}`);
  return out;
}

export function parseBicep(text: string): BicepFile {
  const code = text
    .split(/\r?\n/)
    .filter((l) => !/^\s*\/\//.test(l))
    .join('\n');
  const params = new Map<string, BicepParam>();
  const vars = new Map<string, string>();
  const resources: BicepResource[] = [];
  const modules: BicepModule[] = [];
  const outputs = new Map<string, { type: string; expr: string }>();
  for (const statement of statements(code)) {
    const lines = statement.split('\n');
    const start = lines.findIndex((l) => DECLARATION.test(l));
    const decorators = lines.slice(0, start).join('\n');
    const body = lines.slice(start).join('\n');
    let m: RegExpExecArray | null;
    if ((m = /^param (\w+) (\w+)(?: = ([\s\S]+))?$/.exec(body))) {
      params.set(m[1]!, {
        type: m[2]!,
        ...(m[3] !== undefined ? { defaultExpr: m[3].trim() } : {}),
        decorators: decorators ? decorators.split(/\n(?=@)/) : [],
      });
    } else if ((m = /^var (\w+) = ([\s\S]+)$/.exec(body))) {
      vars.set(m[1]!, m[2]!.trim());
    } else if ((m = /^resource (\w+) '([^@']+)@([^']+)'/.exec(body))) {
      resources.push({ symbol: m[1]!, type: m[2]!, apiVersion: m[3]!, text: body });
    } else if ((m = /^module (\w+) '([^']+)'/.exec(body))) {
      modules.push({ symbol: m[1]!, path: m[2]!, text: body });
    } else if ((m = /^output (\w+) (\w+) = ([\s\S]+)$/.exec(body))) {
      outputs.set(m[1]!, { type: m[2]!, expr: m[3]!.trim() });
    } else {
      throw new Error(`unrecognised statement: ${body.split('\n')[0]}`);
    }
  }
  return { params, modules, vars, resources, outputs, code };
}

/** Top-level entries of an object literal `{ key: expr … }` written one entry per line. */
export function objectEntries(objectText: string): Map<string, string> {
  const inner = objectText.trim().replace(/^\{/, '').replace(/\}$/, '');
  const entries = new Map<string, string>();
  let key: string | undefined;
  let value: string[] = [];
  let open = 0;
  for (const line of inner.split('\n')) {
    const m = open === 0 ? /^\s*'?([\w$.{}-]+)'?: (.*)$/.exec(line) : null;
    if (m) {
      if (key !== undefined) entries.set(key, value.join('\n').trim());
      key = m[1]!;
      value = [m[2]!];
    } else if (key !== undefined) {
      value.push(line);
    }
    open += depth(line);
  }
  if (key !== undefined) entries.set(key, value.join('\n').trim());
  return entries;
}

export interface EvaluationContext {
  readonly bicep: BicepFile;
  /** Parameter values as the parameters file passes them (placeholders already resolved). */
  readonly params: Readonly<Record<string, string>>;
  /** Values of outputs as the deployment returns them (stand-ins for runtime values). */
  readonly outputs: Readonly<Record<string, string>>;
}

/**
 * Evaluates a string expression: literals with `${…}` interpolation, params (given or default), variables, and
 * runtime expressions that an output also returns (their value is that output's). Undefined when unknown.
 */
export function evaluate(expr: string, ctx: EvaluationContext): string | undefined {
  const e = expr.trim();
  for (const [name, output] of ctx.bicep.outputs) {
    if (output.expr === e && ctx.outputs[name] !== undefined) return ctx.outputs[name];
  }
  const literal = /^'((?:[^'\\]|\\.)*)'$/.exec(e);
  if (literal) {
    let unknown = false;
    const value = literal[1]!.replace(/\$\{([^}]*)\}/g, (_, inner: string) => {
      const v = evaluate(inner, ctx);
      if (v === undefined) unknown = true;
      return v ?? '';
    });
    return unknown ? undefined : value.replace(/\\'/g, "'");
  }
  const param = ctx.bicep.params.get(e);
  if (param) {
    if (ctx.params[e] !== undefined) return ctx.params[e];
    return param.defaultExpr !== undefined ? evaluate(param.defaultExpr, ctx) : undefined;
  }
  const variable = ctx.bicep.vars.get(e);
  if (variable !== undefined) return evaluate(variable, ctx);
  return undefined;
}
