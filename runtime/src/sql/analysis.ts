// Plan construction with analysis: resolving names, expanding `*`, typing expressions and naming
// output columns the way Spark does, so schema errors surface when the DataFrame is defined.
import {
  AnalysisException,
  Explode,
  Expr,
  IsNull,
  SlotRef,
  Star,
  TimeWindow,
  containsAggregate,
  transform,
  visit,
} from './expressions';
import { Aggregate, Filter, Generate, Plan, Project } from './plan';
import { layoutAggregate } from './aggregation';
import { StructField, StructType } from './types';

/** Replaces `*` / `q.*` with references to the child's columns (by position, keeping names). */
export function expandStars(child: Plan, exprs: Expr[]): Expr[] {
  const out: Expr[] = [];
  const scope = child.scope();
  for (const e of exprs) {
    if (e instanceof Star) {
      const q = e.qualifier?.toLowerCase();
      scope.schema.fields.forEach((f, i) => {
        if (q !== undefined) {
          const owners = scope.owners?.[i] ?? [];
          const direct =
            scope.qualifiers?.[i]?.toLowerCase() === q || owners.some((o) => o.toLowerCase() === q);
          const structField = f.name.toLowerCase() === q;
          if (!direct && !structField) return;
          if (structField && f.dataType instanceof StructType) {
            f.dataType.fields.forEach((sf) => out.push(new FieldOf(i, f, sf.name)));
            return;
          }
        }
        out.push(new SlotRef(i, f.dataType, f.nullable, f.name));
      });
      if (q !== undefined && out.length === 0)
        throw new AnalysisException(
          `[CANNOT_RESOLVE_STAR_EXPAND] Cannot resolve ${e.qualifier}.* given input columns ${scope.schema.names.join(', ')}.`,
        );
    } else out.push(e);
  }
  return out;
}

/** `struct.*` expansion: one field of a struct column, named after the field. */
class FieldOf extends SlotRef {
  constructor(
    index: number,
    readonly field: StructField,
    readonly fieldName: string,
  ) {
    const st = field.dataType as StructType;
    const f = st.fields[st.indexOf(fieldName)];
    super(index, f.dataType, true, fieldName);
  }
  override bind(): {
    type: import('./types').DataType;
    nullable: boolean;
    gen: (ctx: import('./codegen').GenContext) => string;
  } {
    const st = this.field.dataType as StructType;
    const fi = st.indexOf(this.fieldName);
    const idx = this.index;
    return {
      type: st.fields[fi].dataType,
      nullable: true,
      gen: (ctx) => {
        const t = ctx.temp();
        return `((${t} = ${ctx.input(idx)}) === null ? null : ${t}[${fi}])`;
      },
    };
  }
}

/** select(): a Project, an Aggregate when the list has aggregate functions, or a Generate for explode. */
export function planSelect(input: Plan, rawExprs: Expr[]): Plan {
  const exprs = expandStars(input, rawExprs);
  const child = withoutNullEventTimes(input, exprs);
  if (exprs.some(containsAggregate)) return planAggregate(child, [], exprs);
  const generators: Explode[] = [];
  for (const e of exprs) visit(e, (x) => x instanceof Explode && generators.push(x));
  if (generators.length > 1)
    throw new AnalysisException(
      '[UNSUPPORTED_GENERATOR.MULTI_GENERATOR] only one generator allowed per SELECT clause but found ' +
        generators.length,
    );
  if (generators.length === 1) {
    const g = generators[0];
    const scope = child.scope();
    const arr = g.bind(scope);
    const elementType = (arr.type as import('./types').ArrayType).elementType;
    const genSchema = new StructType([...child.schema.fields, new StructField('col', elementType, true)]);
    const generate = new Generate(child, g.child, g.outer, genSchema);
    const elIndex = child.schema.length;
    const rewritten = exprs.map((e) =>
      transform(e, (x) => (x === g ? new SlotRef(elIndex, elementType, true, 'col') : undefined)),
    );
    // Keep the child's column references resolvable: they are the first columns of the Generate.
    return projectOver(generate, rewritten);
  }
  return projectOver(child, exprs);
}

function projectOver(child: Plan, exprs: Expr[]): Project {
  const scope = child.scope();
  const fields = exprs.map((e) => {
    const b = e.bind(scope);
    return new StructField(e.outputName(), b.type, b.nullable);
  });
  return new Project(child, exprs, new StructType(fields));
}

/**
 * Spark drops rows whose time column is NULL wherever window() is used (its TimeWindowing rule adds
 * `isnotnull(time)` "for backwards compatibility"); so do we.
 */
function withoutNullEventTimes(child: Plan, exprs: Expr[]): Plan {
  let plan = child;
  for (const e of exprs)
    visit(e, (x) => {
      if (x instanceof TimeWindow) plan = new Filter(plan, new IsNull(x.timeColumn, true));
    });
  return plan;
}

export function planAggregate(input: Plan, groupExprs: Expr[], outputExprs: Expr[]): Aggregate {
  const child = withoutNullEventTimes(input, groupExprs);
  const layout = layoutAggregate(child.scope(), groupExprs, outputExprs);
  return new Aggregate(child, groupExprs, outputExprs, layout.outputSchema);
}
