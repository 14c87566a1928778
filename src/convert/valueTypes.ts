// The type of the values a running aggregation merges, read from the syntax (the converter has no type
// checker: it runs on one file, without lib files). Hoisting `(x, y) => x + y` out of its call loses the
// contextual types its parameters had there, so the hoisted function needs them spelled out.
import { ts } from 'ts-morph';
import type { RddNode } from './analyze';

/** Type text of the merged values of a running aggregation, or undefined when the syntax does not say. */
export function mergedValueType(
  aggregation: RddNode,
  mergeFunction: ts.Expression,
  sf: ts.SourceFile,
): string | undefined {
  const own = functionValueType(mergeFunction, sf);
  if (own) return own;
  const args = aggregation.call.arguments;
  switch (aggregation.method) {
    case 'reduceByKey':
      return aggregation.parent ? pairValueType(aggregation.parent, sf) : undefined;
    case 'foldByKey':
    case 'aggregateByKey':
      return args[0] ? literalType(args[0], sf) : undefined;
    case 'combineByKey':
      // The combiner type: createCombiner's return, mergeValue's accumulator, or — for the identity
      // `(value) => value` — the type of the values themselves.
      return (
        (args[0] ? returnType(args[0], sf) : undefined) ??
        (args[1] ? functionValueType(args[1], sf) : undefined) ??
        (args[0] ? identityType(args[0], aggregation, sf) : undefined)
      );
    default:
      return undefined;
  }
}

/** `(x: number, y: number) => ...` or `(x, y): number => ...`. */
function functionValueType(fn: ts.Expression, sf: ts.SourceFile): string | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const first = fn.parameters[0];
  if (first?.type) return first.type.getText(sf);
  return fn.type?.getText(sf);
}

/** `(value) => value` (or `(value: V) => value`): the values' type, from the annotation or the pairs. */
function identityType(fn: ts.Expression, aggregation: RddNode, sf: ts.SourceFile): string | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const parameter = fn.parameters[0];
  if (fn.parameters.length !== 1 || !parameter || !ts.isIdentifier(parameter.name)) return undefined;
  let body = returnedExpression(fn);
  while (body && ts.isParenthesizedExpression(body)) body = body.expression;
  if (!body || !ts.isIdentifier(body) || body.text !== parameter.name.text) return undefined;
  if (parameter.type) return parameter.type.getText(sf);
  return aggregation.parent ? pairValueType(aggregation.parent, sf) : undefined;
}

function returnType(fn: ts.Expression, sf: ts.SourceFile): string | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  if (fn.type) return fn.type.getText(sf);
  const body = returnedExpression(fn);
  return body ? literalType(body, sf) : undefined;
}

/** The V of the `[K, V]` pairs an RDD step produces. */
function pairValueType(node: RddNode, sf: ts.SourceFile): string | undefined {
  const fn = node.call.arguments[0];
  switch (node.method) {
    case 'map':
    case 'flatMap': {
      if (fn && ts.isIdentifier(fn)) {
        const declared = declaredReturnType(fn.text, sf);
        return declared ? tupleElementType(declared, 1, node.method === 'flatMap', sf) : undefined;
      }
      if (!fn || (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn))) return undefined;
      if (fn.type) return tupleElementType(fn.type, 1, node.method === 'flatMap', sf);
      const body = returnedExpression(fn);
      return body ? pairExpressionValueType(body, node.method === 'flatMap', sf) : undefined;
    }
    case 'mapValues':
      return fn ? returnType(fn, sf) : undefined;
    case 'filter':
    case 'cache':
    case 'persist':
    case 'coalesce':
    case 'repartition':
    case 'partitionBy':
    case 'sample':
    case 'distinct':
    case 'sortBy':
    case 'sortByKey':
      return node.parent ? pairValueType(node.parent, sf) : undefined;
    case 'reduceByKey':
      return node.parent ? pairValueType(node.parent, sf) : undefined;
    default:
      return undefined;
  }
}

