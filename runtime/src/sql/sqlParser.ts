// A parser for the Spark SQL expression subset used by expr(), selectExpr(), filter("...") and
// spark.sql("SELECT * FROM t"): literals, columns, arithmetic, comparisons, AND/OR/NOT, IS [NOT] NULL,
// [NOT] IN, [NOT] LIKE, [NOT] BETWEEN, CASE, CAST, function calls and `AS` aliases.
import {
  Alias,
  And,
  Arithmetic,
  CaseWhen,
  Cast,
  ColumnRef,
  Comparison,
  Expr,
  In,
  IsNull,
  Like,
  Literal,
  Negate,
  Not,
  Or,
  RLike,
  Star,
} from './expressions';
import { buildFunction } from './functionRegistry';
import { DataType, DateType, DoubleType, LongType, TimestampType, parseDataType } from './types';
import { parseDate, parseTimestamp } from './time';

type TokKind = 'num' | 'str' | 'ident' | 'qident' | 'op' | 'eof';
interface Token {
  kind: TokKind;
  text: string;
  pos: number;
}

export class ParseException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseException';
  }
}

/** Parses one expression, optionally followed by `AS alias` (or a bare alias). */
export function parseExpression(text: string): Expr {
  const p = new ExprParser(text);
  const e = p.aliased();
  p.expectEnd();
  return e;
}

/** Parses `SELECT <list> FROM <table> [WHERE <cond>]` — enough for spark.sql over registered views. */
export function parseSelect(text: string): { columns: Expr[]; table: string; where?: Expr } {
  const p = new ExprParser(text);
  p.keyword('SELECT');
  const columns = [p.aliased()];
  while (p.accept(',')) columns.push(p.aliased());
  p.keyword('FROM');
  const table = p.identifier();
  let where: Expr | undefined;
  if (p.acceptKeyword('WHERE')) where = p.expression();
  p.accept(';');
  p.expectEnd();
  return { columns, table, where };
}

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'IS',
  'NULL',
  'IN',
  'LIKE',
  'RLIKE',
  'BETWEEN',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'CAST',
  'AS',
  'TRUE',
  'FALSE',
  'DISTINCT',
  'FROM',
  'WHERE',
  'SELECT',
  'ESCAPE',
  'TIMESTAMP',
  'DATE',
]);

