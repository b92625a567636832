/**
 * Just enough of CloudFormation's intrinsic functions to read a packaged template in a test:
 * conditions are evaluated (their inputs are literal strings once serverless has filled in its
 * parameters), `Fn::If` picks its branch, `Fn::Sub` fills in pseudo parameters, and references to
 * resources become readable tokens (`Ref` → `ref:Name`, `Fn::GetAtt` → `Name.Attr`).
 */

export interface CloudFormationTemplate {
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, { Type: string; Properties?: any; Condition?: string; DependsOn?: string | string[] }>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Evaluates the template's condition `name` to a boolean. */
export function evaluateCondition(template: CloudFormationTemplate, name: string): boolean {
  const condition = template.Conditions?.[name];
  if (condition === undefined) throw new Error(`condition ${name} is not defined`);
  const value = resolveIntrinsics(template, condition);
  if (typeof value !== 'boolean') throw new Error(`condition ${name} is not a boolean: ${JSON.stringify(value)}`);
  return value;
}

/** Returns `value` with every intrinsic function this module knows replaced by its result. */
export function resolveIntrinsics(template: CloudFormationTemplate, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(template, v));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [fn, arg] = entries[0] ?? [];
  if (entries.length === 1 && fn !== undefined) {
    const args = () => resolveIntrinsics(template, arg) as unknown[];
    switch (fn) {
      case 'Ref':
        return PSEUDO[arg as string] ?? `ref:${String(arg)}`;
      case 'Fn::GetAtt':
        return (arg as string[]).join('.');
      case 'Fn::Sub': {
        // `!Sub text` or `!Sub [text, { name: value }]`: the named values first.
        if (!Array.isArray(arg)) return substitute(arg as string);
        const [text, values] = arg as [string, Record<string, unknown>];
        const named = resolveIntrinsics(template, values) as Record<string, string>;
        return substitute(text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => named[name] ?? whole));
      }
      case 'Fn::Join': {
        const [sep, parts] = args() as [string, unknown[]];
        return parts.join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = args() as [number, unknown[]];
        return list[Number(index)];
      }
      case 'Fn::Split': {
        const [sep, text] = args() as [string, string];
        return text.split(sep);
      }
      case 'Fn::Equals': {
        const [a, b] = args();
        return a === b;
      }
      case 'Fn::Not':
        return !(args()[0] as boolean);
      case 'Fn::And':
        return args().every(Boolean);
      case 'Fn::Or':
        return args().some(Boolean);
      case 'Condition':
        return evaluateCondition(template, arg as string);
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return resolveIntrinsics(template, evaluateCondition(template, name) ? whenTrue : whenFalse);
      }
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(template, v)]));
}

function substitute(text: string): string {
  // A resource reference inside a string (a host name, an ARN) becomes a lower-case token, so the
  // result still parses as the URL or ARN it stands for.
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => PSEUDO[name] ?? (name.includes('.') ? name : `ref-${name.toLowerCase()}`));
}