function pairExpressionValueType(
  expression: ts.Expression,
  flat: boolean,
  sf: ts.SourceFile,
): string | undefined {
  if (ts.isParenthesizedExpression(expression))
    return pairExpressionValueType(expression.expression, flat, sf);
  if (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
    if (ts.isTypeReferenceNode(expression.type) && expression.type.getText(sf) === 'const') {
      return pairExpressionValueType(expression.expression, flat, sf);
    }
    return tupleElementType(expression.type, 1, flat, sf);
  }
  if (flat) {
    if (ts.isArrayLiteralExpression(expression) && expression.elements[0]) {
      return pairExpressionValueType(expression.elements[0], false, sf);
    }
    return undefined;
  }
  if (ts.isArrayLiteralExpression(expression) && expression.elements.length === 2) {
    return literalType(expression.elements[1], sf);
  }
  return undefined;
}

function tupleElementType(
  type: ts.TypeNode,
  index: number,
  flat: boolean,
  sf: ts.SourceFile,
): string | undefined {
  let current = type;
  if (flat) {
    if (ts.isArrayTypeNode(current)) current = current.elementType;
    else if (ts.isTypeReferenceNode(current) && current.typeArguments?.length === 1)
      current = current.typeArguments[0];
    else return undefined;
  }
  if (ts.isParenthesizedTypeNode(current)) current = current.type;
  if (!ts.isTupleTypeNode(current) || current.elements.length !== 2) return undefined;
  const element = current.elements[index];
  return (ts.isNamedTupleMember(element) ? element.type : element).getText(sf);
}

function literalType(expression: ts.Expression, sf: ts.SourceFile): string | undefined {
  if (ts.isParenthesizedExpression(expression)) return literalType(expression.expression, sf);
  if (ts.isAsExpression(expression))
    return expression.type.getText(sf) === 'const'
      ? literalType(expression.expression, sf)
      : expression.type.getText(sf);
  if (ts.isNumericLiteral(expression) || isNumberConstant(expression)) return 'number';
  if (
    ts.isPrefixUnaryExpression(expression) &&
    (ts.isNumericLiteral(expression.operand) || isNumberConstant(expression.operand))
  )
    return 'number';
  if (ts.isBigIntLiteral(expression)) return 'bigint';
  if (
    ts.isStringLiteral(expression) ||
    ts.isNoSubstitutionTemplateLiteral(expression) ||
    ts.isTemplateExpression(expression)
  )
    return 'string';
  if (expression.kind === ts.SyntaxKind.TrueKeyword || expression.kind === ts.SyntaxKind.FalseKeyword)
    return 'boolean';
  if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) {
    const callee = expression.expression.text;
    if (callee === 'Number' || callee === 'parseInt' || callee === 'parseFloat') return 'number';
    if (callee === 'String') return 'string';
  }
  return undefined;
}

/** `Infinity`, `NaN`, `Number.NEGATIVE_INFINITY`, …: the usual zero values of max/min aggregations. */
function isNumberConstant(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'Infinity' || expression.text === 'NaN';
  return (
    ts.isPropertyAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'Number' &&
    /^(POSITIVE_INFINITY|NEGATIVE_INFINITY|MAX_VALUE|MIN_VALUE|MAX_SAFE_INTEGER|MIN_SAFE_INTEGER|EPSILON|NaN)$/.test(
      expression.name.text,
    )
  );
}

function returnedExpression(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  if (!ts.isBlock(fn.body)) return fn.body;
  const returns = fn.body.statements.filter(ts.isReturnStatement);
  return returns.length === 1 ? returns[0].expression : undefined;
}

/** The declared return type of a function the file defines at top level (`function toPair(): [K, V]`). */
function declaredReturnType(name: string, sf: ts.SourceFile): ts.TypeNode | undefined {
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement.type;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name && init) {
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init.type;
        }
      }
    }
  }
  return undefined;
}