class ExprParser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  aliased(): Expr {
    const e = this.expression();
    if (this.acceptKeyword('AS')) return new Alias(e, this.identifier());
    const t = this.peek();
    if ((t.kind === 'ident' && !KEYWORDS.has(t.text.toUpperCase())) || t.kind === 'qident') {
      this.i++;
      return new Alias(e, t.text);
    }
    return e;
  }

  expression(): Expr {
    return this.or();
  }

  private or(): Expr {
    let e = this.and();
    while (this.acceptKeyword('OR')) e = new Or(e, this.and());
    return e;
  }
  private and(): Expr {
    let e = this.not();
    while (this.acceptKeyword('AND')) e = new And(e, this.not());
    return e;
  }
  private not(): Expr {
    if (this.acceptKeyword('NOT') || this.accept('!')) return new Not(this.not());
    return this.predicate();
  }

  private predicate(): Expr {
    const e = this.additive();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && ['=', '==', '!=', '<>', '<', '<=', '>', '>=', '<=>'].includes(t.text)) {
        this.i++;
        const r = this.additive();
        const op = t.text === '==' ? '=' : t.text === '<>' ? '!=' : t.text;
        return new Comparison(op as '=', e, r);
      }
      if (this.acceptKeyword('IS')) {
        const negated = this.acceptKeyword('NOT');
        this.keyword('NULL');
        return new IsNull(e, negated);
      }
      const save = this.i;
      const negated = this.acceptKeyword('NOT');
      if (this.acceptKeyword('IN')) {
        this.expect('(');
        const list = [this.expression()];
        while (this.accept(',')) list.push(this.expression());
        this.expect(')');
        const inE = new In(e, list);
        return negated ? new Not(inE) : inE;
      }
      if (this.acceptKeyword('LIKE')) {
        const pat = this.next();
        if (pat.kind !== 'str') throw this.error('LIKE needs a string pattern', pat);
        let esc = '\\';
        if (this.acceptKeyword('ESCAPE')) esc = this.next().text;
        const l = new Like(e, pat.text, esc);
        return negated ? new Not(l) : l;
      }
      if (this.acceptKeyword('RLIKE')) {
        const pat = this.next();
        if (pat.kind !== 'str') throw this.error('RLIKE needs a string pattern', pat);
        const l = new RLike(e, pat.text);
        return negated ? new Not(l) : l;
      }
      if (this.acceptKeyword('BETWEEN')) {
        const lo = this.additive();
        this.keyword('AND');
        const hi = this.additive();
        const b = new And(new Comparison('>=', e, lo), new Comparison('<=', e, hi));
        return negated ? new Not(b) : b;
      }
      this.i = save;
      return e;
    }
  }

  private additive(): Expr {
    let e = this.multiplicative();
    for (;;) {
      if (this.accept('+')) e = new Arithmetic('+', e, this.multiplicative());
      else if (this.accept('-')) e = new Arithmetic('-', e, this.multiplicative());
      else if (this.accept('||')) e = buildFunction('concat', [e, this.multiplicative()]);
      else return e;
    }
  }
  private multiplicative(): Expr {
    let e = this.unary();
    for (;;) {
      if (this.accept('*')) e = new Arithmetic('*', e, this.unary());
      else if (this.accept('/')) e = new Arithmetic('/', e, this.unary());
      else if (this.accept('%')) e = new Arithmetic('%', e, this.unary());
      else return e;
    }
  }
  private unary(): Expr {
    if (this.accept('-')) {
      const inner = this.unary();
      if (inner instanceof Literal && typeof inner.value === 'number')
        return new Literal(-inner.value, inner.type);
      return new Negate(inner);
    }
    if (this.accept('+')) return this.unary();
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'num') return numberLiteral(t.text);
    if (t.kind === 'str') return new Literal(t.text);
    if (t.kind === 'op' && t.text === '(') {
      const e = this.expression();
      this.expect(')');
      return e;
    }
    if (t.kind === 'op' && t.text === '*') return new Star();
    if (t.kind === 'qident') return this.columnPath(t.text);
    if (t.kind !== 'ident') throw this.error(`unexpected "${t.text || 'end of input'}"`, t);
    const upper = t.text.toUpperCase();
    if (upper === 'NULL') return new Literal(null);
    if (upper === 'TRUE') return new Literal(true);
    if (upper === 'FALSE') return new Literal(false);
    if (upper === 'CASE') return this.caseExpr();
    if ((upper === 'TIMESTAMP' || upper === 'DATE') && this.peek().kind === 'str') {
      const s = this.next();
      const v = upper === 'DATE' ? parseDate(s.text) : parseTimestamp(s.text);
      if (v === null) throw this.error(`invalid ${upper} literal '${s.text}'`, s);
      return new Literal(v, upper === 'DATE' ? DateType() : TimestampType());
    }
    if (upper === 'CAST' && this.peekOp('(')) {
      this.expect('(');
      const e = this.expression();
      this.keyword('AS');
      const type = this.dataType();
      this.expect(')');
      return new Cast(e, type);
    }
    if (this.peekOp('(')) {
      this.i++;
      const distinct = this.acceptKeyword('DISTINCT');
      const args: Expr[] = [];
      if (!this.peekOp(')')) {
        if (this.peekOp('*') && t.text.toLowerCase() === 'count') {
          this.i++;
          args.push(new Literal(1));
        } else {
          args.push(this.expression());
          while (this.accept(',')) args.push(this.expression());
        }
      }
      this.expect(')');
      return buildFunction(t.text, args, distinct);
    }
    return this.columnPath(t.text);
  }

  private columnPath(first: string): Expr {
    const parts = [quoteIfNeeded(first)];
    while (this.peekOp('.')) {
      this.i++;
      const n = this.next();
      if (n.kind === 'op' && n.text === '*') return new Star(parts.join('.'));
      if (n.kind !== 'ident' && n.kind !== 'qident') throw this.error('expected a field name after "."', n);
      parts.push(quoteIfNeeded(n.text));
    }
    return new ColumnRef(parts.length === 1 ? first : parts.join('.'));
  }

  private caseExpr(): Expr {
    let subject: Expr | undefined;
    if (!this.peekKeyword('WHEN')) subject = this.expression();
    const branches: [Expr, Expr][] = [];
    while (this.acceptKeyword('WHEN')) {
      const c = this.expression();
      this.keyword('THEN');
      const v = this.expression();
      branches.push([subject ? new Comparison('=', subject, c) : c, v]);
    }
    if (branches.length === 0) throw this.error('CASE needs at least one WHEN', this.peek());
    const elseValue = this.acceptKeyword('ELSE') ? this.expression() : undefined;
    this.keyword('END');
    return new CaseWhen(branches, elseValue);
  }

  private dataType(): DataType {
    const start = this.peek().pos;
    let depth = 0;
    let end = start;
    while (this.peek().kind !== 'eof') {
      const t = this.peek();
      if (t.kind === 'op' && (t.text === '(' || t.text === '<')) depth++;
      if (t.kind === 'op' && (t.text === ')' || t.text === '>')) {
        if (depth === 0) break;
        depth--;
      }
      this.i++;
      end = t.pos + t.text.length;
    }
    return parseDataType(this.text.slice(start, end));
  }

  identifier(): string {
    const t = this.next();
    if (t.kind !== 'ident' && t.kind !== 'qident') throw this.error('expected a name', t);
    let name = t.text;
    while (this.peekOp('.')) {
      this.i++;
      name += '.' + this.next().text;
    }
    return name;
  }

  keyword(k: string): void {
    if (!this.acceptKeyword(k)) throw this.error(`expected ${k}`, this.peek());
  }
  acceptKeyword(k: string): boolean {
    const t = this.peek();
    if (t.kind === 'ident' && t.text.toUpperCase() === k) {
      this.i++;
      return true;
    }
    return false;
  }
  private peekKeyword(k: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toUpperCase() === k;
  }
  accept(op: string): boolean {
    if (this.peekOp(op)) {
      this.i++;
      return true;
    }
    return false;
  }
  private peekOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === op;
  }
  private expect(op: string): void {
    if (!this.accept(op)) throw this.error(`expected "${op}"`, this.peek());
  }
  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') throw this.error(`unexpected "${t.text}"`, t);
  }
  private error(msg: string, t: Token): ParseException {
    return new ParseException(
      `[PARSE_SYNTAX_ERROR] Syntax error at or near ${t.kind === 'eof' ? 'end of input' : `'${t.text}'`}: ${msg}. (line 1, pos ${t.pos})\n\n== SQL ==\n${this.text}\n${'-'.repeat(t.pos)}^^^`,
    );
  }
}

function quoteIfNeeded(name: string): string {
  return name.includes('.') ? '`' + name + '`' : name;
}

function numberLiteral(text: string): Literal {
  const suffix = text.slice(-1).toUpperCase();
  if (suffix === 'L') return new Literal(Number(text.slice(0, -1)), LongType());
  if (suffix === 'D') return new Literal(Number(text.slice(0, -1)), DoubleType());
  const v = Number(text);
  if (/[.eE]/.test(text)) return new Literal(v, DoubleType());
  return new Literal(v);
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[LlDd]?/.exec(text.slice(i))!;
      out.push({ kind: 'num', text: m[0], pos: start });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      out.push({ kind: 'ident', text: m[0], pos: start });
      i += m[0].length;
      continue;
    }
    if (c === '`') {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ParseException(`[PARSE_SYNTAX_ERROR] Unclosed \` in: ${text}`);
        if (text[i] === '`') {
          if (text[i + 1] === '`') {
            s += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += text[i++];
      }
      out.push({ kind: 'qident', text: s, pos: start });
      continue;
    }
    if (c === "'" || c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length)
          throw new ParseException(`[PARSE_SYNTAX_ERROR] Unclosed string literal in: ${text}`);
        const ch = text[i];
        if (ch === '\\' && i + 1 < text.length) {
          const n = text[i + 1];
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === '0' ? '\0' : n;
          i += 2;
          continue;
        }
        if (ch === c) {
          if (text[i + 1] === c) {
            s += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += ch;
        i++;
      }
      out.push({ kind: 'str', text: s, pos: start });
      continue;
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    if (three === '<=>') {
      out.push({ kind: 'op', text: three, pos: start });
      i += 3;
    } else if (['<=', '>=', '!=', '<>', '==', '||'].includes(two)) {
      out.push({ kind: 'op', text: two, pos: start });
      i += 2;
    } else if ('+-*/%=<>(),.!;'.includes(c)) {
      out.push({ kind: 'op', text: c, pos: start });
      i++;
    } else {
      throw new ParseException(`[PARSE_SYNTAX_ERROR] Syntax error at or near '${c}' (pos ${i}) in: ${text}`);
    }
  }
  out.push({ kind: 'eof', text: '', pos: text.length });
  return out;
}
